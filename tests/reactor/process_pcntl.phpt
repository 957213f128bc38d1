--TEST--
libuv reactor: process events leave a pcntl_signal(SIGCHLD) handler working (pidfd, and the SIGCHLD fallback which passes SIGCHLD on to it)
--EXTENSIONS--
async_test
pcntl
posix
--FILE--
<?php
// valgrind 3.19 does not know pidfd_open(2) and says so in its log: use the fallback under it.
$pidfd = getenv('USE_ZEND_ALLOC') !== '0';
$calls = 0;
pcntl_signal(SIGCHLD, function (int $signo) use (&$calls) { $calls++; });
// A blocking turn of the loop puts the reactor's wake-up action in front of Zend's dispatcher for
// a signal with a PHP handler (reactor/signal_wake.c): the action to compare with comes after one.
if (!$pidfd) {
    putenv('ASYNC_UV_NO_PIDFD=1');
}
async_test_process_wait(async_test_process_fork(0));
$before = async_test_signal_action(SIGCHLD);

foreach (['pidfd' => false, 'fallback' => true] as $mode => $fallback) {
    if ($fallback || !$pidfd) {
        putenv('ASYNC_UV_NO_PIDFD=1');
    }
    $calls = 0;
    $pids = [async_test_process_fork(42, 30), async_test_process_fork(7, 10)];
    echo "$mode: exit codes ", async_test_process_wait($pids[0]), " ", async_test_process_wait($pids[1]), "\n";
    pcntl_signal_dispatch();
    echo "$mode: SIGCHLD handler called: ", $calls >= 1 ? 'yes' : 'no', "\n";
    echo "$mode: SIGCHLD action as before: ", var_export($before === async_test_signal_action(SIGCHLD), true), "\n";
}

// The handler still gets the next child's SIGCHLD from the kernel.
$calls = 0;
$pid = async_test_process_fork(0);
pcntl_waitpid($pid, $status);
pcntl_signal_dispatch();
echo "after: SIGCHLD handler called: ", $calls >= 1 ? 'yes' : 'no', ", exit status ", pcntl_wexitstatus($status), "\n";
?>
--EXPECT--
pidfd: exit codes 42 7
pidfd: SIGCHLD handler called: yes
pidfd: SIGCHLD action as before: true
fallback: exit codes 42 7
fallback: SIGCHLD handler called: yes
fallback: SIGCHLD action as before: true
after: SIGCHLD handler called: yes, exit status 0
