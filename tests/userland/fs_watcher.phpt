--TEST--
Userland: FileSystemWatcher reports changes in a directory as FileSystemEvent objects (path, relative filename, renamed/changed); coalesce merges the changes to one entry not yet taken, raw mode keeps each; close() ends a waiting loop after what was kept
--FILE--
<?php
use Async\{FileSystemWatcher, FileSystemEvent};
use function Async\{spawn, delay, await};

$dir = sys_get_temp_dir() . '/async_fsw_basic_' . getmypid();
@mkdir($dir);

function settle() { delay(150); }

// a.txt created, b.txt, then a.txt written again, apart (the kernel itself merges changes that
// follow each other unread), before anyone iterates: one event per entry when coalescing.
$watcher = new FileSystemWatcher($dir);
var_dump($watcher->isClosed());
file_put_contents("$dir/a.txt", '1');
delay(50);
file_put_contents("$dir/b.txt", '2');
delay(50);
file_put_contents("$dir/a.txt", '3');
settle();
$watcher->close();
$events = iterator_to_array($watcher);
echo "coalesced: ", implode(',', array_map(fn($e) => $e->filename, $events)), "\n";
unlink("$dir/b.txt");
$e = $events[0];
var_dump($e instanceof FileSystemEvent, $e->path === $dir, $e->filename, $e->renamed, $e->changed);

// Raw mode: the same writes are several events.
$raw = new FileSystemWatcher($dir, coalesce: false);
file_put_contents("$dir/a.txt", '4');
delay(50);
file_put_contents("$dir/a.txt", '5');
settle();
$raw->close();
$names = array_map(fn($e) => $e->filename, iterator_to_array($raw));
echo "raw: ", count($names) >= 2 ? "several" : count($names), ", all a.txt: ", var_export(array_unique($names) === ['a.txt'], true), "\n";

// A rename is reported as renamed, under both names.
$watcher = new FileSystemWatcher($dir);
rename("$dir/a.txt", "$dir/b.txt");
settle();
$watcher->close();
$seen = [];
foreach ($watcher as $e) { $seen[$e->filename] = $e->renamed; }
ksort($seen);
var_dump($seen);

// A loop waits for changes; close() from another coroutine ends it. close() is idempotent.
$watcher = new FileSystemWatcher($dir);
spawn(function () use ($dir, $watcher) {
    delay(50);
    file_put_contents("$dir/c.txt", 'x');
    settle();
    $watcher->close();
    $watcher->close();
});
$got = [];
foreach ($watcher as $key => $e) { $got[$key] = $e->filename; }
var_dump($got, $watcher->isClosed());
// A closed and drained watcher: a new loop ends at once.
foreach ($watcher as $e) { echo "never\n"; }

// Watching a single file: its own name is the filename.
$watcher = new FileSystemWatcher("$dir/b.txt");
file_put_contents("$dir/b.txt", 'more');
settle();
$watcher->close();
foreach ($watcher as $e) { echo "file: ", $e->filename, " changed=", var_export($e->changed, true), "\n"; break; }

array_map('unlink', glob("$dir/*"));
rmdir($dir);
echo "done\n";
?>
--EXPECT--
bool(false)
coalesced: a.txt,b.txt
bool(true)
bool(true)
string(5) "a.txt"
bool(true)
bool(true)
raw: several, all a.txt: true
array(2) {
  ["a.txt"]=>
  bool(true)
  ["b.txt"]=>
  bool(true)
}
array(1) {
  [0]=>
  string(5) "c.txt"
}
bool(true)
file: b.txt changed=true
done
