/**
 * Sandbox start-up and HTTP-layer figures (prints, asserts nothing). Run: `npx tsx bench/sandbox-startup.ts`.
 *
 * - cold start: fresh state directory (CA, server certificate, token-signing key and demo certificate generated);
 * - warm start: existing state directory (median of 5);
 * - CLI: `tsx sandbox/cli.ts --port 0 --json` from spawn to ready (includes tsx start-up);
 * - token requests and authenticated `GET companies` per second over one HTTPS keep-alive agent (sequential and 5 parallel).
 * Target from the issue: start-up under 5 s.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSandbox, type RunningSandbox } from '../sandbox/index';

function request(
	agent: https.Agent,
	url: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
			let text = '';
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		if (init.body) req.write(init.body);
		req.end();
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function cliStartMs(): Promise<number> {
	const started = performance.now();
	const child = spawn(
		path.join(__dirname, '..', 'node_modules/.bin/tsx'),
		['sandbox/cli.ts', '--port', '0', '--json'],
		{ cwd: path.join(__dirname, '..') },
	);
	await new Promise<void>((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			try {
				JSON.parse(out);
				resolve();
			} catch {
				/* not yet */
			}
		});
		child.on('exit', (code) => reject(new Error(`CLI exited ${code}`)));
	});
	const ms = performance.now() - started;
	child.removeAllListeners('exit');
	child.kill('SIGTERM');
	return ms;
}

async function throughput(sandbox: RunningSandbox): Promise<void> {
	const agent = new https.Agent({ ca: fs.readFileSync(sandbox.info.caCertPath), keepAlive: true, maxSockets: 16 });
	const tokenBody = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: sandbox.info.app.clientId,
		client_secret: sandbox.info.app.clientSecret,
		scope: sandbox.info.scope,
	}).toString();
	const form = { 'content-type': 'application/x-www-form-urlencoded' };
	let started = performance.now();
	let token = '';
	const tokens = 200;
	for (let i = 0; i < tokens; i++)
		token = JSON.parse(
			(await request(agent, sandbox.info.tokenEndpoint, { method: 'POST', headers: form, body: tokenBody })).text,
		).access_token;
	console.log(`token requests (sequential)   ${Math.round(tokens / ((performance.now() - started) / 1000))}/s`);
	const url = `${sandbox.info.apiBaseUrl}/${sandbox.info.tenantId}/production/api/v2.0/companies`;
	const headers = { authorization: `Bearer ${token}` };
	const gets = 1000;
	started = performance.now();
	for (let i = 0; i < gets; i++) await request(agent, url, { headers });
	console.log(`GET companies (sequential)    ${Math.round(gets / ((performance.now() - started) / 1000))}/s`);
	started = performance.now();
	for (let i = 0; i < gets / 5; i++)
		await Promise.all(Array.from({ length: 5 }, () => request(agent, url, { headers })));
	console.log(`GET companies (5 in parallel) ${Math.round(gets / ((performance.now() - started) / 1000))}/s`);
	agent.destroy();
}

async function main(): Promise<void> {
	console.log(`node ${process.version}, ${os.cpus().length} CPUs`);
	const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-sandbox-bench-'));
	const cold = await startSandbox({ port: 0, stateDir: fresh });
	console.log(`cold start (new CA and keys)  ${cold.startupMs} ms`);
	await cold.stop();
	const warm: number[] = [];
	for (let i = 0; i < 5; i++) {
		const sandbox = await startSandbox({ port: 0, stateDir: fresh });
		warm.push(sandbox.startupMs);
		await sandbox.stop();
	}
	console.log(`warm start (median of 5)      ${median(warm)} ms  [${warm.join(', ')}]`);
	console.log(`CLI spawn → ready (tsx)       ${Math.round(await cliStartMs())} ms`);
	const sandbox = await startSandbox({ port: 0, stateDir: fresh });
	await throughput(sandbox);
	await sandbox.stop();
	fs.rmSync(fresh, { recursive: true, force: true });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
