--TEST--
Scheduler: the main script alone waiting for something nobody will ever send ends with DeadlockError, not a hang; the error has no file, line or trace (where the scheduler noticed it says nothing)
--FILE--
<?php
$ch = new Async\Channel();
try {
    $ch->recv();
} finally {
    echo "main's finally ran\n";
}
?>
--EXPECTF--
main's finally ran

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: no active coroutines, %d coroutines in waiting
  the main script suspended at %s:4, waiting for a Channel recv in [no active file]:0
Stack trace:
#0 {main}
  thrown in [no active file] on line 0

