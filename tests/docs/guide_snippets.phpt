--TEST--
docs/guide.md: every ```php snippet runs (a PHP process of its own with the extension) and prints the ```output block that follows it
--INI--
; valgrind reports PCRE JIT code as reading uninitialised memory (a false positive)
pcre.jit=0
--FILE--
<?php
$root = realpath(__DIR__ . '/../..');
$guide = file_get_contents("$root/docs/guide.md");
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$dir = ini_get('extension_dir');

// Each ```php fence, the ```output fence after it (required), and the optional
// "<!-- snippet: php-args -->" comment before it (extra php options, e.g. -d extension=sockets).
preg_match_all('/(?:<!-- snippet: ([^>]*?) -->\n)?```php\n(.*?)```\n+(?:```output\n(.*?)```)?/s', $guide, $snippets, PREG_SET_ORDER | PREG_OFFSET_CAPTURE);
$fences = preg_match_all('/^```php$/m', $guide);
echo count($snippets) === $fences && $fences >= 15 ? "snippets: all $fences found\n" : "snippets: " . count($snippets) . " of $fences\n";

// %d digits, %s anything on one line, %a anything (lines included): as run-tests' EXPECTF.
function matches(string $expected, string $actual): bool
{
    $regex = preg_quote(trim($expected), '/');
    $regex = strtr($regex, ['%d' => '\d+', '%s' => '[^\n]+', '%a' => '.+?']);
    return (bool) preg_match("/^$regex$/s", trim($actual));
}

$work = sys_get_temp_dir() . '/guide-snippets-' . getmypid();
mkdir($work);
// A php.ini as a user would have one (the extension enabled), through PHPRC so that the PHP
// processes a snippet starts (php -S) load it too; no other ini file is scanned.
file_put_contents("$work/php.ini", "extension_dir=$dir\nextension=async\ndisplay_errors=1\nlog_errors=0\n");
$env = 'PHPRC=' . escapeshellarg("$work/php.ini") . ' PHP_INI_SCAN_DIR= ';
$failed = 0;
foreach ($snippets as $i => $s) {
    $line = substr_count($guide, "\n", 0, $s[0][1]) + 1;
    if (!isset($s[3]) || $s[3][1] < 0) {
        echo "line $line: a php snippet without an output block\n";
        $failed++;
        continue;
    }
    mkdir("$work/$i");
    $file = "$work/$i/example.php";     // messages name it "example.php"
    file_put_contents($file, $s[2][0]);
    $args = isset($s[1]) && $s[1][1] >= 0 ? $s[1][0] : '';
    $cmd = 'cd ' . escapeshellarg("$work/$i") . " && $env timeout 60 " . escapeshellarg($php) . " $args " . escapeshellarg($file) . ' 2>&1';
    $output = str_replace("$work/$i/", '', (string) shell_exec($cmd));
    // PHP 8.4 names closures in traces by where they are ({closure:example.php:4}); the guide shows 8.2's.
    $output = preg_replace('/\{closure:[^}]*\}/', '{closure}', $output);
    if (!matches($s[3][0], $output)) {
        echo "line $line: the output differs\n--- expected\n{$s[3][0]}--- got\n$output\n";
        $failed++;
    }
}
exec('rm -rf ' . escapeshellarg($work));
echo $failed ? "$failed failed\n" : "every snippet printed its output\n";
?>
--EXPECTF--
snippets: all %d found
every snippet printed its output
