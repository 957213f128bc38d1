--TEST--
libuv reactor from C: a signal event saves the process's action, passes deliveries on to a previous handler and restores the action exactly; PHP's default actions are not passed on; invalid signals throw
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['signals', 'restore', 'chain_raw', 'invalid'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_signal_scenario($scenario) as $line) echo $line, "\n";
}
echo "still alive\n";
?>
--EXPECT--
-- signals
SIGINT (before: a handler): delivered yes, action restored yes
SIGTERM (before: a handler): delivered yes, action restored yes
SIGHUP (before: a handler): delivered yes, action restored yes
SIGQUIT (before: a handler): delivered yes, action restored yes
SIGUSR1 (before: a handler): delivered yes, action restored yes
SIGUSR2 (before: a handler): delivered yes, action restored yes
SIGWINCH (before: default): delivered yes, action restored yes
SIGALRM (before: default): delivered yes, action restored yes
SIGCHLD (before: default): delivered yes, action restored yes
SIGPIPE (before: ignore): delivered yes, action restored yes
SIGCONT (before: default): delivered yes, action restored yes
-- restore
signal 10 (a handler): replaced while started yes, kept while one is started yes, restored exactly yes
signal 13 (ignore): replaced while started yes, kept while one is started yes, restored exactly yes
signal 28 (default): replaced while started yes, kept while one is started yes, restored exactly yes
-- chain_raw
A notified (1), result NULL, exception NULL
delivered: yes
raw SA_SIGINFO handler called from the loop: 1 time(s), si_signo 12
raw handler restored exactly: yes
delivered by the kernel after the release: 2 call(s)
A notified (1), result NULL, exception NULL
delivered: yes
raw plain handler called from the loop: 1 time(s), si_signo 28
raw handler restored exactly: yes
delivered by the kernel after the release: 2 call(s)
-- invalid
Async\AsyncException: Cannot watch signal 0: no such signal
Async\AsyncException: Cannot watch signal -1: no such signal
Async\AsyncException: Cannot watch signal 65: no such signal
Async\AsyncException: Cannot watch signal 1000: no such signal
Async\AsyncException: Cannot watch signal 9: SIGKILL and SIGSTOP cannot be caught
Async\AsyncException: Cannot watch signal 19: SIGKILL and SIGSTOP cannot be caught
Async\AsyncException: Cannot watch signal 32: reserved by the C library
still alive
