/**
 * Record → Create or Update through the real n8n engine: bulk reads of the matches, creates of the missing and
 * updates of the found through `$batch`, `operation: created | updated | unchanged`, and duplicate matches.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { batchSandboxPlugin } from '../../sandbox/batch/plugin';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;
const batch = batchSandboxPlugin();

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup({ plugins: [batch] }));
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	sandbox.control.reset();
	batch.resetStats();
});

const upsert = (extra: INodeParameters = {}): INodeParameters =>
	customerParameters(companyId, 'upsert', {
		matchFields: ['number'],
		bodyMode: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		...extra,
	});

async function customersByNumber(prefix: string): Promise<Map<string, IDataObject>> {
	const { items } = await runNode(helper, {
		parameters: customerParameters(companyId, 'getAll', {
			returnAll: true,
			options: { filter: `startswith(number,'${prefix}')` },
		}),
		credential,
	});
	return new Map(items.map((i) => [String(i.json.number), i.json]));
}

describe('Create or Update', () => {
	it('creates the missing and updates the present, with one read and $batch writes', async () => {
		const seed = Array.from({ length: 100 }, (_, i) => ({
			number: `UP${String(i).padStart(4, '0')}`,
			displayName: `Old ${i}`,
		}));
		const first = await runNode(helper, { parameters: upsert(), credential, items: seed.slice(0, 50) });
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json.operation)).toEqual(Array(50).fill('created'));
		sandbox.control.reset();
		batch.resetStats();
		const input = seed.map((row, i) => ({ ...row, displayName: `New ${i}` }));
		const { items, error } = await runNode(helper, { parameters: upsert(), credential, items: input });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.operation)).toEqual([...Array(50).fill('updated'), ...Array(50).fill('created')]);
		expect(items.map((i) => i.json.displayName)).toEqual(input.map((r) => r.displayName));
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
		expect(requestCount(sandbox, 'GET', '/customers')).toBe(1);
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(1);
		expect(batch.stats().operations).toBe(100);
		const stored = await customersByNumber('UP');
		expect(stored.size).toBe(100);
		expect(stored.get('UP0007')?.displayName).toBe('New 7');
	});

	it('splits the match reads so that no URL passes the limit (600 items, long keys)', async () => {
		const input = Array.from({ length: 600 }, (_, i) => ({
			number: `UPL${String(i).padStart(16, '0')}`,
			displayName: `Long ${i}`,
		}));
		const { items, error } = await runNode(helper, { parameters: upsert(), credential, items: input });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.operation)).toEqual(Array(600).fill('created'));
		expect(requestCount(sandbox, 'GET', '/customers')).toBeGreaterThan(1);
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(6);
	});

	it('reports unchanged records with Skip Unchanged and sends nothing for them', async () => {
		await runNode(helper, { parameters: upsert(), credential, items: [{ number: 'UPS1', displayName: 'Same' }] });
		sandbox.control.reset();
		const { items } = await runNode(helper, {
			parameters: upsert({ upsertOptions: { skipUnchanged: true } }),
			credential,
			items: [
				{ number: 'UPS1', displayName: 'Same' },
				{ number: 'UPS2', displayName: 'Brand new' },
			],
		});
		expect(items.map((i) => i.json.operation)).toEqual(['unchanged', 'created']);
		expect(requestCount(sandbox, 'PATCH', '/customers')).toBe(0);
	});

	it('fails an item whose key matches two records, naming both ids', async () => {
		const made = await runNode(helper, {
			parameters: customerParameters(companyId, 'create', {
				bodyMode: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
			}),
			credential,
			items: [
				{ displayName: 'Twin', phoneNumber: '555-0199' },
				{ displayName: 'Twin', phoneNumber: '555-0199' },
			],
		});
		const ids = made.items.map((i) => String(i.json.id));
		const { items } = await runNode(helper, {
			parameters: upsert({ matchFields: ['displayName', 'phoneNumber'] }),
			credential,
			items: [{ displayName: 'Twin', phoneNumber: '555-0199', email: 'twin@example.com' }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toMatch(
			/^Create or Update: 2 records match displayName = "Twin", phoneNumber = "555-0199" \(ids /,
		);
		for (const id of ids) expect(items[0].json.error).toContain(id);
		expect(items[0].json.details).toEqual(expect.objectContaining({ outcome: 'not-applied' }));
	});

	it('refuses an item without a value for a match field before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: upsert(),
			credential,
			items: [{ displayName: 'No number' }],
		});
		expect(error?.message).toBe("Match On: the item's body has no value for 'number'");
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});
});
