--TEST--
libuv reactor from C: DNS events (getaddrinfo, getnameinfo: results, failures, creation errors, copies, ownership, dispose in every order, stop and restart)
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['localhost', 'numeric', 'unknown', 'nameinfo', 'create_errors', 'copies', 'result_left',
          'dispose_before_start', 'dispose_pending', 'dispose_in_callback', 'twice_owned', 'stop_and_restart'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_dns_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_dns_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
-- localhost
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
loopback addresses only: yes
-- numeric
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
address: 192.0.2.7 port 8080 (inet)
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
address: 2001:db8::5 port 443 (inet6)
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
address: 127.0.0.1 port 25 (inet)
-- unknown
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
failed: Async\DnsException: Cannot resolve no-such-host.invalid: %s
->result is NULL
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
failed: Async\DnsException: Cannot resolve localhost, service 80: unknown node or service
->result is NULL
-- nameinfo
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, active 0
hostname localhost, service 80
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, active 0
hostname ::1, service 443
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, active 0
failed: Async\DnsException: Cannot resolve address 127.0.0.1: bad ai_flags value
-- create_errors
getaddrinfo(NULL, NULL): NULL
  Async\DnsException: Cannot resolve without a host or a service: invalid argument
getnameinfo(NULL): NULL
  Async\DnsException: Cannot resolve a missing address: invalid argument
getnameinfo(AF_UNIX): NULL
  Async\DnsException: Cannot resolve an address that is neither IPv4 nor IPv6: address family not supported
start with an invalid IDNA name: false, loop_ref_count 0, active 0
  Async\DnsException, ends with ": invalid argument"
freeaddrinfo(NULL): ok
-- copies
node and service are copies: yes
node localhost, service 80
info: getaddrinfo of localhost, service 80
started: loop_ref_count 1, active 1
notified: result arg NULL, closed 1, loop_ref_count 0, active 0
address: 127.0.0.1 port 80 (inet)
info: getnameinfo of ::1
-- result_left
resolved, ->result left in the event: yes
released
-- dispose_before_start
disposed before start: notified 0, active 0
-- dispose_pending
40 released while pending: active 0
after the loop ran: notified 0
-- dispose_in_callback
released in their own callbacks: notified 4, active 0, taken result was loopback: yes
-- twice_owned
one owner released while pending: notified 0, closed 0, loop_ref_count 1, active 1
the other owner still gets it: notified 1, closed 1, loop_ref_count 0, active 0
-- stop_and_restart
started twice: notified 0, closed 0, loop_ref_count 2, active 1
stopped once: notified 0, closed 0, loop_ref_count 1, active 1
stopped twice: notified 0, closed 0, loop_ref_count 0, active 0
loop alive: 0
started again while pending: notified 0, closed 0, loop_ref_count 1, active 1
resolved: notified 1, closed 1, loop_ref_count 0, active 0
start after it closed: notified 1, closed 1, loop_ref_count 0, active 0
stopped, then the request ended: notified 1, closed 1, loop_ref_count 0, active 0
async_test_dns_scenario(): Argument #1 ($scenario) is not a DNS scenario
