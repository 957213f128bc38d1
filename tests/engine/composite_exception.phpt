--TEST--
Engine API: CompositeException collects exceptions; bad input is refused clearly
--FILE--
<?php
$c = new Async\CompositeException('several');
var_dump($c->getExceptions());
$c->addException(new RuntimeException('first'));
$c->addException(new Async\AsyncCancellation('second'));
$c->addException(new TypeError('third'));
foreach ($c->getExceptions() as $i => $e) {
    echo $i, ': ', get_class($e), ' ', $e->getMessage(), "\n";
}
// The list handed out is a copy: changing it does not change the exception.
$list = $c->getExceptions();
$list[] = 'junk';
echo count($c->getExceptions()), "\n";

try {
    $c->addException('not a throwable');
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
try {
    $c->addException($c);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    $c->addException();
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}
// A composite inside a composite is fine.
$outer = new Async\CompositeException('outer');
$outer->addException($c);
echo count($outer->getExceptions()[0]->getExceptions()), "\n";
?>
--EXPECT--
array(0) {
}
0: RuntimeException first
1: Async\AsyncCancellation second
2: TypeError third
3
Async\CompositeException::addException(): Argument #1 ($exception) must be of type Throwable, string given
Async\CompositeException::addException(): Argument #1 ($exception) cannot be the CompositeException itself
Async\CompositeException::addException() expects exactly 1 argument, 0 given
3
