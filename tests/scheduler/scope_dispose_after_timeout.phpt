--TEST--
Scope::disposeAfterTimeout(): disposes the scope when the time has passed (what runs longer is cancelled); does not keep the application waiting once the scope's work is done; a negative timeout is refused
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{delay, timeout};

$scope = new Scope();
try { $scope->disposeAfterTimeout(-1); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
try { $scope->disposeAfterTimeout("soon"); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }

$start = microtime(true);
$scope->disposeAfterTimeout(1000);
$scope->spawn(function () { delay(10); echo "short task done\n"; });
$scope->spawn(function () {
	try { delay(30000); echo "long task done\n"; }
	catch (AsyncCancellation $e) { echo "long task cancelled: ", $e->getMessage(), "\n"; }
});
$scope->awaitCompletion(timeout(60000));
$elapsed = microtime(true) - $start;
echo "disposed after the timeout: ", json_encode($scope->isClosed() && $elapsed >= 0.95 && $elapsed < 30), "\n";
$scope->disposeAfterTimeout(10); // disposed already: nothing

// The timer alone does not keep the application alive.
$quick = new Scope();
$quick->disposeAfterTimeout(60000);
$quick->spawn(function () { delay(5); echo "quick work done\n"; });
$start = microtime(true);
register_shutdown_function(function () use ($start, $quick) {
	echo "the application did not wait for the timer: ", json_encode(microtime(true) - $start < 20), "\n";
	echo "quick scope closed: ", json_encode($quick->isClosed()), "\n";
});
?>
--EXPECT--
Async\Scope::disposeAfterTimeout(): Argument #1 ($timeout) must be greater than or equal to 0
Async\Scope::disposeAfterTimeout(): Argument #1 ($timeout) must be of type int, string given
short task done
long task cancelled: The Scope was cancelled
disposed after the timeout: true
quick work done
the application did not wait for the timer: true
quick scope closed: false
