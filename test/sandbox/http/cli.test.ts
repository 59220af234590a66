/**
 * `npm run sandbox` (tsx sandbox/cli.ts) as a user starts it: HTTPS by default with the CA path and demo credentials
 * printed, plain HTTP with BC_SANDBOX_TLS=false, and clear errors for bad options.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { SandboxInfo } from '../../../sandbox/index';
import { SandboxClient } from './client';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Starts the CLI and resolves with its parsed `--json` output (info + startupMs) once it is listening. */
function startCli(
	args: string[],
	env: Record<string, string> = {},
): Promise<{ child: ChildProcess; info: SandboxInfo & { startupMs: number } }> {
	const child = spawn(TSX, ['sandbox/cli.ts', '--port', '0', '--json', ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			try {
				resolve({ child, info: JSON.parse(out) });
			} catch {
				/* not complete yet */
			}
		});
		child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${err}`)));
	});
}

function stopCli(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		child.removeAllListeners('exit');
		child.on('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

it('serves HTTPS by default and /sandbox/info equals what it printed', async () => {
	const { child, info } = await startCli([]);
	try {
		expect(info.authorityHost).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		expect(info.caCertPath).toMatch(/ca\.crt$/);
		expect(info.startupMs).toEqual(expect.any(Number));
		const { startupMs: _startupMs, ...printed } = info;
		const client = new SandboxClient({ baseUrl: info.authorityHost, info } as never);
		expect((await client.request('/sandbox/info')).json()).toEqual(printed);
		expect(await client.appToken()).toMatch(/^eyJ/);
		client.close();
	} finally {
		await stopCli(child);
	}
});

it('serves plain HTTP with BC_SANDBOX_TLS=false', async () => {
	const { child, info } = await startCli([], { BC_SANDBOX_TLS: 'false' });
	try {
		expect(info.authorityHost).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(info.caCertPath).toBe('');
		const client = new SandboxClient({ baseUrl: info.authorityHost, info } as never);
		expect((await client.request('/sandbox/info')).status).toBe(200);
		client.close();
	} finally {
		await stopCli(child);
	}
});

it('names the bad option', () => {
	const result = spawnSync(TSX, ['sandbox/cli.ts', '--port', 'abc'], { cwd: ROOT, encoding: 'utf8' });
	expect(result.status).toBe(1);
	expect(result.stderr).toContain("--port must be a whole number >= 0, got 'abc'");
	const envResult = spawnSync(TSX, ['sandbox/cli.ts'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, BC_SANDBOX_PORT: '99999' },
	});
	expect(envResult.stderr).toContain('BC_SANDBOX_PORT must be a port number');
});
