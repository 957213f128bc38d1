--TEST--
libuv reactor from C: a filesystem watch left started, with a change pending, at the end of the request is closed and freed without a notification
--EXTENSIONS--
async_test
--FILE--
<?php
$dir = sys_get_temp_dir() . '/async-fs-' . bin2hex(random_bytes(4));
mkdir($dir);
// The callback would log into the array returned here, long gone at request end.
foreach (async_test_fs_scenario('abandoned', $dir) as $line) echo $line, "\n";
rmdir($dir);
echo "end of script\n";
?>
--EXPECT--
left watching: active 1
end of script
