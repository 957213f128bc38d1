--TEST--
Async\spawn_with(): the provided scope, null for the spawner's, SpawnStrategy hooks (order, exceptions, no suspension), closed scopes, a throwing provider
--FILE--
<?php
use Async\{Scope, ScopeProvider, SpawnStrategy, Coroutine, AsyncCancellation};
use function Async\{spawn, spawn_with, await, suspend, delay};

class Provider implements ScopeProvider {
    public function __construct(public ?Scope $scope) {}
    public function provideScope(): ?Scope { return $this->scope; }
}

class Strategy implements SpawnStrategy {
    public array $log = [];
    public function __construct(public ?Scope $scope, public string $fail = '', public bool $wait = false) {}
    public function provideScope(): ?Scope { return $this->scope; }
    public function beforeCoroutineEnqueue(Coroutine $coroutine, Scope $scope): array {
        $this->log[] = "before: queued " . json_encode($coroutine->isQueued()) . ", same scope " . json_encode($scope === $this->scope);
        if ($this->wait) { delay(1); }
        if ($this->fail === 'before') { throw new RuntimeException('before failed'); }
        return ['ignored'];
    }
    public function afterCoroutineEnqueue(Coroutine $coroutine, Scope $scope): void {
        $this->log[] = "after: queued " . json_encode($coroutine->isQueued());
        if ($this->fail === 'after') { throw new RuntimeException('after failed'); }
    }
}

echo "-- the coroutine is in the provided scope: cancelling the scope reaches it\n";
$scope = new Scope();
$c = spawn_with(new Provider($scope), function () { try { delay(1000); } catch (AsyncCancellation $e) { echo "cancelled with its scope\n"; } });
suspend();
$scope->cancel();
await($c);

echo "-- null: the spawner's scope\n";
$outer = new Scope();
await($outer->spawn(function () use (&$inner) {
    $inner = spawn_with(new Provider(null), function () { try { delay(1000); } catch (AsyncCancellation $e) { echo "cancelled with the spawner's scope\n"; } });
}));
suspend();
$outer->cancel();
await($inner);

echo "-- hooks: before it is queued, then after\n";
$s = new Strategy(new Scope());
echo await(spawn_with($s, fn($a, $b) => $a + $b, 2, b: 3)), "\n";
echo implode("\n", $s->log), "\n";

echo "-- an exception in beforeCoroutineEnqueue: the coroutine never runs, spawn_with() throws it\n";
$s = new Strategy(new Scope(), 'before');
try { spawn_with($s, function () { echo "never\n"; }); } catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }
echo implode("\n", $s->log), "\n";

echo "-- an exception in afterCoroutineEnqueue: the coroutine is cancelled, spawn_with() throws it\n";
$s = new Strategy(new Scope(), 'after');
try { spawn_with($s, function () { echo "never\n"; }); } catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }
suspend();

echo "-- a hook cannot suspend\n";
$s = new Strategy(new Scope(), '', true);
try { spawn_with($s, function () { echo "never\n"; }); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
suspend();

echo "-- a closed scope refuses, a provider that throws is heard\n";
$closed = new Scope();
$closed->dispose();
try { spawn_with($closed, fn() => null); } catch (Async\AsyncException $e) { echo $e->getMessage(), "\n"; }
try {
    spawn_with(new class implements ScopeProvider { public function provideScope(): ?Scope { throw new LogicException('no scope today'); } }, fn() => null);
} catch (LogicException $e) { echo $e->getMessage(), "\n"; }

echo "-- a Scope is its own provider\n";
$scope = new Scope();
echo await(spawn_with($scope, fn() => 'ran')), "\n";
echo "done\n";
--EXPECT--
-- the coroutine is in the provided scope: cancelling the scope reaches it
cancelled with its scope
-- null: the spawner's scope
cancelled with the spawner's scope
-- hooks: before it is queued, then after
5
before: queued false, same scope true
after: queued true
-- an exception in beforeCoroutineEnqueue: the coroutine never runs, spawn_with() throws it
before failed
before: queued false, same scope true
-- an exception in afterCoroutineEnqueue: the coroutine is cancelled, spawn_with() throws it
after failed
-- a hook cannot suspend
Error: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)
-- a closed scope refuses, a provider that throws is heard
Cannot spawn a coroutine in a closed scope
no scope today
-- a Scope is its own provider
ran
done
