'use strict';
/**
 * Starting and stopping the n8n server (`n8n start`) under the pinned Node 24.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { nodeBin, n8nBin } = require('./n8n-runtime');
const { freePort } = require('./free-port');

/**
 * Start `n8n start` and wait until `GET /healthz` answers 200 and the REST API is ready.
 * @param {object} options
 * @param {NodeJS.ProcessEnv} options.env from n8nEnv()
 * @param {number} options.port the N8N_PORT in env
 * @param {string} options.logFile n8n's stdout/stderr go here
 * @param {number} [options.timeoutMs] default 180000
 * @param {boolean} [options.echo] also copy n8n's output to this process's stdout
 * @param {string[]} [options.command] n8n command and flags (default `['start']`; e.g. `['worker', '--concurrency=10']`, `['webhook']`)
 * @param {(url: string) => Promise<boolean>} [options.ready] readiness probe (default: /healthz/readiness and /rest/settings)
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void>, exited: Promise<{code: number|null, signal: string|null}> }>}
 * @throws Error when n8n exits or does not answer within timeoutMs (the message names the log file)
 */
async function startN8nServer({ env, port, logFile, timeoutMs = 180_000, echo = false, command = ['start'], ready }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	const brokerPort = await freePort();
	const child = spawn(nodeBin(), [n8nBin(), ...command], {
		env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	for (const stream of [child.stdout, child.stderr]) {
		stream.pipe(log, { end: false });
		if (echo) stream.pipe(process.stdout, { end: false });
	}
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		}),
	);
	const url = `http://localhost:${port}`;
	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 15_000);
		await exitPromise;
		clearTimeout(timer);
		log.end();
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n exited (${exited.code ?? exited.signal}) during start; see ${logFile}`);
		if (await (ready ?? isReady)(url)) return { url, pid: child.pid, stop, exited: exitPromise };
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`n8n did not become ready on ${url} within ${timeoutMs} ms; see ${logFile}`);
}

async function isReady(url) {
	try {
		const health = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		if (!health.ok) return false;
		const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
		return settings.ok;
	} catch {
		return false;
	}
}

/** Readiness of a process that serves only `/healthz` (webhook processor; worker with its health check on). */
async function isHealthy(url) {
	try {
		return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
	} catch {
		return false;
	}
}

module.exports = { startN8nServer, isHealthy };
