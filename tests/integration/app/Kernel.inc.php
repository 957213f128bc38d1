<?php
// A small Symfony application (FrameworkBundle, MicroKernelTrait): the app that
// tests/integration/framework_app.phpt and bench/framework.sh serve, on this extension's coroutine
// server (server.inc.php) and on blocking workers (public.inc.php under php -S).
//   /state?id=ID&wait=MS   stores ID in a request-scoped service and the Request's attributes,
//                          waits MS ms (a query would), then tells what it sees: did any other
//                          request's state show up?
//   /db?id=N               10 sequential queries through Doctrine DBAL (PostgreSQL, pdo_pgsql)
// The database: ASYNC_TEST_PGSQL_* (scripts/postgres.sh), table items (setup.inc.php makes it).
namespace App;

use Doctrine\DBAL\{Connection, DriverManager};
use Symfony\Bundle\FrameworkBundle\FrameworkBundle;
use Symfony\Bundle\FrameworkBundle\Kernel\MicroKernelTrait;
use Symfony\Component\DependencyInjection\Loader\Configurator\ContainerConfigurator;
use Symfony\Component\HttpFoundation\{JsonResponse, Request, RequestStack};
use Symfony\Component\HttpKernel\Kernel as BaseKernel;
use Symfony\Component\Routing\Loader\Configurator\RoutingConfigurator;

final class Kernel extends BaseKernel
{
    use MicroKernelTrait;

    public function registerBundles(): iterable
    {
        return [new FrameworkBundle()];
    }

    public function getProjectDir(): string { return __DIR__; }
    // Without debug, Symfony never checks its compiled container against the code: the cache is
    // named after this file's content, so a changed app compiles afresh.
    public function getCacheDir(): string { return self::varDir() . '/cache/' . $this->environment; }
    public function getLogDir(): string { return self::varDir() . '/log'; }
    private static function varDir(): string { return sys_get_temp_dir() . '/async-symfony-app-' . substr(md5_file(__FILE__), 0, 12); }

    protected function configureContainer(ContainerConfigurator $container): void
    {
        $container->extension('framework', [
            'secret' => 'integration-test',
            'http_method_override' => false,
            'handle_all_throwables' => true,
            'php_errors' => ['log' => true],
            'router' => ['utf8' => true],
        ]);
        $services = $container->services()->defaults()->autowire()->autoconfigure();
        $services->set(RequestState::class);                     // shared in its container: one per kernel
        $services->set(Connection::class)->factory([self::class, 'connection']);
        $services->set(Controller::class)->public()->tag('controller.service_arguments');
    }

    protected function configureRoutes(RoutingConfigurator $routes): void
    {
        $routes->add('state', '/state')->controller([Controller::class, 'state']);
        $routes->add('db', '/db')->controller([Controller::class, 'db']);
    }

    public static function connection(): Connection
    {
        // APP_PERSISTENT_DB=1: a persistent PDO connection, kept by the process across requests (for
        // blocking workers only: under the coroutine server every kernel would get the same one).
        return DriverManager::getConnection(['driver' => 'pdo_pgsql', 'host' => getenv('ASYNC_TEST_PGSQL_HOST'),
            'port' => (int) getenv('ASYNC_TEST_PGSQL_PORT'), 'user' => getenv('ASYNC_TEST_PGSQL_USER'),
            'dbname' => getenv('ASYNC_TEST_PGSQL_DB'),
            'driverOptions' => getenv('APP_PERSISTENT_DB') === '1' ? [\PDO::ATTR_PERSISTENT => true] : []]);
    }
}

/** Request-scoped state held by a service, as sessions, security tokens or tenant ids are. As in
 * any runtime that keeps a kernel across requests, it says how to forget (ResetInterface: Symfony
 * resets such services before the kernel's next request). */
final class RequestState implements \Symfony\Contracts\Service\ResetInterface
{
    public ?string $id = null;

    public function reset(): void
    {
        $this->id = null;
    }
}

final class Controller
{
    public function __construct(private RequestState $state, private RequestStack $stack, private Connection $db) {}

    public function state(Request $request): JsonResponse
    {
        $id = (string) $request->query->get('id');
        $left = $this->state->id;                                 // what an earlier request left: null
        $this->state->id = $id;
        $request->attributes->set('request_id', $id);
        $seen = fn () => [
            'service' => $this->state->id,
            'attribute' => $request->attributes->get('request_id'),
            'current_request' => $this->stack->getCurrentRequest()?->query->get('id'),
            'header' => $request->headers->get('X-Request-Id'),
            'cookie' => $request->cookies->get('rid'),
            'get' => $_GET['id'] ?? null,
            'server' => $_SERVER['HTTP_X_REQUEST_ID'] ?? null,
        ];
        $before = $seen();
        usleep(1000 * (int) $request->query->get('wait', 0));   // a query, a call: other requests run meanwhile
        return new JsonResponse(['id' => $id, 'left' => $left, 'before' => $before, 'after' => $seen()]);
    }

    public function db(Request $request): JsonResponse
    {
        $id = (int) $request->query->get('id', 1);
        $sleep = (float) $request->query->get('sleep', 0);
        $names = [];
        for ($q = 0; $q < 10; $q++) {                                 // 10 sequential queries
            $names[] = $this->db->fetchOne('SELECT name FROM items, pg_sleep(?) WHERE id = ?', [$sleep, 1 + ($id + $q) % 10]);
        }
        return new JsonResponse(['id' => $id, 'names' => $names]);
    }
}
