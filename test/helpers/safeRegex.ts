/**
 * Jest setup file (every suite): n8n-workflow's safe-regex engine with a longer timeout. n8n checks resource-locator
 * values against their regex in a `node:vm` script with a 250 ms wall-clock timeout (n8n-workflow `safe-regex`), when
 * a workflow is checked for issues before any node runs. On a loaded machine (load average > 10 on 2 cores, several
 * jest workers and n8n instances) that check alone can exceed 250 ms and fail a run at random with "Regular expression
 * execution timed out". This engine is the same `node:vm` engine with a 10 s timeout: same results, same protection
 * against runaway patterns, no dependence on the machine's load.
 */
import vm from 'node:vm';
import { setSafeRegexEngine } from 'n8n-workflow';

/** Timeout of one regular expression run in tests, in ms. */
const TEST_REGEX_TIMEOUT_MS = 10_000;

const context = vm.createContext({ pattern: '', flags: '', input: '', replacement: '', result: undefined as unknown });
const scripts = {
	exec: new vm.Script('result = new RegExp(pattern, flags).exec(input)'),
	test: new vm.Script('result = new RegExp(pattern, flags).test(input)'),
	replace: new vm.Script('result = input.replace(new RegExp(pattern, flags), replacement)'),
	matchAll: new vm.Script('result = Array.from(input.matchAll(new RegExp(pattern, flags)))'),
	split: new vm.Script('result = input.split(new RegExp(pattern, flags))'),
};

function run<T>(script: vm.Script, pattern: string, input: string, flags = '', replacement = ''): T {
	Object.assign(context, { pattern, input, flags, replacement, result: undefined });
	script.runInContext(context, { timeout: TEST_REGEX_TIMEOUT_MS });
	return context.result as T;
}

setSafeRegexEngine({
	exec: (pattern, input, flags) => run(scripts.exec, pattern, input, flags),
	test: (pattern, input, flags) => run(scripts.test, pattern, input, flags),
	replace: (pattern, input, flags, replacement) => run(scripts.replace, pattern, input, flags, replacement),
	matchAll: (pattern, input, flags) =>
		run(scripts.matchAll, pattern, input, flags?.includes('g') ? flags : `${flags ?? ''}g`),
	split: (pattern, input, flags) => run(scripts.split, pattern, input, flags),
});
