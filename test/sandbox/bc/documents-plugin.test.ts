import { expectBcError, TestApi } from './api';

const t = new TestApi();

async function draftInvoice(lines = [{ lineObjectNumber: '1896-S', quantity: 2 }]) {
	const res = await t.call('POST', t.path('salesInvoices'), {
		body: { customerNumber: '10000', salesInvoiceLines: lines },
	});
	expect(res.status).toBe(201);
	return res.body;
}

describe('documents plugin: bound actions', () => {
	beforeEach(() => t.api.reset());

	it('posts a draft sales invoice under the same id: status Open, posted number, read-only, second post fails', async () => {
		const draft = await draftInvoice();
		const res = await t.call('POST', t.path(`salesInvoices(${draft.id})/Microsoft.NAV.post`));
		expect(res).toMatchObject({ status: 204 });
		expect(res.body).toBeUndefined();
		const posted = (await t.get(t.path(`salesInvoices(${draft.id})`))).body;
		expect(posted).toMatchObject({
			id: draft.id,
			status: 'Open',
			totalAmountIncludingTax: draft.totalAmountIncludingTax,
		});
		expect(posted.number).toMatch(/^PS-INV\d{6}$/);
		expect(posted.remainingAmount).toBe(posted.totalAmountIncludingTax);
		expectBcError(
			await t.call('POST', t.path(`salesInvoices(${draft.id})/Microsoft.NAV.post`)),
			400,
			'Application_DialogException',
			'The action can be applied to a draft invoice only.',
		);
		expectBcError(
			await t.call('PATCH', t.path(`salesInvoices(${draft.id})`), {
				body: { externalDocumentNumber: 'X' },
				headers: { 'If-Match': '*' },
			}),
			400,
			'Application_DialogException',
			'The invoice has been posted and can no longer be modified.',
		);
	});

	it('refuses to post a document without lines, and a GET verb on an action', async () => {
		const empty = await draftInvoice([]);
		expectBcError(
			await t.call('POST', t.path(`salesInvoices(${empty.id})/Microsoft.NAV.post`)),
			400,
			'Application_DialogException',
			'There is nothing to post.',
		);
		expectBcError(
			await t.call('GET', t.path(`salesInvoices(${empty.id})/Microsoft.NAV.post`)),
			405,
			'BadRequest_MethodNotAllowed',
		);
	});

	it('ships and invoices a sales order: a posted invoice with a new id linked by orderNumber; the order is gone', async () => {
		const order = (
			await t.call('POST', t.path('salesOrders'), {
				body: { customerNumber: '20000', salesOrderLines: [{ lineObjectNumber: '1900-S', quantity: 3 }] },
			})
		).body;
		expect((await t.call('POST', t.path(`salesOrders(${order.id})/Microsoft.NAV.shipAndInvoice`))).status).toBe(204);
		const found = (await t.get(t.path('salesInvoices'), `$filter=orderNumber eq '${order.number}'`)).body.value;
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({
			status: 'Open',
			orderId: order.id,
			totalAmountIncludingTax: order.totalAmountIncludingTax,
		});
		expect(found[0].id).not.toBe(order.id);
		expect((await t.get(t.path(`salesInvoices(${found[0].id})/salesInvoiceLines`))).body.value).toHaveLength(1);
		expectBcError(await t.get(t.path(`salesOrders(${order.id})`)), 404, 'Internal_RecordNotFound');
	});

	it('makes an invoice from a quote and a corrective credit memo from a posted invoice', async () => {
		const quote = (
			await t.call('POST', t.path('salesQuotes'), {
				body: { customerNumber: '30000', salesQuoteLines: [{ lineObjectNumber: '1896-S', quantity: 1 }] },
			})
		).body;
		expect((await t.call('POST', t.path(`salesQuotes(${quote.id})/Microsoft.NAV.makeInvoice`))).status).toBe(204);
		const drafts = (await t.get(t.path('salesInvoices'), `$filter=customerNumber eq '30000' and status eq 'Draft'`))
			.body.value;
		expect(drafts.map((d: { totalAmountIncludingTax: number }) => d.totalAmountIncludingTax)).toContain(
			quote.totalAmountIncludingTax,
		);
		const posted = (await t.get(t.path('salesInvoices'), "$filter=status eq 'Open'&$top=1")).body.value[0];
		expect(
			(await t.call('POST', t.path(`salesInvoices(${posted.id})/Microsoft.NAV.makeCorrectiveCreditMemo`))).status,
		).toBe(204);
		const memos = (await t.get(t.path('salesCreditMemos'), `$filter=invoiceId eq ${posted.id}`)).body.value;
		expect(memos).toEqual([expect.objectContaining({ status: 'Draft', invoiceNumber: posted.number })]);
	});

	it('cancels a posted invoice: status Canceled and a posted corrective credit memo linked by invoiceId', async () => {
		const draft = await draftInvoice();
		await t.call('POST', t.path(`salesInvoices(${draft.id})/Microsoft.NAV.post`));
		expect((await t.call('POST', t.path(`salesInvoices(${draft.id})/Microsoft.NAV.cancel`))).status).toBe(204);
		expect((await t.get(t.path(`salesInvoices(${draft.id})`))).body).toMatchObject({
			status: 'Canceled',
			remainingAmount: 0,
		});
		const memos = (await t.get(t.path('salesCreditMemos'), `$filter=invoiceId eq ${draft.id}`)).body.value;
		expect(memos).toEqual([
			expect.objectContaining({ status: 'Corrective', totalAmountIncludingTax: draft.totalAmountIncludingTax }),
		]);
		expect(memos[0].number).toMatch(/^PS-CR\d{6}$/);
		expectBcError(
			await t.call('POST', t.path(`salesInvoices(${draft.id})/Microsoft.NAV.cancel`)),
			400,
			'Application_DialogException',
			'The invoice cannot be canceled because it has already been canceled.',
		);
	});

	it('posts a journal: the batch is emptied; an empty batch has nothing to post', async () => {
		const journal = (await t.call('POST', t.path('journals'), { body: { code: 'TESTJNL', displayName: 'Test' } })).body;
		await t.call('POST', t.path(`journals(${journal.id})/journalLines`), {
			body: { accountNumber: '10100', amount: 100, description: 'test' },
		});
		const before = (await t.get(t.path(`journals(${journal.id})/journalLines`))).body.value;
		expect(before.length).toBeGreaterThan(0);
		expect((await t.call('POST', t.path(`journals(${journal.id})/Microsoft.NAV.post`))).status).toBe(204);
		expect((await t.get(t.path(`journals(${journal.id})/journalLines`))).body.value).toEqual([]);
		expectBcError(
			await t.call('POST', t.path(`journals(${journal.id})/Microsoft.NAV.post`)),
			400,
			'Application_DialogException',
			'There is nothing to post.',
		);
	});
});

describe('documents plugin: PDFs, attachments, pictures', () => {
	it('serves pdfDocument metadata with the media read link and a real PDF', async () => {
		const inv = (await t.get(t.path('salesInvoices'), "$filter=status eq 'Open'&$top=1")).body.value[0];
		const meta = await t.get(t.path(`salesInvoices(${inv.id})/pdfDocument`));
		expect(meta.body).toMatchObject({ parentId: inv.id, parentType: 'Sales Invoice' });
		expect(meta.body['pdfDocumentContent@odata.mediaReadLink']).toMatch(
			new RegExp(`/companies\\(${t.companyId()}\\)/salesInvoices\\(${inv.id}\\)/pdfDocument/pdfDocumentContent$`),
		);
		const pdf = await t.get(t.path(`salesInvoices(${inv.id})/pdfDocument/pdfDocumentContent`));
		expect(pdf.headers?.['content-type']).toBe('application/pdf');
		expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
		expect((pdf.body as Buffer).subarray(-6).toString()).toMatch(/%%EOF/);
	});

	it("refuses the PDF of an unposted purchase credit memo with BC's message", async () => {
		const memo = (await t.call('POST', t.path('purchaseCreditMemos'), { body: { vendorNumber: '10000' } })).body;
		expectBcError(
			await t.get(t.path(`purchaseCreditMemos(${memo.id})/pdfDocument/pdfDocumentContent`)),
			400,
			'Application_DialogException',
			`You must post purchase credit memo ${memo.number} before generating the PDF document.`,
		);
	});

	it('stores attachment bytes with PATCH + If-Match and serves them back byte-identical', async () => {
		const customer = (await t.get(t.path('customers'), '$top=1')).body.value[0];
		const created = await t.call('POST', t.path('documentAttachments'), {
			body: { fileName: 'note.bin', parentType: 'Customer', parentId: customer.id },
		});
		expect(created.status).toBe(201);
		const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
		const path = t.path(`documentAttachments(${created.body.id})/attachmentContent`);
		expectBcError(await t.call('PATCH', path, { body: bytes }), 400, 'BadRequest_InvalidToken');
		expect((await t.call('PATCH', path, { body: bytes, headers: { 'If-Match': '*' } })).status).toBe(204);
		const back = await t.get(path);
		expect(Buffer.compare(back.body as Buffer, bytes)).toBe(0);
		const listed = (await t.get(t.path(`customers(${customer.id})/documentAttachments`))).body.value;
		expect(listed).toEqual([
			expect.objectContaining({
				fileName: 'note.bin',
				byteSize: 8,
				'attachmentContent@odata.mediaReadLink': expect.any(String),
			}),
		]);
		expectBcError(
			await t.call('POST', t.path('attachments'), {
				body: { fileName: 'x', parentType: 'Customer', parentId: customer.id },
			}),
			400,
			'Application_DialogException',
			'Parent type Customer is not supported. Use documentAttachments API instead.',
		);
	});

	it('uploads, reads and deletes an item picture with its content type and size', async () => {
		const item = (await t.get(t.path('items'), '$top=1')).body.value[0];
		const png = Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR42mP8z8DwnwEIGGEMADjvA/3c0tQRAAAAAElFTkSuQmCC',
			'base64',
		);
		const content = t.path(`items(${item.id})/picture/pictureContent`);
		expect((await t.call('PATCH', content, { body: png, headers: { 'If-Match': '*' } })).status).toBe(204);
		const meta = (await t.get(t.path(`items(${item.id})/picture`))).body;
		expect(meta).toMatchObject({ id: item.id, parentType: 'Item', width: 2, height: 3, contentType: 'image/png' });
		expect(Buffer.compare((await t.get(content)).body as Buffer, png)).toBe(0);
		expect((await t.call('DELETE', t.path(`items(${item.id})/picture`))).status).toBe(204);
		expect((await t.get(t.path(`items(${item.id})/picture`))).body).toMatchObject({ width: 0, contentType: '' });
	});
});
