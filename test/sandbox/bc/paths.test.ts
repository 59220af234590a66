import { expectBcError, ROOT, TestApi } from './api';

const t = new TestApi();

describe('resource paths, keys and navigation (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/api-endpoint-structure, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api)', () => {
	it('gets one entity by key with a $entity context and etag; GUID keys are case-insensitive', async () => {
		const c = (await t.get(t.path('customers'), '$top=1')).body.value[0];
		const res = await t.get(t.path(`customers(${c.id.toUpperCase()})`));
		expect(res.status).toBe(200);
		expect(res.body['@odata.context']).toBe(`${ROOT}/$metadata#companies(${t.companyId()})/customers/$entity`);
		expect(res.body['@odata.etag']).toBe(c['@odata.etag']);
		expect(res.body.id).toBe(c.id);
		const selected = await t.get(t.path(`customers(${c.id})`), '$select=number&$expand=defaultDimensions');
		expect(Object.keys(selected.body)).toEqual(['@odata.context', '@odata.etag', 'number', 'defaultDimensions']);
	});

	it('rejects malformed keys (Application_InvalidGUID) and answers missing rows with 404 Internal_RecordNotFound', async () => {
		expectBcError(
			await t.get(t.path(`customers(10000)`)),
			400,
			'Application_InvalidGUID',
			/^Invalid format of GUID string/,
		);
		expectBcError(await t.get(t.path(`customers('10000')`)), 400, 'Application_InvalidGUID');
		const missing = '0badf00d-0000-4000-8000-000000000000';
		expectBcError(
			await t.get(t.path(`customers(${missing})`)),
			404,
			'Internal_RecordNotFound',
			`The Customer does not exist. Identification fields and values: Id='${missing}'`,
		);
	});

	it('answers unknown segments with 404 BadRequest_ResourceNotFound', async () => {
		expectBcError(
			await t.get(t.path('customerz')),
			404,
			'BadRequest_ResourceNotFound',
			"Resource not found for the segment 'customerz'.",
		);
		const c = (await t.get(t.path('customers'), '$top=1')).body.value[0];
		expectBcError(
			await t.get(t.path(`customers(${c.id})/nope`)),
			404,
			'BadRequest_ResourceNotFound',
			"Resource not found for the segment 'nope'.",
		);
	});

	it('serves nested lines under their header and top-level lines filtered by documentId', async () => {
		const order = (await t.get(t.path('salesOrders'), '$top=1')).body.value[0];
		const nested = await t.get(t.path(`salesOrders(${order.id})/salesOrderLines`));
		expect(nested.status).toBe(200);
		expect(nested.body['@odata.context']).toBe(
			`${ROOT}/$metadata#companies(${t.companyId()})/salesOrders(${order.id})/salesOrderLines`,
		);
		expect(nested.body.value.length).toBe(2);
		const top = await t.get(t.path('salesOrderLines'), `$filter=documentId eq ${order.id}`);
		expect(top.body.value).toEqual(nested.body.value);
		const one = await t.get(t.path(`salesOrders(${order.id})/salesOrderLines(${nested.body.value[1].id})`));
		expect(one.body.sequence).toBe(20000);
		const byId = await t.get(t.path(`salesOrderLines(${nested.body.value[0].id})`));
		expect(byId.status).toBe(200);
	});

	it('requires a documentId or id filter on top-level line sets (AL IDOrDocumentIdShouldBeSpecifiedForLinesErr)', async () => {
		expectBcError(
			await t.get(t.path('salesInvoiceLines')),
			400,
			'Application_DialogException',
			'You must specify an Id or a Document Id to get the lines.',
		);
	});

	it('answers unknown API routes and environments with BadRequest_NotFound', async () => {
		expectBcError(
			await t.call('GET', 'customers', { apiRoute: 'contoso/app/v1.0' }),
			404,
			'BadRequest_NotFound',
			/^No HTTP resource was found that matches the request URI/,
		);
		expectBcError(await t.call('GET', 'companies', { environment: 'nope' }), 404, 'BadRequest_NotFound');
	});

	it('serves bound actions (documents plugin), unknown ones as unknown segments', async () => {
		const inv = (await t.get(t.path('salesInvoices'), "$filter=status eq 'Open'&$top=1")).body.value[0];
		expectBcError(
			await t.call('POST', t.path(`salesInvoices(${inv.id})/Microsoft.NAV.post`)),
			400,
			'Application_DialogException',
			'The action can be applied to a draft invoice only.',
		);
		expectBcError(
			await t.call('POST', t.path(`salesInvoices(${inv.id})/Microsoft.NAV.fly`)),
			404,
			'BadRequest_ResourceNotFound',
		);
	});
});
