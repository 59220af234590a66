'use strict';
/**
 * The Business Central Trigger in n8n's queue mode: the webhook (example 14) and hybrid (example 15) workflows
 * activated on main, BC's notifications sent to the webhook processor (`WEBHOOK_URL`), the executions run by the
 * workers, the scheduled check (Poll Times, on main) renewing a subscription near its expiry exactly once (the
 * sandbox counts the PATCHes), re-creating one BC dropped (whose id n8n does not save, since that poll emits nothing)
 * and deactivation deleting every subscription. Prints latency, renewals, executions per worker and Hybrid's
 * repeated versions (the reconciliation on main cannot see what the webhook processor delivered).
 * n8n's poll schedule is at least one minute: this file waits for three scheduled checks (about 3 minutes).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { describe, it } = require('node:test');
const { getQueueStack, WORKERS } = require('./harness');
const {
	BcClient,
	activateWorkflow,
	deactivateWorkflow,
	executionIds,
	listExecutions,
	waitForItems,
} = require('../scripts/lib/trigger-run');

const NODE = 'Customer changed';
const SIX_HOURS_MS = 6 * 3600_000;
const log = (line) => process.stderr.write(`# queue trigger: ${line}\n`);

function webhooks(method, path, body) {
	return getQueueStack().sandbox.control.request(method, `/sandbox/webhooks/${path}`, body);
}

/** The sandbox's subscriptions and counters (created, renewed, deleted, …). */
const listed = () => webhooks('GET', 'subscriptions');

/** Waits until `probe()` returns something truthy; returns it. */
async function until(what, probe, timeoutMs) {
	const started = Date.now();
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Executions each worker has finished so far (its log's "Worker finished execution" lines). */
function jobsPerWorker() {
	return Array.from({ length: WORKERS }, (_, i) => {
		const text = fs.readFileSync(getQueueStack().logs[`worker${i + 1}`], 'utf8');
		return (text.match(/Worker finished execution/g) ?? []).length;
	});
}

/** Emissions per record version (`changeType id lastModifiedDateTime`) → sources. */
function versions(items) {
	const map = new Map();
	for (const i of items) {
		const key = `${i.changeType} ${i.id} ${i.lastModifiedDateTime}`;
		map.set(key, [...(map.get(key) ?? []), i.source]);
	}
	return map;
}

describe('Business Central Trigger in queue mode', { timeout: 10 * 60_000 }, () => {
	it('webhook and hybrid: notifications at the webhook processor, executions on workers, one renewal, clean deactivation', async () => {
		const { rest, sandbox, workflows, webhookUrl, mainUrl } = getQueueStack();
		const bc = new BcClient(sandbox.info);
		const webhookWf = workflows.find((w) => w.file.startsWith('14-')).workflow;
		const hybridWf = workflows.find((w) => w.file.startsWith('15-')).workflow;
		await webhooks('PATCH', 'settings', { delayMs: 300 });
		const counters0 = (await listed()).counters;
		const jobs0 = jobsPerWorker();
		const known = {
			webhook: await executionIds(rest, webhookWf.id),
			hybrid: await executionIds(rest, hybridWf.id),
		};
		const activationStarted = Date.now();
		await activateWorkflow(rest, webhookWf.id);
		await activateWorkflow(rest, hybridWf.id);
		const activationMs = Date.now() - activationStarted;
		try {
			const subs = await until(
				'two subscriptions',
				async () => {
					const list = (await listed()).subscriptions;
					return list.length === 2 && list;
				},
				30_000,
			);
			for (const s of subs) {
				assert.ok(
					s.notificationUrl.startsWith(`${webhookUrl}/webhook/`),
					`${s.notificationUrl} is the webhook processor's`,
				);
				assert.ok(!s.notificationUrl.startsWith(mainUrl), 'notifications do not go to main');
			}
			const subOf = (wf) => subs.find((s) => s.notificationUrl.includes(wf.nodes[0].webhookId));
			const webhookSub = subOf(webhookWf);
			const hybridSub = subOf(hybridWf);
			assert.ok(webhookSub && hybridSub, 'one subscription per workflow');

			// created, updated, deleted: each exactly once in the webhook workflow, within a few seconds. Each next change
			// waits for both workflows: Hybrid reads a changed record back, and a record deleted before that read is
			// (correctly) emitted as deleted, not as the update the test looks for.
			const latencies = [];
			const hybridHas = (change) =>
				waitForItems(rest, hybridWf.id, NODE, known.hybrid, (items) => items.some((i) => change(i)), {
					timeoutMs: 30_000,
				});
			const a = await bc.createCustomer('E2E Queue Trigger A');
			let t = Date.now();
			await waitForItems(rest, webhookWf.id, NODE, known.webhook, (items) => items.length >= 1, { timeoutMs: 30_000 });
			latencies.push(Date.now() - t);
			await hybridHas((i) => i.id === a.id && i.changeType === 'created');
			await bc.updateCustomer(a.id, { phoneNumber: '+1 555 0142' });
			t = Date.now();
			await waitForItems(rest, webhookWf.id, NODE, known.webhook, (items) => items.length >= 2, { timeoutMs: 30_000 });
			latencies.push(Date.now() - t);
			await hybridHas((i) => i.id === a.id && i.changeType === 'updated');
			await bc.deleteCustomer(a.id);
			t = Date.now();
			const crud = await waitForItems(rest, webhookWf.id, NODE, known.webhook, (items) => items.length >= 3, {
				timeoutMs: 30_000,
			});
			latencies.push(Date.now() - t);
			assert.deepEqual(
				crud.items.map((i) => [i.changeType, i.id, i.source]),
				[
					['created', a.id, 'webhook'],
					['updated', a.id, 'webhook'],
					['deleted', a.id, 'webhook'],
				],
			);
			assert.equal(crud.items[1].record.phoneNumber, '+1 555 0142');

			// Both subscriptions near their expiry at BC: the next scheduled check on main renews each, once.
			const renewStarted = Date.now();
			await webhooks('POST', 'expire', { subscriptionId: webhookSub.subscriptionId, inMs: SIX_HOURS_MS });
			await webhooks('POST', 'expire', { subscriptionId: hybridSub.subscriptionId, inMs: SIX_HOURS_MS });
			await until('both renewals', async () => (await listed()).counters.renewed - counters0.renewed >= 2, 75_000);
			const renewMs = Date.now() - renewStarted;

			// BC drops the webhook workflow's subscription: the next check re-creates it (nothing changed meanwhile, so
			// that poll emits nothing and n8n does not save the new subscription id).
			const expireStarted = Date.now();
			await webhooks('POST', 'expire', { subscriptionId: webhookSub.subscriptionId });
			const recreated = await until(
				're-creation',
				async () =>
					(await listed()).subscriptions.find(
						(s) => s.notificationUrl === webhookSub.notificationUrl && s.subscriptionId !== webhookSub.subscriptionId,
					),
				75_000,
			);
			const recreateMs = Date.now() - expireStarted;
			const afterRecreation = await executionIds(rest, webhookWf.id);
			const c = await bc.createCustomer('E2E Queue Trigger C');
			t = Date.now();
			const delivered = await waitForItems(rest, webhookWf.id, NODE, afterRecreation, (items) => items.length >= 1, {
				timeoutMs: 30_000,
			});
			latencies.push(Date.now() - t);
			assert.deepEqual(
				delivered.items.map((i) => [i.changeType, i.id, i.source]),
				[['created', c.id, 'webhook']],
				'the re-created subscription delivers to the webhook processor',
			);

			// One more scheduled check on main (hybrid reconciles, C included), then its executions settle.
			const cAt = Date.now();
			await until(
				'a scheduled check after C',
				async () =>
					(await sandbox.control.log(500)).some(
						(e) => e.method === 'GET' && e.path.includes(hybridSub.subscriptionId) && Date.parse(e.time) > cAt,
					),
				75_000,
			);
			await new Promise((r) => setTimeout(r, 5000));
			const hybridAll = await waitForItems(
				rest,
				hybridWf.id,
				NODE,
				known.hybrid,
				(items) => items.some((i) => i.id === c.id),
				{ timeoutMs: 30_000 },
			);
			const counters = (await listed()).counters;
			const renewals = counters.renewed - counters0.renewed;
			const recreations = counters.created - counters0.created - 2;
			assert.equal(renewals, 2, 'one renewal per subscription, not one per process');
			assert.equal(recreations, 1, 'the dropped subscription was re-created once');
			assert.equal(recreated.clientState, webhookSub.clientState, 'the activation keeps its clientState');

			// Webhook workflow: every version exactly once, all from the webhook.
			const webhookAll = await waitForItems(rest, webhookWf.id, NODE, known.webhook, (items) => items.length >= 4, {
				timeoutMs: 10_000,
			});
			assert.deepEqual(
				[...versions(webhookAll.items).values()].map((sources) => sources.join('+')),
				['webhook', 'webhook', 'webhook', 'webhook'],
				'the webhook workflow emitted each change once',
			);
			// Hybrid: every change at least once and at most twice (webhook, and the reconciliation on main, which
			// cannot see what the webhook processor delivered); never lost.
			const hybridVersions = versions(hybridAll.items);
			for (const change of [`created ${a.id}`, `updated ${a.id}`, `deleted ${a.id}`, `created ${c.id}`]) {
				const emitted = [...hybridVersions.entries()]
					.filter(([key]) => key.startsWith(`${change} `))
					.flatMap(([, sources]) => sources);
				assert.ok(emitted.length >= 1 && emitted.length <= 2, `hybrid emitted ${change}: ${emitted.join('+')}`);
			}
			for (const [key, sources] of hybridVersions) {
				assert.ok(
					sources.length <= 2 && sources.filter((x) => x === 'webhook').length <= 1,
					`${key} emitted by ${sources.join('+')}`,
				);
			}
			const repeated = [...hybridVersions.values()].filter((s) => s.length > 1).length;

			// Every execution of both workflows ran on a worker.
			const executions =
				(await listExecutions(rest, webhookWf.id)).filter((e) => !known.webhook.has(String(e.id))).length +
				(await listExecutions(rest, hybridWf.id)).filter((e) => !known.hybrid.has(String(e.id))).length;
			const jobs = jobsPerWorker().map((done, i) => done - jobs0[i]);
			assert.equal(
				jobs.reduce((x, y) => x + y, 0),
				executions,
				`workers ran all ${executions} executions (per worker ${jobs.join('/')})`,
			);
			log(
				`activation of 2 workflows ${activationMs} ms; change → finished execution ${latencies.join(', ')} ms (sandbox aggregation 300 ms; BC waits 30 s)`,
			);
			log(
				`renewals ${renewals} for 2 subscriptions near expiry (${renewMs} ms until the scheduled check), re-creations ${recreations} (${recreateMs} ms); ` +
					`hybrid: ${hybridVersions.size} versions, ${repeated} repeated by the reconciliation (source poll); ` +
					`${executions} executions, per worker ${jobs.join('/')}`,
			);
		} finally {
			await deactivateWorkflow(rest, webhookWf.id);
			await deactivateWorkflow(rest, hybridWf.id);
		}
		const left = await until(
			'deactivation',
			async () => {
				const list = (await listed()).subscriptions;
				return list.length === 0 ? [] : undefined;
			},
			20_000,
		).catch(async () => (await listed()).subscriptions);
		assert.deepEqual(left, [], 'deactivation deleted every subscription (also the re-created one)');
	});
});
