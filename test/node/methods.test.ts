/**
 * listSearch and loadOptions through n8n-core's LoadOptionsContext (the context the editor's requests use).
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { additionalDataFor, buildNode, nodeType, workflowOf } from '../helpers/engine';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];

beforeAll(async () => {
	({ sandbox, helper, credential } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

function contextFor(parameters: INodeParameters): ILoadOptionsFunctions {
	const node = buildNode(parameters, credential);
	return new LoadOptionsContext(
		workflowOf(node),
		node,
		additionalDataFor(helper, undefined, node.parameters),
		'parameters.company',
	) as unknown as ILoadOptionsFunctions;
}

const methods = nodeType.methods;

describe('searchCompanies', () => {
	it("finds a company by part of a name with an apostrophe (contains(name,'…'), quote doubled)", async () => {
		const result = await methods.listSearch.searchCompanies.call(
			contextFor({ resource: 'record', operation: 'getAll' }),
			"O'Br",
		);
		const company = sandbox.info.companies.production.find((c) => c.name.includes("O'Br"));
		expect(result.results).toEqual([{ name: company?.name, value: company?.id }]);
	});

	it('refuses a next-page token that points to another host', async () => {
		await expect(
			methods.listSearch.searchCompanies.call(
				contextFor({ resource: 'company', operation: 'get' }),
				undefined,
				'https://evil.example/api/v2.0/companies?$skiptoken=x',
			),
		).rejects.toThrow('The next-page link does not belong to this environment');
	});

	it('lists all companies without a filter', async () => {
		const result = await methods.listSearch.searchCompanies.call(contextFor({ resource: 'company', operation: 'get' }));
		expect(result.results.map((r) => r.value).sort()).toEqual(
			sandbox.info.companies.production.map((c) => c.id).sort(),
		);
	});
});

describe('searchEntitySets', () => {
	it('offers read-only sets for Get Many but not for Create', async () => {
		const read = await methods.listSearch.searchEntitySets.call(
			contextFor({ resource: 'record', operation: 'getAll' }),
			'ledger',
		);
		expect(read.results.map((r) => r.value)).toContain('generalLedgerEntries');
		const create = await methods.listSearch.searchEntitySets.call(
			contextFor({ resource: 'record', operation: 'create' }),
			'ledger',
		);
		expect(create.results.map((r) => r.value)).not.toContain('generalLedgerEntries');
		const customers = await methods.listSearch.searchEntitySets.call(
			contextFor({ resource: 'record', operation: 'create' }),
			'customer',
		);
		expect(customers.results.map((r) => r.value)).toContain('customers');
	});

	it('lists automation entity sets for the automation API', async () => {
		const result = await methods.listSearch.searchEntitySets.call(
			contextFor({ resource: 'record', operation: 'getAll', apiRoute: 'microsoft/automation/v2.0' }),
		);
		expect(result.results.map((r) => r.value)).toContain('automationCompanies');
		expect(result.results.map((r) => r.value)).not.toContain('customers');
	});
});

describe('getEntityFields', () => {
	it('lists the fields of the chosen entity set with their documented types', async () => {
		const options = await methods.loadOptions.getEntityFields.call(
			contextFor({
				resource: 'record',
				operation: 'getAll',
				entitySet: { __rl: true, mode: 'list', value: 'customers' },
			}),
		);
		expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['displayName', 'number', 'creditLimit']));
		expect(options.find((o) => o.value === 'creditLimit')?.description).toBe('Type: number');
	});
});
