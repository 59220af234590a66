import companiesFixture from '../../fixtures/bc-companies-list-sandbox.json';
import errorsFixture from '../../fixtures/bc-errors-from-public-issues.json';
import { CORRELATION_ID, expectBcError, ROOT, TestApi } from './api';

const t = new TestApi();

describe('companies (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_company)', () => {
	it('lists two companies per environment with exactly the real capture’s properties and types, without @odata.etag', async () => {
		const res = await t.get('companies');
		expect(res.status).toBe(200);
		expect(res.body['@odata.context']).toBe(`${ROOT}/$metadata#companies`);
		const real = companiesFixture.value[0] as Record<string, unknown>;
		expect(res.body.value.map((c: { name: string }) => c.name)).toEqual(['CRONUS USA, Inc.', "Müller & O'Brien GmbH"]);
		for (const c of res.body.value) {
			expect(Object.keys(c)).toEqual(Object.keys(real));
			for (const [k, v] of Object.entries(real)) expect(typeof c[k]).toBe(typeof v);
			expect(c.systemCreatedBy).toBe('00000000-0000-0000-0000-000000000001');
			expect(c.systemCreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/);
		}
		expect(res.body.value[1].displayName).toBe('');
	});

	it('gives each environment its own stable company ids and exposes them via companies()', async () => {
		const a = new TestApi();
		expect(a.api.environments()).toEqual(['production', 'sandbox', 'onprem']);
		expect(a.api.companies('production')).toEqual(t.api.companies('production'));
		expect(a.api.companies('sandbox')[0].id).not.toBe(a.api.companies('production')[0].id);
		expect(new TestApi({ environments: ['Prod2'] }).api.environments()).toEqual(['prod2']);
	});

	it('returns one company by id with a $entity context and rejects writes with BC’s 405 text', async () => {
		const id = t.companyId();
		const res = await t.get(`companies(${id})`);
		expect(res.status).toBe(200);
		expect(res.body['@odata.context']).toBe(`${ROOT}/$metadata#companies/$entity`);
		expect(res.body['@odata.etag']).toBeUndefined();
		expectBcError(
			await t.call('POST', 'companies', { body: { name: 'x' } }),
			405,
			'BadRequest_MethodNotAllowed',
			"'POST' requests for 'companies' of EdmType 'Entity' are not allowed within Microsoft Dynamics NAV OData web services.",
		);
	});

	it('filters companies by a name that needs escaping', async () => {
		const res = await t.get('companies', `$filter=name eq 'M%C3%BCller %26 O''Brien GmbH'`);
		expect(res.body.value).toHaveLength(1);
		expect(res.body.value[0].id).toBe(t.companyId('production', 1));
	});

	it('addresses a company by ?company=<name> (percent-encoded) or <id>', async () => {
		const byName = await t.get('customers', `company=M%C3%BCller%20%26%20O'Brien%20GmbH&$select=number`);
		expect(byName.status).toBe(200);
		expect(byName.body['@odata.context']).toBe(`${ROOT}/$metadata#customers(number)`);
		const byId = await t.get('customers', `company=${t.companyId('production', 1)}&$select=number`);
		expect(byId.body.value).toEqual(byName.body.value);
		const viaPath = await t.get(t.path('customers', 1), '$select=number');
		expect(viaPath.body.value).toEqual(byName.body.value);
	});

	it('answers a company-scoped set without company like BC (Internal_CompanyNotFound, fixture text)', async () => {
		const res = await t.get('paymentTerms');
		const real = errorsFixture.Internal_CompanyNotFound_no_company_in_url.body.error;
		expectBcError(res, 400, real.code, real.message);
		expect(res.body.error.message).toBe(`${real.message}  CorrelationId:  ${CORRELATION_ID}.`);
	});

	it('answers unknown company ids with 404', async () => {
		expectBcError(
			await t.get('companies(00000000-0000-0000-0000-00000000abcd)/customers'),
			404,
			'Internal_RecordNotFound',
		);
	});
});
