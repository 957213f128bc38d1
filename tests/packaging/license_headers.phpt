--TEST--
Every C source and header of the extension, the test extension and the benchmarks opens with the license line (generated arginfo headers and configure's config.h aside)
--FILE--
<?php
$root = dirname(__DIR__, 2);
$line = '/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */';
$files = array_merge(glob("$root/*.[ch]"), glob("$root/{engine,reactor,scheduler,userland,hooks,bench,tests/ext/async_test}/*.[ch]", GLOB_BRACE));
$missing = [];
$checked = 0;
foreach ($files as $file) {
    $name = substr($file, strlen($root) + 1);
    if (str_ends_with($name, '_arginfo.h') || basename($name) === 'config.h') {
        continue;
    }
    $checked++;
    if (strtok((string) file_get_contents($file), "\n") !== $line) {
        $missing[] = $name;
    }
}
echo $checked > 100 ? "checked more than 100 files\n" : "checked only $checked files\n";
echo $missing ? "without the license line:\n" . implode("\n", $missing) . "\n" : "all open with the license line\n";
?>
--EXPECT--
checked more than 100 files
all open with the license line
