--TEST--
libuv reactor: ZEND_ASYNC_EXEC with cwd, a whole environment or the inherited one, stderr captured, exit codes, a missing command, a bad cwd, a timeout
--EXTENSIONS--
async_test
--FILE--
<?php
function show(array $result): void {
    echo json_encode($result, JSON_UNESCAPED_SLASHES), "\n";
}

echo "-- cwd\n";
show(async_test_exec('exec', 'pwd', '/tmp'));
show(async_test_exec('exec', 'pwd', '/'));
echo "same as getcwd() without one: ", var_export(async_test_exec('exec', 'pwd')['return_value'] === getcwd(), true), "\n";

echo "-- env\n";
show(async_test_exec('exec', 'echo "[$FOO][$BAR][$HOME]"', env: ['FOO' => 'foo bar', 'BAR' => 1]));
show(async_test_exec('exec_array', 'env | grep -v -e "^PWD=" -e "^LD_PRELOAD=" -e "^VALGRIND_LIB=" | sort', env: ['B' => '2', 'A' => '=1=', 'EMPTY' => '']));
show(async_test_exec('exec', 'env | grep -v -e "^PWD=" -e "^LD_PRELOAD=" -e "^VALGRIND_LIB=" | wc -l', env: []));
putenv('ASYNC_TEST_INHERITED=yes');
show(async_test_exec('exec', 'echo "[$ASYNC_TEST_INHERITED]"'));

echo "-- stderr\n";
show(async_test_exec('exec', 'echo out; echo err1 >&2; echo err2 >&2', stderr: true));
show(async_test_exec('shell_exec', 'true', stderr: true));
$big = async_test_exec('exec', 'seq 1 30000 >&2; echo done', stderr: true);
echo "30000 lines of stderr: ", var_export($big['stderr'] === implode("\n", range(1, 30000)) . "\n", true), ", ", $big['return_value'], "\n";

echo "-- exit codes\n";
foreach (['exit 0', 'exit 1', 'exit 255', 'false', 'kill -9 $$', 'kill -TERM $$'] as $cmd) {
    exec($cmd, result_code: $php);
    echo "$cmd: ", async_test_exec('exec', $cmd)['exit_code'], " (PHP's exec: $php)\n";
}

echo "-- missing command\n";
exec('no_such_command_async_test 2>/dev/null', result_code: $php);
$result = async_test_exec('exec', 'no_such_command_async_test', stderr: true);
echo "exit code ", $result['exit_code'], " (PHP's exec: $php), stderr says not found: ",
    var_export(str_contains($result['stderr'], 'no_such_command_async_test: not found'), true), "\n";

echo "-- bad cwd\n";
foreach (['/nonexistent/dir', '/etc/passwd'] as $cwd) {
    try {
        async_test_exec('exec', 'pwd', $cwd);
    } catch (Async\InputOutputException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
}

echo "-- timeout\n";
$start = hrtime(true);
try {
    async_test_exec('exec', 'sleep 5', timeout: 100, stderr: true);
} catch (Async\TimeoutException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
echo "ended well under 5 s: ", var_export((hrtime(true) - $start) / 1e9 < 4, true), ", children left: ",
    var_export(async_test_has_children(), true), "\n";
show(async_test_exec('exec', 'echo in time', timeout: 30000));

echo "-- mode\n";
try {
    async_test_exec('nope', 'true');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- cwd
{"exit_code":0,"return_value":"/tmp"}
{"exit_code":0,"return_value":"/"}
same as getcwd() without one: true
-- env
{"exit_code":0,"return_value":"[foo bar][1][]"}
{"exit_code":0,"return_value":"EMPTY=","lines":["before","A==1=","B=2","EMPTY="]}
{"exit_code":0,"return_value":"0"}
{"exit_code":0,"return_value":"[yes]"}
-- stderr
{"exit_code":0,"return_value":"out","stderr":"err1\nerr2\n"}
{"exit_code":0,"return_value":null,"stderr":""}
30000 lines of stderr: true, done
-- exit codes
exit 0: 0 (PHP's exec: 0)
exit 1: 1 (PHP's exec: 1)
exit 255: 255 (PHP's exec: 255)
false: 1 (PHP's exec: 1)
kill -9 $$: -9 (PHP's exec: 9)
kill -TERM $$: -15 (PHP's exec: 15)
-- missing command
exit code 127 (PHP's exec: 127), stderr says not found: true
-- bad cwd
Async\InputOutputException: Cannot run "pwd" in /nonexistent/dir: no such file or directory
Async\InputOutputException: Cannot run "pwd" in /etc/passwd: not a directory
-- timeout
Async\TimeoutException: The command timed out after 100 ms
ended well under 5 s: true, children left: false
{"exit_code":0,"return_value":"in time"}
-- mode
async_test_exec(): Argument #1 ($mode) is not an exec mode
