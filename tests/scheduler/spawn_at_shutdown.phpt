--TEST--
Scheduler: coroutines spawned by a shutdown function or a destructor after the script ended still run to completion
--FILE--
<?php
use function Async\{spawn, delay, await};
class Holder {
    public function __destruct() {
        spawn(function () { delay(5); echo "spawned by a destructor ran\n"; });
    }
}
$holder = new Holder();
register_shutdown_function(function () {
    $c = spawn(function () { delay(5); return "from a shutdown function"; });
    echo await($c), "\n";
    spawn(function () { delay(5); echo "not awaited, still ran\n"; });
});
spawn(function () { delay(5); echo "during the script\n"; });
echo "end of script\n";
?>
--EXPECT--
end of script
during the script
from a shutdown function
not awaited, still ran
spawned by a destructor ran
