'use strict';
/**
 * n8n's command line (`import:credentials`, `import:workflow`, `execute`) under the pinned Node 24.
 * Reference §5.2: `execute --file` is gone; import first, then `execute --id=<id> --rawOutput`.
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
 * Parse the JSON printed by `n8n execute --rawOutput` (the run data of the workflow).
 * n8n may print log lines before it, so we take the text from the first line that starts a JSON value.
 * @param {string} stdout
 * @returns {unknown | undefined} undefined when no JSON could be parsed
 */
function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (!/^[[{]/.test(lines[i])) continue;
		try {
			return JSON.parse(lines.slice(i).join('\n'));
		} catch {}
	}
	return undefined;
}

module.exports = { runN8nCli, runN8nCliOrThrow, parseRawOutput };
