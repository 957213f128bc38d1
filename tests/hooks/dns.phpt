--TEST--
Hooks: gethostbyname(), gethostbynamel(), gethostbyaddr() resolve through the reactor inside coroutines; results, warnings and failures as stock PHP
--FILE--
<?php
use function Async\{spawn, await};

function probe(): array {
    $r = [];
    set_error_handler(function ($no, $message) use (&$r) { $r[] = "warning $no: $message"; return true; });
    foreach (["localhost", "127.0.0.1", "127.1", "no-such-host.invalid", "", str_repeat("a", 256), str_repeat("a", 255)] as $name) {
        $r[] = gethostbyname($name);
        $r[] = gethostbynamel($name);
    }
    foreach (["127.0.0.1", "::1", "192.0.2.1", "bogus", "", "1.2.3"] as $address) {
        $r[] = gethostbyaddr($address);
    }
    foreach (['gethostbyname', 'gethostbynamel', 'gethostbyaddr'] as $f) {
        try { $f("a\0b"); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
        try { $f([]); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
    }
    restore_error_handler();
    return $r;
}

$stock = probe();
$hooked = await(spawn('probe'));
var_dump($stock === $hooked);
foreach ($hooked as $value) echo is_string($value) && str_starts_with($value, "aaaa") ? "a x " . strlen($value) : json_encode($value), "\n";

// The look-up suspends the coroutine: the other one runs before it ends.
$order = [];
$a = spawn(function () use (&$order) {
    $order[] = "a resolves";
    $order[] = gethostbyname("localhost") . " " . gethostbyaddr("127.0.0.1") . " " . json_encode(gethostbynamel("localhost"));
});
$b = spawn(function () use (&$order) { $order[] = "b runs"; });
await($a); await($b);
echo implode("\n", $order), "\n";

// Many at once.
$cs = [];
for ($i = 0; $i < 20; $i++) $cs[] = spawn(fn() => gethostbyname("localhost"));
$all = array_map(fn($c) => await($c), $cs);
var_dump(array_unique($all));
?>
--EXPECT--
bool(true)
"127.0.0.1"
["127.0.0.1"]
"127.0.0.1"
["127.0.0.1"]
"127.0.0.1"
["127.0.0.1"]
"no-such-host.invalid"
false
""
false
"warning 2: gethostbyname(): Host name cannot be longer than 255 characters"
a x 256
"warning 2: gethostbynamel(): Host name cannot be longer than 255 characters"
false
a x 255
false
"localhost"
"::1"
"192.0.2.1"
"warning 2: gethostbyaddr(): Address is not a valid IPv4 or IPv6 address"
false
"warning 2: gethostbyaddr(): Address is not a valid IPv4 or IPv6 address"
false
"warning 2: gethostbyaddr(): Address is not a valid IPv4 or IPv6 address"
false
"ValueError: gethostbyname(): Argument #1 ($hostname) must not contain any null bytes"
"TypeError: gethostbyname(): Argument #1 ($hostname) must be of type string, array given"
"ValueError: gethostbynamel(): Argument #1 ($hostname) must not contain any null bytes"
"TypeError: gethostbynamel(): Argument #1 ($hostname) must be of type string, array given"
"ValueError: gethostbyaddr(): Argument #1 ($ip) must not contain any null bytes"
"TypeError: gethostbyaddr(): Argument #1 ($ip) must be of type string, array given"
a resolves
b runs
127.0.0.1 localhost ["127.0.0.1"]
array(1) {
  [0]=>
  string(9) "127.0.0.1"
}
