/** The generated general ledger: deterministic, paged by entry number, and kept out of memory. */
import { largeLedgerPlugin } from '../../../sandbox/bc/plugins/large-ledger';
import { expectBcError, TestApi } from './api';

describe('large-ledger plugin', () => {
	it('serves 1,000,000 entries page by page, the same on every run, with small memory', async () => {
		const t = new TestApi({ plugins: [largeLedgerPlugin()] });
		const path = t.path('generalLedgerEntries');
		const heapBefore = process.memoryUsage().heapUsed;
		const first = await t.get(path, '$select=entryNumber,debitAmount', { prefer: 'odata.maxpagesize=1000' });
		expect(first.body.value).toHaveLength(1000);
		expect(first.body.value[0]).toEqual(expect.objectContaining({ entryNumber: 1 }));
		expect(first.body['@odata.nextLink']).toMatch(/\$skiptoken=1000&\$select=entryNumber,debitAmount$/);
		const again = await t.get(path, '$select=entryNumber,debitAmount', { prefer: 'odata.maxpagesize=1000' });
		expect(again.body.value).toEqual(first.body.value);
		const last = await t.follow(first.body['@odata.nextLink'].replace('skiptoken=1000', 'skiptoken=999500'), {
			prefer: 'odata.maxpagesize=1000',
		});
		expect(last.body.value).toHaveLength(500);
		expect(last.body.value.at(-1).entryNumber).toBe(1_000_000);
		expect(last.body['@odata.nextLink']).toBeUndefined();
		expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
	});

	it('answers $top without a next link, and refuses query options it cannot serve', async () => {
		const t = new TestApi({ plugins: [largeLedgerPlugin({ entries: 10 })] });
		const path = t.path('generalLedgerEntries');
		const top = await t.get(path, '$top=3');
		expect(top.body.value.map((e: { entryNumber: number }) => e.entryNumber)).toEqual([1, 2, 3]);
		expect(top.body['@odata.nextLink']).toBeUndefined();
		expectBcError(await t.get(path, '$filter=entryNumber gt 3'), 400, 'BadRequest', /does not support \$filter/);
		// Other companies keep their seeded ledger.
		const other = await t.get(t.path('generalLedgerEntries', 1), '$top=1');
		expect(other.body.value[0].description).not.toMatch(/^Generated/);
	});
});
