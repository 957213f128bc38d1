--TEST--
docs/structured-concurrency.md: every ```php snippet that starts with <?php runs (a PHP process of its own with the extension) and prints the ```output block after it
--INI--
pcre.jit=0
--FILE--
<?php
$root = realpath(__DIR__ . '/../..');
$doc = file_get_contents("$root/docs/structured-concurrency.md");
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$dir = ini_get('extension_dir');

// Signatures are shown in ```php fences too; the examples open with <?php and have an output block.
preg_match_all('/```php\n(<\?php\n.*?)```\n+```output\n(.*?)```/s', $doc, $snippets, PREG_SET_ORDER);
echo "examples: ", count($snippets), "\n";

$work = sys_get_temp_dir() . '/structured-snippets-' . getmypid();
mkdir($work);
foreach ($snippets as $i => [, $code, $expected]) {
    file_put_contents("$work/$i.php", $code);
    $cmd = escapeshellarg($php) . " -n -d extension_dir=" . escapeshellarg($dir) . " -d extension=async "
        . escapeshellarg("$work/$i.php") . ' 2>&1';
    $output = (string) shell_exec("timeout 60 $cmd");
    echo "example ", $i + 1, ": ", trim($output) === trim($expected) ? "as documented" : "differs:\n$output", "\n";
    unlink("$work/$i.php");
}
rmdir($work);
?>
--EXPECT--
examples: 4
example 1: as documented
example 2: as documented
example 3: as documented
example 4: as documented
