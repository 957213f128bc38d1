--TEST--
Userland: a recursive FileSystemWatcher reports changes below the root with names relative to it: in directories there from the start, in one made afterwards, and in one removed and made again under the same name; a non-recursive one sees only its own directory's entries
--FILE--
<?php
use Async\FileSystemWatcher;
use function Async\delay;

$root = sys_get_temp_dir() . '/async_fsw_rec_' . getmypid();
@mkdir("$root/sub/deep", 0777, true);

function names(FileSystemWatcher $w): array {
    $w->close();
    $names = [];
    foreach ($w as $e) { $names[] = $e->filename; }
    sort($names);
    return array_values(array_unique($names));
}

$flat = new FileSystemWatcher($root);
$watcher = new FileSystemWatcher("$root/", recursive: true);
file_put_contents("$root/sub/deep/one.txt", '1');
touch("$root/top.txt");
delay(100);
mkdir("$root/sub/later");
delay(100);
file_put_contents("$root/sub/later/two.txt", '2');
delay(100);
unlink("$root/sub/deep/one.txt");
rmdir("$root/sub/deep");
delay(100);
mkdir("$root/sub/deep");
delay(100);
file_put_contents("$root/sub/deep/three.txt", '3');
delay(150);
echo implode("\n", names($watcher)), "\n--\n";
echo implode("\n", names($flat)), "\n";

foreach (['top.txt', 'sub/deep/three.txt', 'sub/later/two.txt'] as $f) unlink("$root/$f");
rmdir("$root/sub/deep"); rmdir("$root/sub/later"); rmdir("$root/sub"); rmdir($root);
echo "done\n";
?>
--EXPECT--
sub/deep
sub/deep/one.txt
sub/deep/three.txt
sub/later
sub/later/two.txt
top.txt
--
top.txt
done
