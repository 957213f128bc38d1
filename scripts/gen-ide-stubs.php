<?php
/*
 * Writes stubs/async.php, the one file IDEs and static analysers (PhpStorm, Psalm, PHPStan) read
 * for the async extension: every declaration of the *.stub.php files that arginfo is generated from,
 * with their PHPDoc, plus the generic types those files cannot carry (Future<T>, Channel<T>, what
 * await() returns). The stub files stay the single source: this script only adds PHPDoc lines, from
 * the table below, and drops gen_stub.php's own tags.
 *   php scripts/gen-ide-stubs.php           regenerate stubs/async.php
 *   php scripts/gen-ide-stubs.php --check   exit 1 if the committed file is out of date
 * Needs only PHP's tokenizer extension.
 */

$root = dirname(__DIR__);
$sources = [
    'engine/exceptions.stub.php',
    'scheduler/coroutine.stub.php',
    'userland/timeout.stub.php',
    'userland/future.stub.php',
    'userland/channel.stub.php',
    'scheduler/scope.stub.php',
    'userland/context.stub.php',
    'userland/functions.stub.php',
    'userland/cpu_snapshot.stub.php',
    'userland/signal.stub.php',
    'userland/spawn_with.stub.php',
    'userland/task_group.stub.php',
    'userland/pool.stub.php',
    'userland/fs_watcher.stub.php',
    'userland/thread_channel.stub.php',
];
$target = 'stubs/async.php';

/* The PHPDoc each declaration gets in addition to its own, keyed "Class", "Class::method" or
 * "function". A key that matches nothing is an error: a renamed declaration must be renamed here. */
$awaitManyParam = '@param iterable<array-key, Completable<T>> $triggers';
$generics = [
    'Completable' => ['@template-covariant T'],
    'Coroutine' => ['@template-covariant T', '@implements Completable<T>'],
    'Coroutine::getResult' => ['@return T|null'],
    'Coroutine::finally' => ['@param \Closure(Coroutine<T>): mixed $callback'],
    'Timeout' => ['@implements Completable<null>'],
    'FutureState' => ['@template T'],
    'FutureState::complete' => ['@param T $result'],
    'Future' => ['@template-covariant T', '@implements Completable<T>'],
    'Future::__construct' => ['@param FutureState<T> $state'],
    'Future::completed' => ['@template V', '@param V $value', '@return Future<V>'],
    'Future::failed' => ['@return Future<never>'],
    'Future::await' => ['@return T'],
    'Future::ignore' => ['@return Future<T>'],
    'Future::map' => ['@template U', '@param callable(T): U $callback', '@return Future<U>'],
    'Future::catch' => ['@template U', '@param callable(\Throwable): U $callback', '@return Future<T|U>'],
    'Future::finally' => ['@param callable(): mixed $callback', '@return Future<T>'],
    'Channel' => ['@template T', '@implements \IteratorAggregate<int, T>'],
    'Channel::send' => ['@param T $value'],
    'Channel::sendAsync' => ['@param T $value'],
    'Channel::recv' => ['@return T'],
    'Channel::getIterator' => ['@return \Iterator<int, T>'],
    'Pool' => ['@template T'],
    'Pool::__construct' => ['@param callable(): T $factory', '@param (callable(T): void)|null $destructor',
        '@param (callable(T): bool)|null $healthcheck', '@param (callable(T): bool)|null $beforeAcquire',
        '@param (callable(T): bool)|null $beforeRelease'],
    'Pool::acquire' => ['@return T'],
    'Pool::tryAcquire' => ['@return T|null'],
    'Pool::release' => ['@param T $resource'],
    'Scope::spawn' => ['@template T', '@param \Closure(mixed ...): T $task', '@return Coroutine<T>'],
    'Scope::finally' => ['@param \Closure(Scope): mixed $callback'],
    'spawn' => ['@template T', '@param callable(mixed ...): T $task', '@return Coroutine<T>'],
    'await' => ['@template T', '@param Completable<T> $awaitable', '@return T'],
    'current_coroutine' => ['@return Coroutine<mixed>'],
    'protect' => ['@template T', '@param \Closure(): T $closure', '@return T'],
    'get_coroutines' => ['@return array<int, Coroutine<mixed>>'],
    'await_all' => ['@template T', $awaitManyParam, '@return array{0: array<array-key, T|null>, 1: array<array-key, \Throwable>}'],
    'await_all_or_fail' => ['@template T', $awaitManyParam, '@return array<array-key, T>'],
    'await_any_or_fail' => ['@template T', $awaitManyParam, '@return T'],
    'await_first_success' => ['@template T', $awaitManyParam, '@return array{0: T|null, 1: array<array-key, \Throwable>}'],
    'await_any_of' => ['@template T', $awaitManyParam, '@return array{0: array<array-key, T|null>, 1: array<array-key, \Throwable>}'],
    'await_any_of_or_fail' => ['@template T', $awaitManyParam, '@return array<array-key, T>'],
];

/* Tags that only tell gen_stub.php how to build arginfo. */
const GEN_STUB_TAGS = '/@(generate-class-entries|generate-function-entries|strict-properties|not-serializable|implementation-alias)\b/';
const MODIFIERS = [T_PUBLIC, T_PROTECTED, T_PRIVATE, T_STATIC, T_FINAL, T_ABSTRACT, T_READONLY, T_WHITESPACE];

/* A docblock with gen_stub.php's tags removed and $extra lines added; '' when nothing is left. */
function rewrite_doc(string $doc, array $extra, string $indent): string
{
    $body = preg_replace(['~^/\*\*~', '~\*/$~'], '', $doc);
    $lines = [];
    foreach (preg_split('/\R/', $body) as $line) {
        $line = rtrim(preg_replace('/^\s*(\* ?)?/', '', $line));
        if (!preg_match(GEN_STUB_TAGS, $line) && ($line !== '' || $lines)) {
            $lines[] = $line;
        }
    }
    while ($lines && end($lines) === '') {
        array_pop($lines);
    }
    array_push($lines, ...$extra);
    if (!$lines) {
        return '';
    }
    if (count($lines) === 1) {
        return "/** $lines[0] */";
    }
    return "/**\n" . implode("\n", array_map(fn($l) => rtrim("$indent * $l"), $lines)) . "\n$indent */";
}

/* The declarations of one stub file (after its namespace line), with their PHPDoc rewritten. */
function convert(string $file, string $code, array $generics, array &$used): string
{
    $tokens = PhpToken::tokenize($code);
    $replace = [];          // token index => new text
    $depth = 0;
    $class = null;
    $classDepth = null;
    $bodyStart = null;
    foreach ($tokens as $i => $token) {
        if ($token->is(T_NAMESPACE)) {
            for ($j = $i; $tokens[$j]->text !== ';'; $j++) {
                $replace[$j] = '';
            }
            $replace[$j] = '';
            $bodyStart = $j + 1;
            continue;
        }
        if ($token->text === '{' || $token->is([T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES])) {
            $depth++;
        } elseif ($token->text === '}') {
            $depth--;
            if ($class !== null && $depth === $classDepth) {
                $class = null;
            }
        }
        if ($token->is(T_DOC_COMMENT) && $bodyStart === null) {
            $replace[$i] = '';  // the file's own docblock before the namespace (@generate-class-entries)
            continue;
        }
        if (!$token->is([T_CLASS, T_INTERFACE, T_ENUM, T_FUNCTION])) {
            continue;
        }
        $j = $i + 1;
        while ($tokens[$j]->is(T_WHITESPACE)) {
            $j++;
        }
        $name = $tokens[$j]->text;
        if ($token->is(T_FUNCTION)) {
            $key = $class !== null ? "$class::$name" : $name;
        } else {
            $key = $class = $name;
            $classDepth = $depth;
        }
        // Back over the modifiers to the docblock, if there is one.
        $k = $i - 1;
        while ($k >= 0 && $tokens[$k]->is(MODIFIERS)) {
            $k--;
        }
        $start = $k + 1;
        while ($tokens[$start]->is(T_WHITESPACE)) {
            $start++;
        }
        $lineStart = strrpos($tokens[$start - 1]->text, "\n");
        $indent = $lineStart === false ? '' : substr($tokens[$start - 1]->text, $lineStart + 1);
        $extra = $generics[$key] ?? [];
        if (isset($generics[$key])) {
            $used[$key] = true;
        }
        if ($k >= 0 && $tokens[$k]->is(T_DOC_COMMENT)) {
            $replace[$k] = rewrite_doc($tokens[$k]->text, $extra, $indent);
            if ($replace[$k] === '' && $tokens[$k + 1]->is(T_WHITESPACE)) {
                $replace[$k + 1] = '';
            }
        } elseif ($extra) {
            $replace[$start] = rewrite_doc('/** */', $extra, $indent) . "\n$indent" . $tokens[$start]->text;
        }
    }
    if ($bodyStart === null) {
        throw new RuntimeException("$file: no namespace declaration");
    }
    $out = '';
    foreach ($tokens as $i => $token) {
        if ($i >= $bodyStart || isset($replace[$i])) {
            $out .= $replace[$i] ?? $token->text;
        }
    }
    return trim($out);
}

$used = [];
$parts = [];
foreach ($sources as $source) {
    $code = file_get_contents("$root/$source");
    if (!preg_match('/^namespace Async;$/m', $code)) {
        fwrite(STDERR, "$source: expected 'namespace Async;'\n");
        exit(2);
    }
    $parts[] = "// from $source\n\n" . convert($source, $code, $generics, $used);
}
$unused = array_diff(array_keys($generics), array_keys($used));
if ($unused) {
    fwrite(STDERR, "gen-ide-stubs: no declaration for: " . implode(', ', $unused) . "\n");
    exit(2);
}

$header = "IDE and static-analysis stubs for the async extension: its functions, classes and exceptions"
    . " with PHPDoc generics. Generated by scripts/gen-ide-stubs.php from " . implode(', ', $sources)
    . "; do not edit: change the *.stub.php files (or the script's generics table) and run it again."
    . " Never include this file in code that runs: the extension declares all of this itself.";
$stubs = "<?php\n\n/*\n * " . str_replace("\n", "\n * ", wordwrap($header, 96, "\n", true)) . "\n */\n\n"
    . "namespace Async;\n\n"
    . implode("\n\n", $parts) . "\n";

$path = "$root/$target";
if (in_array('--check', $argv, true)) {
    if (!is_file($path) || file_get_contents($path) !== $stubs) {
        fwrite(STDERR, "$target is out of date: run php scripts/gen-ide-stubs.php\n");
        exit(1);
    }
    echo "$target is up to date\n";
    exit(0);
}
if (!is_dir(dirname($path))) {
    mkdir(dirname($path));
}
file_put_contents($path, $stubs);
echo "wrote $target\n";
