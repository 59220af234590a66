/**
 * The OData V4 Web Service resource through the real n8n engine against the sandbox: service document, Get Many with
 * paging and query options by company name (apostrophe, ampersand, umlaut), Get by single and composite keys, writes
 * with ETags, a NAV. bound action, an unbound codeunit action, on-premises with a web service access key.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { additionalDataFor, buildNode, nodeType, runNode, workflowOf } from '../helpers/engine';
import { requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { accessKeyCredential, type RunningSandbox } from '../helpers/sandbox';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;
const MUELLER = "Müller & O'Brien GmbH";

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

function ws(operation: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'webService',
		operation,
		company: { __rl: true, mode: 'id', value: companyId },
		service: { __rl: true, mode: 'name', value: 'ContosoCustomerCard' },
		...extra,
	};
}

const byName = (name: string) => ({ company: { __rl: true, mode: 'name', value: name } });
const key = (...fields: Array<{ name?: string; value: string }>) => ({ key: { field: fields } });

describe('OData V4 web services', () => {
	it('lists the published pages and queries (service document), also in the editor', async () => {
		const { items, error } = await runNode(helper, { credential, parameters: ws('listServices') });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name)).toEqual(
			expect.arrayContaining(['ContosoCustomerCard', 'ContosoSalesOrders', 'TopCustomerSales']),
		);
		const node = buildNode(ws('getAll'), credential);
		const ctx = new LoadOptionsContext(
			workflowOf(node),
			node,
			additionalDataFor(helper, undefined, node.parameters),
			'parameters.service',
		) as unknown as ILoadOptionsFunctions;
		const found = await nodeType.methods.listSearch.searchWebServices.call(ctx, 'sales');
		expect(found.results.map((r) => r.value)).toEqual(['ContosoSalesOrders', 'TopCustomerSales']);
	});

	it("reads every page by company name with an apostrophe (Company('…''…'), $skiptoken paging, $filter/$select/$orderby)", async () => {
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			credential,
			parameters: ws('getAll', {
				...byName(MUELLER),
				returnAll: true,
				options: { pageSize: 2, select: 'No,Name,Credit_Limit_LCY', orderBy: 'Name desc', filter: "Blocked eq ' '" },
			}),
		});
		expect(error).toBeUndefined();
		const names = items.map((i) => String(i.json.Name));
		expect(names.length).toBeGreaterThan(2);
		expect(names).toEqual([...names].sort().reverse());
		expect(Object.keys(items[0].json).filter((k) => !k.startsWith('@'))).toEqual(['No', 'Name', 'Credit_Limit_LCY']);
		expect(requestCount(sandbox, 'GET', '/ODataV4/')).toBe(Math.ceil(names.length / 2) + (names.length % 2 ? 0 : 1));
		const log = sandbox.control.log().map((l: { path: string }) => l.path);
		expect(log.some((p: string) => p.includes("Company('M%C3%BCller%20%26%20O''Brien%20GmbH')"))).toBe(true);
	});

	it('gets a record by its key and by a composite key; a wrong key part is 404', async () => {
		const { items: orders } = await runNode(helper, {
			credential,
			parameters: ws('getAll', { service: { __rl: true, mode: 'name', value: 'ContosoSalesOrders' }, limit: 1 }),
		});
		const no = String(orders[0].json.No);
		const { items, error } = await runNode(helper, {
			credential,
			parameters: ws('get', {
				service: { __rl: true, mode: 'list', value: 'ContosoSalesOrders' },
				...key({ name: 'Document_Type', value: 'Order' }, { name: 'No', value: no }),
			}),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ No: no, Document_Type: 'Order' });
		const wrong = await runNode(helper, {
			credential,
			parameters: ws('get', {
				service: { __rl: true, mode: 'list', value: 'ContosoSalesOrders' },
				...key({ name: 'Document_Type', value: 'Quote' }, { name: 'No', value: no }),
			}),
		});
		expect(wrong.error?.message).toContain('does not exist');
		const customer = await runNode(helper, { credential, parameters: ws('get', key({ value: '10000' })) });
		expect(customer.items[0].json).toMatchObject({ No: '10000' });
	});

	it('creates, updates (If-Match ETag) and deletes through a page; a query refuses writes', async () => {
		const created = await runNode(helper, {
			credential,
			parameters: ws('create', {
				serviceRecord: '{"No": "WS-1", "Name": "Web Service Ltd.", "Credit_Limit_LCY": 500}',
			}),
		});
		expect(created.error).toBeUndefined();
		const etag = String(created.items[0].json['@odata.etag']);
		const updated = await runNode(helper, {
			credential,
			parameters: ws('update', { ...key({ name: 'No', value: 'WS-1' }), etag, serviceRecord: '{"City": "Atlanta"}' }),
		});
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ No: 'WS-1', City: 'Atlanta', Credit_Limit_LCY: 500 });
		const deleted = await runNode(helper, {
			credential,
			parameters: ws('delete', { ...key({ value: 'WS-1' }), concurrency: 'overwrite' }),
		});
		expect(deleted.items[0].json).toEqual({ deleted: true });
		const query = await runNode(helper, {
			credential,
			parameters: ws('create', {
				service: { __rl: true, mode: 'name', value: 'TopCustomerSales' },
				serviceRecord: '{"Customer_No": "1"}',
			}),
		});
		expect(query.error?.message).toMatch(/not allowed/);
	});

	it('calls a NAV. bound action and an unbound codeunit action (company by name)', async () => {
		const { items: orders } = await runNode(helper, {
			credential,
			parameters: ws('getAll', { service: { __rl: true, mode: 'name', value: 'ContosoSalesOrders' }, limit: 1 }),
		});
		const no = String(orders[0].json.No);
		const orderKey = key({ name: 'Document_Type', value: 'Order' }, { name: 'No', value: no });
		const service = { __rl: true, mode: 'name', value: 'ContosoSalesOrders' };
		const released = await runNode(helper, {
			credential,
			parameters: ws('boundAction', { service, ...orderKey, action: 'Release' }),
		});
		expect(released.error).toBeUndefined();
		expect(released.items[0].json).toEqual({ action: 'Release', done: true });
		const after = await runNode(helper, { credential, parameters: ws('get', { service, ...orderKey }) });
		expect(after.items[0].json.Status).toBe('Released');
		const rate = await runNode(helper, {
			credential,
			parameters: {
				resource: 'webService',
				operation: 'unboundAction',
				...byName(MUELLER),
				codeunitService: 'ShippingCalc',
				procedure: 'GetRate',
				actionParameters: '{"weightKg": 25, "express": true}',
			},
		});
		expect(rate.error).toBeUndefined();
		expect(rate.items[0].json).toEqual({ value: 27 });
	});

	it('works on-premises with a web service access key', async () => {
		const onPrem = helper.add('businessCentralAccessKeyApi', accessKeyCredential(sandbox));
		const { items, error } = await runNode(helper, {
			credential: onPrem,
			parameters: {
				...ws('getAll', { authentication: 'businessCentralAccessKeyApi', ...byName('CRONUS USA, Inc.'), limit: 3 }),
			},
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
	});

	it('refuses a bad key before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			credential,
			parameters: ws('get', key({ name: 'No', value: 'x' }, { value: 'y' })),
		});
		expect(error?.message).toBe('Key: key field 2 has no name');
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});
});
