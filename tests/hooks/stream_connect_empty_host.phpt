--TEST--
Stream hooks: a connect to an empty host name inside a coroutine (fsockopen('', 80), tcp://:80) fails with stock PHP's getaddrinfo warning and false; it threw Async\DnsException "Cannot resolve : invalid argument" after an "Operation canceled" warning (libuv refuses the empty name before asking)
--FILE--
<?php
function attempt(): void {
    var_dump(fsockopen('', 80, $errno, $errstr, 1), $errno, $errstr);
    var_dump(stream_socket_client('tcp://:80', $errno, $errstr, 1));
}
ob_start();
attempt();
$stock = ob_get_clean();
$ours = Async\await(Async\spawn(function () { ob_start(); attempt(); return ob_get_clean(); }));
echo $ours;
var_dump($ours === $stock);
?>
--EXPECTF--
Warning: fsockopen(): php_network_getaddresses: getaddrinfo for  failed: %s in %s on line %d

Warning: fsockopen(): Unable to connect to :80 (php_network_getaddresses: getaddrinfo for  failed: %s) in %s on line %d
bool(false)
int(0)
string(%d) "php_network_getaddresses: getaddrinfo for  failed: %s"

Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo for  failed: %s in %s on line %d

Warning: stream_socket_client(): Unable to connect to tcp://:80 (php_network_getaddresses: getaddrinfo for  failed: %s) in %s on line %d
bool(false)
bool(true)
