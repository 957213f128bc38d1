--TEST--
Hooks: flock() LOCK_EX/LOCK_SH on a file another process holds locked waits only the calling coroutine (others run meanwhile) and takes the lock once the other process lets go; a cancelled wait ends with the cancellation; LOCK_NB, LOCK_UN and calls outside coroutines are stock
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open is disabled'); ?>
--FILE--
<?php
use function Async\{spawn, await, delay};
// valgrind does not know pidfd_open(2): the process events poll with waitpid() instead there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');

$file = tempnam(sys_get_temp_dir(), 'async-flock');

// Another process locks the file and keeps the lock for $ms milliseconds.
function hold_lock(string $file, int $ms) {
    $code = '$f = fopen($argv[1], "r+"); flock($f, LOCK_EX); echo "locked\n"; usleep((int) $argv[2] * 1000);';
    $child = proc_open([PHP_BINARY, '-n', '-r', $code, $file, (string) $ms], [1 => ['pipe', 'w']], $pipes);
    if (trim(fgets($pipes[1])) !== 'locked') die("the child did not lock\n");
    return [$child, $pipes];
}

// Outside coroutines: PHP's own flock().
$f = fopen($file, 'r+');
$holder = hold_lock($file, 300);
var_dump(flock($f, LOCK_EX | LOCK_NB, $wouldBlock), $wouldBlock);
$t = hrtime(true);
var_dump(flock($f, LOCK_EX, $wouldBlock), $wouldBlock, (hrtime(true) - $t) / 1e9 > 0.2);
var_dump(flock($f, LOCK_UN));
proc_close($holder[0]);

// Inside a coroutine: the wait lets the others run.
$holder = hold_lock($file, 500);
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { for ($i = 0; $i < 20; $i++) { delay(10); $ticks++; } });
$locker = spawn(function () use ($file) {
    $f = fopen($file, 'r+');
    $t = hrtime(true);
    $nb = flock($f, LOCK_SH | LOCK_NB, $wouldBlock);
    $locked = flock($f, LOCK_SH, $wouldBlock2);
    return [$nb, $wouldBlock, $locked, $wouldBlock2, (hrtime(true) - $t) / 1e9 > 0.1, flock($f, LOCK_UN)];
});
var_dump(await($locker));
await($ticker);
echo "ticks while waiting: ", $ticks >= 15 ? "yes" : "no ($ticks)", "\n";
proc_close($holder[0]);

// Cancelled while waiting for the lock.
$holder = hold_lock($file, 3000);
$waiter = spawn(function () use ($file) {
    $f = fopen($file, 'r+');
    return flock($f, LOCK_EX);
});
delay(50);
$t = hrtime(true);
$waiter->cancel();
try {
    await($waiter);
    echo "not cancelled\n";
} catch (Async\AsyncCancellation $e) {
    echo get_class($e), (hrtime(true) - $t) / 1e9 < 0.5 ? ", at once" : ", late", "\n";
}
proc_terminate($holder[0]);
proc_close($holder[0]);
unlink($file);
?>
--EXPECT--
bool(false)
int(1)
bool(true)
int(0)
bool(true)
bool(true)
array(6) {
  [0]=>
  bool(false)
  [1]=>
  int(1)
  [2]=>
  bool(true)
  [3]=>
  int(0)
  [4]=>
  bool(true)
  [5]=>
  bool(true)
}
ticks while waiting: yes
Async\AsyncCancellation, at once
