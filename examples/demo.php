<?php
// The demo of the README's first command: what this runtime is, then plain sequential code in
// coroutines that run concurrently on stock PHP.
use function Async\{spawn, await, delay};

if (!extension_loaded('async')) {
    fwrite(STDERR, "The async extension is not loaded: run scripts/demo.sh\n");
    exit(1);
}
$info = Async\engine_info();
printf("async %s on PHP %s, %s, reactor %s, scheduler %s\n\n", $info['extension_version'], PHP_VERSION,
    $info['api_version'], $info['reactor'] ?? 'none', $info['scheduler'] ?? 'none');

// 1,000 "requests" that each wait 200 ms: one after another that would be 200 seconds.
$started = hrtime(true);
$tasks = [];
for ($i = 1; $i <= 1000; $i++) {
    $tasks[] = spawn(function (int $id): int {
        delay(200);            // suspends only this coroutine
        return $id * 2;
    }, $i);
}
$sum = 0;
foreach ($tasks as $task) {
    $sum += await($task);
}
printf("1,000 coroutines each waited 200 ms: done in %d ms (sum of results %d)\n",
    (hrtime(true) - $started) / 1e6, $sum);

// Errors travel to whoever awaits.
$failing = spawn(function () {
    delay(10);
    throw new RuntimeException('a task failed');
});
try {
    await($failing);
} catch (RuntimeException $e) {
    printf("await() rethrew: %s\n", $e->getMessage());
}

// Cancellation is delivered at the next suspension point; finally blocks run.
$slow = spawn(function () {
    try {
        delay(60000);
    } finally {
        echo "the slow task cleaned up after its cancellation\n";
    }
});
delay(10);
$slow->cancel();
try {
    await($slow);
} catch (Async\AsyncCancellation $e) {
    printf("the slow task ended with %s\n", get_class($e));
}
