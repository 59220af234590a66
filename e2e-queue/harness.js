'use strict';
/**
 * The queue-mode stack (https://docs.n8n.io/hosting/scaling/queue-mode/): Redis and PostgreSQL on free loopback
 * ports, the package installed once into a shared n8n user folder, the sandbox with 1,000 customers in the first
 * company, and four n8n 2.41.1 processes sharing database, Redis and encryption key: **main** (editor, REST API,
 * activation of triggers, poll schedules), one **webhook processor** (`n8n webhook`, receives production webhook
 * calls and queues them; `WEBHOOK_URL` of every process points at it) and two **workers** (`n8n worker`, run the
 * executions). Started once by `scripts/e2e-queue.js`.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { RUNTIME_DIR } = require('../scripts/lib/n8n-runtime');
const { prepareStack } = require('../scripts/lib/stack');
const { startN8nServer, isHealthy } = require('../scripts/lib/n8n-server');
const { N8nRestClient } = require('../scripts/lib/n8n-rest');
const { freePort } = require('../scripts/lib/free-port');
const { onShutdown } = require('../scripts/lib/shutdown');
const { startRedis, startPostgres } = require('../scripts/lib/queue-services');
const { ARTIFACTS_DIR } = require('../e2e/harness');

/** Workers started, and the executions each runs at once (`n8n worker --concurrency`). */
const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
/** Customers seeded in the first company, so that a Get Many reads 1,000 records. */
const CUSTOMER_COUNT = 1_000;

/** @type {any} */
let stack;

/**
 * Start everything (idempotent).
 * @returns {Promise<{ mainUrl: string, webhookUrl: string, rest: N8nRestClient, sandbox: any, workflows: any[], credentials: any[], processes: Record<string, any>, logs: Record<string, string>, timings: Record<string, number> }>}
 */
async function startQueueStack() {
	if (stack) return stack;
	const log = (line) => process.stderr.write(`# ${line}\n`);
	const logDir = path.join(ARTIFACTS_DIR, 'queue');
	fs.rmSync(logDir, { recursive: true, force: true });
	fs.mkdirSync(logDir, { recursive: true });
	const timings = {};
	let started = Date.now();
	const [redis, postgres] = await Promise.all([startRedis(logDir), startPostgres(logDir)]);
	timings.services = Date.now() - started;
	const mainPort = await freePort();
	const webhookPort = await freePort();
	const envOverrides = {
		// Production webhook URLs (the trigger's BC notification URL) point at the webhook processor, as behind a
		// load balancer that routes /webhook/ to webhook processors: BC's notifications never reach main.
		WEBHOOK_URL: `http://localhost:${webhookPort}/`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// One key for every process, so that all of them can decrypt the credentials.
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	const prepared = await prepareStack({
		userFolder: path.join(RUNTIME_DIR, 'e2e-queue'),
		port: mainPort,
		fresh: true,
		sandboxOptions: { port: 0, customerCount: CUSTOMER_COUNT },
		envOverrides,
		log,
	});
	Object.assign(timings, prepared.timings);
	const logs = {};
	const processes = {};
	started = Date.now();
	logs.main = path.join(logDir, 'n8n-main.log');
	processes.main = await startN8nServer({
		env: { ...prepared.env, N8N_LOG_LEVEL: 'info' },
		port: mainPort,
		logFile: logs.main,
	});
	onShutdown('n8n main', processes.main.stop);
	timings.mainStart = Date.now() - started;

	started = Date.now();
	logs.webhook = path.join(logDir, 'n8n-webhook.log');
	const starting = [
		startN8nServer({
			env: { ...prepared.env, N8N_PORT: String(webhookPort), N8N_LOG_LEVEL: 'info' },
			port: webhookPort,
			logFile: logs.webhook,
			command: ['webhook'],
			ready: isHealthy,
		}).then((p) => (processes.webhook = p)),
	];
	for (let i = 1; i <= WORKERS; i++) {
		let healthPort;
		do healthPort = await freePort();
		while (healthPort === webhookPort); // the webhook processor's port is chosen early and bound late
		logs[`worker${i}`] = path.join(logDir, `n8n-worker${i}.log`);
		starting.push(
			startN8nServer({
				env: {
					...prepared.env,
					N8N_LOG_LEVEL: 'debug',
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_PORT: String(healthPort),
				},
				port: healthPort,
				logFile: logs[`worker${i}`],
				command: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				ready: isHealthy,
			}).then((p) => (processes[`worker${i}`] = p)),
		);
	}
	await Promise.all(starting);
	for (const [name, p] of Object.entries(processes)) if (name !== 'main') onShutdown(`n8n ${name}`, p.stop);
	timings.webhookAndWorkersStart = Date.now() - started;

	const rest = new N8nRestClient(processes.main.url);
	await rest.setupOwner();
	await rest.login();
	stack = {
		...prepared,
		mainUrl: processes.main.url,
		webhookUrl: `http://localhost:${webhookPort}`,
		rest,
		processes,
		logs,
		timings,
	};
	log(
		`queue mode: main ${stack.mainUrl}, webhook ${stack.webhookUrl}, ${WORKERS} workers; set-up (ms) ${JSON.stringify(timings)}`,
	);
	return stack;
}

/** The started stack; throws when startQueueStack() has not run. */
function getQueueStack() {
	if (!stack) throw new Error('The queue-mode stack is not started (run npm run test:e2e:queue)');
	return stack;
}

module.exports = { startQueueStack, getQueueStack, WORKERS, WORKER_CONCURRENCY, CUSTOMER_COUNT };
