--TEST--
Scope::finally(): a scope still referenced when the script ends runs its handlers at request shutdown, where they may still suspend; a scope without the scheduler running starts it for them
--FILE--
<?php
function helper(): void {
	$local = new Async\Scope();
	$local->finally(function () { echo "local scope: handler ran\n"; });
}
helper(); // the first use of the API: the handler runs after the script
$kept = new Async\Scope();
$kept->finally(function () {
	echo "global scope: handler runs at shutdown\n";
	Async\delay(1);
	echo "global scope: handler suspended and went on\n";
});
echo "end of script\n";
?>
--EXPECT--
end of script
local scope: handler ran
global scope: handler runs at shutdown
global scope: handler suspended and went on
