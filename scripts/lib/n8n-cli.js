'use strict';
/**
 * n8n's command line (`import:credentials`, `import:workflow`, `execute`) under the pinned Node 24.
 * `execute --file` is gone (n8n-io/n8n `packages/cli/src/commands/execute.ts`); import first, then `execute --id=<id> --rawOutput`.
 */
const { spawn } = require('node:child_process');
const { nodeBin, n8nBin } = require('./n8n-runtime');
const { freePort } = require('./free-port');

/**
 * Run one n8n CLI command and capture its output.
 * @param {string[]} args e.g. ['import:credentials', '--input=/tmp/c.json']
 * @param {NodeJS.ProcessEnv} env from n8nEnv()
 * @param {{ timeoutMs?: number }} [options] default 300000 ms
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, ms: number }>}
 */
async function runN8nCli(args, env, { timeoutMs = 300_000 } = {}) {
	const started = Date.now();
	// Each n8n process starts its own task-runner broker (default port 5679): give it a free one so a CLI
	// run can happen while the server (or another CLI run) is up.
	const brokerPort = await freePort();
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin(), [n8nBin(), ...args], {
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/**
 * Run a CLI command and throw when it exits non-zero.
 * @throws Error with the command and the tail of its output
 */
async function runN8nCliOrThrow(args, env, options) {
	const result = await runN8nCli(args, env, options);
	if (result.code !== 0) {
		const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-15).join('\n');
		throw new Error(`n8n ${args[0]} failed (exit ${result.code}):\n${tail}`);
	}
	return result;
}

/**
 * Parse the JSON printed by `n8n execute --rawOutput` (the run data of the workflow, pretty-printed).
 * n8n prints log lines (task broker, license SDK, …) before and sometimes after it, so we take the span from
 * a line that is exactly `{` to a line that is exactly `}` (widest span that parses).
 * @param {string} stdout
 * @returns {any | undefined} undefined when no JSON could be parsed
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n').map((l) => l.replace(/\r$/, ''));
	const starts = lines.flatMap((l, i) => (l === '{' ? [i] : []));
	const ends = lines.flatMap((l, i) => (l === '}' ? [i] : [])).reverse();
	for (const start of starts) {
		for (const end of ends) {
			if (end <= start) break;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// best effort: ignored
			}
		}
	}
	return undefined;
}

/**
 * Run one imported workflow: `n8n execute --id=<id> --rawOutput`. n8n prints the run data through its
 * logger at level info (commands/base-command.js `log()`), so this run uses N8N_LOG_LEVEL=info.
 * @param {string} id workflow id
 * @param {NodeJS.ProcessEnv} env from n8nEnv()
 * @returns {Promise<{ ok: boolean, run: any, ms: number, output: string }>} ok: exit 0 and no run error;
 *   output: the last 25 lines of n8n's output (for failure messages)
 */
async function executeWorkflowCli(id, env) {
	// A sub-workflow called by this one runs in its published version: `n8n publish:workflow` sets it, and with n8n's
	// publication service off (it only runs in `n8n start`) `execute` reads it (n8n `getPublishedWorkflowData`).
	const result = await runN8nCli(['execute', `--id=${id}`, '--rawOutput'], {
		...env,
		N8N_LOG_LEVEL: 'info',
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
	});
	const run = parseRawOutput(result.stdout);
	const ok = result.code === 0 && Boolean(run) && !run.data?.resultData?.error;
	const output = `${result.stdout}\n${result.stderr}`
		.split('\n')
		.filter((line) => !/Python task runner|aes-256-cbc|license SDK|Task Broker ready/.test(line))
		.join('\n')
		.trim();
	return { ok, run, ms: result.ms, output: ok ? '' : output.split('\n').slice(-25).join('\n') };
}

module.exports = { runN8nCli, runN8nCliOrThrow, parseRawOutput, executeWorkflowCli };
