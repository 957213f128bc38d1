--TEST--
Engine API from C: reference counting and dispose of an event
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (async_test_refcount() as $line) echo $line, "\n";
?>
--EXPECT--
created: refcount 1
two add_ref: refcount 3
del_ref: refcount 2
release: refcount 1, live 1
dispose with two owners: refcount 1, live 1
dispose
after last release: live 0
started: active events 1
dispose
released while started: active events 0, live 0
