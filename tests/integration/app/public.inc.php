<?php
// The app's front controller for blocking workers (PHP's built-in server: php -S ADDR public.inc.php,
// which sends every request here; or PHP-FPM): one request per process at a time, a fresh kernel
// per request from the compiled container, as PHP serves it without coroutines.
use App\Kernel;
use Symfony\Component\HttpFoundation\Request;

require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/Kernel.inc.php';

$kernel = new Kernel('prod', false);
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
