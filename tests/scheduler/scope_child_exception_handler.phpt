--TEST--
Scope::setChildScopeExceptionHandler(): takes the failures of coroutines in descendant scopes without a handler of their own; the failing scopes below it are cancelled, the handler's scope and its other children go on; a scope's own handler comes first
--FILE--
<?php
use Async\{Scope, Coroutine, AsyncCancellation};
use function Async\{delay, timeout, await};

$app = new Scope();
$auth = Scope::inherit($app);
$authRef = WeakReference::create($auth); // no cycle through the handler
$app->setChildScopeExceptionHandler(function (Scope $s, Coroutine $c, Throwable $e) use ($authRef) {
	echo "app: child scope failed: ", $e->getMessage(), " (the failing coroutine's scope: ", json_encode($s === $authRef->get()), ")\n";
});
$cache = Scope::inherit($app);
$deep = Scope::inherit($auth);

$auth->spawn(function () {
	try { delay(1000); echo "auth sibling: not cancelled\n"; }
	catch (AsyncCancellation) { echo "auth sibling: cancelled with its failing scope\n"; }
});
$auth->spawn(function () { delay(5); throw new RuntimeException("auth failed"); });
$cacheWork = $cache->spawn(function () { delay(30); return "cache: keeps working"; });
$appWork = $app->spawn(function () { delay(30); return "app's own coroutine: keeps working"; });
$app->awaitCompletion(timeout(2000));
echo await($cacheWork), "\n", await($appWork), "\n";
echo "auth cancelled=", json_encode($auth->isCancelled()), " app cancelled=", json_encode($app->isCancelled()),
	" cache cancelled=", json_encode($cache->isCancelled()), "\n";

// Two levels down: every scope between the failing one and the handler's is cancelled.
$mid = Scope::inherit($app);
$leaf = Scope::inherit($mid);
$mid->spawn(function () { try { delay(1000); } catch (AsyncCancellation) { echo "mid: cancelled\n"; } });
$leaf->spawn(function () { delay(5); throw new LogicException("leaf failed"); });
$app->awaitCompletion(timeout(2000));
echo "mid cancelled=", json_encode($mid->isCancelled()), " leaf cancelled=", json_encode($leaf->isCancelled()), "\n";

// The scope's own exception handler wins.
$own = Scope::inherit($app);
$own->setExceptionHandler(fn($s, $c, $e) => print("own handler: " . $e->getMessage() . "\n"));
$own->spawn(fn() => throw new Exception("own failure"));
$app->awaitCompletion(timeout(2000));
echo "own cancelled=", json_encode($own->isCancelled()), "\n";

// A coroutine of the handler's scope itself is not a child scope's: fail together applies there.
$app->spawn(function () { delay(5); throw new Exception("app's own failure"); });
try { $app->awaitCompletion(timeout(2000)); } catch (Exception $e) { echo "awaitCompletion threw: ", $e->getMessage(), "\n"; }
?>
--EXPECT--
app: child scope failed: auth failed (the failing coroutine's scope: true)
auth sibling: cancelled with its failing scope
cache: keeps working
app's own coroutine: keeps working
auth cancelled=true app cancelled=false cache cancelled=false
app: child scope failed: leaf failed (the failing coroutine's scope: false)
mid: cancelled
mid cancelled=true leaf cancelled=true
own handler: own failure
own cancelled=false
awaitCompletion threw: app's own failure
