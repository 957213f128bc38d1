--TEST--
Userland: FileSystemWatcher debounce: a burst of changes is one event (filename null) once quiet for debounceMs; maxHoldMs delivers a burst that goes on; an extension list drops other entries (in raw mode too); close() keeps a burst in progress
--FILE--
<?php
use Async\FileSystemWatcher;
use function Async\{spawn, delay};

$dir = sys_get_temp_dir() . '/async_fsw_deb_' . getmypid();
@mkdir($dir);

// Eight changes 20 ms apart, quiet window 150 ms: one event, after the burst.
$watcher = new FileSystemWatcher($dir, debounceMs: 150);
spawn(function () use ($dir, $watcher) {
    for ($i = 0; $i < 8; $i++) { file_put_contents("$dir/f$i.txt", 'x'); delay(20); }
    delay(400);
    $watcher->close();
});
$start = hrtime(true);
foreach ($watcher as $e) {
    $ms = (hrtime(true) - $start) / 1e6;
    echo "burst: filename=", var_export($e->filename, true), " changed=", var_export($e->changed || $e->renamed, true),
        " after the burst: ", var_export($ms >= 150 + 7 * 20, true), "\n";
}

// A burst that never goes quiet (every 30 ms for 600 ms, window 100 ms) is delivered every
// maxHoldMs (200 ms) at most.
$watcher = new FileSystemWatcher($dir, debounceMs: 100, maxHoldMs: 200);
spawn(function () use ($dir, $watcher) {
    for ($i = 0; $i < 20; $i++) { file_put_contents("$dir/g.txt", $i); delay(30); }
    delay(250);
    $watcher->close();
});
$n = 0;
foreach ($watcher as $e) { $n++; }
echo "held bursts: ", $n >= 2 ? "several" : $n, "\n";

// Only *.php count, whatever the case; other files are dropped, in raw mode too.
$watcher = new FileSystemWatcher($dir, coalesce: false, extensions: ['PHP', '.inc']);
file_put_contents("$dir/skip.log", 'x');
file_put_contents("$dir/keep.php", 'x');
file_put_contents("$dir/Keep2.Php", 'x');
file_put_contents("$dir/also.inc", 'x');
file_put_contents("$dir/php", 'x');
delay(150);
$watcher->close();
$names = [];
foreach ($watcher as $e) { $names[$e->filename] = true; }
ksort($names);
echo "filtered: ", implode(',', array_keys($names)), "\n";

// close() during a burst: the burst is delivered, not lost.
$watcher = new FileSystemWatcher($dir, debounceMs: 5000);
touch("$dir/g.txt");
delay(100);
$watcher->close();
$n = 0;
foreach ($watcher as $e) { $n++; }
echo "closed mid-burst: $n\n";

array_map('unlink', glob("$dir/*"));
rmdir($dir);
echo "done\n";
?>
--EXPECT--
burst: filename=NULL changed=true after the burst: true
held bursts: several
filtered: Keep2.Php,also.inc,keep.php
closed mid-burst: 1
done
