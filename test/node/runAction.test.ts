/**
 * Record → Run Action through the real engine against the sandbox: every action family, "Return the resulting
 * document" per kind of result, BC's business errors with code and hint, checks before any request.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SandboxPlugin } from '../../sandbox';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;
/** `Data-Access-Intent` of every GET the sandbox saw (a spy route that never matches). */
const intents: Array<string | undefined> = [];
const spy: SandboxPlugin = {
	name: 'intent-spy',
	routes: [
		{
			name: 'intent-spy',
			match: (ctx) => {
				if (ctx.request.method === 'GET') intents.push(ctx.request.headers['data-access-intent']);
				return false;
			},
			handle: () => ({ status: 500 }),
		},
	],
};

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup({ plugins: [spy] }));
});
afterAll(async () => sandbox.stop());

const params = (entitySet: string, recordId: string, action: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'record',
	operation: 'runAction',
	company: { __rl: true, mode: 'id', value: companyId },
	entitySet: { __rl: true, mode: 'list', value: entitySet },
	recordId,
	action: { __rl: true, mode: 'list', value: action },
	...extra,
});

/** Creates a record through the node (Record → Create) and returns it. */
async function create(entitySet: string, body: IDataObject): Promise<IDataObject> {
	const { items, error } = await runNode(helper, {
		parameters: {
			resource: 'record',
			operation: 'create',
			company: { __rl: true, mode: 'id', value: companyId },
			entitySet: { __rl: true, mode: 'list', value: entitySet },
			bodyMode: 'json',
			jsonBody: JSON.stringify(body),
		},
		credential,
	});
	expect(error).toBeUndefined();
	return items[0].json;
}

const invoiceLines = [{ lineObjectNumber: '1896-S', quantity: 2 }];

describe('Record: Run Action', () => {
	it('posts a draft sales invoice and returns the posted invoice under the same id (1 POST + 1 ReadWrite GET)', async () => {
		const draft = await create('salesInvoices', { customerNumber: '10000', salesInvoiceLines: invoiceLines });
		sandbox.control.reset();
		intents.length = 0;
		const { items, error } = await runNode(helper, {
			parameters: params('salesInvoices', String(draft.id), 'post'),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: draft.id,
			status: 'Open',
			totalAmountIncludingTax: draft.totalAmountIncludingTax,
		});
		expect(items[0].json.number).toMatch(/^PS-INV\d{6}$/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(requestCount(sandbox, 'POST', '/Microsoft.NAV.post')).toBe(1);
		expect(requestCount(sandbox, 'GET', '/salesInvoices')).toBe(1);
		expect(intents).toEqual(['ReadWrite']);
	});

	it("a second post fails with BC's code, message and a hint; with Continue On Fail it is an error item", async () => {
		const draft = await create('salesInvoices', { customerNumber: '10000', salesInvoiceLines: invoiceLines });
		expect(
			(await runNode(helper, { parameters: params('salesInvoices', String(draft.id), 'post'), credential })).error,
		).toBeUndefined();
		const again = await runNode(helper, { parameters: params('salesInvoices', String(draft.id), 'post'), credential });
		expect(again.error?.message).toMatch(
			/Application_DialogException: The action can be applied to a draft invoice only\./,
		);
		expect(again.error?.description).toMatch(/already posted/);
		const soft = await runNode(helper, {
			parameters: params('salesInvoices', String(draft.id), 'post'),
			credential,
			continueOnFail: true,
		});
		expect(soft.items[0].json).toMatchObject({
			error: expect.stringMatching(/draft invoice only/),
			details: expect.objectContaining({ bcErrorCode: 'Application_DialogException', outcome: 'not-applied' }),
		});
	});

	it('ships and invoices a sales order: returns the posted invoice with a new id, found by orderNumber', async () => {
		const order = await create('salesOrders', { customerNumber: '20000', salesOrderLines: invoiceLines });
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			parameters: params('salesOrders', String(order.id), 'shipAndInvoice'),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Open', orderId: order.id, orderNumber: order.number });
		expect(items[0].json.id).not.toBe(order.id);
		// Read the order's number before (it is deleted by the action), the action, then the invoice by orderNumber.
		expect(requestCount(sandbox, 'GET', '/salesOrders(')).toBe(1);
		expect(requestCount(sandbox, 'GET', '/salesInvoices')).toBe(1);
	});

	it('receives and invoices a purchase order: returns the posted purchase invoice', async () => {
		const order = await create('purchaseOrders', {
			vendorNumber: '10000',
			purchaseOrderLines: [{ lineObjectNumber: '1896-S', quantity: 1 }],
		});
		const { items, error } = await runNode(helper, {
			parameters: params('purchaseOrders', String(order.id), 'receiveAndInvoice'),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Open', orderNumber: order.number });
		expect(items[0].json.number).toMatch(/^PP-INV/);
	});

	it('makes an invoice and an order from quotes: the new draft, labelled as found by customer', async () => {
		for (const [action, set] of [
			['makeInvoice', 'salesInvoices'],
			['makeOrder', 'salesOrders'],
		]) {
			const quote = await create('salesQuotes', {
				customerNumber: '30000',
				salesQuoteLines: [{ lineObjectNumber: '1900-S', quantity: 4 }],
			});
			const { items, error } = await runNode(helper, {
				parameters: params('salesQuotes', String(quote.id), action),
				credential,
			});
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({
				status: 'Draft',
				customerId: quote.customerId,
				totalAmountIncludingTax: quote.totalAmountIncludingTax,
				resultFoundBy: 'newest draft of the customer',
			});
			expect(String(items[0].json['@odata.etag'])).toMatch(/^W\//);
			expect(String(items[0].json.number)).toMatch(set === 'salesInvoices' ? /^S-INV/ : /^S-ORD/);
		}
	});

	it('makes a corrective credit memo of a posted invoice: the draft linked by invoiceId', async () => {
		const draft = await create('salesInvoices', { customerNumber: '10000', salesInvoiceLines: invoiceLines });
		await runNode(helper, { parameters: params('salesInvoices', String(draft.id), 'post'), credential });
		const { items, error } = await runNode(helper, {
			parameters: params('salesInvoices', String(draft.id), 'makeCorrectiveCreditMemo'),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'Draft', invoiceId: draft.id });
		expect(items[0].json.number).toMatch(/^S-CR/);
	});

	it('posts a journal (emptied afterwards); an empty journal has nothing to post', async () => {
		const journal = await create('journals', { code: 'ENGINE', displayName: 'Engine test' });
		await create('journalLines', { journalId: journal.id, accountNumber: '10100', amount: 50, description: 'x' });
		const posted = await runNode(helper, { parameters: params('journals', String(journal.id), 'post'), credential });
		expect(posted.error).toBeUndefined();
		expect(posted.items[0].json).toMatchObject({ id: journal.id, code: 'ENGINE' });
		const empty = await runNode(helper, { parameters: params('journals', String(journal.id), 'post'), credential });
		expect(empty.error?.message).toMatch(/Application_DialogException: There is nothing to post\./);
		expect(empty.error?.description).toMatch(/no lines to post/);
	});

	it('sends a quote (status Sent) and, without "Return the resulting document", only confirms', async () => {
		const quote = await create('salesQuotes', { customerNumber: '10000', salesQuoteLines: invoiceLines });
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			parameters: params('salesQuotes', String(quote.id), 'send', { returnDocument: false }),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ action: 'send', entitySet: 'salesQuotes', id: quote.id, done: true });
		expect(Object.keys(sandbox.control.stats().requests).filter((k) => k.startsWith('GET '))).toEqual([]);
		const sent = await runNode(helper, { parameters: params('salesQuotes', String(quote.id), 'send'), credential });
		expect(sent.items[0].json).toMatchObject({ id: quote.id, status: 'Sent' });
	});

	it('posts and sends, cancels, and refuses a second cancel with the label and a hint', async () => {
		const draft = await create('salesInvoices', {
			customerNumber: '10000',
			email: 'ap@adatum.example',
			salesInvoiceLines: invoiceLines,
		});
		const sent = await runNode(helper, {
			parameters: params('salesInvoices', String(draft.id), 'postAndSend'),
			credential,
		});
		expect(sent.items[0].json).toMatchObject({ id: draft.id, status: 'Open' });
		const canceled = await runNode(helper, {
			parameters: params('salesInvoices', String(draft.id), 'cancel'),
			credential,
		});
		expect(canceled.items[0].json).toMatchObject({ id: draft.id, status: 'Canceled' });
		const again = await runNode(helper, {
			parameters: params('salesInvoices', String(draft.id), 'cancel'),
			credential,
		});
		expect(again.error?.message).toBe(
			'Application_DialogException: The invoice cannot be canceled because it has already been canceled.',
		);
		expect(again.error?.description).toMatch(/already canceled/);
	});

	it('runs an action of a custom API entered by name (no catalog check) at the custom route', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: params('orders', '00000000-0000-0000-0000-000000000001', 'release', {
				apiRoute: 'custom',
				apiPublisher: 'contoso',
				apiGroup: 'sales',
				apiVersion: 'v1.0',
				entitySet: { __rl: true, mode: 'name', value: 'orders' },
				action: { __rl: true, mode: 'name', value: 'Microsoft.NAV.release' },
			}),
			credential,
		});
		// The sandbox has no such extension: BC's answer for an unknown route, after the request was sent there.
		expect(error?.message).toMatch(/BadRequest_NotFound/);
		expect(Object.keys(sandbox.control.stats().requests)).toEqual([
			expect.stringMatching(
				/^POST .*\/api\/contoso\/sales\/v1\.0\/companies\(\{id\}\)\/orders\(\{id\}\)\/Microsoft\.NAV\.release$/,
			),
		]);
	});

	it('refuses an action the entity set does not have, before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: params('salesOrders', '00000000-0000-0000-0000-000000000001', 'release'),
			credential,
		});
		expect(error?.message).toBe('Action: salesOrders has no action "release"');
		expect(error?.description).toBe('The actions of salesOrders are: shipAndInvoice.');
		expect(sandbox.control.stats().requests).toEqual({});
	});
});
