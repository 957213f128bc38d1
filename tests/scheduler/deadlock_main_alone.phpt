--TEST--
Scheduler: the main script alone waiting for something nobody will ever send ends with DeadlockError, not a hang
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

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: 1 coroutine is waiting and nothing left that can wake them:
  the main script suspended at %s:4, waiting for a Channel recv in %s:4
%A
