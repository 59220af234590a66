import { expectBcError, TestApi } from './api';

const t = new TestApi();
const customer = async (number: string) =>
	(await t.get(t.path('customers'), `$filter=number eq '${number}'`)).body.value[0];

describe('sales and purchase documents (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_create)', () => {
	it('deep-inserts a sales order with lines, resolves customerNumber, fills customerName and recomputes totals', async () => {
		const res = await t.call('POST', t.path('salesOrders'), {
			body: {
				customerNumber: '60000',
				externalDocumentNumber: 'po-4711',
				salesOrderLines: [
					{ lineObjectNumber: '1896-S', quantity: 2 },
					{
						itemId: (await t.get(t.path('items'), `$filter=number eq '1900-S'`)).body.value[0].id,
						quantity: 3,
						unitPrice: 100,
						discountPercent: 10,
					},
				],
			},
		});
		expect(res.status).toBe(201);
		const order = res.body;
		const cust = await customer('60000');
		expect(order).toMatchObject({
			customerId: cust.id,
			customerNumber: '60000',
			customerName: "O'Neil & Söhne",
			billToName: "O'Neil & Söhne",
			status: 'Draft',
			externalDocumentNumber: 'PO-4711',
			currencyCode: 'EUR',
		});
		expect(order.number).toMatch(/^S-ORD\d{6}$/);
		expect(order.salesOrderLines).toBeUndefined();
		const lines = (await t.get(t.path(`salesOrders(${order.id})/salesOrderLines`))).body.value;
		expect(lines.map((l: { sequence: number; description: string }) => [l.sequence, l.description])).toEqual([
			[10000, 'ATHENS Desk'],
			[20000, 'PARIS Guest Chair, black'],
		]);
		expect(lines[0]).toMatchObject({
			unitPrice: 1000.8,
			amountExcludingTax: 2001.6,
			taxPercent: 10,
			totalTaxAmount: 200.16,
			amountIncludingTax: 2201.76,
			unitOfMeasureCode: 'PCS',
			lineType: 'Item',
		});
		expect(lines[1]).toMatchObject({ discountAmount: 30, amountExcludingTax: 270, amountIncludingTax: 297 });
		expect(order).toMatchObject({
			totalAmountExcludingTax: 2271.6,
			totalTaxAmount: 227.16,
			totalAmountIncludingTax: 2498.76,
		});
	});

	it('requires customerNumber or customerId with the AL label, and rejects unknown or mismatching customers', async () => {
		expectBcError(
			await t.call('POST', t.path('salesOrders'), { body: {} }),
			400,
			'Application_DialogException',
			'A "customerNumber" or a "customerId" must be provided.',
		);
		expectBcError(
			await t.call('POST', t.path('salesInvoices'), { body: { customerNumber: '99999' } }),
			400,
			'Application_DialogException',
			'The sell-to customer cannot be found.',
		);
		const c = await customer('10000');
		expectBcError(
			await t.call('POST', t.path('salesInvoices'), { body: { customerId: c.id, customerNumber: '20000' } }),
			400,
			'Application_DialogException',
			'The sell-to customer values do not match to a specific Customer.',
		);
		const ok = await t.call('POST', t.path('salesInvoices'), { body: { customerId: c.id } });
		expect(ok.body).toMatchObject({
			customerNumber: '10000',
			customerName: 'Adatum Corporation',
			totalAmountIncludingTax: 0,
		});
		expectBcError(
			await t.call('POST', t.path('salesOrders'), { body: { customerNumber: '10000', totalAmountIncludingTax: 5 } }),
			400,
			'BadRequest_InvalidOperation',
		);
	});

	it('a failing line rolls the whole deep insert back', async () => {
		const before = (await t.get(t.path('salesOrders'), '$count=true&$top=0')).body['@odata.count'];
		const res = await t.call('POST', t.path('salesOrders'), {
			body: {
				customerNumber: '10000',
				salesOrderLines: [
					{ lineObjectNumber: '1896-S', quantity: 1 },
					{ lineObjectNumber: 'NOPE', quantity: 1 },
				],
			},
		});
		expectBcError(res, 400, 'Application_DialogException', 'Item does not exist.');
		expect((await t.get(t.path('salesOrders'), '$count=true&$top=0')).body['@odata.count']).toBe(before);
	});

	it('line writes (nested and top-level) update the header totals and ETag; deep PATCH is rejected', async () => {
		const order = (await t.call('POST', t.path('salesOrders'), { body: { customerNumber: '20000' } })).body;
		const nested = await t.call('POST', t.path(`salesOrders(${order.id})/salesOrderLines`), {
			body: { lineObjectNumber: '1928-S', quantity: 10 },
		});
		expect(nested.status).toBe(201);
		expect(nested.body.documentId).toBe(order.id);
		const top = await t.call('POST', t.path('salesOrderLines'), {
			body: { documentId: order.id, lineObjectNumber: '1928-S', quantity: 1 },
		});
		expect(top.body.sequence).toBe(20000);
		let header = (await t.get(t.path(`salesOrders(${order.id})`))).body;
		expect(header.totalAmountExcludingTax).toBe(603.9);
		expect(header['@odata.etag']).not.toBe(order['@odata.etag']);
		const patched = await t.call('PATCH', t.path(`salesOrderLines(${top.body.id})`), {
			body: { quantity: 2 },
			headers: { 'If-Match': top.body['@odata.etag'] },
		});
		expect(patched.body.amountExcludingTax).toBe(109.8);
		header = (await t.get(t.path(`salesOrders(${order.id})`))).body;
		expect(header.totalAmountExcludingTax).toBe(658.8);
		expectBcError(
			await t.call('PATCH', t.path(`salesOrders(${order.id})`), {
				body: { salesOrderLines: [] },
				headers: { 'If-Match': '*' },
			}),
			400,
			'BadRequest_InvalidOperation',
		);
		expect(
			(await t.call('DELETE', t.path(`salesOrderLines(${top.body.id})`), { headers: { 'If-Match': '*' } })).status,
		).toBe(204);
		expect((await t.get(t.path(`salesOrders(${order.id})`))).body.totalAmountExcludingTax).toBe(549);
		expect((await t.call('DELETE', t.path(`salesOrders(${order.id})`), { headers: { 'If-Match': '*' } })).status).toBe(
			204,
		);
		expect((await t.get(t.path('salesOrderLines'), `$filter=documentId eq ${order.id}`)).body.value).toEqual([]);
	});

	it('computes dueDate from the invoice date and the customer’s payment terms', async () => {
		const inv = await t.call('POST', t.path('salesInvoices'), {
			body: { customerNumber: '20000', invoiceDate: '2024-01-20' },
		});
		expect(inv.body).toMatchObject({ invoiceDate: '2024-01-20', dueDate: '2024-02-03' });
		const cm = await t.call('POST', t.path('salesInvoices'), {
			body: { customerNumber: '70000', invoiceDate: '2024-02-10' },
		});
		expect(cm.body.dueDate).toBe('2024-02-29');
		const later = await t.call('PATCH', t.path(`salesInvoices(${inv.body.id})`), {
			body: { invoiceDate: '2024-03-01' },
			headers: { 'If-Match': '*' },
		});
		expect(later.body.dueDate).toBe('2024-03-15');
	});

	it('re-resolves the customer when PATCH changes customerNumber', async () => {
		const order = (await t.call('POST', t.path('salesOrders'), { body: { customerNumber: '20000' } })).body;
		const res = await t.call('PATCH', t.path(`salesOrders(${order.id})`), {
			body: { customerNumber: '30000' },
			headers: { 'If-Match': order['@odata.etag'] },
		});
		expect(res.body).toMatchObject({
			customerNumber: '30000',
			customerName: 'School of Fine Art',
			customerId: (await customer('30000')).id,
		});
	});

	it('creates purchase orders from vendorNumber with purchase lines priced at unit cost', async () => {
		const res = await t.call('POST', t.path('purchaseOrders'), {
			body: { vendorNumber: '60000', purchaseOrderLines: [{ lineObjectNumber: 'GRÜN-01', quantity: 5 }] },
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			vendorName: "Brauerei Weiß & Söhne 'Alt'",
			totalAmountExcludingTax: 300,
			status: 'Draft',
		});
		expectBcError(
			await t.call('POST', t.path('purchaseOrders'), { body: {} }),
			400,
			'Application_DialogException',
			'A "vendorNumber" or a "vendorId" must be provided.',
		);
	});
});
