import { loadCatalog } from '../../../sandbox/bc/catalog';
import { decodeEtag, expectBcError, TestApi } from './api';

const t = new TestApi();
const catalog = loadCatalog();

describe('entity shapes and BC JSON formats (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_customer, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-to-modify-data)', () => {
	it('serves customers with every catalog field, in page order, etag first', async () => {
		const res = await t.get(t.path('customers'));
		expect(res.status).toBe(200);
		const def = catalog.entitySet('v2.0', 'customers')!;
		expect(Object.keys(res.body.value[0])).toEqual(['@odata.etag', ...def.fields.map((f) => f.name)]);
		expect(res.body.value.map((c: { number: string }) => c.number)).toEqual([
			'10000',
			'20000',
			'30000',
			'40000',
			'50000',
			'60000',
			'70000',
			'80000',
		]);
	});

	it('writes BC’s value formats: etag, empty GUID, enums escaped, ms-trimmed UTC datetimes, dates, numbers', async () => {
		const res = await t.get(t.path('customers'), `$filter=number eq '10000'`);
		const c = res.body.value[0];
		expect(decodeEtag(c['@odata.etag'])).toMatch(/^'(\d+);(\d{19,20});00;'$/);
		const [, len, digits] = /^'(\d+);(\d+);00;'$/.exec(decodeEtag(c['@odata.etag']))!;
		expect(Number(len)).toBe(digits.length);
		expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(c.taxAreaId).toBe('00000000-0000-0000-0000-000000000000');
		expect(c.blocked).toBe('_x0020_');
		expect(c.type).toBe('Company');
		expect(c.lastModifiedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,2}[1-9])?Z$/);
		expect(typeof c.balanceDue).toBe('number');
		expect(typeof c.taxLiable).toBe('boolean');
		const so = (await t.get(t.path('salesOrders'), '$top=1')).body.value[0];
		expect(so.orderDate).toMatch(/^\d{4}-\d\d-\d\d$/);
		expect(so.requestedDeliveryDate).toBe('0001-01-01');
		expect((await t.get(t.path('customers'), `$filter=number eq '80000'`)).body.value[0].blocked).toBe('Ship');
	});

	it('keeps the named customers’ lastModifiedDateTime fixed (examples filter on them)', async () => {
		const res = await t.get(t.path('customers'), '$select=number,lastModifiedDateTime&$top=8');
		expect(res.body.value[0].lastModifiedDateTime).toBe('2024-06-06T09:10:09.453Z');
		expect(res.body.value[7].lastModifiedDateTime).toBe('2024-06-06T09:17:16.412Z');
	});

	it('has names with quotes and non-ASCII letters', async () => {
		const names = (await t.get(t.path('customers'), '$select=displayName')).body.value.map(
			(c: { displayName: string }) => c.displayName,
		);
		expect(names).toEqual(expect.arrayContaining(["O'Neil & Söhne", 'Søren "Sunny" Åkesson']));
	});

	it('is deterministic: a second instance and a reset give the same ids and ETags', async () => {
		const a = await t.get(t.path('salesInvoices'), '$expand=salesInvoiceLines');
		const other = new TestApi();
		expect((await other.get(other.path('salesInvoices'), '$expand=salesInvoiceLines')).body).toEqual(a.body);
		// A draft: posted invoices are read-only (documents plugin).
		const id = a.body.value.find((v: { status: string }) => v.status === 'Draft').id;
		const changed = await t.call('PATCH', t.path(`salesInvoices(${id})`), {
			body: { externalDocumentNumber: 'X1' },
			headers: { 'If-Match': '*' },
		});
		expect(changed.status).toBe(200);
		t.api.reset();
		expect((await t.get(t.path('salesInvoices'), '$expand=salesInvoiceLines')).body).toEqual(a.body);
	});

	it('seeds the CRONUS-like demo tables', async () => {
		const counts: Record<string, number> = {};
		for (const set of [
			'vendors',
			'items',
			'contacts',
			'employees',
			'currencies',
			'paymentTerms',
			'dimensions',
			'dimensionValues',
			'salesOrders',
			'salesInvoices',
			'purchaseOrders',
			'generalLedgerEntries',
		]) {
			const res = await t.get(t.path(set), '$count=true&$top=0');
			counts[set] = res.body['@odata.count'];
		}
		for (const [set, n] of Object.entries(counts)) expect([set, n > 0]).toEqual([set, true]);
		const dims = await t.get(t.path('dimensions'), `$filter=code eq 'AREA'&$expand=dimensionValues`);
		expect(dims.body.value[0].dimensionValues.length).toBeGreaterThan(1);
	});

	it('serves every API entity set of the catalog (v2.0 and microsoft/automation, powerbi routes)', async () => {
		const failures: string[] = [];
		for (const def of catalog.data.entitySets) {
			if (def.entitySet === 'companies') continue;
			const path = `companies(${t.companyId()})/${def.entitySet}`;
			const res = await t.call('GET', path, {
				apiRoute: def.route,
				query: def.fields.some((f) => f.name === 'documentId')
					? `$filter=documentId eq 00000000-0000-0000-0000-000000000001`
					: '',
			});
			if (res.status !== 200 || !Array.isArray(res.body.value))
				failures.push(`${def.route}/${def.entitySet}: ${res.status} ${JSON.stringify(res.body)}`);
		}
		expect(failures).toEqual([]);
		expect(
			catalog.data.entitySets.filter((s) => s.route === 'microsoft/automation/v2.0').map((s) => s.entitySet),
		).toEqual(expect.arrayContaining(['automationCompanies', 'users', 'extensions', 'scheduledJobs']));
	});

	it('keeps routes apart: automation sets are not under api/v2.0', async () => {
		expectBcError(
			await t.get(t.path('automationCompanies')),
			404,
			'BadRequest_ResourceNotFound',
			"Resource not found for the segment 'automationCompanies'.",
		);
		const res = await t.call('GET', t.path('automationCompanies'), { apiRoute: 'microsoft/automation/v2.0' });
		expect(res.status).toBe(200);
	});

	it('serves the service document', async () => {
		const res = await t.get('');
		expect(res.status).toBe(200);
		expect(res.body.value).toEqual(
			expect.arrayContaining([{ name: 'customers', kind: 'EntitySet', url: 'customers' }]),
		);
	});
});
