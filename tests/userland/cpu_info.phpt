--TEST--
available_parallelism(), loadavg(), cpu_usage() (a delta since the previous call) and CpuSnapshot::now(), as upstream, checked against /proc and nproc
--SKIPIF--
<?php if (!is_readable('/proc/loadavg')) die('skip needs /proc/loadavg'); ?>
--FILE--
<?php
use function Async\{available_parallelism, loadavg, cpu_usage};
function cpu_seconds(): float { $r = getrusage(); return $r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec'] + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) / 1e6; }
/* Burns $seconds of CPU time (not wall time: the machine may be busy). */
function burn(float $seconds): float { $start = cpu_seconds(); while (cpu_seconds() - $start < $seconds) {} return cpu_seconds() - $start; }
echo "-- available_parallelism() is what nproc says (affinity counted)\n";
var_dump(available_parallelism() === (int) trim(shell_exec('nproc')));
try { available_parallelism(1); } catch (ArgumentCountError $e) { echo "ArgumentCountError\n"; }

echo "-- loadavg() is /proc/loadavg's first three numbers\n";
$la = loadavg();
$proc = array_map('floatval', array_slice(explode(' ', file_get_contents('/proc/loadavg')), 0, 3));
var_dump(count($la) === 3, array_map(fn($a, $b) => abs($a - $b) < 0.5, $la, $proc) === [true, true, true]);

echo "-- cpu_usage(): zeros first, then the delta\n";
/* CPU seconds between two calls lie between what was used from just after the first to just before
 * the second, and from just before the first to just after the second (a slow run, valgrind's,
 * spends much inside the calls themselves). */
function within(float $reported, float $atLeast, float $atMost): bool { return $reported >= $atLeast - 0.01 && $reported <= $atMost + 0.01; }
$t0 = cpu_seconds();
$first = cpu_usage();
$t1 = cpu_seconds();
echo json_encode(array_keys($first)), "\n";
var_dump($first['process_cores'], $first['interval_sec'], $first['cpu_count'] >= 1);
burn(0.2);
$t2 = cpu_seconds();
$second = cpu_usage();
$t3 = cpu_seconds();
var_dump($second['interval_sec'] >= 0.2);
// CPU seconds used = cores x interval
var_dump(within($second['process_cores'] * $second['interval_sec'], $t2 - $t1, $t3 - $t0), $second['process_cores'] <= $second['cpu_count']);
var_dump(abs($second['process_percent'] - $second['process_cores'] * 100 / $second['cpu_count']) < 0.001);
var_dump($second['system_percent'] > 0.0 && $second['system_percent'] <= 100.0);
echo "-- a sleep uses no CPU\n";
usleep(200_000);
$third = cpu_usage();
var_dump($third['interval_sec'] >= 0.2 && $third['interval_sec'] < 1.0, $third['process_cores'] < 0.3);

echo "-- CpuSnapshot\n";
$t0 = cpu_seconds();
$a = Async\CpuSnapshot::now();
$t1 = cpu_seconds();
burn(0.1);
$t2 = cpu_seconds();
$b = Async\CpuSnapshot::now();
$t3 = cpu_seconds();
var_dump($b->wallNs - $a->wallNs >= 100_000_000);
var_dump(within((($b->processUserNs + $b->processSystemNs) - ($a->processUserNs + $a->processSystemNs)) / 1e9, $t2 - $t1, $t3 - $t0));
var_dump($b->systemBusyNs >= $a->systemBusyNs, $a->cpuCount === $first['cpu_count']);
try { new Async\CpuSnapshot(); } catch (Error $e) { echo get_class($e), "\n"; }
try { $a->wallNs = 1; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { $a->other = 1; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { serialize($a); } catch (Exception $e) { echo $e->getMessage(), "\n"; }
var_dump((new ReflectionClass(Async\CpuSnapshot::class))->isFinal());
?>
--EXPECT--
-- available_parallelism() is what nproc says (affinity counted)
bool(true)
ArgumentCountError
-- loadavg() is /proc/loadavg's first three numbers
bool(true)
bool(true)
-- cpu_usage(): zeros first, then the delta
["process_cores","process_percent","system_percent","cpu_count","interval_sec","loadavg"]
float(0)
float(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
-- a sleep uses no CPU
bool(true)
bool(true)
-- CpuSnapshot
bool(true)
bool(true)
bool(true)
bool(true)
Error
Cannot modify readonly property Async\CpuSnapshot::$wallNs
Cannot create dynamic property Async\CpuSnapshot::$other
Serialization of 'Async\CpuSnapshot' is not allowed
bool(true)
