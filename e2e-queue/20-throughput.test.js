'use strict';
/**
 * Load figures, same workload and same run: 20 concurrent executions of a read of every customer (pages of 100, BC
 * latency 50 ms), in queue mode (webhook processor → 2 workers) and in a single regular-mode n8n process started
 * beside it (its own SQLite user folder, the same package tarball, credentials and sandbox). Prints executions per
 * minute, records per second and the ratio; asserts only that every execution succeeded (figures are not tests).
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { describe, it, after } = require('node:test');
const { getQueueStack, WORKERS } = require('./harness');
const { activateAsWebhook, callWebhook, readAllCustomers } = require('./workflows');
const { RUNTIME_DIR } = require('../scripts/lib/n8n-runtime');
const { n8nEnv } = require('../scripts/lib/n8n-env');
const { runN8nCliOrThrow } = require('../scripts/lib/n8n-cli');
const { packPackage, installIntoN8n } = require('../scripts/lib/package-install');
const { startN8nServer } = require('../scripts/lib/n8n-server');
const { N8nRestClient } = require('../scripts/lib/n8n-rest');
const { freePort } = require('../scripts/lib/free-port');
const { ARTIFACTS_DIR } = require('../e2e/harness');

const EXECUTIONS = 20;

/** Fires the executions at once; returns wall time and records read. */
async function burst(webhookPath, baseUrl) {
	const started = Date.now();
	const calls = await Promise.all(Array.from({ length: EXECUTIONS }, () => callWebhook(webhookPath, {}, baseUrl)));
	const ms = Date.now() - started;
	for (const call of calls) assert.equal(call.status, 200, JSON.stringify(call.body).slice(0, 300));
	const records = calls.reduce((sum, call) => sum + call.body.length, 0);
	return { ms, records, perMinute: (EXECUTIONS / ms) * 60_000, recordsPerSecond: records / (ms / 1000) };
}

describe('throughput: queue mode vs a single process', { timeout: 15 * 60_000 }, () => {
	let single;
	after(async () => single?.stop());

	it(`${EXECUTIONS} concurrent 1,000-record reads, queue mode (${WORKERS} workers) and a single process`, async () => {
		const { sandbox, workflows, credentials, webhookUrl } = getQueueStack();
		const read = readAllCustomers(workflows);

		// The single regular-mode process: its own user folder (SQLite), the same package, credentials and sandbox.
		const userFolder = path.join(RUNTIME_DIR, 'e2e-single');
		fs.rmSync(userFolder, { recursive: true, force: true });
		const tarball = packPackage();
		try {
			await installIntoN8n(userFolder, tarball);
		} finally {
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
		const port = await freePort();
		const env = n8nEnv({ userFolder, port, caCertPath: sandbox.info.caCertPath });
		const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-single-import-'));
		try {
			const file = path.join(importDir, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
			await runN8nCliOrThrow(['import:credentials', `--input=${file}`], env);
		} finally {
			fs.rmSync(importDir, { recursive: true, force: true });
		}
		single = await startN8nServer({ env, port, logFile: path.join(ARTIFACTS_DIR, 'queue', 'n8n-single.log') });
		const rest = new N8nRestClient(single.url);
		await rest.setupOwner();
		await rest.login();

		const queued = await activateAsWebhook(read, 'throughput-queue');
		const alone = await activateAsWebhook(read, 'throughput-single', rest);
		// Warm-up: registration, tokens, company lookups in every process.
		await callWebhook(queued.path);
		await callWebhook(alone.path, {}, single.url);

		await sandbox.control.updateSettings({ latencyMs: 50 });
		try {
			const queue = await burst(queued.path, webhookUrl);
			const one = await burst(alone.path, single.url);
			const figures = (label, f) =>
				`${label} ${f.ms} ms, ${f.perMinute.toFixed(0)} executions/min, ${f.recordsPerSecond.toFixed(0)} records/s`;
			process.stderr.write(
				`# throughput (${EXECUTIONS} executions × ${queue.records / EXECUTIONS} records, BC latency 50 ms): ` +
					`${figures(`queue mode (${WORKERS} workers)`, queue)}; ${figures('single process', one)}; ` +
					`queue/single records/s ${(queue.recordsPerSecond / one.recordsPerSecond).toFixed(2)}\n`,
			);
			assert.equal(queue.records, one.records, 'both read the same records');
		} finally {
			await sandbox.control.updateSettings({ latencyMs: 0 });
		}
	});
});
