--TEST--
Engine API from C: callbacks removed during notify (themselves, earlier, later ones) are neither skipped nor called twice
--EXTENSIONS--
async_test
--FILE--
<?php
function show(string $name, array $r) {
    $left = array_pop($r);
    $ids = array_pop($r);
    $rounds = array_map(fn($round) => '[' . implode(',', $round) . ']', $r);
    echo str_pad($name, 30), implode(' ', $rounds), '  left [', implode(',', $ids), "] length $left\n";
}
show('no removal', async_test_notify(4, []));
show('each removes itself', async_test_notify(4, [[0], [1], [2], [3]]));
show('first removes the last', async_test_notify(4, [0 => [3]]));
show('last removes the first', async_test_notify(4, [3 => [0]]));
show('1 removes 0, itself and 3', async_test_notify(4, [1 => [0, 1, 3]]));
show('2 removes everyone', async_test_notify(5, [2 => [0, 1, 2, 3, 4]]));
show('3 removes the first', async_test_notify(6, [3 => [0]]));
show('1 removes both ends', async_test_notify(6, [1 => [5, 0]]));
show('no callbacks', async_test_notify(0, []));

// Random plans: whatever is removed and when, no callback runs twice in a round, and every
// callback that survives the round was called in it.
mt_srand(42);
$bad = 0;
for ($plan = 0; $plan < 300; $plan++) {
    $n = mt_rand(1, 40);
    $removals = [];
    for ($i = 0; $i < $n; $i++) {
        if (mt_rand(0, 2) === 0) {
            $removals[$i] = array_map(fn() => mt_rand(0, $n - 1), range(1, mt_rand(1, 3)));
        }
    }
    [$called, $survivors, $length] = async_test_notify($n, $removals, 1);
    if (count($called) !== count(array_unique($called))) $bad++;
    if (array_diff($survivors, $called)) $bad++;
    if ($length !== count($survivors)) $bad++;
}
echo "random plans with a skipped or repeated callback: $bad\n";
?>
--EXPECT--
no removal                    [0,1,2,3] [0,1,2,3]  left [0,1,2,3] length 4
each removes itself           [0,1,2,3] []  left [] length 0
first removes the last        [0,1,2] [0,1,2]  left [0,1,2] length 3
last removes the first        [0,1,2,3] [1,2,3]  left [1,2,3] length 3
1 removes 0, itself and 3     [0,1,2] [2]  left [2] length 1
2 removes everyone            [0,1,2] []  left [] length 0
3 removes the first           [0,1,2,3,4,5] [1,2,3,4,5]  left [1,2,3,4,5] length 5
1 removes both ends           [0,1,2,3,4] [1,2,3,4]  left [1,2,3,4] length 4
no callbacks                  [] []  left [] length 0
random plans with a skipped or repeated callback: 0
