'use strict';
/**
 * Every example workflow runs in the real n8n (CLI `execute`) against the sandbox and its output is checked.
 * The delegated OAuth2 example runs in 30-oauth-flow.test.js after the browser sign-in.
 */
const assert = require('node:assert/strict');
const { describe, it } = require('node:test');
const { getStack, workflow, executeWorkflow } = require('./harness');
const { nodeItems } = require('../scripts/lib/run-summary');

async function run(prefix) {
	const wf = workflow(prefix);
	const result = await executeWorkflow(wf.id);
	assert.ok(result.ok, `workflow "${wf.name}" failed:\n${result.output}`);
	return result.run;
}

describe('example workflows in n8n', { timeout: 10 * 60_000 }, () => {
	it('01 lists the companies of the environment', async () => {
		const companies = nodeItems(await run('01-'), 'List companies');
		const expected = getStack()
			.sandbox.info.companies.production.map((c) => c.name)
			.sort();
		assert.deepEqual(companies.map((c) => c.name).sort(), expected);
		assert.ok(
			companies.every((c) => /^[0-9a-f-]{36}$/i.test(c.id)),
			'every company has a GUID id',
		);
	});

	it('02 returns only customers modified after the date, oldest first', async () => {
		const run02 = await run('02-');
		const since = nodeItems(run02, 'Modified since')[0].modifiedSince;
		const customers = nodeItems(run02, 'Customers modified since');
		assert.ok(customers.length > 0, 'some customers were modified after the date');
		for (const c of customers)
			assert.ok(
				Date.parse(c.lastModifiedDateTime) > Date.parse(since),
				`${c.number} ${c.lastModifiedDateTime} > ${since}`,
			);
		const times = customers.map((c) => Date.parse(c.lastModifiedDateTime));
		assert.deepEqual(
			times,
			[...times].sort((a, b) => a - b),
			'$orderby lastModifiedDateTime asc',
		);
		assert.deepEqual(
			Object.keys(customers[0])
				.filter((k) => !k.startsWith('@'))
				.sort(),
			['displayName', 'email', 'id', 'lastModifiedDateTime', 'number'],
		);
		const all = nodeItems(await run('05-'), 'List customers');
		assert.ok(customers.length < all.length, `the filter excluded customers (${customers.length} of ${all.length})`);
	});

	it('03 creates a customer and updates it with its ETag', async () => {
		const run03 = await run('03-');
		const [created] = nodeItems(run03, 'Create customer');
		const [updated] = nodeItems(run03, 'Update customer (If-Match ETag)');
		assert.equal(created.displayName, 'Northwind Traders (n8n demo)');
		assert.ok(created.number, 'BC assigned a customer number');
		assert.equal(updated.id, created.id);
		assert.equal(updated.phoneNumber, '+1 206 555 0199');
		assert.equal(updated.creditLimit, 7500);
		assert.notEqual(updated['@odata.etag'], created['@odata.etag'], 'the update produced a new ETag');
	});

	it('04 creates a sales order with two lines for customer 10000', async () => {
		const run04 = await run('04-');
		const [customer] = nodeItems(run04, 'Find customer by number');
		assert.equal(customer.number, '10000');
		const [order] = nodeItems(run04, 'Create sales order with lines');
		assert.equal(order.customerId, customer.id);
		assert.equal(order.customerNumber, '10000');
		const lines = nodeItems(run04, 'Read the order lines');
		assert.deepEqual(
			lines.map((l) => [l.lineObjectNumber, l.quantity]),
			[
				['1896-S', 2],
				['1900-S', 4],
			],
		);
		assert.ok(
			lines.every((l) => l.unitPrice > 0 && l.amountIncludingTax > 0),
			'prices come from the items',
		);
	});

	it('05, 06 and 08 list the same customers with the client secret, the certificate and the access key', async () => {
		const bySecret = nodeItems(await run('05-'), 'List customers');
		const byCertificate = nodeItems(await run('06-'), 'List customers');
		const byAccessKey = nodeItems(await run('08-'), 'List customers');
		assert.ok(bySecret.length >= 8, `at least the 8 demo customers (${bySecret.length})`);
		assert.ok(bySecret.some((c) => c.number === '10000'));
		assert.deepEqual(byCertificate.map((c) => c.id).sort(), bySecret.map((c) => c.id).sort());
		assert.ok(
			byAccessKey.some((c) => c.number === '10000'),
			'the on-premises company has the demo customers',
		);
	});

	it('09 routes the update BC rejects through the error output to the not-applied branch', async () => {
		const run09 = await run('09-');
		assert.equal(nodeItems(run09, 'Update phone number').length, 2, 'two updates succeed');
		const rejected = nodeItems(run09, 'Not applied: fix the input');
		assert.equal(rejected.length, 1, 'one item reaches the not-applied branch');
		const [item] = rejected;
		assert.match(item.error, /^Application_StringExceededLength: /);
		assert.equal(item.details.outcome, 'not-applied');
		assert.equal(item.details.httpStatus, 400);
		assert.equal(item.details.bcErrorCode, 'Application_StringExceededLength');
		assert.match(item.details.correlationId, /^[0-9a-f-]{36}$/);
		assert.match(item.id, /^[0-9a-f-]{36}$/, 'the input item (the customer) is merged into the error item');
		assert.throws(() => nodeItems(run09, 'Read back: was it saved?'), /did not run/, 'no unknown outcome here');
	});

	it('24 reads the ledger page by page through the published sub-workflow 25, with the same totals as 11', async () => {
		const runsOf = (run, name) => run.data.resultData.runData[name].map((r) => r.data.main[0][0].json);
		const inOne = runsOf(await run('11-'), 'Process the page');
		const bySub = runsOf(await run('24-'), 'Read and process a page');
		assert.ok(inOne.length > 1, `more than one page (${inOne.length})`);
		const totals = (pages) => ({
			pages: pages.length,
			records: pages.reduce((n, p) => n + p.records, 0),
			debit: Math.round(pages.reduce((n, p) => n + p.debit, 0) * 100),
		});
		assert.deepEqual(totals(bySub), totals(inOne), 'same pages, records and debit total');
		assert.equal(bySub.at(-1).nextLink, null, 'the loop ended at the last page');
	});

	it('a workflow naming a company that does not exist fails and says which company', async () => {
		const { rest } = getStack();
		const source = workflow('05-');
		const nodes = structuredClone(source.nodes);
		const node = nodes.find((n) => n.name === 'List customers');
		node.parameters.company = { __rl: true, mode: 'name', value: 'No Such Company Ltd.' };
		const created = await rest.call('POST', '/workflows', {
			name: 'e2e: unknown company',
			nodes,
			connections: source.connections,
			settings: source.settings,
		});
		const result = await executeWorkflow(created.id);
		assert.equal(result.ok, false, 'the run must fail');
		assert.match(result.output, /No Such Company Ltd\./, `the error names the company:\n${result.output}`);
	});
});
