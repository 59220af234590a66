/**
 * Get Many over all companies and the Data-Access-Intent read option, through the real n8n engine against the
 * sandbox (a spy plugin records the header BC receives); the sandbox refuses ReadOnly on a write.
 */
import type { SandboxPlugin } from '../../sandbox/plugins';
import { dataAccessIntentPlugin, READ_ONLY_WRITE_MESSAGE } from '../../sandbox/bc/plugins/data-access-intent';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';
import { TestApi } from '../sandbox/bc/api';

const seen: Array<{ method: string; path: string; intent?: string }> = [];
const spy: SandboxPlugin = {
	name: 'spy',
	routes: [
		{
			name: 'spy',
			match: (ctx) => {
				seen.push({
					method: ctx.request.method,
					path: ctx.request.resourcePath,
					intent: ctx.request.headers['data-access-intent'],
				});
				return false;
			},
			handle: () => ({ status: 500 }),
		},
	],
};

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup({ plugins: [spy] }));
});
afterAll(async () => sandbox.stop());

describe('All Companies', () => {
	it('reads the entity set in every company; each record carries companyId and companyName', async () => {
		const { items, error } = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', {
				returnAll: true,
				options: { allCompanies: true, select: 'number,displayName' },
			}),
		});
		expect(error).toBeUndefined();
		const companies = sandbox.info.companies.production;
		expect(new Set(items.map((i) => i.json.companyName))).toEqual(new Set(companies.map((c) => c.name)));
		let total = 0;
		for (const company of companies) {
			const one = await runNode(helper, {
				credential,
				parameters: customerParameters(company.id, 'getAll', { returnAll: true }),
			});
			total += one.items.length;
			const mine = items.filter((i) => i.json.companyId === company.id);
			expect(mine.map((i) => i.json.number)).toEqual(one.items.map((i) => i.json.number));
			expect(mine.every((i) => i.json.companyName === company.name)).toBe(true);
		}
		expect(items).toHaveLength(total);
	});

	it('counts Limit over all companies and ignores the Company given', async () => {
		const counts = sandbox.info.companies.production.map((c) => c.id);
		const { items, error } = await runNode(helper, {
			credential,
			parameters: customerParameters(counts[1], 'getAll', { limit: 7, options: { allCompanies: true } }),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(7);
		expect(items[0].json.companyId).toBe(counts[0]);
	});
});

describe('Data Access Intent', () => {
	it('sends Data-Access-Intent on reads only when asked', async () => {
		seen.length = 0;
		await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', { limit: 1, options: { dataAccessIntent: 'ReadOnly' } }),
		});
		const { items } = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', { limit: 1 }),
		});
		await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'get', {
				recordId: String(items[0].json.id),
				options: { dataAccessIntent: 'ReadWrite' },
			}),
		});
		const customers = seen.filter((s) => s.path.includes('/customers'));
		expect(customers.map((s) => s.intent)).toEqual(['ReadOnly', undefined, 'ReadWrite']);
	});

	it('refuses an unknown intent before any request', async () => {
		const { error } = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', { options: { dataAccessIntent: 'Fast' } }),
		});
		expect(error?.message).toMatch(/^Options → Data Access Intent: "Fast" is not one of the options/);
	});

	it('the sandbox refuses ReadOnly on a write, as BC does', async () => {
		const api = new TestApi({ plugins: [dataAccessIntentPlugin()] });
		const write = await api.call('POST', api.path('customers'), {
			body: { displayName: 'x' },
			headers: { 'Data-Access-Intent': 'ReadOnly' },
		});
		expect(write.status).toBe(400);
		expect(write.body.error.message).toContain(READ_ONLY_WRITE_MESSAGE);
		const read = await api.get(api.path('customers'), '$top=1', { 'Data-Access-Intent': 'ReadOnly' });
		expect(read.status).toBe(200);
		const ok = await api.call('POST', api.path('customers'), {
			body: { displayName: 'y' },
			headers: { 'Data-Access-Intent': 'ReadWrite' },
		});
		expect(ok.status).toBe(201);
	});
});
