--TEST--
libuv reactor: signal events left started at request end give the signals back to Zend (zend.signal_check sees its own handlers); an ignored signal stays ignored
--EXTENSIONS--
async_test
pcntl
posix
--INI--
zend.signal_check=1
--FILE--
<?php
pcntl_signal(SIGUSR2, SIG_IGN);
$ignored = async_test_signal_action(SIGUSR2);
$id = async_test_signal_watch(SIGUSR2);
posix_kill(posix_getpid(), SIGUSR2);
echo "delivered while ignored: ", var_export(async_test_signal_run($id, 1), true), "\n";
async_test_signal_release($id);
echo "ignored again: ", var_export($ignored === async_test_signal_action(SIGUSR2), true), "\n";
posix_kill(posix_getpid(), SIGUSR2);
echo "survived SIGUSR2\n";

// Left started: request shutdown stops them and restores Zend's dispatcher.
async_test_signal_watch(SIGUSR1);
async_test_signal_watch(SIGTERM, true);
async_test_signal_watch(SIGHUP);
async_test_signal_stop(async_test_signal_watch(SIGINT));
echo "done\n";
?>
--EXPECT--
delivered while ignored: true
ignored again: true
survived SIGUSR2
done
