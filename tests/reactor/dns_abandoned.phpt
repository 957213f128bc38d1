--TEST--
libuv reactor from C: DNS requests left pending at the end of the request are cancelled or awaited, notify nobody, and are freed
--EXTENSIONS--
async_test
--FILE--
<?php
// The callbacks would log into the array returned here, long gone at request end: a
// notification during shutdown would crash.
foreach (async_test_dns_scenario('abandoned') as $line) echo $line, "\n";
echo "end of script\n";
?>
--EXPECT--
left 20 pending requests to the end of the request: active 20
end of script
