--TEST--
libuv reactor from C: filesystem events (directory: create, modify, rename, remove; single file; bad paths; stop and dispose in every order)
--EXTENSIONS--
async_test
--FILE--
<?php
$dir = sys_get_temp_dir() . '/async-fs-' . bin2hex(random_bytes(4));
mkdir($dir);
foreach (['directory', 'single_file', 'bad_path', 'stop_and_dispose'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_fs_scenario($scenario, $dir) as $line) echo str_replace($dir, 'DIR', $line), "\n";
}
try {
    async_test_fs_scenario('nope', $dir);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
foreach (glob("$dir/*") as $file) unlink($file);
rmdir($dir);
?>
--EXPECT--
-- directory
info: filesystem watch of DIR
started: notified 0, loop_ref_count 1, active 1
create a.txt: rename a.txt
append to a.txt: change a.txt
append to a.txt again: change a.txt
the repeated name came as the same string: yes
rename a.txt to b.txt: rename a.txt, rename b.txt
remove b.txt: rename b.txt
after: notified 6, loop_ref_count 1, active 1
closed: 0 (multi-shot)
-- single_file
append to watched.txt: change watched.txt
rename watched.txt to moved.txt: rename watched.txt
-- bad_path
missing path: NULL
  Async\InputOutputException: Cannot watch DIR/missing: no such file or directory
empty path: NULL
  Async\InputOutputException: Cannot watch an empty path
path with a NUL byte: NULL
  Async\InputOutputException: Cannot watch a path that contains a NUL byte
recursive: refused
  Async\InputOutputException: Cannot watch DIR recursively: libuv watches subdirectories on macOS and Windows only
start after the file went: false, loop_ref_count 0, active 0
  Async\InputOutputException: Cannot watch DIR/gone.txt: no such file or directory
-- stop_and_dispose
released before start: active 0
released while started: notified 0, active 0
started twice: notified 0, loop_ref_count 2, active 1
stopped once: notified 0, loop_ref_count 1, active 1
stopped twice: notified 0, loop_ref_count 0, active 0
a change while stopped: notified 0, loop_ref_count 0, active 0
started again, append to c.txt: change c.txt
stopped in its callback: notified 1, loop_ref_count 0, active 0
a change after that: notified 1, loop_ref_count 0, active 0
released in its callback: notified 1, active 0
one of two owners released: notified 0, loop_ref_count 1, active 1
remove d.txt: rename d.txt
both released: active 0
async_test_fs_scenario(): Argument #1 ($scenario) is not a filesystem scenario
