--TEST--
Userland: FileSystemWatcher refuses what it cannot watch (a missing path, an empty one, a NUL byte, negative times, a bad extension list) with the reason, cannot be constructed twice, cloned or serialized; FileSystemEvent is made by the watcher only
--FILE--
<?php
use Async\{FileSystemWatcher, FileSystemEvent};

$dir = sys_get_temp_dir() . '/async_fsw_bad_' . getmypid();
@mkdir($dir);

function attempt(callable $f) {
    try { $f(); echo "no error\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
attempt(fn() => new FileSystemWatcher("$dir/missing"));
attempt(fn() => new FileSystemWatcher("$dir/missing", recursive: true));
attempt(fn() => new FileSystemWatcher(''));
attempt(fn() => new FileSystemWatcher("$dir\0x"));
attempt(fn() => new FileSystemWatcher($dir, debounceMs: -1));
attempt(fn() => new FileSystemWatcher($dir, maxHoldMs: -5));
attempt(fn() => new FileSystemWatcher($dir, extensions: ['php', 7]));
attempt(fn() => new FileSystemWatcher($dir, extensions: ['.']));

$watcher = new FileSystemWatcher($dir);
attempt(fn() => $watcher->__construct($dir));
attempt(fn() => clone $watcher);
attempt(fn() => serialize($watcher));
attempt(fn() => new FileSystemEvent());
$watcher->close();

rmdir($dir);
echo "done\n";
?>
--EXPECTF--
Async\InputOutputException: Cannot watch %s/missing: no such file or directory
Async\InputOutputException: Cannot watch %s/missing: no such file or directory
Async\InputOutputException: Cannot watch an empty path
ValueError: Async\FileSystemWatcher::__construct(): Argument #1 ($path) must not contain any null bytes
ValueError: Async\FileSystemWatcher::__construct(): Argument #4 ($debounceMs) must be between 0 and 4294967295
ValueError: Async\FileSystemWatcher::__construct(): Argument #5 ($maxHoldMs) must be greater than or equal to 0
TypeError: Async\FileSystemWatcher::__construct(): Argument #6 ($extensions) must contain only strings, int given
ValueError: Async\FileSystemWatcher::__construct(): Argument #6 ($extensions) must not contain an empty extension
Error: Cannot construct a FileSystemWatcher twice
Error: Trying to clone an uncloneable object of class Async\FileSystemWatcher
Exception: Serialization of 'Async\FileSystemWatcher' is not allowed
Error: Call to private Async\FileSystemEvent::__construct() from global scope
done
