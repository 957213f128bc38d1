<?php
// The demo of the README's first command. For now it shows what this runtime is: the engine API
// version and the backends registered through it. Later layers grow it into a concurrent program.
if (!extension_loaded('async')) {
    fwrite(STDERR, "The async extension is not loaded: run scripts/demo.sh\n");
    exit(1);
}
$info = Async\engine_info();
printf("async %s on PHP %s\n", $info['extension_version'], PHP_VERSION);
printf("engine API : %s (version number %d)\n", $info['api_version'], $info['api_version_number']);
printf("reactor    : %s\n", $info['reactor'] ?? 'none registered');
printf("scheduler  : %s\n", $info['scheduler'] ?? 'none registered (coming with the scheduler layer)');
