/**
 * `$batch` at the data layer: format, order and `id` echo, the 100-operation limit, stop at the first error,
 * `Prefer: odata.continue-on-error`, `Isolation: snapshot` rollback and the counters.
 */
import { batchPlugin } from '../../../sandbox/bc/plugins/batch';
import { expectBcError, TestApi, type Res } from './api';

const JSON_HEADERS = { 'content-type': 'application/json' };

function setup() {
	const plugin = batchPlugin();
	const t = new TestApi({ plugins: [plugin] });
	const customers = t.path('customers');
	const create = (id: string, displayName: unknown) => ({
		method: 'POST',
		id,
		url: customers,
		headers: JSON_HEADERS,
		body: { displayName },
	});
	const batch = (requests: unknown[], headers: Record<string, string> = {}): Promise<Res> =>
		t.call('POST', '$batch', { body: { requests }, headers: { ...JSON_HEADERS, ...headers } });
	const names = async () =>
		((await t.get(customers, '$select=displayName')).body.value as Array<{ displayName: string }>).map(
			(c) => c.displayName,
		);
	return { plugin, t, customers, create, batch, names };
}

describe('$batch', () => {
	it('runs each operation through the pipeline and answers in order with the ids echoed', async () => {
		const { plugin, t, customers, create, batch } = setup();
		const first = (await t.get(customers, '$top=1')).body.value[0];
		const res = await batch([
			create('a', 'Batch A'),
			{ method: 'GET', url: `${customers}(${first.id})?$select=number` },
			{
				method: 'PATCH',
				id: 'c',
				url: `${customers}(${first.id})`,
				headers: { ...JSON_HEADERS, 'If-Match': first['@odata.etag'] },
				body: { displayName: 'Renamed in batch' },
			},
		]);
		expect(res.status).toBe(200);
		const responses = res.body.responses;
		expect(responses.map((r: { id: unknown; status: number }) => [r.id, r.status])).toEqual([
			['a', 201],
			[null, 200],
			['c', 200],
		]);
		expect(responses[0].body.displayName).toBe('Batch A');
		expect(responses[0].body['@odata.etag']).toMatch(/^W\//);
		expect(responses[1].body).toEqual(expect.objectContaining({ number: first.number }));
		expect(responses[2].body.displayName).toBe('Renamed in batch');
		expect(plugin.stats()).toEqual({ batchRequests: 1, operations: 3, rolledBack: 0 });
	});

	it('refuses more than 100 operations with BC error and runs none', async () => {
		const { plugin, create, batch, names } = setup();
		const before = (await names()).length;
		const res = await batch(Array.from({ length: 101 }, (_, i) => create(String(i), `Too many ${i}`)));
		expectBcError(
			res,
			400,
			'Unknown',
			"The current batch message contains too many parts. A maximum number of '100' query operations and change sets are allowed in a batch message.",
		);
		expect((await names()).length).toBe(before);
		expect(plugin.stats().operations).toBe(0);
	});

	it('stops at the first failing operation by default; earlier ones stay', async () => {
		const { create, batch, names } = setup();
		const res = await batch([create('1', 'Stop 1'), create('2', 42), create('3', 'Stop 3')]);
		expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([201, 400]);
		expect(res.body.responses[1].body.error.code).toBeDefined();
		const all = await names();
		expect(all).toContain('Stop 1');
		expect(all).not.toContain('Stop 3');
	});

	it('runs every operation with Prefer: odata.continue-on-error', async () => {
		const { create, batch, names } = setup();
		const res = await batch([create('1', 'Go 1'), create('2', 42), create('3', 'Go 3')], {
			prefer: 'odata.continue-on-error',
		});
		expect(res.headers?.['preference-applied']).toBe('odata.continue-on-error');
		expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([201, 400, 201]);
		expect(await names()).toEqual(expect.arrayContaining(['Go 1', 'Go 3']));
	});

	it('reverts every change of an Isolation: snapshot batch when one operation fails', async () => {
		const { plugin, t, customers, create, batch, names } = setup();
		const first = (await t.get(customers, '$top=1')).body.value[0];
		const res = await batch(
			[
				create('1', 'Snap 1'),
				{
					method: 'PATCH',
					url: `${customers}(${first.id})`,
					headers: { ...JSON_HEADERS, 'if-match': first['@odata.etag'] },
					body: { displayName: 'Snap renamed' },
				},
				// BC refuses to delete a customer with open sales orders: the failing operation.
				{ method: 'DELETE', url: `${customers}(${first.id})`, headers: { 'if-match': '*' } },
			],
			{ isolation: 'snapshot' },
		);
		expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([201, 200, 400]);
		const all = await names();
		expect(all).not.toContain('Snap 1');
		expect(all).not.toContain('Snap renamed');
		expect((await t.get(`${customers}(${first.id})`)).body.displayName).toBe(first.displayName);
		expect(plugin.stats().rolledBack).toBe(1);
	});

	it('answers 400 for a body without requests', async () => {
		const { t } = setup();
		expectBcError(
			await t.call('POST', '$batch', { body: { nope: 1 }, headers: JSON_HEADERS }),
			400,
			'BadRequest',
			/"requests" array/,
		);
	});
});
