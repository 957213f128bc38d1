--TEST--
Channel: a channel belongs to the scope that made it: cancelling or disposing that scope (or an ancestor) closes it with reason SCOPE_DISPOSED, before its coroutines are cancelled; other scopes' channels stay open
--FILE--
<?php
use Async\{Channel, ChannelException, Scope};
use function Async\{spawn, await, suspend, delay};

function reason(callable $f): string {
    try { $f(); return "returned"; } catch (ChannelException $e) { return $e->reason->name; }
}

echo "-- dispose(): a blocked receiver and a blocked sender get SCOPE_DISPOSED, buffered values drain\n";
$scope = new Scope();
$made = null;
$r = $scope->spawn(function () use (&$made) {
    $made = new Channel(1);
    $full = new Channel(1);
    $full->send("fill");
    $sender = spawn(fn() => reason(fn() => $full->send("blocked")));
    return [reason(fn() => $made->recv()), await($sender), $full->recv(), reason(fn() => $full->recv())];
});
suspend(); suspend();
$scope->dispose();
var_dump(await($r), $made->isClosed(), $made->sendAsync("x"), reason(fn() => $made->send("y")));

echo "-- cancel() closes it too; a recvAsync() Future fails\n";
$scope = new Scope();
$future = null;
$r = $scope->spawn(function () use (&$future) {
    $ch = new Channel();
    $future = $ch->recvAsync();
    return reason(fn() => $ch->recv());
});
suspend();
$scope->cancel();
var_dump(await($r), reason(fn() => await($future)));

echo "-- disposeSafely(): its channels close, its coroutines go on\n";
$scope = new Scope();
$r = $scope->spawn(function () {
    $ch = new Channel();
    $first = reason(fn() => $ch->recv());
    delay(1);
    return "$first, then went on";
});
suspend();
$scope->disposeSafely();
var_dump(await($r));

echo "-- a child scope's channel closes with the child, not the parent's; the parent's dispose reaches the child's\n";
$parent = new Scope();
$child = Scope::inherit($parent);
$channels = [];
$parent->spawn(function () use (&$channels) { $channels['parent'] = new Channel(); });
$child->spawn(function () use (&$channels) { $channels['child'] = new Channel(); });
$top = new Channel();
suspend();
$child->dispose();
var_dump($channels['child']->isClosed(), $channels['parent']->isClosed(), $top->isClosed());
$grandchild = Scope::inherit($parent);
$grandchild->spawn(function () use (&$channels) { $channels['grandchild'] = new Channel(); });
suspend();
$parent->dispose();
var_dump($channels['parent']->isClosed(), $channels['grandchild']->isClosed(), $top->isClosed());

echo "-- the last reference to its scope going disposes the scope: the channel closes\n";
$ch = null;
(function () use (&$ch) {
    $s = new Scope();
    $s->spawn(function () use (&$ch) {
        $ch = new Channel();
        echo "recv: ", reason(fn() => $ch->recv()), "\n";
    });
    suspend();
})();
suspend();
var_dump($ch->isClosed());

echo "-- a channel gone before its scope, a scope gone before its channel\n";
$scope = new Scope();
$scope->spawn(function () { for ($i = 0; $i < 20; $i++) { $local = new Channel(); } });
suspend();
$scope->dispose();
$kept = null;
$scope = new Scope();
await($scope->spawn(function () use (&$kept) { $kept = new Channel(1); }));
unset($scope);
var_dump($kept->sendAsync("still open"), $kept->recv(), $kept->isClosed());
echo "end\n";
?>
--EXPECT--
-- dispose(): a blocked receiver and a blocked sender get SCOPE_DISPOSED, buffered values drain
array(4) {
  [0]=>
  string(14) "SCOPE_DISPOSED"
  [1]=>
  string(14) "SCOPE_DISPOSED"
  [2]=>
  string(4) "fill"
  [3]=>
  string(14) "SCOPE_DISPOSED"
}
bool(true)
bool(false)
string(14) "SCOPE_DISPOSED"
-- cancel() closes it too; a recvAsync() Future fails
string(14) "SCOPE_DISPOSED"
string(14) "SCOPE_DISPOSED"
-- disposeSafely(): its channels close, its coroutines go on
string(28) "SCOPE_DISPOSED, then went on"
-- a child scope's channel closes with the child, not the parent's; the parent's dispose reaches the child's
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
bool(false)
-- the last reference to its scope going disposes the scope: the channel closes
recv: SCOPE_DISPOSED
bool(true)
-- a channel gone before its scope, a scope gone before its channel
bool(true)
string(10) "still open"
bool(false)
end
