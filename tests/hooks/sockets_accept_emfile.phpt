--TEST--
ext/sockets hooks: socket_accept() that fails with EMFILE sleeps a little before it returns, so a server's accept loop lets other coroutines run instead of spinning through the reactor; the warning is stock's, and the server accepts again once descriptors are free
--SKIPIF--
<?php
if (PHP_OS_FAMILY !== 'Linux') die('skip Linux');
if (!is_executable('/bin/sh')) die('skip needs /bin/sh');
if (!extension_loaded('sockets') && !file_exists(ini_get('extension_dir') . '/sockets.so')) die('skip needs ext/sockets');
?>
--FILE--
<?php
require __DIR__ . '/accept_emfile.inc';
run_accept_emfile_child('sockets');
?>
--EXPECT--
client connected: yes
other coroutine ran: yes
accept failed: yes
failed accepts in 300 ms: at most 100
warning: unable to accept incoming connection [24]: Too many open files
served: hello
exit status 0
