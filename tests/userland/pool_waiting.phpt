--TEST--
Pool: waiting acquire() calls: cancelled or timed out they leave the line and the next waiter is served, FIFO over many waiters, close() and deactivate() wake every waiter, the breaker strategy
--FILE--
<?php
use Async\{Pool, CircuitBreakerStrategy, PoolException, ServiceUnavailableException, TimeoutException, AsyncCancellation};
use function Async\{spawn, await, await_all, suspend, delay};

echo "-- a cancelled waiter leaves the line; the one after it is served\n";
$pool = new Pool(fn() => 'r', max: 1);
$held = $pool->acquire();
$a = spawn(function () use ($pool) {
    try { $pool->acquire(); echo "A acquired\n"; }
    catch (AsyncCancellation $e) { echo "A cancelled while waiting\n"; }
});
$b = spawn(function () use ($pool) { $r = $pool->acquire(); echo "B acquired $r\n"; $pool->release($r); });
suspend();                 // both wait
$a->cancel();
suspend();
$pool->release($held);     // goes to B: A is no longer in line
await($b);
await($a);
var_dump($pool->count(), $pool->idleCount());

echo "-- a timed-out waiter leaves the line too\n";
$held = $pool->acquire();
$t0 = hrtime(true);
$c = spawn(function () use ($pool) {
    try { $pool->acquire(30); } catch (TimeoutException $e) { echo "C: ", get_class($e), "\n"; }
});
$d = spawn(function () use ($pool) { $r = $pool->acquire(); echo "D acquired\n"; $pool->release($r); });
await($c);
var_dump((hrtime(true) - $t0) / 1e6 >= 25);
$pool->release($held);
await($d);

echo "-- ten waiters are served in the order they came\n";
$order = [];
$held = $pool->acquire();
$ws = [];
for ($i = 0; $i < 10; $i++) {
    $ws[] = spawn(function () use ($pool, $i, &$order) { $r = $pool->acquire(); $order[] = $i; delay(1); $pool->release($r); });
}
suspend();
$pool->release($held);
await_all($ws);
echo implode(' ', $order), "\n";

echo "-- a turn kept for a woken waiter: tryAcquire() cannot take it; cancelled before it runs, the waiter passes it on\n";
$p = new Pool(fn() => 'r', max: 1);
$held = $p->acquire();
$x = spawn(function () use ($p) {
    try { $p->acquire(); echo "X acquired\n"; } catch (AsyncCancellation $e) { echo "X cancelled after its turn came\n"; }
});
$y = spawn(function () use ($p) { $r = $p->acquire(); echo "Y acquired\n"; $p->release($r); });
suspend();                 // both wait
$p->release($held);        // kept for X, which is woken
var_dump($p->tryAcquire());
$x->cancel();
await($y);
await($x);
var_dump($p->idleCount(), $p->count());

echo "-- close() wakes every waiter with PoolException, deactivate() with ServiceUnavailableException\n";
foreach (['close', 'deactivate'] as $how) {
    $p = new Pool(fn() => 'r', max: 1);
    $held = $p->acquire();
    $ws = [];
    for ($i = 0; $i < 3; $i++) {
        $ws[] = spawn(function () use ($p) {
            try { $p->acquire(); } catch (PoolException | ServiceUnavailableException $e) { return get_class($e) . ': ' . $e->getMessage(); }
        });
    }
    suspend();
    $p->$how();
    foreach (await_all($ws)[0] as $m) echo "$how: $m\n";
}

echo "-- the strategy: failures and successes reported, shouldRecover() moves INACTIVE to RECOVERING\n";
class Breaker implements CircuitBreakerStrategy {
    public array $log = [];
    public bool $recover = false;
    public function reportSuccess(mixed $source): void { $this->log[] = 'success'; }
    public function reportFailure(mixed $source, Throwable $error): void {
        $this->log[] = 'failure: ' . get_class($error) . ': ' . $error->getMessage();
        $source->deactivate();   // the strategy opens the breaker itself
    }
    public function shouldRecover(): bool { $this->log[] = 'shouldRecover'; return $this->recover; }
}
$strategy = new Breaker;
$broken = false;
$p = new Pool(fn() => 'conn', beforeRelease: function ($r) use (&$broken) {
    if ($broken) throw new RuntimeException('connection lost');
    return true;
});
$p->setCircuitBreakerStrategy($strategy);
$p->release($p->acquire());
$broken = true;
$p->release($p->acquire());
echo $p->getState()->name, "\n";
try { $p->acquire(); } catch (ServiceUnavailableException $e) { echo get_class($e), "\n"; }
var_dump($p->tryAcquire());
$strategy->recover = true;
$broken = false;
$r = $p->acquire();
echo $p->getState()->name, "\n";
$p->release($r);
$p->activate();
echo $p->getState()->name, "\n";
echo implode("\n", $strategy->log), "\n";

echo "-- a woken waiter finding the breaker open asks the strategy; its turn stays kept while shouldRecover() suspends\n";
class SlowRecovery implements CircuitBreakerStrategy {
    public function reportSuccess(mixed $source): void {}
    public function reportFailure(mixed $source, Throwable $error): void {}
    public function shouldRecover(): bool { delay(20); return true; }
}
$p = new Pool(fn() => 'r', max: 1);
$p->setCircuitBreakerStrategy(new SlowRecovery);
$held = $p->acquire();
$w = spawn(function () use ($p) { $r = $p->acquire(); echo "W acquired\n"; $p->release($r); });
suspend();                 // W waits
$p->release($held);        // kept for W
$p->deactivate();          // before W runs
suspend();                 // W runs into shouldRecover(), which suspends
$p->activate();
var_dump($p->tryAcquire());   // W's turn is still kept: nothing for anyone else
await($w);
var_dump($p->count());
echo "done\n";
?>
--EXPECT--
-- a cancelled waiter leaves the line; the one after it is served
A cancelled while waiting
B acquired r
int(1)
int(1)
-- a timed-out waiter leaves the line too
C: Async\TimeoutException
bool(true)
D acquired
-- ten waiters are served in the order they came
0 1 2 3 4 5 6 7 8 9
-- a turn kept for a woken waiter: tryAcquire() cannot take it; cancelled before it runs, the waiter passes it on
NULL
X cancelled after its turn came
Y acquired
int(1)
int(1)
-- close() wakes every waiter with PoolException, deactivate() with ServiceUnavailableException
close: Async\PoolException: Pool is closed
close: Async\PoolException: Pool is closed
close: Async\PoolException: Pool is closed
deactivate: Async\ServiceUnavailableException: Service is unavailable (circuit breaker is open)
deactivate: Async\ServiceUnavailableException: Service is unavailable (circuit breaker is open)
deactivate: Async\ServiceUnavailableException: Service is unavailable (circuit breaker is open)
-- the strategy: failures and successes reported, shouldRecover() moves INACTIVE to RECOVERING
INACTIVE
Async\ServiceUnavailableException
NULL
RECOVERING
ACTIVE
success
failure: RuntimeException: connection lost
shouldRecover
shouldRecover
shouldRecover
success
-- a woken waiter finding the breaker open asks the strategy; its turn stays kept while shouldRecover() suspends
NULL
W acquired
int(1)
done
