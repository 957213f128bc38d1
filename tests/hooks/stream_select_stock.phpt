--TEST--
Hooks: stream_select() in a coroutine gives what PHP gives outside one (results, buffered data, zero timeout, errors and warnings)
--FILE--
<?php
use function Async\{spawn, await};

function scenarios(): array {
    $out = [];
    $note = function (callable $f) use (&$out) {
        try {
            $out[] = json_encode($f());
        } catch (Throwable $e) {
            $out[] = get_class($e) . ': ' . $e->getMessage();
        }
    };
    [$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    // buffered data: the stream has read both lines, the socket itself is drained
    fwrite($b, "one\ntwo\n");
    usleep(10000);
    fgets($a);
    $note(function () use ($a, $b) { $r = ['k' => $a]; $w = [$b]; $e = null; return [stream_select($r, $w, $e, 1), array_keys($r), $w]; });
    fgets($a);
    $note(function () use ($a) { $r = [$a]; $w = null; $e = null; return [stream_select($r, $w, $e, 0), $r]; });
    $note(function () use ($a) { $r = [$a]; $w = null; $e = null; return [stream_select($r, $w, $e, 0, 1000), $r]; });
    $note(function () { $r = null; $w = null; $e = null; return stream_select($r, $w, $e, 1); });
    $note(function () { $r = []; $w = []; $e = []; return stream_select($r, $w, $e, 1); });
    $note(function () use ($a) { $r = [$a]; $w = null; $e = null; return stream_select($r, $w, $e, -1); });
    $note(function () use ($a) { $r = [$a]; $w = null; $e = null; return stream_select($r, $w, $e, 1, -1); });
    $note(function () use ($a) { $r = [$a]; $w = null; $e = null; return stream_select($r, $w, $e, null, 5); });
    $note(function () use ($a) { $r = [$a, 'not a stream']; $w = null; $e = null; return stream_select($r, $w, $e, 1); });
    $note(function () use ($a) { $r = [$a]; $w = null; $e = null; return stream_select($r, $w, $e, "x"); });
    // a stream without a selectable descriptor: PHP warns once and selects on the others
    $note(function () use ($a, $b) { $m = fopen('php://memory', 'r'); $r = [$m, 'a' => $a]; $w = ['b' => $b]; $e = null; return [stream_select($r, $w, $e, 1), $r, array_keys($w)]; });
    // a closed stream
    $note(function () use ($b) { $f = fopen('php://memory', 'r'); fclose($f); $r = [$f]; $w = [$b]; $e = null; return stream_select($r, $w, $e, 1); });
    // a string that PHP coerces to an int
    $note(function () use ($a, $b) { $r = [$a]; $w = [$b]; $e = null; return [stream_select($r, $w, $e, "1"), count($r), count($w)]; });
    return $out;
}

$outside = scenarios();
ob_start();
$inside = await(spawn(function () { ob_start(); try { return scenarios(); } finally { ob_end_clean(); } }));
ob_end_clean();
// The warnings went to the output above both times; show them once from a plain run.
echo implode("\n", $outside), "\n";
var_dump($inside === $outside);
// In a coroutine the warnings come as outside (PHP warns twice: building and reading the sets).
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$m = fopen('php://memory', 'r');
var_dump(await(spawn(function () use ($m, $a) { $r = [$m, $a]; $w = null; $e = null; return stream_select($r, $w, $e, 0, 50000); })));
?>
--EXPECTF--
Warning: stream_select(): Cannot represent a stream of type MEMORY as a select()able descriptor in %s on line %d

Warning: stream_select(): Cannot represent a stream of type MEMORY as a select()able descriptor in %s on line %d
[1,["k"],[]]
[0,[]]
[0,[]]
ValueError: No stream arrays were passed
ValueError: No stream arrays were passed
ValueError: stream_select(): Argument #4 ($seconds) must be greater than or equal to 0
ValueError: stream_select(): Argument #5 ($microseconds) must be greater than or equal to 0
ValueError: stream_select(): Argument #5 ($microseconds) must be null when argument #4 ($seconds) is null
TypeError: stream_select(): supplied argument is not a valid stream resource
TypeError: stream_select(): Argument #4 ($seconds) must be of type ?int, string given
[1,[],["b"]]
TypeError: stream_select(): supplied resource is not a valid stream resource
[1,0,1]
bool(true)

Warning: stream_select(): Cannot represent a stream of type MEMORY as a select()able descriptor in %s on line %d

Warning: stream_select(): Cannot represent a stream of type MEMORY as a select()able descriptor in %s on line %d
int(0)
