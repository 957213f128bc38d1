--TEST--
libuv reactor from C: signal events (fan-out to every started event, stop, restart, nested start, stop/start/dispose during the fan-out, hidden, 100 at once)
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['two_events', 'stop_one', 'restart', 'nested_start', 'fanout_stop_other', 'fanout_start_other',
          'dispose_in_callback', 'dispose_other_in_callback', 'dispose_while_started', 'hidden', 'many'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_signal_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_signal_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- two_events
active 2
A notified (1), result NULL, exception NULL
B notified (1), result NULL, exception NULL
round 1 delivered: yes
A notified (2), result NULL, exception NULL
B notified (2), result NULL, exception NULL
round 2 delivered: yes
A notified (3), result NULL, exception NULL
B notified (3), result NULL, exception NULL
round 3 delivered: yes
A 3, B 3, closed 0 0
active after release 0
-- stop_one
A stopped: loop_ref_count 0, active 1
B notified (1), result NULL, exception NULL
delivered to B: yes
both stopped: loop alive 0
A notified (1), result NULL, exception NULL
A started again, delivered: yes
A 1, B 1
-- restart
A notified (1), result NULL, exception NULL
start 1 delivered: yes
A notified (2), result NULL, exception NULL
start 2 delivered: yes
A notified (3), result NULL, exception NULL
start 3 delivered: yes
active 0
-- nested_start
two starts, one stop: loop_ref_count 1, active 1
A notified (1), result NULL, exception NULL
delivered: yes
second stop: loop_ref_count 0, active 0
-- fanout_stop_other
A notified (1), result NULL, exception NULL
A stops B
C notified (1), result NULL, exception NULL
first delivered: yes
A notified (2), result NULL, exception NULL
C notified (2), result NULL, exception NULL
second delivered: yes
A 2, B 0, C 2
-- fanout_start_other
A notified (1), result NULL, exception NULL
A starts B
first delivered: yes
A notified (2), result NULL, exception NULL
B notified (1), result NULL, exception NULL
second delivered: yes
A 2, B 1
-- dispose_in_callback
A notified (1), result NULL, exception NULL
A releases itself
B notified (1), result NULL, exception NULL
delivered: yes
active 1
B notified (2), result NULL, exception NULL
B alone delivered: yes
active 0
-- dispose_other_in_callback
A notified (1), result NULL, exception NULL
A releases B
C notified (1), result NULL, exception NULL
delivered: yes
A notified (2), result NULL, exception NULL
C notified (2), result NULL, exception NULL
again: yes
A 2, C 2, active 2
-- dispose_while_started
started: active 1, action replaced: yes
first owner released: loop_ref_count 1, active 1
last owner released: active 0, loop alive 0, action restored: yes
-- hidden
hidden started: loop_ref_count 1, active 0, loop alive 0
A notified (1), result NULL, exception NULL
B notified (1), result NULL, exception NULL
visible one delivered: yes
hidden one notified: 1
-- many
active 100
round 1: 100 of 100 notified
round 2: 100 of 100 notified
all released: active 0, action restored: yes
async_test_signal_scenario(): Argument #1 ($scenario) is not a signal scenario
