--TEST--
Userland: FileSystemWatcher loops: two coroutines waiting are both woken by close(); a cancelled waiting loop ends with the cancellation and leaves the watcher working for the next; a watcher dropped unclosed (or left open at the end of the script) stops watching and keeps nothing alive
--FILE--
<?php
use Async\FileSystemWatcher;
use function Async\{spawn, delay, await};

$dir = sys_get_temp_dir() . '/async_fsw_wait_' . getmypid();
@mkdir($dir);

$watcher = new FileSystemWatcher($dir);
$loop = fn($name) => function () use ($watcher, $name) {
    $n = 0;
    foreach ($watcher as $e) { $n++; }
    echo "$name ended after $n\n";
};
$a = spawn($loop('a'));
$b = spawn($loop('b'));
delay(50);
$watcher->close();
await($a); await($b);

// A cancelled loop: the cancellation comes out of foreach.
$watcher = new FileSystemWatcher($dir);
$c = spawn(function () use ($watcher) {
    try {
        foreach ($watcher as $e) { echo "unexpected\n"; }
    } catch (Async\AsyncCancellation $e) {
        echo "cancelled loop: ", get_class($e), "\n";
    }
});
delay(50);
$c->cancel();
try { await($c); } catch (Throwable $e) {}
// The watcher still works.
spawn(function () use ($dir, $watcher) {
    delay(50);
    touch("$dir/after.txt");
    delay(150);
    $watcher->close();
});
foreach ($watcher as $e) { echo "after cancel: ", $e->filename, "\n"; }

// Dropped while open: the script does not wait for it.
$dropped = new FileSystemWatcher($dir);
unset($dropped);
$open = new FileSystemWatcher($dir, coalesce: false);
touch("$dir/left.txt");
delay(50);
unlink("$dir/after.txt");
unlink("$dir/left.txt");
rmdir($dir);
echo "done\n";
?>
--EXPECT--
a ended after 0
b ended after 0
cancelled loop: Async\AsyncCancellation
after cancel: after.txt
done
