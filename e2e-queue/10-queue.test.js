'use strict';
/**
 * The node in n8n's queue mode: executions started through the webhook processor run on the workers; per-process
 * caches (tokens, company ids) and limiters are duplicated per worker and stay correct.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { describe, it } = require('node:test');
const { getQueueStack, WORKERS, CUSTOMER_COUNT } = require('./harness');
const { activateAsWebhook, callWebhook, readAllCustomers } = require('./workflows');

/** Executions a worker has finished so far (its log's "Worker finished execution" lines). */
function jobsDoneBy(worker) {
	const text = fs.readFileSync(getQueueStack().logs[worker], 'utf8');
	return (text.match(/Worker finished execution/g) ?? []).length;
}

/** Executions finished per worker so far. */
const jobsPerWorker = () => Array.from({ length: WORKERS }, (_, i) => jobsDoneBy(`worker${i + 1}`));

describe('queue mode: main + webhook processor + workers', { timeout: 20 * 60_000 }, () => {
	it('runs every example workflow (app-only and on-premises credentials) on the workers', async () => {
		const { workflows } = getQueueStack();
		const results = [];
		for (const { file, workflow } of workflows) {
			if (!workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')) continue;
			if (workflow.nodes.some((n) => n.credentials?.businessCentralOAuth2Api)) continue; // needs a browser sign-in
			const { path } = await activateAsWebhook(workflow, file.replace(/\.json$/, ''));
			const result = await callWebhook(path);
			results.push({ file, ...result });
			assert.equal(
				result.status,
				200,
				`${file} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`,
			);
		}
		assert.ok(results.length >= 6, `example workflows run: ${results.map((r) => r.file).join(', ')}`);
		process.stderr.write(`# examples on workers: ${results.map((r) => `${r.file} ${r.ms} ms`).join(', ')}\n`);
	});

	it(`20 concurrent executions of a ${CUSTOMER_COUNT}-record read: no item fails, per-process limit holds, one token per worker`, async () => {
		const { sandbox, workflows } = getQueueStack();
		const { path } = await activateAsWebhook(readAllCustomers(workflows), 'read-1000');
		await callWebhook(path); // waits until the webhook processor knows it
		// 50 ms per BC request, so that the executions' requests overlap and the limiters are what bounds them.
		await sandbox.control.updateSettings({ latencyMs: 50 });
		const before = await sandbox.control.stats();
		const jobsBefore = jobsPerWorker();
		const started = Date.now();
		const calls = await Promise.all(Array.from({ length: 20 }, () => callWebhook(path)));
		const wallMs = Date.now() - started;
		const after = await sandbox.control.stats();
		await sandbox.control.updateSettings({ latencyMs: 0 });
		for (const call of calls) {
			assert.equal(call.status, 200, JSON.stringify(call.body).slice(0, 300));
			// Every customer (1,000 seeded, plus the one example 03 created), the same for every execution.
			assert.ok(call.body.length >= CUSTOMER_COUNT, `each execution read every customer (${call.body.length})`);
			assert.equal(call.body.length, calls[0].body.length, 'every execution read the same records');
		}
		const jobs = jobsPerWorker().map((done, i) => done - jobsBefore[i]);
		assert.equal(
			jobs.reduce((a, b) => a + b, 0),
			20,
			`the workers ran the 20 executions (per worker: ${jobs.join('/')})`,
		);
		const principal = sandbox.info.app.clientId;
		const peak = after.peakInFlight[principal];
		const tokens = (after.tokenRequests[principal] ?? 0) - (before.tokenRequests[principal] ?? 0);
		// Each worker keeps at most 8 in flight per credential (Requests in Flight's default).
		assert.ok(peak <= 8 * WORKERS, `peak in flight at BC ${peak} <= 8 per worker × ${WORKERS}`);
		assert.ok(peak > 8, `both workers' limiters are in use at once (peak in flight ${peak})`);
		assert.equal(after.throttled - before.throttled, 0, 'BC answered no 429');
		assert.ok(tokens <= WORKERS, `token requests ${tokens} <= one per worker`);
		process.stderr.write(
			`# queue mode: 20 × ${CUSTOMER_COUNT} records in ${wallMs} ms (${((20 * CUSTOMER_COUNT) / (wallMs / 1000)).toFixed(0)} records/s); ` +
				`peak in flight ${peak}, 429s ${after.throttled - before.throttled}, token requests ${tokens}; ` +
				`executions per worker ${jobs.join('/')}\n`,
		);
	});
});
