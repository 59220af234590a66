/**
 * Reads of any size with Get Many: Return All stops with a clear error before n8n's engine would overflow its stack,
 * and Output "One Item per Page" with Continue From reads a large ledger page by page.
 */
import type { INodeParameters } from 'n8n-workflow';

import { largeLedgerPlugin } from '../../sandbox/bc/plugins/large-ledger';
import { maxRecordsPerItem } from '../../nodes/BusinessCentral/actions/shared/pages';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup({
		plugins: [largeLedgerPlugin({ entries: 1_000_000 })],
	}));
});
afterAll(async () => sandbox.stop());

const ledger = (extra: INodeParameters): INodeParameters =>
	customerParameters(companyId, 'getAll', {
		entitySet: { __rl: true, mode: 'list', value: 'generalLedgerEntries' },
		...extra,
	});

describe('Return All', () => {
	it('stops with a clear error naming the page-by-page alternative once a read passes what n8n can output', async () => {
		const ceiling = maxRecordsPerItem();
		// Node's default stack: ~125,000 spread arguments, 95 % of that.
		expect(ceiling).toBeGreaterThan(50_000);
		expect(ceiling).toBeLessThan(1_000_000);
		// n8n's RoutingNode would spread these records into one call: more than the ceiling throws a RangeError.
		expect(() => [].push(...(new Array(Math.ceil(ceiling / 0.95) + 50_000) as never[]))).toThrow(RangeError);
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			parameters: ledger({ returnAll: true, options: { select: 'entryNumber', pageSize: 20_000 } }),
			credential,
		});
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/^Return All stopped after [\d,]+ records: one input item can output at most/);
		expect(error?.description).toMatch(/Output to 'One Item per Page'.*Continue From/);
		// It stopped reading at the first page past the ceiling, not at the end of the 1,000,000 entries.
		expect(requestCount(sandbox, 'GET', '/generalLedgerEntries')).toBe(Math.floor(ceiling / 20_000) + 1);
	});
});

describe('Output: One Item per Page', () => {
	it('reads one page per run and continues from its nextLink', async () => {
		const page = async (continueFrom: string) => {
			const { items, error } = await runNode(helper, {
				parameters: ledger({ output: 'pages', continueFrom, options: { pageSize: 400, select: 'entryNumber' } }),
				credential,
				items: [{ link: continueFrom }],
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			return items[0].json as { records: Array<{ entryNumber: number }>; recordCount: number; nextLink: string | null };
		};
		const first = await page('');
		expect(first.recordCount).toBe(400);
		expect(first.records[0].entryNumber).toBe(1);
		expect(first.nextLink).toMatch(/generalLedgerEntries\?aid=FIN&\$skiptoken=400/);
		const second = await page(first.nextLink!);
		expect(second.records.map((r) => r.entryNumber)).toEqual(Array.from({ length: 400 }, (_, i) => 401 + i));
		const last = await page(first.nextLink!.replace('skiptoken=400', 'skiptoken=999800'));
		expect(last.recordCount).toBe(200);
		expect(last.nextLink).toBeNull();
	});

	it('refuses a continuation that is not a link of this environment, before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: ledger({ output: 'pages', continueFrom: 'https://evil.example/api/v2.0/companies' }),
			credential,
		});
		expect(error?.message).toBe('Continue From (Next Link): not a next-page link of this environment');
		expect(requestCount(sandbox, 'GET', '/generalLedgerEntries')).toBe(0);
	});
});
