'use strict';
/**
 * Start the BC + Entra sandbox (`sandbox/`, TypeScript) in a child process under tsx and hand back
 * `{ baseUrl, info, control, stop() }`. `control` talks to the sandbox's HTTP control endpoints
 * (`/sandbox/control/*`) over HTTPS, trusting the sandbox's CA.
 */
const fs = require('node:fs');
const https = require('node:https');
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { REPO_ROOT } = require('./n8n-runtime');

/**
 * @param {object} [options] passed to the sandbox's startSandbox() (e.g. { port, autoApprove, accessTokenLifetimeSeconds })
 * @param {{ logFile?: string, timeoutMs?: number }} [runner] sandbox stderr goes to logFile (default .n8n-runtime/sandbox.log)
 * @returns {Promise<{ baseUrl: string, info: any, control: SandboxControlClient, stop: () => Promise<void>, startupMs: number }>}
 * @throws Error when `sandbox/index.ts` is missing or the sandbox does not start (with its stderr)
 */
async function startSandboxInProcess(options = {}, { timeoutMs = 60_000 } = {}) {
	const entry = path.join(REPO_ROOT, 'sandbox', 'index.ts');
	if (!fs.existsSync(entry))
		throw new Error('sandbox/index.ts is missing: the sandbox has not been built into this checkout yet.');
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'sandbox-child.js')], {
		cwd: REPO_ROOT,
		env: { ...process.env, BC_SANDBOX_OPTIONS: JSON.stringify(options) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
	let exited = false;
	const exitPromise = new Promise((resolve) => child.on('exit', () => ((exited = true), resolve())));
	const ready = await new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(
			() => reject(new Error(`sandbox did not start within ${timeoutMs} ms:\n${stderr}`)),
			timeoutMs,
		);
		child.stdout.on('data', (d) => {
			buffer += d;
			const line = buffer.split('\n').find((l) => l.startsWith('SANDBOX_READY '));
			if (line) {
				clearTimeout(timer);
				resolve(JSON.parse(line.slice('SANDBOX_READY '.length)));
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`sandbox exited (${code}) during start:\n${stderr}`));
		});
	});
	child.stdout.resume();
	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 5000);
		await exitPromise;
		clearTimeout(timer);
	};
	const control = new SandboxControlClient(ready.baseUrl, ready.info.caCertPath);
	return { ...ready, control, stop };
}

/** HTTP client for the sandbox's control endpoints (stats, request log, reset, settings). */
class SandboxControlClient {
	constructor(baseUrl, caCertPath) {
		this.baseUrl = baseUrl;
		this.ca = caCertPath ? fs.readFileSync(caCertPath) : undefined;
	}

	/** @returns {Promise<any>} parsed JSON body; throws on a non-2xx status */
	request(method, pathname, body) {
		const url = new URL(pathname, this.baseUrl);
		const lib = url.protocol === 'https:' ? https : http;
		const payload = body === undefined ? undefined : JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const req = lib.request(
				url,
				{
					method,
					ca: this.ca,
					headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
				},
				(res) => {
					let text = '';
					res.on('data', (d) => (text += d));
					res.on('end', () => {
						if (res.statusCode >= 300)
							return reject(new Error(`sandbox ${method} ${pathname} → ${res.statusCode}: ${text.slice(0, 300)}`));
						try {
							resolve(text ? JSON.parse(text) : undefined);
						} catch {
							resolve(text);
						}
					});
				},
			);
			req.on('error', reject);
			if (payload) req.write(payload);
			req.end();
		});
	}

	stats() {
		return this.request('GET', '/sandbox/control/stats');
	}
	/** @returns {Promise<Array<{ time: string, method: string, path: string, status: number, principal?: string, ms: number }>>} newest last */
	async log(limit = 100) {
		return (await this.request('GET', `/sandbox/control/log?limit=${limit}`)).value;
	}
	reset(options = {}) {
		return this.request('POST', '/sandbox/control/reset', options);
	}
	settings() {
		return this.request('GET', '/sandbox/control/settings');
	}
	updateSettings(patch) {
		return this.request('PATCH', '/sandbox/control/settings', patch);
	}
}

module.exports = { startSandboxInProcess, SandboxControlClient };
