--TEST--
libuv reactor: ZEND_ASYNC_EXEC in every mode gives what PHP's own exec(), exec() with an array, system(), passthru() and shell_exec() give
--EXTENSIONS--
async_test
--FILE--
<?php
$commands = [
    'printf "a\nb  \n\nc  "',
    'printf "x\n"',
    'true',
    'printf "\n\n"',
    'printf "  spaced  \n\tend\t\n"',
    'printf "no newline"',
    'echo out; exit 7',
    'seq 1 20000',
    'head -c 20000 /dev/zero | tr "\\000" y',
    'head -c 9000 /dev/zero | tr "\\000" y; echo; echo end',
];

function show($value): string {
    return is_string($value) && strlen($value) > 40 ? strlen($value) . ' bytes' : json_encode($value);
}

function printed(callable $run): array {
    ob_start();
    $result = $run();
    return [$result, ob_get_clean()];
}

foreach ($commands as $cmd) {
    echo "-- $cmd\n";

    $php = exec($cmd, result_code: $code);
    $ours = async_test_exec('exec', $cmd);
    echo "exec: ", show($ours['return_value']), " exit ", $ours['exit_code'],
        $php === $ours['return_value'] && $code === $ours['exit_code'] ? " (same)" : " (PHP: " . show($php) . " exit $code)", "\n";

    $lines = ['before'];
    $php = exec($cmd, $lines, $code);
    $ours = async_test_exec('exec_array', $cmd);
    $same = $php === $ours['return_value'] && $lines === $ours['lines'] && $code === $ours['exit_code'];
    echo "exec_array: ", count($ours['lines']), " lines, last ", show($ours['return_value']), $same ? " (same)" : " (differs)", "\n";
    if (count($lines) < 10) echo "  [", implode(", ", array_map('show', $ours['lines'])), "]\n";

    [$php, $php_printed] = printed(function () use ($cmd, &$code) { return system($cmd, $code); });
    [$ours, $ours_printed] = printed(fn () => async_test_exec('system', $cmd));
    $same = $php === $ours['return_value'] && $php_printed === $ours_printed && $code === $ours['exit_code'];
    echo "system: printed ", strlen($ours_printed), " bytes, returned ", show($ours['return_value']), $same ? " (same)" : " (differs)", "\n";

    [, $php_printed] = printed(function () use ($cmd, &$code) { return passthru($cmd, $code); });
    [$ours, $ours_printed] = printed(fn () => async_test_exec('passthru', $cmd));
    $same = $php_printed === $ours_printed && $code === $ours['exit_code'] && $ours['return_value'] === null;
    echo "passthru: printed ", strlen($ours_printed), " bytes", $same ? " (same)" : " (differs)", "\n";

    $php = shell_exec($cmd);
    $ours = async_test_exec('shell_exec', $cmd);
    echo "shell_exec: ", strlen($ours['return_value'] ?? ''), " bytes, ", gettype($ours['return_value']),
        $php === $ours['return_value'] ? " (same)" : " (differs)", "\n";
}
?>
--EXPECT--
-- printf "a\nb  \n\nc  "
exec: "c" exit 0 (same)
exec_array: 5 lines, last "c" (same)
  ["before", "a", "b", "", "c"]
system: printed 10 bytes, returned "c" (same)
passthru: printed 10 bytes (same)
shell_exec: 10 bytes, string (same)
-- printf "x\n"
exec: "x" exit 0 (same)
exec_array: 2 lines, last "x" (same)
  ["before", "x"]
system: printed 2 bytes, returned "x" (same)
passthru: printed 2 bytes (same)
shell_exec: 2 bytes, string (same)
-- true
exec: "" exit 0 (same)
exec_array: 1 lines, last "" (same)
  ["before"]
system: printed 0 bytes, returned "" (same)
passthru: printed 0 bytes (same)
shell_exec: 0 bytes, NULL (same)
-- printf "\n\n"
exec: "" exit 0 (same)
exec_array: 3 lines, last "" (same)
  ["before", "", ""]
system: printed 2 bytes, returned "" (same)
passthru: printed 2 bytes (same)
shell_exec: 2 bytes, string (same)
-- printf "  spaced  \n\tend\t\n"
exec: "\tend" exit 0 (same)
exec_array: 3 lines, last "\tend" (same)
  ["before", "  spaced", "\tend"]
system: printed 17 bytes, returned "\tend" (same)
passthru: printed 17 bytes (same)
shell_exec: 17 bytes, string (same)
-- printf "no newline"
exec: "no newline" exit 0 (same)
exec_array: 2 lines, last "no newline" (same)
  ["before", "no newline"]
system: printed 10 bytes, returned "no newline" (same)
passthru: printed 10 bytes (same)
shell_exec: 10 bytes, string (same)
-- echo out; exit 7
exec: "out" exit 7 (same)
exec_array: 2 lines, last "out" (same)
  ["before", "out"]
system: printed 4 bytes, returned "out" (same)
passthru: printed 4 bytes (same)
shell_exec: 4 bytes, string (same)
-- seq 1 20000
exec: "20000" exit 0 (same)
exec_array: 20001 lines, last "20000" (same)
system: printed 108894 bytes, returned "20000" (same)
passthru: printed 108894 bytes (same)
shell_exec: 108894 bytes, string (same)
-- head -c 20000 /dev/zero | tr "\000" y
exec: 20000 bytes exit 0 (same)
exec_array: 2 lines, last 20000 bytes (same)
  ["before", 20000 bytes]
system: printed 20000 bytes, returned 20000 bytes (same)
passthru: printed 20000 bytes (same)
shell_exec: 20000 bytes, string (same)
-- head -c 9000 /dev/zero | tr "\000" y; echo; echo end
exec: "end" exit 0 (same)
exec_array: 3 lines, last "end" (same)
  ["before", 9000 bytes, "end"]
system: printed 9005 bytes, returned "end" (same)
passthru: printed 9005 bytes (same)
shell_exec: 9005 bytes, string (same)
