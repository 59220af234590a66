/**
 * Polling mode through n8n-core's real poll context against the sandbox: the first run starts from "now" (BC's clock)
 * or a chosen date, changes come once each in `lastModifiedDateTime` order, records sharing the watermark's
 * millisecond are neither lost nor repeated across runs, and ID-only scans find created and deleted records.
 */
import type { SandboxPlugin } from '../../sandbox';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { BcWriter, TriggerHarness, triggerParameters } from '../helpers/trigger';

let setup: ClientSecretSetup;
const writer = new BcWriter();
/** While set, every customer write gets this `lastModifiedDateTime` (records changed in the same millisecond). */
let frozenAt: string | undefined;
const freezer: SandboxPlugin = {
	name: 'test-freezer',
	behaviours: [
		{
			route: 'v2.0',
			entitySet: 'customers',
			behaviour: {
				beforeInsert: (_ctx, row) => void (frozenAt && (row.lastModifiedDateTime = frozenAt)),
				beforeUpdate: (_ctx, row) => void (frozenAt && (row.lastModifiedDateTime = frozenAt)),
			},
		},
	],
};

beforeAll(async () => {
	setup = await startClientSecretSetup({ plugins: [writer.plugin, freezer], webhooks: false });
});
afterAll(async () => setup.sandbox.stop());

const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((i) => `${i.json.changeType}:${i.json.id}`);

describe('Business Central Trigger: polling mode', () => {
	it('runs 1-3: starts from now, emits each change once in order, keeps equal-timestamp records across runs', async () => {
		const trigger = new TriggerHarness(setup, triggerParameters(setup.companyId, 'polling'));
		// Run 1 (activation): watermark = BC's newest change, nothing emitted.
		expect(await trigger.poll()).toEqual([]);
		const state = trigger.state();
		expect(Date.parse(String(state.watermark))).toBeGreaterThan(Date.parse('2000-01-01'));
		expect(Array.isArray(state.ids)).toBe(true);

		// Run 2: two records in the same millisecond, one update.
		frozenAt = new Date(Date.now() + 1000).toISOString();
		const a = await writer.create(setup.companyId, 'Poll A');
		const b = await writer.create(setup.companyId, 'Poll B');
		const existing = String((state.ids as string[])[0]);
		await writer.update(setup.companyId, existing, { phoneNumber: '+1 555' });
		const run2 = await trigger.poll();
		expect(ids(run2).sort()).toEqual([`created:${a.id}`, `created:${b.id}`, `updated:${existing}`].sort());
		expect(run2.find((i) => i.json.id === a.id)?.json.record).toMatchObject({ displayName: 'Poll A' });
		expect(trigger.state().watermark).toBe(frozenAt);
		expect((trigger.state().seenAtWatermark as string[]).length).toBe(3);

		// Run 3: a third record at the SAME millisecond after the run (ge + seen ids), and a deletion.
		const c = await writer.create(setup.companyId, 'Poll C');
		frozenAt = undefined;
		await writer.delete(setup.companyId, String(b.id));
		const run3 = await trigger.poll();
		expect(ids(run3).sort()).toEqual([`created:${c.id}`, `deleted:${b.id}`].sort());
		expect(run3.find((i) => i.json.changeType === 'deleted')?.json.record).toBeUndefined();

		// Run 4: nothing new, nothing repeated.
		expect(await trigger.poll()).toEqual([]);
	});

	it('Start From: Date emits changes after that date on the first run; Output: Notification Only reads no record', async () => {
		const since = new Date(Date.now() - 1000).toISOString();
		const d = await writer.create(setup.companyId, 'Poll D');
		const trigger = new TriggerHarness(
			setup,
			triggerParameters(setup.companyId, 'polling', {
				events: ['updated', 'created'],
				output: 'notification',
				options: { startFrom: 'date', startDate: since },
			}),
		);
		const first = await trigger.poll();
		expect(first.map((i) => i.json.id)).toContain(d.id);
		expect(first.every((i) => i.json.record === undefined)).toBe(true);
		expect(await trigger.poll()).toEqual([]);
	});

	it('rejects an invalid Start Date before any request, naming the field', async () => {
		const trigger = new TriggerHarness(
			setup,
			triggerParameters(setup.companyId, 'polling', {
				options: { startFrom: 'date', startDate: '0001-01-01T00:00:00Z' },
			}),
		);
		const before = setup.sandbox.control.stats();
		await expect(trigger.poll()).rejects.toThrow(/Start Date/);
		expect(setup.sandbox.control.stats()).toEqual(before);
	});

	it('"Fetch test event" (manual) returns the newest record as a sample and keeps no state', async () => {
		const trigger = new TriggerHarness(setup, triggerParameters(setup.companyId, 'polling'));
		const items = await trigger.poll('manual');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ changeType: 'updated', source: 'sample' });
		expect(trigger.state().watermark).toBeUndefined();
	});
});
