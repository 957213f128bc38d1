--TEST--
Engine API from C: nested notify is refused, a throwing callback ends the notify, notify_handler replaces delivery, shared callbacks
--EXTENSIONS--
async_test
--FILE--
<?php
echo "-- nested notify\n";
foreach (async_test_nested_notify() as $line) echo $line, "\n";
echo "-- a callback throws\n";
foreach (async_test_notify_throws() as $line) echo $line, "\n";
echo "-- notify_handler\n";
foreach (async_test_notify_handler() as $line) echo $line, "\n";
echo "-- one callback on two events\n";
foreach (async_test_callback_shared() as $line) echo $line, "\n";
?>
--EXPECTF--
-- nested notify

Warning: Concurrent callback iteration detected - nested notify() calls are not allowed in %s on line %d
outer callback: notifying the same event again
outer callback: nested notify returned
callback: exception none, closed 0
notify returned; a later notify still works:
callback: exception none, closed 0
dispose
-- a callback throws
throwing callback
after notify: pending exception 'thrown by a callback'
dispose
-- notify_handler
notify_handler: called instead of the callbacks
notify_handler: delivering from the handler
callback: exception Async\InputOutputException, closed 0
notify_and_close:
callback: exception none, closed 1
dispose
-- one callback on two events
callback refcount 2
remove absent: false
shared callback: one owner left
dispose
callback: exception none, closed 0
shared callback: freed
dispose
