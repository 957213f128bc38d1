--TEST--
libuv reactor: at request end every handle is closed and every event freed, even those their owners never disposed
--EXTENSIONS--
async_test
--FILE--
<?php
var_dump(async_test_timer_abandon(1000));
// Pooled and fresh ones alike: churn some first so the pool holds timers too.
async_test_timer_churn(100);
var_dump(Async\runtime_stats()['active_events']);
echo "end of script\n";
?>
--EXPECT--
int(500)
int(500)
end of script
