--TEST--
The extension's version: phpversion('async'), engine_info() and php --ri async report the version of CHANGELOG.md's latest entry
--FILE--
<?php
$changelog = file_get_contents(__DIR__ . '/../../CHANGELOG.md');
preg_match('/^## \[(\d+\.\d+\.\d+)\]/m', $changelog, $latest) or die("no version entry in CHANGELOG.md\n");
var_dump(phpversion('async') === $latest[1]);
var_dump(Async\engine_info()['extension_version'] === $latest[1]);
var_dump((new ReflectionExtension('async'))->getVersion() === $latest[1]);

ob_start();
(new ReflectionExtension('async'))->info();   // what php --ri async prints
$info = ob_get_clean();
var_dump(str_contains($info, "Extension version => {$latest[1]}\n"));
var_dump((bool) preg_match('/^\d+\.\d+\.\d+$/', phpversion('async')));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
