--TEST--
Scheduler: exit() inside a coroutine ends the script cleanly with its status, after the others' finally blocks ran
--FILE--
<?php
use function Async\{spawn, delay};
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$code = <<<'PHP'
use function Async\{spawn, delay};
spawn(function () { try { delay(10000); } finally { echo "sleeper finally\n"; } });
spawn(function () { delay(10); echo "exiting\n"; exit(3); });
delay(1000);
echo "main not reached\n";
PHP;
$cmd = escapeshellarg($php) . ' -n -d extension_dir=' . escapeshellarg(ini_get('extension_dir'))
    . ' -d extension=async -r ' . escapeshellarg($code);
exec($cmd, $out, $status);
echo implode("\n", $out), "\nstatus $status\n";
?>
--EXPECT--
exiting
sleeper finally
status 3
