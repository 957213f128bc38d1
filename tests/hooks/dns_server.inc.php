<?php
// A small DNS server for the dns_get_record()/checkdnsrr()/getmxrr() tests (UDP, one coroutine per
// query; this extension). Arguments: the address to listen on (127.0.0.1:53) and a delay in ms.
// It prints "ready", then answers, until its stdin closes:
//   fast.test    A 192.0.2.1, MX 10 mail.fast.test, TXT "fast", at once
//   slow.test    A 192.0.2.2, MX 10 mail.slow.test, TXT "slow", after the delay
//   fail.test    SERVFAIL;   silent.test    never answers;   anything else    NXDOMAIN
use function Async\{spawn, delay};

[, $address, $delay_ms] = $argv;
$server = stream_socket_server("udp://$address", $errno, $errstr, STREAM_SERVER_BIND);
if ($server === false) { fwrite(STDERR, "dns server: $errstr\n"); exit(1); }
echo "ready\n";

function dns_name(string $name): string {
    $out = '';
    foreach (explode('.', rtrim($name, '.')) as $label) $out .= chr(strlen($label)) . $label;
    return $out . "\0";
}

// The question's name, type and the question section as it came.
function parse_question(string $packet): ?array {
    $labels = [];
    for ($at = 12; $at < strlen($packet) && ($length = ord($packet[$at])) > 0; $at += $length + 1) {
        $labels[] = strtolower(substr($packet, $at + 1, $length));
    }
    if ($at + 5 > strlen($packet)) return null;
    return [implode('.', $labels), unpack('n', $packet, $at + 1)[1], substr($packet, 12, $at + 5 - 12)];
}

function answer(string $query): ?string {
    [$name, $type, $question] = parse_question($query) ?? [null, 0, ''];
    if ($name === null || $name === 'silent.test') return null;
    $zone = ['fast.test' => ['192.0.2.1', 'fast'], 'slow.test' => ['192.0.2.2', 'slow']];
    $rcode = isset($zone[$name]) ? 0 : ($name === 'fail.test' ? 2 : 3);
    $records = [];
    if ($rcode === 0) {
        [$ip, $text] = $zone[$name];
        $all = $type === 255;
        if ($type === 1 || $all) $records[] = [1, inet_pton($ip)];
        if ($type === 15 || $all) $records[] = [15, pack('n', 10) . dns_name("mail.$name")];
        if ($type === 16 || $all) $records[] = [16, chr(strlen($text)) . $text];
    }
    $flags = 0x8180 | $rcode | (ord($query[2]) & 0x01) << 8; // a response, recursion available, RD copied
    $out = substr($query, 0, 2) . pack('nnnnn', $flags, 1, count($records), 0, 0) . $question;
    foreach ($records as [$record_type, $data]) {
        $out .= "\xc0\x0c" . pack('nnNn', $record_type, 1, 300, strlen($data)) . $data;
    }
    return $out;
}

spawn(function () use ($server, $delay_ms) {
    while (($query = stream_socket_recvfrom($server, 512, 0, $peer)) !== false) {
        if (strlen($query) < 12) continue;
        spawn(function () use ($server, $query, $peer, $delay_ms) {
            $reply = answer($query);
            if ($reply === null) return;
            if (str_contains($query, "\4slow")) delay((int) $delay_ms);
            stream_socket_sendto($server, $reply, 0, $peer);
        });
    }
});
$r = [STDIN]; $w = $e = null;
while (stream_select($r, $w, $e, null) !== false && !feof(STDIN) && fgets(STDIN) !== false) { $r = [STDIN]; }
exit(0);
