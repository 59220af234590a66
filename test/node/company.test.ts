/**
 * Company operations through the real engine against the sandbox, app-only (client secret) credential.
 */
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];

beforeAll(async () => {
	({ sandbox, helper, credential } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

describe('Company', () => {
	it('Get Many lists the companies of the environment', async () => {
		const { items, error } = await runNode(helper, {
			parameters: { resource: 'company', operation: 'getAll', returnAll: true },
			credential,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name).sort()).toEqual(sandbox.info.companies.production.map((c) => c.name).sort());
		expect(items[0].json['@odata.context']).toBeUndefined();
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Get by ID returns the company', async () => {
		const company = sandbox.info.companies.production[1];
		const { items, error } = await runNode(helper, {
			parameters: { resource: 'company', operation: 'get', company: { __rl: true, mode: 'id', value: company.id } },
			credential,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: company.id, name: company.name });
	});

	it("Get by name resolves a name with an apostrophe, ampersand and umlaut (Müller & O'Brien GmbH)", async () => {
		const company = sandbox.info.companies.production.find((c) => c.name.includes("'")) as { id: string; name: string };
		const { items, error } = await runNode(helper, {
			parameters: { resource: 'company', operation: 'get', company: { __rl: true, mode: 'name', value: company.name } },
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: company.id, name: company.name });
	});

	it('an unknown company name fails with a clear message after one lookup', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: {
				resource: 'company',
				operation: 'get',
				company: { __rl: true, mode: 'name', value: 'CRONUS Nowhere' },
			},
			credential,
		});
		expect(error?.message).toBe('Company: no company is named "CRONUS Nowhere"');
		expect(sandbox.control.stats().requests).toEqual({ 'GET /api/v2.0/companies': { '200': 1 } });
	});
});
