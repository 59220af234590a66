/**
 * Webhook mode through n8n-core's real hook, webhook and poll contexts against the sandbox's webhooks plugin: the
 * subscription life cycle (handshake, renewal, re-creation, deletion), notifications read back, `collection`
 * expansion, and a wrong clientState answered 2xx and dropped.
 */
import { webhooksPlugin, type WebhooksPlugin } from '../../sandbox/webhooks/plugin';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { BcWriter, TriggerHarness, triggerParameters, waitFor } from '../helpers/trigger';

let setup: ClientSecretSetup;
let webhooks: WebhooksPlugin;
const writer = new BcWriter();

beforeAll(async () => {
	webhooks = webhooksPlugin({ delayMs: 100, collectionThreshold: 10 });
	setup = await startClientSecretSetup({ plugins: [webhooks, writer.plugin] });
});
afterAll(async () => setup.sandbox.stop());

async function activated(extra = {}): Promise<TriggerHarness> {
	const trigger = new TriggerHarness(setup, triggerParameters(setup.companyId, 'webhook', extra));
	await trigger.listen();
	await trigger.activate();
	return trigger;
}

describe('Business Central Trigger: webhook mode', () => {
	it('activation subscribes after the handshake; created, updated and deleted records arrive once, read back', async () => {
		const trigger = await activated();
		try {
			const subs = webhooks.hub.list('production');
			expect(subs).toHaveLength(1);
			expect(subs[0].notificationUrl).toBe(`${trigger.baseUrl}/webhook/wf-trigger/bc%20trigger/notify`);
			expect(trigger.calls[0]).toMatchObject({ status: 200 });
			expect(trigger.calls[0].body).not.toBe('');
			expect(trigger.state().clientState).toMatch(/^[0-9a-f]{64}$/);

			const created = await writer.create(setup.companyId, 'Webhook Created GmbH');
			await waitFor(() => trigger.emitted.length >= 1, 5000, 'created');
			await writer.update(setup.companyId, String(created.id), { phoneNumber: '+49 2' });
			await waitFor(() => trigger.emitted.length >= 2, 5000, 'updated');
			await writer.delete(setup.companyId, String(created.id));
			await waitFor(() => trigger.emitted.length >= 3, 5000, 'deleted');
			const [c, u, d] = trigger.emitted.map((i) => i.json);
			expect(c).toMatchObject({ changeType: 'created', id: created.id, source: 'webhook' });
			expect(c.record).toMatchObject({ displayName: 'Webhook Created GmbH' });
			expect(String(c.entityUrl)).toMatch(
				new RegExp(`/companies\\(${setup.companyId}\\)/customers\\(${created.id}\\)$`),
			);
			expect(u).toMatchObject({ changeType: 'updated', id: created.id });
			expect(u.record).toMatchObject({ phoneNumber: '+49 2' });
			expect(d).toMatchObject({ changeType: 'deleted', id: created.id });
			expect(d.record).toBeUndefined();
			// Every notification was answered 2xx at once.
			expect(trigger.calls.slice(1).every((call) => call.status === 202)).toBe(true);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
		expect(webhooks.hub.list('production')).toHaveLength(0);
	});

	it('a notification with a wrong clientState is answered 202, dropped and counted', async () => {
		const trigger = await activated();
		try {
			const sub = webhooks.hub.list('production')[0];
			const response = await fetch(sub.notificationUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					value: [
						{
							subscriptionId: sub.subscriptionId,
							clientState: 'forged',
							resource: `${sub.resource}(${setup.companyId})`,
							changeType: 'updated',
							lastModifiedDateTime: new Date().toISOString(),
						},
					],
				}),
			});
			expect(response.status).toBe(202);
			expect(trigger.emitted).toHaveLength(0);
			expect(trigger.state().stats).toMatchObject({ dropped: 1, notifications: 0 });
			// BC would delete the subscription on a 4xx: it must still be there.
			expect(webhooks.hub.list('production')).toHaveLength(1);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});

	it('a collection notification (more changes than the threshold) is expanded: every record exactly once', async () => {
		const trigger = await activated();
		try {
			const ids = new Set<string>();
			webhooks.hub.settings.delayMs = 600_000;
			for (let i = 0; i < 25; i++) ids.add(String((await writer.create(setup.companyId, `Burst ${i}`)).id));
			webhooks.hub.settings.delayMs = 100;
			await webhooks.hub.flush();
			await waitFor(() => trigger.emitted.length >= 25, 10_000, '25 records');
			await webhooks.hub.idle();
			expect(webhooks.hub.log.at(-1)?.changeTypes).toEqual({ collection: 1 });
			const emitted = trigger.emitted.map((i) => String(i.json.id));
			expect(emitted).toHaveLength(25);
			expect(new Set(emitted)).toEqual(ids);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});

	it('the scheduled check renews a subscription expiring within 24 h and re-creates one BC dropped, catching up', async () => {
		const trigger = await activated();
		try {
			const first = webhooks.hub.list('production')[0];
			first.expiresMs = Date.now() + 3600_000;
			expect(await trigger.poll()).toEqual([]);
			expect(webhooks.hub.list('production')[0].subscriptionId).toBe(first.subscriptionId);
			expect(webhooks.hub.list('production')[0].expiresMs).toBeGreaterThan(Date.now() + 48 * 3600 * 1000);
			expect(trigger.state().stats).toMatchObject({ renewals: 1 });
			expect(await trigger.poll()).toEqual([]);
			expect(trigger.state().stats).toMatchObject({ renewals: 1 });

			webhooks.hub.expire();
			const missed = await writer.create(setup.companyId, 'Written While Expired');
			const items = await trigger.poll();
			expect(items.map((i) => i.json.id)).toEqual([missed.id]);
			const now = webhooks.hub.list('production');
			expect(now).toHaveLength(1);
			expect(now[0].subscriptionId).not.toBe(first.subscriptionId);
			expect(trigger.state().stats).toMatchObject({ recreations: 1 });
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});

	it('"Listen for test event": the test URL is subscribed, the first notification becomes the manual run\'s items', async () => {
		const trigger = new TriggerHarness(setup, triggerParameters(setup.companyId, 'webhook'));
		await trigger.listen();
		try {
			await trigger.listenForTestEvent();
			const [sub] = webhooks.hub.list('production');
			expect(sub.notificationUrl).toContain('/webhook-test/');
			const created = await writer.create(setup.companyId, 'Test Event GmbH');
			await waitFor(() => trigger.emitted.length === 1, 5000, 'test notification');
			// n8n then runs the workflow manually from the trigger, which calls poll() in manual mode.
			const items = await trigger.poll('manual');
			expect(items.map((i) => [i.json.id, i.json.source])).toEqual([[created.id, 'webhook']]);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
		expect(webhooks.hub.list('production')).toHaveLength(0);
	});

	it("a record gone before its read-back is emitted as deleted once, BC's own deleted notification is not repeated", async () => {
		const trigger = await activated();
		try {
			const sub = webhooks.hub.list('production')[0];
			const gone = '0badc0de-0000-4000-8000-000000000001';
			const notify = (changeType: string) =>
				fetch(sub.notificationUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						value: [
							{
								subscriptionId: sub.subscriptionId,
								clientState: trigger.state().clientState,
								resource: `${sub.resource}(${gone})`,
								changeType,
								lastModifiedDateTime: new Date().toISOString(),
							},
						],
					}),
				});
			expect((await notify('updated')).status).toBe(202);
			await waitFor(() => trigger.emitted.length === 1, 5000, 'deleted item');
			expect(trigger.emitted[0].json).toMatchObject({ id: gone, changeType: 'deleted' });
			expect((await notify('deleted')).status).toBe(202);
			await waitFor(() => trigger.calls.length >= 3, 5000, 'second notification');
			expect(trigger.emitted).toHaveLength(1);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
	});
});
