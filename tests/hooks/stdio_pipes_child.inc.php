<?php
// The child of stdio_pipes.phpt (PHP with this extension). argv[1] says what to do while a
// ticker coroutine counts 10 ms ticks; the ticks, and what it saw, go to stderr at the end.
//   write-stream  fwrite(STDOUT) 1 MiB;  write-echo  echo 1 MiB;  read-stdin  reads php://stdin
//   write-cancel  fwrite(STDOUT) 1 MiB in a coroutine cancelled after 100 ms
//   write-shared  fwrite(STDOUT) 512 KiB, then a command that inherits the same stdout writes 512 KiB:
//                 the descriptor stayed blocking, so the command does not fail with EAGAIN
use function Async\{spawn, await, delay};

$ticks = 0;
$ticker = spawn(function () use (&$ticks) { while (true) { delay(10); $ticks++; } });
$work = spawn(function () use ($argv) {
    $chunk = str_repeat('0123456789abcdef', 4096); // 64 KiB
    switch ($argv[1]) {
        case 'write-stream':
            for ($i = 0; $i < 16; $i++) fwrite(STDOUT, $chunk);
            return 'wrote';
        case 'write-echo':
            for ($i = 0; $i < 16; $i++) echo $chunk;
            return 'echoed';
        case 'write-cancel':
            $writer = spawn(function () use ($chunk) {
                for ($i = 0; $i < 16; $i++) fwrite(STDOUT, $chunk);
            });
            delay(100);
            $writer->cancel();
            try { await($writer); return 'not cancelled'; } catch (Throwable $e) { return 'writer: ' . get_class($e); }
        case 'write-shared':
            for ($i = 0; $i < 8; $i++) fwrite(STDOUT, $chunk);
            $command = proc_open(['sh', '-c', 'head -c 524288 /dev/zero | tr "\\0" "z"'], [1 => STDOUT], $unused);
            return 'wrote, the command exited with ' . proc_close($command);
        case 'read-stdin':
            $in = fopen('php://stdin', 'r');
            $line = fgets($in);
            return 'read ' . trim($line) . ' from ' . stream_get_meta_data($in)['stream_type'];
    }
});
$what = await($work);
$ticker->cancel();
fwrite(STDERR, "$what, ticks while waiting: " . ($ticks >= ($argv[1] === 'write-cancel' ? 1 : 3) ? 'many' : $ticks) . "\n");
