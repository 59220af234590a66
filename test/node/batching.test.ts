/**
 * Transparent `$batch` coalescing of Create, Update and Delete through the real n8n engine: items' writes go out as
 * `$batch` requests of up to 100 operations, each item keeps its own result or error, Transactional rolls back its
 * batch, throttled batches are resent, and a batch whose answer was lost marks its items `unknown` without resending.
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
afterEach(() => sandbox.control.updateSettings({ latencyMs: 0, faults: {} }));

const create = (extra: INodeParameters = {}): INodeParameters =>
	customerParameters(companyId, 'create', { bodyMode: 'json', jsonBody: '={{ JSON.stringify($json) }}', ...extra });

async function namesInBc(prefix: string): Promise<string[]> {
	const { items } = await runNode(helper, {
		parameters: customerParameters(companyId, 'getAll', {
			returnAll: true,
			options: { filter: `startswith(displayName,'${prefix}')`, select: 'displayName' },
		}),
		credential,
	});
	return items.map((i) => String(i.json.displayName));
}

const rows = (prefix: string, count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({ displayName: `${prefix} ${String(i).padStart(3, '0')}` }));

describe('Batching Auto', () => {
	it('sends 250 creates as 3 $batch requests and gives each item its own record, in order and paired', async () => {
		sandbox.control.updateSettings({ latencyMs: 5 });
		const input = rows('Bulk', 250);
		const { items, error } = await runNode(helper, { parameters: create(), credential, items: input });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(items.map((i) => i.json.displayName)).toEqual(input.map((r) => r.displayName));
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(input.map((_, i) => i));
		expect(items.every((i) => typeof i.json['@odata.etag'] === 'string' && typeof i.json.id === 'string')).toBe(true);
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(3);
		expect(batch.stats()).toEqual({ batchRequests: 3, operations: 250, rolledBack: 0 });
		expect(sandbox.control.stats().peakConcurrency[sandbox.info.app.clientId]).toBeLessThanOrEqual(3);
		expect((await namesInBc('Bulk ')).length).toBe(250);
	});

	it('fails a bad row alone, with its BC code and outcome, and saves the others', async () => {
		const input = rows('Mixed', 6);
		input[2] = { displayName: 'Mixed bad', number: '10000' };
		const { items } = await runNode(helper, { parameters: create(), credential, items: input, continueOnFail: true });
		expect(items).toHaveLength(6);
		expect(items[2].json.error).toMatch(/^[A-Za-z_]+: /);
		expect(items[2].json.details).toEqual(
			expect.objectContaining({
				outcome: 'not-applied',
				httpStatus: 409,
				bcErrorCode: 'Internal_EntityWithSameKeyExists',
				correlationId: expect.any(String),
			}),
		);
		expect(items[2].pairedItem).toEqual({ item: 2 });
		expect(items.filter((_, i) => i !== 2).every((i) => typeof i.json.id === 'string')).toBe(true);
		expect(await namesInBc('Mixed ')).toHaveLength(5);
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(1);
	});

	it('updates and deletes in batches with each record’s ETag', async () => {
		const { items: made } = await runNode(helper, { parameters: create(), credential, items: rows('Cycle', 4) });
		const updated = await runNode(helper, {
			parameters: customerParameters(companyId, 'update', {
				recordId: '={{ $json.id }}',
				bodyMode: 'json',
				jsonBody: '={{ JSON.stringify({ displayName: $json.displayName + " v2" }) }}',
				options: { ifMatch: '={{ $json["@odata.etag"] }}' },
			}),
			credential,
			items: made.map((i) => i.json),
		});
		expect(updated.error).toBeUndefined();
		expect(updated.items.map((i) => i.json.displayName)).toEqual(made.map((i) => `${String(i.json.displayName)} v2`));
		const deleted = await runNode(helper, {
			parameters: customerParameters(companyId, 'delete', { recordId: '={{ $json.id }}' }),
			credential,
			items: updated.items.map((i) => i.json),
		});
		expect(deleted.error).toBeUndefined();
		expect(deleted.items.map((i) => i.json.deleted)).toEqual([true, true, true, true]);
		expect(await namesInBc('Cycle ')).toEqual([]);
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(3);
	});

	it('resends a throttled $batch (503 with Retry-After): every row saved exactly once', async () => {
		sandbox.control.updateSettings({ faults: { serviceUnavailable: 0.5, seed: 3, retryAfterSeconds: 0 } });
		const input = rows('Throttled', 150);
		const { items, error } = await runNode(helper, { parameters: create(), credential, items: input });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.displayName)).toEqual(input.map((r) => r.displayName));
		sandbox.control.updateSettings({ faults: {} });
		expect(sandbox.control.stats().faulted).toBeGreaterThan(0);
		expect(batch.stats().operations).toBe(150);
		expect((await namesInBc('Throttled ')).sort()).toEqual(input.map((r) => r.displayName));
	});

	it('marks every item of a $batch whose answer was lost as unknown and never resends it', async () => {
		sandbox.control.updateSettings({
			faults: { lostAnswers: [{ methods: ['POST'], resources: ['$batch'], share: 1, outcome: 'gateway-timeout' }] },
		});
		const input = rows('Lost', 5);
		const { items } = await runNode(helper, { parameters: create(), credential, items: input, continueOnFail: true });
		sandbox.control.updateSettings({ faults: {} });
		expect(items).toHaveLength(5);
		for (const [i, item] of items.entries()) {
			expect(item.json.details).toEqual(expect.objectContaining({ outcome: 'unknown', httpStatus: 504 }));
			expect(item.pairedItem).toEqual({ item: i });
		}
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(1);
		// BC applied the batch once: no duplicates.
		expect((await namesInBc('Lost ')).sort()).toEqual(input.map((r) => r.displayName));
	});
});

describe('Batching Transactional', () => {
	it('rolls back the whole batch when one row fails and reports every item failed with the cause', async () => {
		const input = rows('Atomic', 5);
		input[3] = { displayName: 'Atomic bad', number: '10000' };
		const { items } = await runNode(helper, {
			parameters: create({ batchMode: 'transactional' }),
			credential,
			items: input,
			continueOnFail: true,
		});
		expect(items).toHaveLength(5);
		expect(items.every((i) => typeof i.json.error === 'string')).toBe(true);
		expect(items[0].json.error).toMatch(/^Rolled back: operation 4 of this transactional \$batch failed/);
		expect(items[0].json.details).toEqual(expect.objectContaining({ outcome: 'not-applied' }));
		expect(await namesInBc('Atomic ')).toEqual([]);
		expect(batch.stats().rolledBack).toBe(1);
	});
});

describe('Batching Off', () => {
	it('sends one request per item', async () => {
		const { items } = await runNode(helper, {
			parameters: create({ batchMode: 'off' }),
			credential,
			items: rows('Single', 3),
		});
		expect(items).toHaveLength(3);
		expect(requestCount(sandbox, 'POST', '$batch')).toBe(0);
		expect(requestCount(sandbox, 'POST', '/customers')).toBe(3);
	});
});
