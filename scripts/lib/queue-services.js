'use strict';
/**
 * The services n8n's queue mode needs, started on free loopback ports for one test run and stopped after it:
 * Redis (the Bull queue between main, webhook processors and workers) and PostgreSQL (n8n's database; SQLite is
 * not supported when several n8n processes share one database:
 * https://docs.n8n.io/hosting/scaling/queue-mode/). Both come from Debian's packages (`redis-server`,
 * `postgresql`), which `.ci/run` installs.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { freePort } = require('./free-port');
const { onShutdown } = require('./shutdown');

/** Where Debian puts PostgreSQL's server binaries (`/usr/lib/postgresql/<major>/bin`); the newest major wins. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
	majors.sort((a, b) => Number(b) - Number(a));
	const dir = majors.length ? path.join(root, majors[0], 'bin') : '';
	if (!dir || !fs.existsSync(path.join(dir, 'initdb'))) {
		throw new Error(
			'PostgreSQL is not installed: apt-get install -y postgresql (queue mode needs it; .ci/run installs it)',
		);
	}
	return dir;
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function asPostgresUser(binary, args) {
	return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/** Waits until `probe()` resolves true, polling every 200 ms. */
async function waitFor(what, probe, timeoutMs, logFile) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await probe()) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${what} did not start within ${timeoutMs} ms${logFile ? `; see ${logFile}` : ''}`);
}

/** Stops a child process: SIGTERM, then SIGKILL after 10 s. */
function stopper(child) {
	return async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	};
}

/**
 * Starts a throw-away Redis on 127.0.0.1 (no persistence).
 * @param {string} logDir where `redis.log` goes
 * @returns {Promise<{ host: string, port: number, stop: () => Promise<void> }>}
 * @throws Error when `redis-server` is missing or does not answer PING within 20 s
 */
async function startRedis(logDir) {
	if (spawnSync('redis-server', ['--version']).status !== 0) {
		throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run installs it)');
	}
	const port = await freePort();
	const logFile = path.join(logDir, 'redis.log');
	const child = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', logFile],
		{ stdio: 'ignore' },
	);
	const stop = stopper(child);
	onShutdown('redis', stop);
	await waitFor(
		'Redis',
		() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG',
		20_000,
		logFile,
	);
	return { host: '127.0.0.1', port, stop };
}

/**
 * Initialises and starts a throw-away PostgreSQL cluster on 127.0.0.1 with trust authentication (loopback only)
 * and one database, `n8n`.
 * @param {string} logDir where `postgres.log` goes
 * @returns {Promise<{ host: string, port: number, database: string, user: string, stop: () => Promise<void> }>}
 * @throws Error when PostgreSQL is missing or does not start within 60 s
 */
async function startPostgres(logDir) {
	const bin = postgresBinDir();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-queue-pg-'));
	const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-queue-pgsock-'));
	if (process.getuid?.() === 0) {
		spawnSync('chown', ['-R', 'postgres:postgres', dataDir, socketDir]);
	}
	const [initCmd, initArgs] = asPostgresUser(path.join(bin, 'initdb'), [
		'-D',
		dataDir,
		'-U',
		'postgres',
		'--auth=trust',
		'--encoding=UTF8',
		'--no-sync',
	]);
	const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = await freePort();
	const logFile = path.join(logDir, 'postgres.log');
	const log = fs.openSync(logFile, 'a');
	const [cmd, args] = asPostgresUser(path.join(bin, 'postgres'), [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-h',
		'127.0.0.1',
		'-k',
		socketDir,
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const child = spawn(cmd, args, { stdio: ['ignore', log, log] });
	const stop = async () => {
		await stopper(child)();
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(socketDir, { recursive: true, force: true });
	};
	onShutdown('postgres', stop);
	const isReady = path.join(bin, 'pg_isready');
	await waitFor(
		'PostgreSQL',
		() => spawnSync(isReady, ['-h', '127.0.0.1', '-p', String(port)]).status === 0,
		60_000,
		logFile,
	);
	const create = spawnSync(
		path.join(bin, 'psql'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'],
		{
			encoding: 'utf8',
		},
	);
	if (create.status !== 0) throw new Error(`CREATE DATABASE failed: ${create.stderr}`);
	return { host: '127.0.0.1', port, database: 'n8n', user: 'postgres', stop };
}

module.exports = { startRedis, startPostgres };
