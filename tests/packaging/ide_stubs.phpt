--TEST--
stubs/async.php: in sync with the *.stub.php files (scripts/gen-ide-stubs.php --check), and it declares what the loaded extension declares, with the same parameters
--FILE--
<?php
$root = realpath(__DIR__ . '/../..');
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$dir = ini_get('extension_dir');
// Without the extension (the stubs redeclare it all); the generator needs only the tokenizer.
$base = escapeshellarg($php) . ' -n -d extension_dir=' . escapeshellarg($dir)
    . (is_file("$dir/tokenizer.so") ? ' -d extension=tokenizer' : '');

exec("$base " . escapeshellarg("$root/scripts/gen-ide-stubs.php") . ' --check 2>&1', $out, $status);
echo implode("\n", $out), "\n", "status $status\n";

// The shape of what an extension (or the stub file) declares in namespace Async.
function shape(array $classes, array $functions): array
{
    $params = fn(ReflectionFunctionAbstract $f) => implode(', ', array_map(
        fn(ReflectionParameter $p) => str_replace('Traversable|array', 'iterable', (string) ($p->getType() ?? 'mixed')) . ($p->isVariadic() ? ' ...' : ' ') . '$' . $p->getName()
            . ($p->isOptional() && !$p->isVariadic() ? ' = ?' : ''),
        $f->getParameters())) . ($f->hasReturnType() ? '): ' . $f->getReturnType() : ')');
    $shape = [];
    foreach ($classes as $name) {
        $class = new ReflectionClass($name);
        $entry = ['kind' => $class->isEnum() ? 'enum' : ($class->isInterface() ? 'interface' : 'class'),
            'final' => $class->isFinal() && !$class->isEnum(), // PHP 8.2 reflects an internal enum as not final 'parent' => $class->getParentClass() ? $class->getParentClass()->getName() : null,
            'interfaces' => $class->getInterfaceNames()];
        sort($entry['interfaces']);
        foreach ($class->getMethods() as $m) {
            if ($m->getDeclaringClass()->getName() === $name && !$class->isEnum()) {
                $entry['methods'][$m->getName()] = ($m->isStatic() ? 'static ' : '') . '(' . $params($m);
            }
        }
        foreach ($class->getProperties() as $p) {
            if ($p->getDeclaringClass()->getName() === $name) {
                $entry['properties'][$p->getName()] = (string) $p->getType();
            }
        }
        foreach ($class->isEnum() ? $class->getConstants() : [] as $case => $value) {
            $entry['cases'][$case] = $value instanceof \BackedEnum ? $value->value : null; // a pure enum case has no value
        }
        if (isset($entry['methods'])) ksort($entry['methods']);
        $shape[$name] = $entry;
    }
    foreach ($functions as $name) {
        $shape[$name] = '(' . $params(new ReflectionFunction($name));
    }
    ksort($shape);
    return $shape;
}

$ext = new ReflectionExtension('async');
$loaded = shape($ext->getClassNames(), array_map(fn($f) => $f->getName(), $ext->getFunctions()));

// Reflect the stub declarations in this process under another namespace, so both can be compared.
$stubCode = str_replace('namespace Async;', 'namespace StubAsync;', file_get_contents("$root/stubs/async.php"));
eval('?>' . $stubCode);
$classes = array_filter(get_declared_classes() + [] , fn($c) => str_starts_with($c, 'StubAsync\\'));
$classes = array_merge($classes, array_filter(get_declared_interfaces(), fn($c) => str_starts_with($c, 'StubAsync\\')));
$functions = array_filter(get_defined_functions()['user'], fn($f) => str_starts_with($f, 'stubasync\\'));
$functions = array_map(fn($f) => (new ReflectionFunction($f))->getName(), $functions);
$rename = fn($s) => is_string($s) ? str_replace('StubAsync\\', 'Async\\', $s) : $s;
$stub = shape(array_values($classes), array_values($functions));
$stub = json_decode($rename(json_encode($stub)), true);
$stub = array_combine(array_map($rename, array_keys($stub)), $stub);
foreach ($stub as &$entry) {
    if (isset($entry['interfaces'])) sort($entry['interfaces']);   // in the order of their names here too
}
unset($entry);
$loaded = json_decode(json_encode($loaded), true);
echo count($loaded) > 20 ? "declarations: " . count($loaded) . "\n" : "too few declarations\n";
foreach (array_unique(array_merge(array_keys($loaded), array_keys($stub))) as $name) {
    if (($loaded[$name] ?? null) !== ($stub[$name] ?? null)) {
        echo "differs: $name\n  extension: ", json_encode($loaded[$name] ?? null), "\n  stubs:     ", json_encode($stub[$name] ?? null), "\n";
    }
}
echo "done\n";
?>
--EXPECTF--
stubs/async.php is up to date
status 0
declarations: %d
done
