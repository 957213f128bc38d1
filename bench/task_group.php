<?php
/*
 * TaskGroup overhead: 100,000 tiny tasks through a TaskGroup with concurrency 16 (its queue holds
 * them all: queueLimit 0), beside the baseline of plain spawn() of all of them and one await_all().
 * Both sides in one process, taking turns; the best of BENCH_REPEAT runs (default 5) counts.
 *   php -n -d extension_dir=out/ext -d extension=async bench/task_group.php [tasks]
 */
use Async\TaskGroup;
use function Async\{spawn, await, await_all};

$tasks = (int) ($argv[1] ?? 100000);
$repeat = (int) (getenv('BENCH_REPEAT') ?: 5);
$task = static fn(int $i): int => $i + 1;

$sides = [
    'spawn + await_all (baseline)' => static function () use ($tasks, $task): int {
        $coroutines = [];
        for ($i = 0; $i < $tasks; $i++) {
            $coroutines[] = spawn($task, $i);
        }
        [$results] = await_all($coroutines);
        return count($results);
    },
    'TaskGroup(concurrency: 16)' => static function () use ($tasks, $task): int {
        $group = new TaskGroup(concurrency: 16, queueLimit: 0);
        for ($i = 0; $i < $tasks; $i++) {
            $group->spawn($task, $i);
        }
        $group->close();
        return count($group->all()->await());
    },
    'TaskGroup(concurrency: 16, queueLimit: 32)' => static function () use ($tasks, $task): int {
        $group = new TaskGroup(concurrency: 16);
        for ($i = 0; $i < $tasks; $i++) {
            $group->spawn($task, $i); // waits while 32 are queued
        }
        $group->close();
        return count($group->all()->await());
    },
];

$best = array_fill_keys(array_keys($sides), INF);
await(spawn(static function () use ($sides, $repeat, $tasks, &$best) {
    for ($run = 0; $run < $repeat; $run++) {
        foreach ($sides as $name => $side) {
            gc_collect_cycles();
            $start = hrtime(true);
            $count = $side();
            $elapsed = (hrtime(true) - $start) / 1e9;
            if ($count !== $tasks) {
                throw new RuntimeException("$name: $count results of $tasks");
            }
            $best[$name] = min($best[$name], $elapsed);
        }
    }
}));

$baseline = $best['spawn + await_all (baseline)'];
printf("%-44s %10s %12s %8s\n", "$tasks tiny tasks", 'ms', 'tasks/s', 'ratio');
foreach ($best as $name => $seconds) {
    printf("%-44s %10.1f %12.0f %7.2fx\n", $name, $seconds * 1e3, $tasks / $seconds, $seconds / $baseline);
}
