'use strict';
/**
 * The Business Central Trigger in a real n8n: ACTIVATED example workflows receive the sandbox's real HTTP
 * notifications through n8n's webhook server (created, updated, deleted; a `collection` burst of 1,500 changes, each
 * emitted exactly once; a forced expiry survived by the scheduled check; a wrong clientState answered 2xx and
 * dropped; deactivation deletes the subscription), polling runs on n8n's schedule, and Hybrid catches a dropped
 * notification. Prints the figures for the closing note (latency, idle requests per hour, collection timing).
 * Note: n8n's poll schedule is at least one minute, so this file takes a few minutes.
 */
const assert = require('node:assert/strict');
const { describe, it } = require('node:test');
const { getStack, workflow } = require('./harness');
const {
	BcClient,
	activateWorkflow,
	deactivateWorkflow,
	executionIds,
	listExecutions,
	waitForItems,
} = require('../scripts/lib/trigger-run');

const NODE = 'Customer changed';
const log = (line) => process.stderr.write(`# trigger: ${line}\n`);

function webhooks(method, path, body) {
	return getStack().sandbox.control.request(method, `/sandbox/webhooks/${path}`, body);
}

async function subscriptions() {
	return (await webhooks('GET', 'subscriptions')).subscriptions;
}

/** Waits until the sandbox has `count` subscriptions (activation and deactivation finish after n8n answers). */
async function subscriptionsReach(count, timeoutMs = 20_000) {
	const started = Date.now();
	for (;;) {
		const list = await subscriptions();
		if (list.length === count) return list;
		if (Date.now() - started > timeoutMs) return list;
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe('Business Central Trigger in n8n', { timeout: 15 * 60_000 }, () => {
	it('webhook: handshake, created/updated/deleted, wrong clientState, 1,500-change collection, forced expiry, deactivation', async () => {
		const { rest, url } = getStack();
		const bc = new BcClient(getStack().sandbox.info);
		await webhooks('PATCH', 'settings', { delayMs: 300 });
		const wf = workflow('14-');
		await activateWorkflow(rest, wf.id);
		try {
			const [sub] = await subscriptionsReach(1);
			assert.ok(sub, 'activation created a subscription');
			assert.ok(sub.notificationUrl.startsWith(`${url}/webhook/`), sub.notificationUrl);

			// created, updated, deleted
			let known = await executionIds(rest, wf.id);
			const t0 = Date.now();
			const customer = await bc.createCustomer('E2E Webhook Customer');
			const first = await waitForItems(rest, wf.id, NODE, known, (items) => items.length >= 1, { timeoutMs: 30_000 });
			const latencyMs = Date.now() - t0;
			assert.deepEqual(
				first.items.map((i) => [i.changeType, i.id, i.record?.displayName, i.source]),
				[['created', customer.id, 'E2E Webhook Customer', 'webhook']],
			);
			log(`webhook latency change → execution ${latencyMs} ms (sandbox aggregation delay 300 ms; BC waits 30 s)`);
			known = await executionIds(rest, wf.id);
			await bc.updateCustomer(customer.id, { phoneNumber: '+1 555 0100' });
			await waitForItems(rest, wf.id, NODE, known, (items) => items.length >= 1, { timeoutMs: 30_000 });
			await bc.deleteCustomer(customer.id);
			const later = await waitForItems(rest, wf.id, NODE, known, (items) => items.length >= 2, { timeoutMs: 30_000 });
			assert.deepEqual(
				later.items.map((i) => [i.changeType, i.id]),
				[
					['updated', customer.id],
					['deleted', customer.id],
				],
			);
			assert.equal(later.items[0].record.phoneNumber, '+1 555 0100');

			// a forged notification: 2xx, dropped, the subscription lives on
			const forged = await fetch(sub.notificationUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					value: [
						{
							subscriptionId: sub.subscriptionId,
							clientState: 'forged',
							resource: `${sub.resource}(${customer.id})`,
							changeType: 'updated',
							lastModifiedDateTime: new Date().toISOString(),
						},
					],
				}),
			});
			assert.ok(forged.status >= 200 && forged.status < 300, `forged notification answered ${forged.status}`);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal((await subscriptions()).length, 1, 'the subscription survived the forged notification');

			// a collection burst of 1,500 changes
			await webhooks('PATCH', 'settings', { delayMs: 600_000, collectionThreshold: 1000 });
			known = await executionIds(rest, wf.id);
			const burstStarted = Date.now();
			const created = [];
			for (let i = 0; i < 1500; i += 10) {
				const batch = await Promise.all(
					Array.from({ length: 10 }, (_, k) => bc.createCustomer(`E2E Burst ${String(i + k).padStart(4, '0')}`)),
				);
				created.push(...batch.map((c) => c.id));
			}
			const writeMs = Date.now() - burstStarted;
			const fired = Date.now();
			await webhooks('POST', 'fire');
			const burst = await waitForItems(rest, wf.id, NODE, known, (items) => items.length >= 1500, {
				timeoutMs: 120_000,
			});
			const expandMs = Date.now() - fired;
			const deliveries = (await webhooks('GET', 'deliveries')).deliveries;
			assert.deepEqual(deliveries.at(-1).changeTypes, { collection: 1 });
			const ids = burst.items.map((i) => i.id);
			assert.equal(ids.length, 1500, 'every record once');
			assert.deepEqual(new Set(ids), new Set(created));
			log(
				`collection: 1,500 creates written in ${writeMs} ms; 1 collection notification → ${burst.executions.length} execution(s), 1,500 items, ${expandMs} ms from notification to finished execution(s)`,
			);
			await webhooks('PATCH', 'settings', { delayMs: 300 });

			// forced expiry: the scheduled check (every minute) re-creates the subscription and catches up
			known = await executionIds(rest, wf.id);
			await webhooks('POST', 'expire', {});
			assert.equal((await subscriptions()).length, 0);
			const missed = await bc.createCustomer('E2E Written While Expired');
			const caught = await waitForItems(rest, wf.id, NODE, known, (items) => items.some((i) => i.id === missed.id), {
				timeoutMs: 90_000,
			});
			assert.equal(caught.items.filter((i) => i.id === missed.id).length, 1);
			const [renewed] = await subscriptionsReach(1);
			assert.ok(renewed && renewed.subscriptionId !== sub.subscriptionId, 'the subscription was re-created');
		} finally {
			await deactivateWorkflow(rest, wf.id);
		}
		assert.deepEqual(await subscriptionsReach(0), [], 'deactivation deleted the subscription');
	});

	it('polling (3 runs on n8n schedule) and hybrid (a dropped notification reconciled), side by side', async () => {
		const { rest, sandbox } = getStack();
		const bc = new BcClient(sandbox.info);
		await webhooks('PATCH', 'settings', { delayMs: 300 });
		const polling = workflow('13-');
		const hybrid = workflow('15-');
		const knownPolling = await executionIds(rest, polling.id);
		const knownHybrid = await executionIds(rest, hybrid.id);
		const activatedAt = Date.now();
		await activateWorkflow(rest, polling.id);
		await activateWorkflow(rest, hybrid.id);
		try {
			assert.equal((await subscriptionsReach(1)).length, 1, 'hybrid subscribed');
			// Polling run 1 (activation): everything changed since Start Date.
			const run1 = await waitForItems(rest, polling.id, NODE, knownPolling, (items) => items.length > 0, {
				timeoutMs: 30_000,
			});
			assert.ok(run1.items.length > 0, `first run emitted the changes since the Start Date (${run1.items.length})`);
			const after1 = await executionIds(rest, polling.id);

			// Hybrid: one notification dropped on the way, one delivered.
			await webhooks('POST', 'drop-next', { count: 1 });
			const lost = await bc.createCustomer('E2E Hybrid Lost');
			await new Promise((r) => setTimeout(r, 1500));
			const delivered = await bc.createCustomer('E2E Hybrid Delivered');
			const pollChange = await bc.createCustomer('E2E Polling New');
			const existing = run1.items.find(
				(i) => i.changeType !== 'deleted' && !String(i.record?.displayName).startsWith('E2E'),
			);
			await bc.updateCustomer(existing.id, { phoneNumber: '+1 555 0199' });
			const doomed = await bc.createCustomer('E2E Polling Doomed');
			// Run 2 (next minute): created, updated; the doomed record is deleted before run 3 sees it again.
			const run2 = await waitForItems(
				rest,
				polling.id,
				NODE,
				after1,
				(items) => items.some((i) => i.id === pollChange.id),
				{ timeoutMs: 90_000 },
			);
			assert.ok(
				run2.items.some((i) => i.id === existing.id && i.changeType === 'updated'),
				'update seen',
			);
			assert.ok(
				run2.items.some((i) => i.id === doomed.id && i.changeType === 'created'),
				'create seen',
			);
			const after2 = await executionIds(rest, polling.id);
			await bc.deleteCustomer(doomed.id);
			const run3 = await waitForItems(rest, polling.id, NODE, after2, (items) => items.length > 0, {
				timeoutMs: 90_000,
			});
			assert.deepEqual(
				run3.items.map((i) => [i.changeType, i.id]),
				[['deleted', doomed.id]],
				'run 3 emits the deletion only (nothing repeated)',
			);
			const allPolled = [...run1.items, ...run2.items, ...run3.items].map(
				(i) => `${i.changeType}:${i.id}:${i.lastModifiedDateTime}`,
			);
			assert.equal(new Set(allPolled).size, allPolled.length, 'no record version emitted twice');

			// Hybrid: the dropped one came from the reconciliation poll, the delivered one from the webhook; each once.
			const hybridItems = (
				await waitForItems(rest, hybrid.id, NODE, knownHybrid, (items) => items.some((i) => i.id === lost.id), {
					timeoutMs: 90_000,
				})
			).items;
			const lostItems = hybridItems.filter((i) => i.id === lost.id);
			const deliveredItems = hybridItems.filter((i) => i.id === delivered.id);
			assert.deepEqual(
				lostItems.map((i) => i.source),
				['poll'],
			);
			assert.deepEqual(
				deliveredItems.map((i) => i.source),
				['webhook'],
			);
			log(
				`polling latency: change → execution up to 60 s (n8n's minimum poll interval); activation → run 3 took ${Date.now() - activatedAt} ms`,
			);

			// Idle hybrid: requests of its scheduled runs, measured over one full minute with polling off.
			await deactivateWorkflow(rest, polling.id);
			const hybridExecutions = (await listExecutions(rest, hybrid.id)).length;
			const windowStart = Date.now();
			await new Promise((r) => setTimeout(r, 60_000));
			const entries = (await sandbox.control.log(1000)).filter((e) => Date.parse(e.time) >= windowStart);
			// Scheduled runs = bursts of requests more than 5 s apart.
			let runs = 0;
			let last = 0;
			for (const t of entries.map((e) => Date.parse(e.time)).sort((a, b) => a - b)) {
				if (t - last > 5000) runs++;
				last = t;
			}
			const perRun = runs ? entries.length / runs : 0;
			log(
				`idle hybrid trigger: ${entries.length} BC requests in ${runs} scheduled run(s) over 60 s (${entries.map((e) => `${e.method} ${e.path.split('?')[0].replace(/.*\/api\/v2\.0\//, '')}`).join(', ')}) → ${perRun} per run, ~${perRun * 60} per hour at the one-minute schedule`,
			);
			assert.equal(
				(await listExecutions(rest, hybrid.id)).length,
				hybridExecutions,
				'an idle minute starts no execution',
			);
		} finally {
			await deactivateWorkflow(rest, polling.id).catch(() => undefined);
			await deactivateWorkflow(rest, hybrid.id);
		}
		assert.deepEqual(await subscriptionsReach(0), []);
	});
});
