/**
 * Hybrid mode: webhook notifications for latency plus the scheduled reconciliation poll, de-duplicated: a dropped
 * notification is emitted by the next poll, a delivered one is not emitted again, and a delete BC never notified
 * (e.g. inside a `collection` window) is found by the ID scan.
 */
import { webhooksPlugin, type WebhooksPlugin } from '../../sandbox/webhooks/plugin';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { BcWriter, TriggerHarness, triggerParameters, waitFor } from '../helpers/trigger';

let setup: ClientSecretSetup;
let webhooks: WebhooksPlugin;
const writer = new BcWriter();

beforeAll(async () => {
	webhooks = webhooksPlugin({ delayMs: 100 });
	setup = await startClientSecretSetup({ plugins: [webhooks, writer.plugin] });
});
afterAll(async () => setup.sandbox.stop());

describe('Business Central Trigger: hybrid mode', () => {
	it('emits every change exactly once across webhook and reconciliation, including a dropped notification', async () => {
		const trigger = new TriggerHarness(setup, triggerParameters(setup.companyId, 'hybrid'));
		await trigger.listen();
		try {
			await trigger.activate();
			expect(webhooks.hub.list('production')).toHaveLength(1);

			// Delivered by the webhook: the poll must not repeat it.
			const a = await writer.create(setup.companyId, 'Hybrid A');
			await waitFor(() => trigger.emitted.length === 1, 5000, 'webhook delivery');
			expect(trigger.emitted[0].json).toMatchObject({ id: a.id, changeType: 'created', source: 'webhook' });
			expect(await trigger.poll()).toEqual([]);

			// Lost on the way: the poll emits it once, the webhook never.
			webhooks.hub.dropNextNotifications(1);
			const b = await writer.create(setup.companyId, 'Hybrid B');
			await webhooks.hub.flush();
			await webhooks.hub.idle();
			expect(webhooks.hub.counters.dropped).toBe(1);
			expect(trigger.emitted).toHaveLength(1);
			const reconciled = await trigger.poll();
			expect(reconciled.map((i) => [i.json.id, i.json.changeType, i.json.source])).toEqual([[b.id, 'created', 'poll']]);
			expect(await trigger.poll()).toEqual([]);

			// A delete the webhook did not deliver: found by the ID scan; one it delivered is not repeated.
			webhooks.hub.dropNextNotifications(1);
			await writer.delete(setup.companyId, String(b.id));
			await webhooks.hub.flush();
			await writer.delete(setup.companyId, String(a.id));
			await waitFor(() => trigger.emitted.length === 2, 5000, 'webhook delete');
			expect(trigger.emitted[1].json).toMatchObject({ id: a.id, changeType: 'deleted' });
			const deletes = await trigger.poll();
			expect(deletes.map((i) => [i.json.id, i.json.changeType])).toEqual([[b.id, 'deleted']]);
			expect(await trigger.poll()).toEqual([]);
		} finally {
			await trigger.deactivate();
			await trigger.close();
		}
		expect(webhooks.hub.list('production')).toHaveLength(0);
	});
});
