/**
 * Record operations (Get, Get Many, Create, Update, Delete) through the real engine against the sandbox over HTTPS.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { clientSecretCredential, type RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

const customers = (operation: string, extra?: INodeParameters): INodeParameters =>
	customerParameters(companyId, operation, extra);

describe('Record: Get Many', () => {
	it('Return All follows @odata.nextLink over at least 3 pages', async () => {
		sandbox.control.reset();
		const all = await runNode(helper, { parameters: customers('getAll', { returnAll: true }), credential });
		expect(all.error).toBeUndefined();
		const total = all.items.length;
		expect(total).toBeGreaterThanOrEqual(6);

		sandbox.control.reset();
		const paged = await runNode(helper, {
			parameters: customers('getAll', { returnAll: true, options: { pageSize: 2 } }),
			credential,
		});
		expect(paged.error).toBeUndefined();
		expect(paged.items).toHaveLength(total);
		expect(new Set(paged.items.map((i) => i.json.id)).size).toBe(total);
		// One request per page of 2 (plus possibly an empty last page), so at least 3 pages were read.
		expect(requestCount(sandbox, 'GET', '/customers')).toBeGreaterThanOrEqual(Math.max(3, Math.ceil(total / 2)));
		expect(requestCount(sandbox, 'GET', '/customers')).toBeLessThanOrEqual(Math.ceil(total / 2) + 1);
	});

	it('Limit returns at most that many records', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('getAll', { returnAll: false, limit: 3 }),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
	});

	it('Limit larger than the page size still returns Limit records', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('getAll', { returnAll: false, limit: 5, options: { pageSize: 2 } }),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
	});

	it("filter builder writes a correct literal for O'Neil & Söhne", async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('getAll', {
				returnAll: true,
				conditions: {
					condition: [{ field: 'displayName', operator: 'eq', value: "O'Neil & Söhne", valueType: 'auto' }],
				},
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.displayName)).toEqual(["O'Neil & Söhne"]);
	});

	it('raw $filter with doubled quotes, contains(), number and $select', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('getAll', {
				returnAll: true,
				options: { filter: "contains(displayName,'O''Neil')", select: 'id,displayName' },
				conditions: { condition: [{ field: 'creditLimit', operator: 'ge', value: '0', valueType: 'number' }] },
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(
			Object.keys(items[0].json)
				.filter((k) => !k.startsWith('@'))
				.sort(),
		).toEqual(['displayName', 'id']);
	});

	it('orders with $orderby', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('getAll', {
				returnAll: true,
				options: { orderBy: 'displayName desc', select: 'displayName' },
			}),
			credential,
		});
		expect(error).toBeUndefined();
		const names = items.map((i) => String(i.json.displayName));
		expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
	});
});

describe('Record: single records', () => {
	let created: IDataObject;

	it('Create (JSON body) returns the new record with its ETag', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('create', {
				bodyMode: 'json',
				jsonBody: JSON.stringify({ displayName: 'Zoë Ärger GmbH', email: 'z@example.com' }),
			}),
			credential,
		});
		expect(error).toBeUndefined();
		created = items[0].json;
		expect(created).toMatchObject({ displayName: 'Zoë Ärger GmbH' });
		expect(typeof created['@odata.etag']).toBe('string');
	});

	it('Create field by field converts documented types', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('create', {
				bodyMode: 'fields',
				fields: {
					field: [
						{ name: 'displayName', value: 'Fieldwise Ltd' },
						{ name: 'creditLimit', value: '2500', valueType: 'auto' },
					],
				},
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ displayName: 'Fieldwise Ltd', creditLimit: 2500 });
	});

	it('Get reads the record by id', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('get', { recordId: created.id as string, options: { select: 'id,displayName' } }),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: created.id, displayName: 'Zoë Ärger GmbH' });
	});

	it('Update with the ETag from the item succeeds; the old ETag then gives a clear 409', async () => {
		const first = await runNode(helper, {
			parameters: customers('update', {
				recordId: '={{ $json.id }}',
				bodyMode: 'json',
				jsonBody: '{"phoneNumber": "+49 1"}',
			}),
			credential,
			items: [created],
		});
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.phoneNumber).toBe('+49 1');
		expect(first.items[0].json['@odata.etag']).not.toBe(created['@odata.etag']);

		const stale = await runNode(helper, {
			parameters: customers('update', {
				recordId: '={{ $json.id }}',
				bodyMode: 'json',
				jsonBody: '{"phoneNumber": "+49 2"}',
			}),
			credential,
			items: [created],
		});
		expect(stale.error?.message).toMatch(/^Request_EntityChanged: /);
		expect(stale.error?.description).toMatch(/Get the record again and retry with its new @odata\.etag/);
		expect(stale.error?.description).toMatch(/CorrelationId: [0-9a-f-]{36}/);
		created = first.items[0].json;
	});

	it('Update with Concurrency: Overwrite sends If-Match: *', async () => {
		const { items, error } = await runNode(helper, {
			parameters: customers('update', {
				recordId: created.id as string,
				concurrency: 'overwrite',
				bodyMode: 'fields',
				fields: { field: [{ name: 'phoneNumber', value: '+49 3' }] },
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.phoneNumber).toBe('+49 3');
		created = items[0].json;
	});

	it('Delete with the ETag removes the record; Get then fails with a not-found error', async () => {
		const deleted = await runNode(helper, {
			parameters: customers('delete', { recordId: '={{ $json.id }}' }),
			credential,
			items: [created],
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ deleted: true, id: created.id });
		const gone = await runNode(helper, {
			parameters: customers('get', { recordId: created.id as string }),
			credential,
		});
		expect(gone.error?.httpCode).toBe('404');
	});

	it('works with the company given by name and the entity set typed in', async () => {
		const company = sandbox.info.companies.production[0];
		const { items, error } = await runNode(helper, {
			parameters: {
				...customers('getAll', { returnAll: false, limit: 2 }),
				company: { __rl: true, mode: 'name', value: company.name },
				entitySet: { __rl: true, mode: 'name', value: 'items' },
			},
			credential,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
	});
});

describe('Record: API routes', () => {
	const routeRequests = (route: string): Record<string, number> =>
		Object.assign(
			{},
			...Object.entries(sandbox.control.stats().requests)
				.filter(([k]) => k.includes(`/api/${route}/`))
				.map(([, v]) => v),
		);

	it('reads from the automation API', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: customers('getAll', {
				apiRoute: 'microsoft/automation/v2.0',
				entitySet: { __rl: true, mode: 'list', value: 'automationCompanies' },
				returnAll: true,
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(routeRequests('microsoft/automation/v2.0')).toEqual({ '200': 1 });
	});

	it('reads from a custom API route (publisher/group/version)', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: customers('getAll', {
				apiRoute: 'custom',
				apiPublisher: 'microsoft',
				apiGroup: 'powerbi',
				apiVersion: 'v2.0',
				entitySet: { __rl: true, mode: 'name', value: 'reportLabels' },
				limit: 5,
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(routeRequests('microsoft/powerbi/v2.0')).toEqual({ '200': 1 });
	});
});

describe('Record: BC errors', () => {
	it("an unknown field in $select gets BC's message and a field-name hint", async () => {
		const { error } = await runNode(helper, {
			parameters: customers('getAll', { limit: 1, options: { select: 'id,noSuchField' } }),
			credential,
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/noSuchField/);
		expect(error?.description).toMatch(/API property names \(camelCase\)/);
	});

	it('an unknown environment gives NoEnvironment with a hint (XML error body)', async () => {
		const other = helper.add('businessCentralClientCredentialsApi', clientSecretCredential(sandbox, 'nonexistent'));
		const { error } = await runNode(helper, { parameters: customers('getAll', { limit: 1 }), credential: other });
		expect(error?.message).toMatch(/^NoEnvironment: /);
		expect(error?.description).toMatch(/Check the Environment name/);
	});

	it('an item without @odata.etag fails before the request (no If-Match-less PATCH is ever sent)', async () => {
		const before = sandbox.control.stats().totalRequests;
		const { error } = await runNode(helper, {
			parameters: customers('update', { recordId: companyId, bodyMode: 'json', jsonBody: '{"a":1}' }),
			credential,
			items: [{ id: companyId }],
		});
		expect(error?.message).toMatch(/^ETag: /);
		expect(sandbox.control.stats().totalRequests).toBe(before);
	});
});
