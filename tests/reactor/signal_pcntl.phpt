--TEST--
libuv reactor: a pcntl_signal() handler is called for every delivery while a signal event holds the signal, and works again after the event is released
--EXTENSIONS--
async_test
pcntl
posix
--FILE--
<?php
$calls = [];
pcntl_signal(SIGUSR1, function (int $signo, $info) use (&$calls) {
    $calls[] = "pcntl handler: signal $signo, siginfo signo {$info['signo']}";
});
$before = async_test_signal_action(SIGUSR1);

$a = async_test_signal_watch(SIGUSR1);
$b = async_test_signal_watch(SIGUSR1);
echo "action taken by libuv: ", var_export($before !== async_test_signal_action(SIGUSR1), true), "\n";

posix_kill(posix_getpid(), SIGUSR1);
echo "delivered: ", var_export(async_test_signal_run($b, 1), true), "\n";
echo "events: ", async_test_signal_count($a), " ", async_test_signal_count($b), "\n";
pcntl_signal_dispatch();
print_r($calls);

// One event stopped: the other still gets it, and the handler is still called.
async_test_signal_stop($a);
async_test_signal_raise(SIGUSR1);
echo "delivered: ", var_export(async_test_signal_run($b, 2), true), "\n";
echo "events: ", async_test_signal_count($a), " ", async_test_signal_count($b), "\n";
pcntl_signal_dispatch();
echo count($calls), " handler calls\n";

async_test_signal_release($a);
async_test_signal_release($b);
echo "action restored exactly: ", var_export($before === async_test_signal_action(SIGUSR1), true), "\n";

// The handler is PHP's again: the kernel calls Zend, Zend queues it for pcntl.
posix_kill(posix_getpid(), SIGUSR1);
pcntl_signal_dispatch();
echo count($calls), " handler calls\n";

// The same with asynchronous signals: the handler runs by itself once the loop returns.
pcntl_async_signals(true);
$c = async_test_signal_watch(SIGUSR1);
posix_kill(posix_getpid(), SIGUSR1);
echo "delivered: ", var_export(async_test_signal_run($c, 1), true), "\n";
echo count($calls), " handler calls\n";
async_test_signal_release($c);
echo "action restored exactly: ", var_export($before === async_test_signal_action(SIGUSR1), true), "\n";
?>
--EXPECT--
action taken by libuv: true
delivered: true
events: 1 1
Array
(
    [0] => pcntl handler: signal 10, siginfo signo 10
)
delivered: true
events: 1 2
2 handler calls
action restored exactly: true
3 handler calls
delivered: true
4 handler calls
action restored exactly: true
