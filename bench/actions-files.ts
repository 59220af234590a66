/**
 * Measurements for business actions and files, through the real n8n engine against the local sandbox: per bound
 * action, the requests it took (by method and path, from the sandbox's counters) and its wall time with "Return the
 * resulting document" on; the PDF's size and download time; an attachment upload/download of a 10 MB file.
 * Token requests are excluded (the credential caches its token after the first run).
 *
 * Run: npx tsx bench/actions-files.ts
 */
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../test/helpers/engine';
import { startClientSecretSetup } from '../test/helpers/nodeTest';

async function main(): Promise<void> {
	const { sandbox, helper, credential, companyId } = await startClientSecretSetup();
	const company = { __rl: true, mode: 'id', value: companyId };
	const run = async (parameters: INodeParameters, inputItems?: INodeExecutionData[]) => {
		sandbox.control.reset();
		const started = performance.now();
		const result = await runNode(helper, { parameters, credential, inputItems });
		const ms = performance.now() - started;
		if (result.error) throw result.error;
		const requests = Object.entries(sandbox.control.stats().requests)
			.filter(([key]) => !key.includes('/oauth2/'))
			.map(
				([key, byStatus]) =>
					`${key.replace(/\/v2\.0\/[^/]+\/production\/api\/v2\.0\/companies\([^)]+\)/, '…')} ×${Object.values(byStatus).reduce((a, b) => a + b, 0)}`,
			);
		return { items: result.items, ms, requests };
	};
	const create = async (entitySet: string, body: IDataObject) =>
		(
			await run({
				resource: 'record',
				operation: 'create',
				company,
				entitySet: { __rl: true, mode: 'name', value: entitySet },
				bodyMode: 'json',
				jsonBody: JSON.stringify(body),
			})
		).items[0].json;
	const action = (entitySet: string, id: unknown, name: string) =>
		run({
			resource: 'record',
			operation: 'runAction',
			company,
			entitySet: { __rl: true, mode: 'name', value: entitySet },
			recordId: String(id),
			action: { __rl: true, mode: 'name', value: name },
		});
	await run({ resource: 'company', operation: 'getAll', returnAll: true }); // token
	const lines = [{ lineObjectNumber: '1896-S', quantity: 2 }];
	const rows: string[] = [];
	const measure = async (label: string, entitySet: string, id: unknown, name: string) => {
		const { ms, requests } = await action(entitySet, id, name);
		rows.push(`${label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms  ${requests.join(', ')}`);
	};
	const invoice = await create('salesInvoices', { customerNumber: '10000', salesInvoiceLines: lines });
	await measure('salesInvoices post', 'salesInvoices', invoice.id, 'post');
	await measure('salesInvoices makeCorrectiveCreditMemo', 'salesInvoices', invoice.id, 'makeCorrectiveCreditMemo');
	const order = await create('salesOrders', { customerNumber: '20000', salesOrderLines: lines });
	await measure('salesOrders shipAndInvoice', 'salesOrders', order.id, 'shipAndInvoice');
	const quote = await create('salesQuotes', { customerNumber: '30000', salesQuoteLines: lines });
	await measure('salesQuotes makeInvoice', 'salesQuotes', quote.id, 'makeInvoice');
	const purchase = await create('purchaseOrders', { vendorNumber: '10000', purchaseOrderLines: lines });
	await measure('purchaseOrders receiveAndInvoice', 'purchaseOrders', purchase.id, 'receiveAndInvoice');
	const journal = await create('journals', { code: 'BENCH', displayName: 'Bench' });
	await create('journalLines', { journalId: journal.id, accountNumber: '10100', amount: 10, description: 'bench' });
	await measure('journals post', 'journals', journal.id, 'post');
	console.log('Run Action (Return the resulting document on):');
	for (const row of rows) console.log(`  ${row}`);

	const pdf = await run({
		resource: 'file',
		operation: 'downloadPdf',
		company,
		parentEntitySet: 'salesInvoices',
		parentRecordId: String(invoice.id),
	});
	console.log(
		`Download PDF: ${String(pdf.items[0].json.fileSize)} bytes in ${pdf.ms.toFixed(0)} ms (${pdf.requests.join(', ')})`,
	);
	const big = Buffer.alloc(10 * 1024 * 1024, 42);
	const up = await run(
		{
			resource: 'file',
			operation: 'uploadAttachment',
			company,
			parentEntitySet: 'customers',
			parentRecordId: String(invoice.customerId),
		},
		[
			{
				json: {},
				binary: { data: { data: big.toString('base64'), mimeType: 'application/octet-stream', fileName: 'big.bin' } },
			},
		],
	);
	const down = await run({
		resource: 'file',
		operation: 'downloadAttachment',
		company,
		attachmentId: String(up.items[0].json.id),
	});
	console.log(`Upload attachment 10 MB: ${up.ms.toFixed(0)} ms (${up.requests.join(', ')})`);
	console.log(`Download attachment 10 MB: ${down.ms.toFixed(0)} ms (${down.requests.join(', ')})`);
	await sandbox.stop();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
