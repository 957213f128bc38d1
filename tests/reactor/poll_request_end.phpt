--TEST--
libuv reactor from C: poll events: events left armed or idle at request end are stopped and freed, F_CLOSE_FD honoured
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['left_at_request_end'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECT--
== left_at_request_end
turn:
left armed: active 2
