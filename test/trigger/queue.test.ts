/**
 * The trigger's state across n8n processes (queue mode), with the harness saving the poller's static data as n8n 2.41
 * does: only when a poll emits items (and at the end of activation), while every webhook request loads the database
 * copy. Renewal happens once, in the scheduled check, never in a webhook request reading an older copy; a
 * subscription the check re-created without emitting still delivers to webhook requests, and deactivation, which
 * n8n runs with the database copy, deletes it.
 */
import { webhooksPlugin, type WebhooksPlugin } from '../../sandbox/webhooks/plugin';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { BcWriter, TriggerHarness, triggerParameters, waitFor } from '../helpers/trigger';

let setup: ClientSecretSetup;
let webhooks: WebhooksPlugin;
const writer = new BcWriter();

beforeAll(async () => {
	webhooks = webhooksPlugin({ delayMs: 50 });
	setup = await startClientSecretSetup({ plugins: [webhooks, writer.plugin] });
});
afterAll(async () => setup.sandbox.stop());

async function activated(): Promise<TriggerHarness> {
	const trigger = new TriggerHarness(setup, triggerParameters(setup.companyId, 'webhook'), { savesOnEmitOnly: true });
	await trigger.listen();
	await trigger.activate();
	return trigger;
}

describe('Business Central Trigger across processes (n8n saves the poller only when it emits)', () => {
	it('renews once, in the scheduled check: a webhook request reading a copy that expires soon does not renew', async () => {
		const trigger = await activated();
		try {
			const [sub] = webhooks.hub.list('production');
			const before = webhooks.hub.counters.renewed;
			// BC's subscription and the database copy both expire within 24 h (e.g. after a restart of the main).
			sub.expiresMs = Date.now() + 3600_000;
			const stored = trigger.state().subscription as { expirationDateTime: string };
			stored.expirationDateTime = new Date(sub.expiresMs).toISOString();

			const first = await writer.create(setup.companyId, 'Queue Renewal One');
			await waitFor(() => trigger.emitted.length >= 1, 5000, 'first notification');
			expect(trigger.emitted.map((i) => i.json.id)).toEqual([first.id]);
			expect(webhooks.hub.counters.renewed - before).toBe(0);

			expect(await trigger.poll()).toEqual([]);
			expect(webhooks.hub.counters.renewed - before).toBe(1);
			expect(webhooks.hub.list('production')[0].expiresMs).toBeGreaterThan(Date.now() + 48 * 3600_000);

			// The poll emitted nothing, so the database copy still says "expires within 24 h".
			expect(Date.parse(String(stored.expirationDateTime))).toBeLessThan(Date.now() + 24 * 3600_000);
			const second = await writer.create(setup.companyId, 'Queue Renewal Two');
			await waitFor(() => trigger.emitted.length >= 2, 5000, 'second notification');
			expect(trigger.emitted.map((i) => i.json.id)).toEqual([first.id, second.id]);
			expect(await trigger.poll()).toEqual([]);
			expect(webhooks.hub.counters.renewed - before).toBe(1);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});

	it('a subscription re-created by a check that emitted nothing delivers to webhook requests; deactivation deletes it', async () => {
		const trigger = await activated();
		try {
			const [first] = webhooks.hub.list('production');
			const clientState = trigger.state().clientState;
			webhooks.hub.expire();
			expect(await trigger.poll()).toEqual([]);
			const [recreated] = webhooks.hub.list('production');
			expect(recreated.subscriptionId).not.toBe(first.subscriptionId);
			// n8n did not save the poller's static data: the database copy names the old subscription.
			expect((trigger.state().subscription as { id: string }).id).toBe(first.subscriptionId);
			expect(recreated.clientState).toBe(clientState);

			const created = await writer.create(setup.companyId, 'Queue After Recreation');
			await waitFor(() => trigger.emitted.length >= 1, 5000, 'notification of the re-created subscription');
			expect(trigger.emitted.map((i) => [i.json.changeType, i.json.id, i.json.source])).toEqual([
				['created', created.id, 'webhook'],
			]);
			expect(trigger.state().stats).toMatchObject({ dropped: 0 });
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
		expect(webhooks.hub.list('production')).toHaveLength(0);
	});

	it('activation deletes subscriptions an earlier activation left for the same URL', async () => {
		const trigger = await activated();
		try {
			webhooks.hub.expire();
			await trigger.poll(); // re-created, not saved
			// n8n restarts: activation with the database copy creates a new subscription (new clientState).
			await trigger.activate();
			const subs = webhooks.hub.list('production');
			expect(subs).toHaveLength(1);
			expect(subs[0].clientState).toBe(trigger.state().clientState);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
		expect(webhooks.hub.list('production')).toHaveLength(0);
	});
});
