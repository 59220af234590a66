import { expectBcError, ROOT, TestApi } from './api';

const t = new TestApi();

describe('$select, $expand, $orderby, $top, $skip, $count (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris)', () => {
	it('$select narrows the properties and the context URL; the etag stays', async () => {
		const res = await t.get(t.path('customers'), '$select=displayName,number&$top=1');
		expect(res.body['@odata.context']).toBe(
			`${ROOT}/$metadata#companies(${t.companyId()})/customers(number,displayName)`,
		);
		expect(Object.keys(res.body.value[0])).toEqual(['@odata.etag', 'number', 'displayName']);
		expectBcError(
			await t.get(t.path('customers'), '$select=nope'),
			400,
			'BadRequest',
			"Could not find a property named 'nope' on type 'Microsoft.NAV.customer'.",
		);
	});

	it('$expand of a Many part gives an array, of a ZeroOrOne part an object or null', async () => {
		const res = await t.get(t.path('salesOrders'), '$expand=salesOrderLines,pdfDocument&$top=1');
		const order = res.body.value[0];
		expect(Array.isArray(order.salesOrderLines)).toBe(true);
		expect(order.salesOrderLines.map((l: { sequence: number }) => l.sequence)).toEqual([10000, 20000]);
		expect(order.salesOrderLines.every((l: { documentId: string }) => l.documentId === order.id)).toBe(true);
		expect(order.pdfDocument).toBeNull();
		const items = await t.get(t.path('items'), `$filter=number eq '1896-S'&$expand=unitOfMeasure,defaultDimensions`);
		expect(items.status).toBe(200);
		expect(items.body.value[0].unitOfMeasure).toMatchObject({ code: 'PCS', displayName: 'Piece' });
		expect(items.body.value[0].unitOfMeasure['@odata.etag']).toMatch(/^W\/"/);
		expect(items.body.value[0].defaultDimensions).toEqual([
			expect.objectContaining({ parentType: 'Item', dimensionCode: 'BUSINESSGROUP', dimensionValueCode: 'OFFICE' }),
		]);
		const cust = await t.get(
			t.path('customers'),
			`$filter=number eq '10000'&$expand=defaultDimensions($select=dimensionCode,dimensionValueCode;$orderby=dimensionCode)`,
		);
		expect(cust.body.value[0].defaultDimensions.map((d: { dimensionCode: string }) => d.dimensionCode)).toEqual([
			'AREA',
			'CUSTOMERGROUP',
		]);
		expectBcError(
			await t.get(t.path('customers'), '$expand=salesOrders'),
			400,
			'BadRequest',
			"Could not find a property named 'salesOrders' on type 'Microsoft.NAV.customer'.",
		);
	});

	it('$expand=customerFinancialDetail gives the customer’s figures, kept current after writes', async () => {
		const res = await t.get(
			t.path('customers'),
			`$filter=number eq '40000'&$expand=customerFinancialDetail&$select=id,number,balanceDue`,
		);
		const c = res.body.value[0];
		expect(c.balanceDue).toBeGreaterThan(0);
		expect(c.customerFinancialDetail).toMatchObject({
			id: c.id,
			number: '40000',
			balance: c.balanceDue,
			overdueAmount: c.balanceDue,
		});
		expect(c.customerFinancialDetail.totalSalesExcludingTax).toBeGreaterThan(0);
		const w = new TestApi();
		const created = await w.call('POST', w.path('customers'), { body: { displayName: 'Fresh' } });
		const detail = await w.get(w.path(`customers(${created.body.id})/customerFinancialDetail`));
		expect(detail.body).toMatchObject({ number: created.body.number, balance: 0, totalSalesExcludingTax: 0 });
		expect(detail.body['@odata.context']).toMatch(/\/customers\([0-9a-f-]+\)\/customerFinancialDetail\/\$entity$/);
		expect((await t.call('POST', t.path('customerFinancialDetails'), { body: {} })).status).toBe(405);
	});

	it('$expand=contactsInformation lists the customer’s contacts', async () => {
		const res = await t.get(t.path('customers'), `$filter=number eq '60000'&$expand=contactsInformation&$select=id`);
		const c = res.body.value[0];
		expect(c.contactsInformation.map((i: { contactName: string }) => i.contactName).sort()).toEqual([
			"O'Neil & Söhne",
			'Renée "René" Dubois-Müller',
		]);
		expect(
			c.contactsInformation.every(
				(i: { relatedId: string; relatedType: string }) => i.relatedId === c.id && i.relatedType === 'Customer',
			),
		).toBe(true);
	});

	it('$expand takes nested $select/$filter/$orderby/$top/$expand options', async () => {
		const res = await t.get(
			t.path('salesOrders'),
			"$select=number&$expand=salesOrderLines($select=sequence,quantity;$filter=quantity gt 2;$orderby=sequence desc;$expand=location)&$filter=customerNumber eq '20000'",
		);
		expect(res.status).toBe(200);
		const lines = res.body.value[0].salesOrderLines;
		expect(lines.map((l: { sequence: number }) => l.sequence)).toEqual([30000, 20000]);
		expect(Object.keys(lines[0])).toEqual(['@odata.etag', 'sequence', 'quantity', 'location']);
		expect(lines[0].location).toBeNull();
	});

	it('$orderby sorts by several keys, asc and desc', async () => {
		const res = await t.get(t.path('customers'), '$orderby=city asc,number desc&$select=city,number');
		const pairs = res.body.value.map((c: { city: string; number: string }) => `${c.city}/${c.number}`);
		expect(pairs.slice(0, 3)).toEqual(['Atlanta/40000', 'Atlanta/10000', 'Chicago/20000']);
		const desc = await t.get(t.path('customers'), '$orderby=creditLimit desc&$select=number&$top=2');
		expect(desc.body.value.map((c: { number: string }) => c.number)).toEqual(['60000', '30000']);
		expectBcError(await t.get(t.path('customers'), '$orderby=nope'), 400, 'BadRequest');
	});

	it('$top and $skip page the result; $count=true adds @odata.count of all matches', async () => {
		const res = await t.get(t.path('customers'), '$skip=2&$top=3&$count=true&$select=number');
		expect(res.body['@odata.count']).toBe(8);
		expect(Object.keys(res.body)).toEqual(['@odata.context', '@odata.count', 'value']);
		expect(res.body.value.map((c: { number: string }) => c.number)).toEqual(['30000', '40000', '50000']);
		expect(res.body['@odata.nextLink']).toBeUndefined();
		const count = await t.get(t.path('customers/$count'), `$filter=city eq 'Atlanta'`);
		expect(count).toMatchObject({ status: 200, body: '2' });
	});

	it('rejects a system query option given twice, unknown $options and bad $top', async () => {
		expectBcError(
			await t.get(t.path('customers'), '$top=1&$top=2'),
			400,
			'BadRequest',
			"Query option '$top' was specified more than once, but it must be specified at most once.",
		);
		expectBcError(
			await t.get(t.path('customers'), '$search=x'),
			400,
			'BadRequest',
			"The query parameter '$search' is not supported.",
		);
		expectBcError(await t.get(t.path('customers'), '$top=-1'), 400, 'BadRequest');
		expectBcError(await t.get(t.path('customers'), '$top=abc'), 400, 'BadRequest_NotFound');
	});

	it('ignores custom options such as aid=FIN', async () => {
		expect((await t.get(t.path('customers'), 'aid=FIN&$top=1')).status).toBe(200);
	});
});
