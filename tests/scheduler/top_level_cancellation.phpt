--TEST--
Scheduler: an AsyncCancellation that leaves the script ends it without an error message and with status 0, as upstream (awaiting a cancelled coroutine, one thrown by the script itself, before any spawn()); a set_exception_handler() handler still gets it; other exceptions stay fatal
--FILE--
<?php
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$file = tempnam(sys_get_temp_dir(), 'cancel');
$run = function (string $code) use ($php, $file) {
    file_put_contents($file, "<?php\n$code\n");
    $cmd = escapeshellarg($php) . ' -n -d display_errors=1 -d extension_dir=' . escapeshellarg(ini_get('extension_dir'))
        . ' -d extension=async ' . escapeshellarg($file) . ' 2>&1';
    exec($cmd, $out, $status);
    echo implode("\n", $out), "\n-> status $status\n";
};
$run('$c = Async\spawn(fn() => Async\delay(1000)); Async\suspend(); $c->cancel(); echo "awaiting\n";
      register_shutdown_function(fn() => print("shutdown functions run\n"));
      Async\await($c); echo "not reached\n";');
$run('echo "no coroutine yet\n"; throw new Async\AsyncCancellation("by hand");');
$run('set_exception_handler(fn($e) => print("handler: " . $e->getMessage() . "\n"));
      throw new Async\AsyncCancellation("to the handler");');
$run('Async\spawn(fn() => 1); throw new RuntimeException("still fatal");');
unlink($file);
?>
--EXPECTF--
awaiting
shutdown functions run
-> status 0
no coroutine yet
-> status 0
handler: to the handler
-> status 0
%AFatal error: Uncaught RuntimeException: still fatal in %s
%A
-> status 255
