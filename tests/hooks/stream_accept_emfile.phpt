--TEST--
Stream hooks: an accept that fails with EMFILE (no descriptor free) goes through the scheduler: a server's accept loop sleeps a little between failures instead of spinning, other coroutines keep running, the warning is stock's, and once descriptors are free the server accepts the waiting connection
--SKIPIF--
<?php
if (PHP_OS_FAMILY !== 'Linux') die('skip Linux');
if (!is_executable('/bin/sh')) die('skip needs /bin/sh');
?>
--FILE--
<?php
require __DIR__ . '/accept_emfile.inc';
run_accept_emfile_child('stream');
?>
--EXPECT--
client connected: yes
other coroutine ran: yes
accept failed: yes
failed accepts in 300 ms: at most 100
warning: Accept failed: Too many open files
served: hello
exit status 0
