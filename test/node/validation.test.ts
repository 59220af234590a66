/**
 * Bad input fails with a NodeOperationError naming the field, before any request reaches the sandbox;
 * "Continue On Fail" keeps per-item errors in place with pairedItem.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

const record = (operation: string, extra?: INodeParameters): INodeParameters =>
	customerParameters(companyId, operation, extra);

const VALID_ID = '11111111-2222-4333-8444-555555555555';

const cases: Array<[string, () => INodeParameters, RegExp]> = [
	[
		'a company ID that is not a GUID',
		() => record('getAll', { company: { __rl: true, mode: 'id', value: '={{ "CRONUS" }}' } }),
		/^Company: "CRONUS" is not a company ID/,
	],
	[
		'a missing company',
		() => record('getAll', { company: { __rl: true, mode: 'list', value: '={{ "" }}' } }),
		/^Company: choose a company/,
	],
	[
		'an entity set name with a slash',
		() => record('getAll', { entitySet: { __rl: true, mode: 'name', value: '={{ "customers/x" }}' } }),
		/^Entity Set: "customers\/x" is not an entity set name/,
	],
	[
		'a record ID that is not a GUID',
		() => record('get', { recordId: '={{ "10000" }}' }),
		/^Record ID: "10000" is not a GUID/,
	],
	[
		'a JSON body that is an array',
		() => record('create', { bodyMode: 'json', jsonBody: '[{"displayName":"x"}]' }),
		/^JSON Body: must be a JSON object/,
	],
	[
		'a JSON body that is not JSON',
		() => record('create', { bodyMode: 'json', jsonBody: '={{ "{displayName: x}" }}' }),
		/^JSON Body: the text is not valid JSON/,
	],
	[
		'Create on a read-only entity set',
		() =>
			record('create', { entitySet: { __rl: true, mode: 'list', value: 'generalLedgerEntries' }, jsonBody: '{"a":1}' }),
		/^Entity Set: generalLedgerEntries is read-only/,
	],
	[
		'a filter value that does not fit its type',
		() =>
			record('getAll', {
				conditions: { condition: [{ field: 'creditLimit', operator: 'gt', value: 'lots', valueType: 'number' }] },
			}),
		/^Filter Conditions: condition 1 \(creditLimit\): "lots" is not a number/,
	],
	[
		'unbalanced quotes in the raw filter',
		() => record('getAll', { options: { filter: "displayName eq 'O'Neil'" } }),
		/^Filter: the quotes are unbalanced/,
	],
	[
		'unbalanced quotes in the companies filter',
		() => ({ resource: 'company', operation: 'getAll', options: { filter: "name eq 'O'Neil'" } }),
		/^Filter: the quotes are unbalanced/,
	],
	[
		'a custom API version that is not vX.Y',
		() => record('getAll', { apiRoute: 'custom', apiPublisher: 'contoso', apiGroup: 'app1', apiVersion: '2.0' }),
		/^API Version: "2.0"/,
	],
	[
		'a field-by-field number that is not a number',
		() =>
			record('create', {
				bodyMode: 'fields',
				fields: { field: [{ name: 'creditLimit', value: 'ten', valueType: 'number' }] },
			}),
		/^Fields: "creditLimit" must be a number/,
	],
	[
		'an update without ETag',
		() => record('update', { recordId: VALID_ID, etag: '={{ $json.nothing }}', jsonBody: '{"a":1}' }),
		/^ETag: enter the record's @odata.etag/,
	],
];

describe('bad input fails before any request', () => {
	it.each(cases)('%s', async (_title, parameters, message) => {
		const before = sandbox.control.stats().totalRequests;
		const { error, items } = await runNode(helper, { parameters: parameters(), credential });
		// Thrown as NodeOperationError by the preSend; RoutingNode re-wraps an item's NodeOperationError as a
		// NodeApiError (marked tags.reWrapped) with the same message and description.
		expect(error?.name).toBe('NodeApiError');
		expect((error as unknown as { tags?: { reWrapped?: boolean } }).tags?.reWrapped).toBe(true);
		expect(error?.httpCode ?? 'none').toBe('none');
		expect(error?.message).toMatch(message);
		expect(items).toHaveLength(0);
		expect(sandbox.control.stats().totalRequests).toBe(before);
	});
});

describe('Continue On Fail', () => {
	it('keeps each failed item in place with pairedItem; good items still run', async () => {
		const { items, error } = await runNode(helper, {
			parameters: record('getAll', {
				returnAll: false,
				limit: 2,
				recordId: '',
				entitySet: { __rl: true, mode: 'name', value: '={{ $json.set }}' },
			}),
			credential,
			continueOnFail: true,
			items: [{ set: 'customers' }, { set: 'bad set' }, { set: 'vendors' }, { set: 'noSuchSet' }],
		});
		expect(error).toBeUndefined();
		const byItem = items.map((i) => [
			(i.pairedItem as { item: number }).item,
			i.json.error === undefined ? 'ok' : String(i.json.error),
		]);
		expect(byItem.filter(([item]) => item === 0).map(([, s]) => s)).toEqual(['ok', 'ok']);
		expect(byItem.filter(([item]) => item === 1).map(([, s]) => s)).toEqual([
			'Entity Set: "bad set" is not an entity set name',
		]);
		expect(byItem.filter(([item]) => item === 2).map(([, s]) => s)).toEqual(['ok', 'ok']);
		expect(byItem.filter(([item]) => item === 3)).toHaveLength(1);
		expect(String(byItem.find(([item]) => item === 3)?.[1])).toMatch(/^BadRequest_ResourceNotFound|NotFound/);
		// Machine-readable fields in $json.details (n8n keeps them: the items carry no `error` property).
		const details = (item: number) =>
			items.find((i) => (i.pairedItem as { item: number }).item === item)?.json.details as Record<string, unknown>;
		expect(details(1)).toEqual({ outcome: 'failed', description: expect.stringMatching(/letters, digits and _/) });
		expect(details(3)).toMatchObject({
			outcome: 'failed',
			httpStatus: 404,
			bcErrorCode: expect.stringMatching(/NotFound/),
			correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(items.every((i) => i.error === undefined)).toBe(true);
		expect(items.every((i) => i.pairedItem !== undefined)).toBe(true);
	});
});
