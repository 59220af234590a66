/**
 * File resource through the real engine against the sandbox: PDFs, attachments and pictures as n8n binary data,
 * byte-identical round trips, BC's errors, and checks before any request.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import { pdfText } from '../helpers/pdfText';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

const file = (operation: string, extra: INodeParameters): INodeParameters => ({
	resource: 'file',
	operation,
	company: { __rl: true, mode: 'id', value: companyId },
	...extra,
});

async function first(entitySet: string, filter = ''): Promise<IDataObject> {
	const { items } = await runNode(helper, {
		parameters: {
			resource: 'record',
			operation: 'getAll',
			company: { __rl: true, mode: 'id', value: companyId },
			entitySet: { __rl: true, mode: 'list', value: entitySet },
			returnAll: false,
			limit: 1,
			...(filter ? { options: { filter } } : {}),
		},
		credential,
	});
	return items[0].json;
}

/** An input item with `bytes` as binary property `data`. */
const withFile = (bytes: Buffer, fileName: string, mimeType: string): INodeExecutionData[] => [
	{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } },
];

const bytesOf = (item: INodeExecutionData, property = 'data') =>
	Buffer.from(String(item.binary?.[property]?.data), 'base64');

describe('File: Download PDF', () => {
	it('outputs the PDF as binary application/pdf named by the document number, showing number, customer and lines', async () => {
		const invoice = await first('salesInvoices', "status eq 'Open'");
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			parameters: file('downloadPdf', { parentEntitySet: 'salesInvoices', parentRecordId: invoice.id as string }),
			credential,
		});
		expect(error).toBeUndefined();
		const binary = items[0].binary!.data;
		expect(binary).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${String(invoice.number)}.pdf`,
			fileExtension: 'pdf',
		});
		const pdf = bytesOf(items[0]);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(items[0].json).toEqual({
			id: invoice.id,
			entitySet: 'salesInvoices',
			number: invoice.number,
			fileName: `${String(invoice.number)}.pdf`,
			mimeType: 'application/pdf',
			fileSize: pdf.length,
		});
		const text = pdfText(pdf);
		expect(text).toContain(`Sales Invoice ${String(invoice.number)}`);
		expect(text).toContain(String(invoice.customerName));
		expect(text).toMatch(/Total \d+\.\d\d/);
		expect(requestCount(sandbox, 'GET', '/pdfDocument/pdfDocumentContent')).toBe(1);
	});

	it('prints in the language of Print Language (Accept-Language) into the chosen binary field and file name', async () => {
		const { items: created } = await runNode(helper, {
			parameters: {
				resource: 'record',
				operation: 'create',
				company: { __rl: true, mode: 'id', value: companyId },
				entitySet: { __rl: true, mode: 'list', value: 'salesQuotes' },
				bodyMode: 'json',
				jsonBody: '{"customerNumber":"20000","salesQuoteLines":[{"lineObjectNumber":"1900-S","quantity":2}]}',
			},
			credential,
		});
		const quote = created[0].json;
		const { items, error } = await runNode(helper, {
			parameters: file('downloadPdf', {
				parentEntitySet: 'salesQuotes',
				parentRecordId: quote.id as string,
				binaryPropertyName: 'offerte',
				options: { printLanguage: 'nl-NL', fileName: 'offerte.pdf' },
			}),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].binary!.offerte.fileName).toBe('offerte.pdf');
		expect(pdfText(bytesOf(items[0], 'offerte'))).toContain('Totaal');
	});

	it("refuses the PDF of an unposted purchase credit memo with BC's message", async () => {
		const { items: created } = await runNode(helper, {
			parameters: {
				resource: 'record',
				operation: 'create',
				company: { __rl: true, mode: 'id', value: companyId },
				entitySet: { __rl: true, mode: 'list', value: 'purchaseCreditMemos' },
				bodyMode: 'json',
				jsonBody: '{"vendorNumber":"10000"}',
			},
			credential,
		});
		const memo = created[0].json;
		const { error } = await runNode(helper, {
			parameters: file('downloadPdf', { parentEntitySet: 'purchaseCreditMemos', parentRecordId: memo.id as string }),
			credential,
		});
		expect(error?.message).toBe(
			`Application_DialogException: You must post purchase credit memo ${String(memo.number)} before generating the PDF document.`,
		);
	});

	it('checks Print Language before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: file('downloadPdf', {
				parentEntitySet: 'salesInvoices',
				parentRecordId: '00000000-0000-0000-0000-000000000001',
				options: { printLanguage: 'Dutch please' },
			}),
			credential,
		});
		expect(error?.message).toBe('Options → Print Language: "Dutch please" is not a language tag');
		expect(sandbox.control.stats().requests).toEqual({});
	});
});

describe('File: attachments', () => {
	it('uploads (POST metadata, PATCH raw bytes with If-Match), lists, downloads byte-identical and deletes', async () => {
		const customer = await first('customers');
		const bytes = Buffer.concat([
			Buffer.from('%PDF-1.4\n'),
			Buffer.from([0, 1, 2, 253, 254, 255, 13, 10]),
			Buffer.alloc(5000, 7),
		]);
		sandbox.control.reset();
		const up = await runNode(helper, {
			parameters: file('uploadAttachment', { parentEntitySet: 'customers', parentRecordId: customer.id as string }),
			credential,
			inputItems: withFile(bytes, 'delivery note.pdf', 'application/pdf'),
		});
		expect(up.error).toBeUndefined();
		expect(up.items[0].json).toMatchObject({
			fileName: 'delivery note.pdf',
			byteSize: bytes.length,
			parentType: 'Customer',
		});
		expect(requestCount(sandbox, 'POST', '/documentAttachments')).toBe(1);
		expect(requestCount(sandbox, 'PATCH', '/attachmentContent')).toBe(1);
		const id = up.items[0].json.id as string;

		const list = await runNode(helper, {
			parameters: file('getAttachments', { parentEntitySet: 'customers', parentRecordId: customer.id as string }),
			credential,
		});
		expect(list.items.map((i) => i.json.id)).toContain(id);

		const down = await runNode(helper, { parameters: file('downloadAttachment', { attachmentId: id }), credential });
		expect(down.error).toBeUndefined();
		expect(down.items[0].binary!.data).toMatchObject({ fileName: 'delivery note.pdf', mimeType: 'application/pdf' });
		expect(Buffer.compare(bytesOf(down.items[0]), bytes)).toBe(0);

		const del = await runNode(helper, {
			parameters: file('deleteAttachment', { attachmentId: id, concurrency: 'overwrite' }),
			credential,
		});
		expect(del.items[0].json).toEqual({ deleted: true, id });
		const gone = await runNode(helper, { parameters: file('downloadAttachment', { attachmentId: id }), credential });
		expect(gone.error?.message).toMatch(/Internal_RecordNotFound/);
	});

	it('attaches an incoming document to a sales invoice through attachments (parentType Sales_x0020_Invoice on the wire)', async () => {
		const invoice = await first('salesInvoices');
		const { items, error } = await runNode(helper, {
			parameters: file('uploadAttachment', {
				attachmentSet: 'attachments',
				parentEntitySet: 'salesInvoices',
				parentRecordId: invoice.id as string,
				options: { fileName: 'scan.txt' },
			}),
			credential,
			inputItems: withFile(Buffer.from('scanned'), 'x.txt', 'text/plain'),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			fileName: 'scan.txt',
			parentType: 'Sales_x0020_Invoice',
			parentId: invoice.id,
			byteSize: 7,
		});
	});

	it('refuses an upload without the binary field, or over 350 MB, before any request', async () => {
		sandbox.control.reset();
		const missing = await runNode(helper, {
			parameters: file('uploadAttachment', {
				parentEntitySet: 'items',
				parentRecordId: '00000000-0000-0000-0000-000000000001',
			}),
			credential,
		});
		expect(missing.error?.message).toBe('Input Binary Field: the input item has no binary field "data"');
		const huge = await runNode(helper, {
			parameters: file('uploadAttachment', {
				parentEntitySet: 'items',
				parentRecordId: '00000000-0000-0000-0000-000000000001',
			}),
			credential,
			inputItems: [
				{
					json: {},
					binary: { data: { data: 'AAAA', mimeType: 'video/mp4', fileName: 'big.mp4', bytes: 400 * 1024 * 1024 } },
				},
			],
		});
		expect(huge.error?.message).toMatch(
			/^Input Binary Field: the file "big\.mp4" has 419,430,400 bytes, Business Central takes at most 350 MB$/,
		);
		expect(sandbox.control.stats().requests).toEqual({});
	});
});

describe('File: pictures', () => {
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAEklEQVR42mP8z8DwnwEIGGEMADjvA/3c0tQRAAAAAElFTkSuQmCC',
		'base64',
	);

	it('uploads a picture (PATCH pictureContent), downloads it byte-identical with its type, deletes it', async () => {
		const item = await first('items');
		const up = await runNode(helper, {
			parameters: file('uploadPicture', { parentEntitySet: 'items', parentRecordId: item.id as string }),
			credential,
			inputItems: withFile(png, 'chair.png', 'image/png'),
		});
		expect(up.error).toBeUndefined();
		expect(up.items[0].json).toMatchObject({ id: item.id, contentType: 'image/png', width: 2, height: 3 });
		expect(up.items[0].json['pictureContent@odata.mediaReadLink']).toMatch(
			/\/items\([^)]+\)\/picture\/pictureContent$/,
		);

		const down = await runNode(helper, {
			parameters: file('downloadPicture', { parentEntitySet: 'items', parentRecordId: item.id as string }),
			credential,
		});
		expect(down.items[0].binary!.data).toMatchObject({ mimeType: 'image/png' });
		expect(Buffer.compare(bytesOf(down.items[0]), png)).toBe(0);

		const del = await runNode(helper, {
			parameters: file('deletePicture', { parentEntitySet: 'items', parentRecordId: item.id as string }),
			credential,
		});
		expect(del.items[0].json).toEqual({ deleted: true, id: item.id });
		const none = await runNode(helper, {
			parameters: file('downloadPicture', { parentEntitySet: 'items', parentRecordId: item.id as string }),
			credential,
		});
		expect(none.items[0].json).toMatchObject({ contentType: '', width: 0 });
		expect(none.items[0].binary).toBeUndefined();
	});

	it('refuses an entity set without pictures, before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: file('downloadPicture', {
				parentEntitySet: 'salesInvoices',
				parentRecordId: '00000000-0000-0000-0000-000000000001',
			}),
			credential,
		});
		expect(error?.message).toBe('Entity Set: "salesInvoices" is not one of the options');
		expect(sandbox.control.stats().requests).toEqual({});
	});
});
