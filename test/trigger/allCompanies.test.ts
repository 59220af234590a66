/**
 * Polling over every company (Options → All Companies) through n8n-core's real poll context against the sandbox:
 * changes of both companies come once each with companyId and companyName, every company keeps its own watermark in
 * the static data, a company created later (BC's automation API) is read from its beginning, a failed read in one
 * company moves no watermark, and Webhook/Hybrid mode refuse the option before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SandboxPlugin } from '../../sandbox';
import { automationCompaniesPlugin } from '../../sandbox/bc/plugins/automation-companies';
import { BcRequestError } from '../../sandbox/bc/request-error';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { BcWriter, TriggerHarness, triggerParameters } from '../helpers/trigger';
import { BusinessCentralTrigger } from '../../nodes/BusinessCentral/BusinessCentralTrigger.node';

let setup: ClientSecretSetup;
const writer = new BcWriter();
/** While set, reading this company's customers fails once with a 400 (not retried). */
let failCompany: string | undefined;
const failer: SandboxPlugin = {
	name: 'test-failer',
	routes: [
		{
			name: 'fail-once',
			match: (ctx) =>
				failCompany !== undefined &&
				ctx.request.method === 'GET' &&
				ctx.request.resourcePath.toLowerCase().startsWith(`companies(${failCompany})/customers`),
			handle: () => {
				failCompany = undefined;
				throw new BcRequestError(400, 'BadRequest', 'Injected failure');
			},
		},
	],
};

beforeAll(async () => {
	setup = await startClientSecretSetup({
		plugins: [writer.plugin, automationCompaniesPlugin(), failer],
		webhooks: false,
	});
});
afterAll(async () => setup.sandbox.stop());

const companies = () => setup.sandbox.info.companies.production;
const allCompanies = (mode = 'polling', options: IDataObject = {}) =>
	triggerParameters('', mode, {
		company: { __rl: true, mode: 'list', value: '' },
		options: { allCompanies: true, ...options },
	});
const summary = (items: Array<{ json: IDataObject }>) =>
	items.map((i) => `${i.json.changeType}:${i.json.companyName}:${(i.json.record as IDataObject)?.displayName}`);
const companyState = (trigger: TriggerHarness, id: string) =>
	(trigger.state().companies as Record<string, IDataObject>)[id.toLowerCase()];

/** Creates a company through BC's automation API (the sandbox's automationCompanies plugin). */
async function createCompany(name: string, evaluationCompany = false): Promise<string> {
	const response = await writer.bcApi!.handle({
		method: 'POST',
		environment: 'production',
		apiRoute: 'microsoft/automation/v2.0',
		resourcePath: `companies(${companies()[0].id})/automationCompanies`,
		rawQuery: '',
		headers: {},
		body: { name, displayName: name, evaluationCompany },
		serviceRootUrl: 'https://127.0.0.1/v2.0/t/production/api/microsoft/automation/v2.0',
		principal: { id: 'test', kind: 'app', name: 'test' },
		correlationId: '00000000-0000-0000-0000-000000000000',
	});
	if (response.status !== 201) throw new Error(JSON.stringify(response.body));
	return String((response.body as IDataObject).id);
}

describe('Business Central Trigger: All Companies polling', () => {
	it('emits the changes of both companies once each, with per-company watermarks', async () => {
		const [c0, c1] = companies();
		const trigger = new TriggerHarness(setup, allCompanies());
		// Run 1: every company starts from "now" (its own newest change); nothing emitted.
		expect(await trigger.poll()).toEqual([]);
		const start0 = String(companyState(trigger, c0.id).watermark);
		const start1 = String(companyState(trigger, c1.id).watermark);
		expect(Date.parse(start0)).toBeGreaterThan(Date.parse('2000-01-01'));
		expect(Date.parse(start1)).toBeGreaterThan(Date.parse('2000-01-01'));
		expect(trigger.state().watermark).toBeUndefined();

		const a = await writer.create(c0.id, 'All A');
		const b = await writer.create(c1.id, 'All B');
		const run2 = await trigger.poll();
		expect(summary(run2).sort()).toEqual([`created:${c0.name}:All A`, `created:${c1.name}:All B`].sort());
		expect(run2.find((i) => i.json.id === a.id)?.json).toMatchObject({ companyId: c0.id, companyName: c0.name });
		expect(run2.find((i) => i.json.id === b.id)?.json).toMatchObject({ companyId: c1.id, companyName: c1.name });
		expect(String(run2.find((i) => i.json.id === b.id)?.json.entityUrl)).toContain(`/companies(${c1.id})/customers(`);
		expect(companyState(trigger, c0.id).watermark).toBe(
			new Date(Date.parse(String(a.lastModifiedDateTime))).toISOString(),
		);
		expect(companyState(trigger, c1.id).watermark).toBe(
			new Date(Date.parse(String(b.lastModifiedDateTime))).toISOString(),
		);

		// Run 3: nothing new, nothing repeated.
		expect(await trigger.poll()).toEqual([]);

		// Run 4: a change in one company moves that company's watermark only.
		const before0 = companyState(trigger, c0.id).watermark;
		await writer.update(c1.id, String(b.id), { phoneNumber: '+1 555 0101' });
		await writer.delete(c0.id, String(a.id));
		const run4 = await trigger.poll();
		expect(run4.map((i) => `${i.json.changeType}:${i.json.companyId}:${i.json.id}`).sort()).toEqual(
			[`updated:${c1.id}:${b.id}`, `deleted:${c0.id}:${a.id}`].sort(),
		);
		expect(companyState(trigger, c0.id).watermark).toBe(before0);
		expect(await trigger.poll()).toEqual([]);
	});

	it('reads a company created after the first poll from its beginning, once', async () => {
		const trigger = new TriggerHarness(setup, allCompanies());
		expect(await trigger.poll()).toEqual([]);
		// A new (empty) company, then two customers in it.
		const fresh = await createCompany('Fabrikam Neu GmbH');
		const x = await writer.create(fresh, 'New X');
		const y = await writer.create(fresh, 'New Y');
		const run = await trigger.poll();
		expect(run.map((i) => `${i.json.changeType}:${i.json.companyName}:${i.json.id}`).sort()).toEqual(
			[`created:Fabrikam Neu GmbH:${x.id}`, `created:Fabrikam Neu GmbH:${y.id}`].sort(),
		);
		expect(await trigger.poll()).toEqual([]);

		// An evaluation company comes with data written before it was seen: all of it, once, as created.
		const demo = await createCompany('Evaluation Co', true);
		const customers = await writer.send('GET', `companies(${demo})/customers`);
		const count = (customers.value as IDataObject[]).length;
		expect(count).toBeGreaterThan(0);
		const run2 = await trigger.poll();
		expect(run2).toHaveLength(count);
		expect(run2.every((i) => i.json.changeType === 'created' && i.json.companyId === demo)).toBe(true);
		expect(new Set(run2.map((i) => i.json.id)).size).toBe(count);
		expect(await trigger.poll()).toEqual([]);
	});

	it('moves no watermark when one company cannot be read (its changes come next run)', async () => {
		const [c0, c1] = companies();
		const trigger = new TriggerHarness(setup, allCompanies());
		expect(await trigger.poll()).toEqual([]);
		const saved = JSON.stringify(trigger.state().companies);
		await writer.create(c0.id, 'Kept A');
		await writer.create(c1.id, 'Kept B');
		failCompany = c1.id;
		await expect(trigger.poll()).rejects.toThrow(/Injected failure/);
		expect(JSON.stringify(trigger.state().companies)).toBe(saved);
		const retry = await trigger.poll();
		expect(summary(retry).sort()).toEqual([`created:${c0.name}:Kept A`, `created:${c1.name}:Kept B`].sort());
	});

	it('is shown for Polling only: in Webhook and Hybrid mode n8n drops it and the trigger stays per company', async () => {
		const option = new BusinessCentralTrigger().description.properties
			.find((p) => p.name === 'options')
			?.options?.find((o) => 'name' in o && o.name === 'allCompanies');
		expect(option).toMatchObject({ displayOptions: { show: { '/mode': ['polling'] } } });
		for (const mode of ['webhook', 'hybrid']) {
			// n8n resolves a node's parameters against the description (editor and Workflow alike): the hidden option is
			// gone, so a workflow carrying it (e.g. imported JSON) still needs its Company, checked before any request.
			const trigger = new TriggerHarness(setup, allCompanies(mode));
			expect(trigger.node.parameters.options).toEqual({});
			const before = setup.sandbox.control.stats().totalRequests;
			await expect(trigger.activate()).rejects.toThrow(/^Company: choose a company/);
			expect(setup.sandbox.control.stats().totalRequests).toBe(before);
		}
	});

	it('"Fetch test event" gives the newest change of any company, with its company', async () => {
		const [, c1] = companies();
		const z = await writer.create(c1.id, 'Newest Z');
		const trigger = new TriggerHarness(setup, allCompanies());
		const items = await trigger.poll('manual');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: z.id, source: 'sample', companyId: c1.id, companyName: c1.name });
	});
});
