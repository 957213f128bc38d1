--TEST--
libuv reactor: an exec event leaves a pcntl_signal(SIGCHLD) handler in place (libuv's child watcher would reset SIGCHLD to SIG_DFL) and passes SIGCHLD on to it meanwhile
--EXTENSIONS--
async_test
pcntl
posix
--FILE--
<?php
$calls = 0;
pcntl_signal(SIGCHLD, function (int $signo) use (&$calls) { $calls++; });
$before = async_test_signal_action(SIGCHLD);

$result = async_test_exec('exec', 'echo hi; exit 3');
echo "exec: ", $result['return_value'], ", exit ", $result['exit_code'], "\n";
pcntl_signal_dispatch();
echo "SIGCHLD handler called while the command ran: ", $calls >= 1 ? 'yes' : 'no', "\n";
echo "SIGCHLD action as before: ", var_export($before === async_test_signal_action(SIGCHLD), true), "\n";

foreach (async_test_exec_scenario('many') as $line) echo $line, "\n";
echo "SIGCHLD action as before: ", var_export($before === async_test_signal_action(SIGCHLD), true), "\n";

// The kernel still calls Zend, and Zend pcntl, for the next child.
$calls = 0;
$pid = async_test_process_fork(0);
pcntl_waitpid($pid, $status);
pcntl_signal_dispatch();
echo "after: SIGCHLD handler called: ", $calls >= 1 ? 'yes' : 'no', "\n";
?>
--EXPECT--
exec: hi, exit 3
SIGCHLD handler called while the command ran: yes
SIGCHLD action as before: true
running 50 commands: active 50
50 terminated and notified once, 50 exit codes and 50 last lines as expected, active 0
children left: no
SIGCHLD action as before: true
after: SIGCHLD handler called: yes
