--TEST--
composer.json: the php-ext section PIE reads (keys and values of PIE's schema), consistent with config.m4, the module and this PHP; composer validate warns about nothing else
--INI--
; valgrind reports PCRE JIT code as reading uninitialised memory (a false positive)
pcre.jit=0
--FILE--
<?php
$root = __DIR__ . '/../..';
$json = json_decode(file_get_contents("$root/composer.json"), true, 512, JSON_THROW_ON_ERROR);

// The keys PIE's schema (resources/composer-json-php-ext-schema.json in php/pie) defines.
$known = ['extension-name', 'priority', 'support-zts', 'support-nts', 'build-path',
    'download-url-method', 'override-download-url-method', 'os-families', 'os-families-exclude', 'configure-options'];
$osFamilies = ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'];
$problems = [];
$check = function (bool $ok, string $what) use (&$problems) { if (!$ok) $problems[] = $what; };

$check(($json['type'] ?? null) === 'php-ext', 'type is php-ext');
$check((bool) preg_match('~^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$~', $json['name'] ?? ''), 'name is vendor/package');
$check(($json['license'] ?? null) === 'MIT' && str_starts_with(file_get_contents("$root/LICENSE"), 'MIT License'), 'license MIT, as LICENSE');
$ext = $json['php-ext'] ?? [];
$check(is_array($ext), 'a php-ext section');
foreach (array_diff(array_keys($ext), $known) as $key) $problems[] = "unknown php-ext key $key";
$check(($ext['extension-name'] ?? null) === 'async' && extension_loaded($ext['extension-name']), 'extension-name is the module loaded here');
$check(($ext['support-nts'] ?? null) === true && ($ext['support-zts'] ?? null) === false, 'NTS only');
$check(!PHP_ZTS, 'this PHP is NTS, as declared');
$check(($ext['os-families'] ?? null) === ['linux'] && !isset($ext['os-families-exclude']), 'os-families: linux');
foreach ($ext['os-families'] ?? [] as $family) $check(in_array($family, $osFamilies, true), "os family $family in PIE's list");
$check(strtolower(PHP_OS_FAMILY) === 'linux', 'this OS is in os-families');

// Each configure option is one config.m4 declares, and every option config.m4 declares is listed.
$m4 = file_get_contents("$root/config.m4");
preg_match_all('/PHP_ARG_(ENABLE|WITH)\(\[?([a-z0-9_-]+)\]?/', $m4, $declared, PREG_SET_ORDER);
$m4Options = array_map(fn($m) => strtolower($m[1]) . '-' . $m[2], $declared);
$options = $ext['configure-options'] ?? [];
foreach ($options as $option) {
    $check(is_string($option['name'] ?? null) && preg_match('/^[a-zA-Z0-9][a-zA-Z0-9-_]*$/', $option['name']), 'option name pattern');
    $check(in_array($option['name'], $m4Options, true), "option {$option['name']} is in config.m4");
    $check(is_bool($option['needs-value'] ?? false) && is_string($option['description'] ?? null), "option {$option['name']}: needs-value, description");
}
$check(array_column($options, 'name') == $m4Options, 'config.m4 options all listed');

// The PHP versions: ">=A.B <C.D", and this PHP is inside them.
$check((bool) preg_match('/^>=(\d+\.\d+) <(\d+\.\d+)$/', $json['require']['php'] ?? '', $range), 'require.php is >=A.B <C.D');
$check(version_compare(PHP_VERSION, $range[1], '>=') && version_compare(PHP_VERSION, $range[2], '<'), 'this PHP is in require.php');

echo $problems ? "problems:\n" . implode("\n", $problems) . "\n" : "composer.json ok\n";

// Debian's Composer 2.5 predates the php-ext section: it may warn about that key and nothing else.
$composer = trim((string) shell_exec('command -v composer'));
if ($composer === '') {
    echo "composer validate: skipped (no composer)\n";
} else {
    exec('cd ' . escapeshellarg($root) . ' && COMPOSER_ALLOW_SUPERUSER=1 ' . escapeshellarg($composer)
        . ' validate --no-check-publish --no-check-lock --no-interaction 2>&1', $out, $status);
    $other = array_filter($out, fn($line) => str_starts_with($line, '- ') && !str_contains($line, 'php-ext'));
    echo $status === 0 && !$other ? "composer validate ok\n" : "composer validate: status $status\n" . implode("\n", $out) . "\n";
}
?>
--EXPECTREGEX--
composer.json ok
composer validate( ok|: skipped \(no composer\))
