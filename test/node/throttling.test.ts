/**
 * The transport under load and faults: at most 8 requests in flight (the default) per credential and environment whatever the
 * item count, one token request for 200 items, recovery from 429 and 503, and no retry of writes BC may have processed.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_REQUESTS_IN_FLIGHT } from '../../core/constants';
import { clearTokenCache } from '../../credentials/shared/clientCredentialsToken';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;
let customerIds: string[];

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
	const { items } = await runNode(helper, { parameters: record('getAll', { returnAll: true }), credential });
	customerIds = items.map((i) => String(i.json.id));
});
afterAll(async () => sandbox.stop());
afterEach(() => {
	sandbox.control.updateSettings({
		latencyMs: 0,
		faults: {},
		limits: { maxConcurrentRequests: 5, maxQueueSize: 95, requestsPerWindow: 6000 },
	});
});

const record = (operation: string, extra?: INodeParameters): INodeParameters =>
	customerParameters(companyId, operation, extra);
const count = (method: string, pathPart: string): number => requestCount(sandbox, method, pathPart);

const appPrincipal = (): string => sandbox.info.app.clientId;

describe('200 items', () => {
	it('never have more than the default 8 requests in flight and need exactly one token request', async () => {
		clearTokenCache();
		sandbox.control.reset();
		// The sandbox would itself process only 5 at a time (BC's limit) and queue the rest, so its peak could never
		// exceed 5: lift its limit so the peak measures what the connector sends at once.
		// 50 ms per request, so that even a loaded machine has sent more than 5 before the first answers.
		sandbox.control.updateSettings({ latencyMs: 50, limits: { maxConcurrentRequests: 1000 } });
		const items = Array.from({ length: 200 }, (_, i) => ({ id: customerIds[i % customerIds.length] }));
		const { items: out, error } = await runNode(helper, {
			parameters: record('get', { recordId: '={{ $json.id }}', options: { select: 'id,displayName' } }),
			credential,
			items,
		});
		expect(error).toBeUndefined();
		expect(out).toHaveLength(200);
		expect(out.map((i) => (i.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		const stats = sandbox.control.stats();
		expect(count('GET', '/customers')).toBe(200);
		expect(stats.throttled).toBe(0);
		// At most 8 (the default limit); more than BC's 5, so the small queue at BC is there, and a limiter that
		// serialises everything fails too (a loaded machine may not keep all 8 slots busy at the same instant).
		expect(stats.peakConcurrency[appPrincipal()]).toBeLessThanOrEqual(DEFAULT_REQUESTS_IN_FLIGHT);
		expect(stats.peakConcurrency[appPrincipal()]).toBeGreaterThan(5);
		expect(stats.tokenRequests[appPrincipal()]).toBe(1);
		console.log(
			`200 items: peak concurrency ${stats.peakConcurrency[appPrincipal()]}, token requests ${stats.tokenRequests[appPrincipal()]}`,
		);
	});

	it('two executions at the same time share the default limit of 8', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ latencyMs: 15, limits: { maxConcurrentRequests: 1000 } });
		const run = () =>
			runNode(helper, {
				parameters: record('get', { recordId: '={{ $json.id }}' }),
				credential,
				items: Array.from({ length: 40 }, (_, i) => ({ id: customerIds[i % customerIds.length] })),
			});
		const [a, b] = await Promise.all([run(), run()]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(a.items.length + b.items.length).toBe(80);
		expect(sandbox.control.stats().peakConcurrency[appPrincipal()]).toBeLessThanOrEqual(DEFAULT_REQUESTS_IN_FLIGHT);
		expect(sandbox.control.stats().peakConcurrency[appPrincipal()]).toBeGreaterThanOrEqual(4);
	});

	it('Retry Options → Requests in Flight sets the limit: 2 keeps at most 2 in flight, 12 lets 12 go at once', async () => {
		const peakWith = async (maxInFlight: number | string) => {
			sandbox.control.reset();
			// 150 ms per request, so that even a loaded machine has sent more than 5 before the first answers.
			sandbox.control.updateSettings({ latencyMs: 150, limits: { maxConcurrentRequests: 1000 } });
			const { items: out, error } = await runNode(helper, {
				parameters: record('get', { recordId: '={{ $json.id }}', retryOptions: { maxInFlight } }),
				credential,
				items: Array.from({ length: 60 }, (_, i) => ({ id: customerIds[i % customerIds.length] })),
			});
			expect(error).toBeUndefined();
			expect(out).toHaveLength(60);
			return sandbox.control.stats().peakConcurrency[appPrincipal()];
		};
		expect(await peakWith(2)).toBeLessThanOrEqual(2);
		const twelve = await peakWith(12);
		// Above the default of 8 (so the setting is applied), at most 12; a loaded machine may not fill all 12 at once.
		expect(twelve).toBeGreaterThan(DEFAULT_REQUESTS_IN_FLIGHT);
		expect(twelve).toBeLessThanOrEqual(12);
		expect(await peakWith('={{ 3 }}' as never)).toBeLessThanOrEqual(3);
	});

	it('Requests in Flight outside 1-20 or not a number fails before any request, naming the option', async () => {
		for (const maxInFlight of [0, 21, 2.5, '={{ "abc" }}']) {
			sandbox.control.reset();
			const { error } = await runNode(helper, {
				parameters: record('get', { recordId: customerIds[0], retryOptions: { maxInFlight } }),
				credential,
			});
			expect(error?.message).toMatch(/Retry Options → Requests in Flight: .* is not a whole number from 1 to 20/);
			expect(count('GET', '/customers')).toBe(0);
		}
	});

	it('executions with different Requests in Flight share one limiter, each keeping its own limit', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ latencyMs: 15, limits: { maxConcurrentRequests: 1000 } });
		const run = (maxInFlight: number) =>
			runNode(helper, {
				parameters: record('get', { recordId: '={{ $json.id }}', retryOptions: { maxInFlight } }),
				credential,
				items: Array.from({ length: 40 }, (_, i) => ({ id: customerIds[i % customerIds.length] })),
			});
		const [a, b] = await Promise.all([run(2), run(4)]);
		expect(a.items.length + b.items.length).toBe(80);
		expect(sandbox.control.stats().peakConcurrency[appPrincipal()]).toBeLessThanOrEqual(4);
	});

	it('a second execution reuses the cached token (no token request)', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: record('getAll', { limit: 1 }),
			credential,
			items: [{}, {}, {}],
		});
		expect(error).toBeUndefined();
		expect(sandbox.control.stats().tokenRequests[appPrincipal()] ?? 0).toBe(0);
	});
});

describe('throttling and faults', () => {
	it('recovers from 429 (queue full) by honouring Retry-After, for reads and writes', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({
			latencyMs: 60,
			limits: { maxConcurrentRequests: 1, maxQueueSize: 1, queueFullRetryAfterSeconds: 1 },
		});
		const reads = await runNode(helper, {
			parameters: record('get', { recordId: '={{ $json.id }}' }),
			credential,
			items: customerIds.slice(0, 6).map((id) => ({ id })),
		});
		expect(reads.error).toBeUndefined();
		expect(reads.items).toHaveLength(6);
		const creates = await runNode(helper, {
			parameters: record('create', { jsonBody: '={{ JSON.stringify({ displayName: "Throttled " + $json.n }) }}' }),
			credential,
			items: [1, 2, 3, 4, 5].map((n) => ({ n })),
		});
		expect(creates.error).toBeUndefined();
		expect(creates.items.map((i) => i.json.displayName)).toEqual([1, 2, 3, 4, 5].map((n) => `Throttled ${n}`));
		const stats = sandbox.control.stats();
		expect(stats.throttled).toBeGreaterThan(0);
		// Every create was stored exactly once although some were answered 429 first.
		const { items: stored } = await runNode(helper, {
			parameters: record('getAll', {
				returnAll: true,
				conditions: {
					condition: [{ field: 'displayName', operator: 'startswith', value: 'Throttled ', valueType: 'string' }],
				},
			}),
			credential,
		});
		expect(stored).toHaveLength(5);
	}, 60_000);

	it('recovers from 503 with Retry-After', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ faults: { serviceUnavailable: 0.5, retryAfterSeconds: 1, seed: 3 } });
		const { items, error } = await runNode(helper, {
			parameters: record('get', { recordId: '={{ $json.id }}' }),
			credential,
			items: customerIds.slice(0, 8).map((id) => ({ id })),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(8);
		expect(sandbox.control.stats().faulted).toBeGreaterThan(0);
	}, 60_000);

	it('retries a read after a dropped connection, but never a write', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ faults: { dropConnection: 0.5, seed: 5 } });
		const reads = await runNode(helper, {
			parameters: record('get', { recordId: '={{ $json.id }}' }),
			credential,
			items: customerIds.slice(0, 6).map((id) => ({ id })),
		});
		expect(reads.error).toBeUndefined();
		expect(reads.items).toHaveLength(6);

		sandbox.control.reset();
		sandbox.control.updateSettings({ faults: { dropConnection: 1 } });
		const write = await runNode(helper, {
			parameters: record('create', { jsonBody: '{"displayName":"Dropped"}' }),
			credential,
		});
		expect(write.error?.message).toBe('The connection to Business Central failed');
		expect(write.error?.description).toMatch(/may or may not have been saved/);
		expect(count('POST', '/customers')).toBe(1);
	}, 60_000);

	it('does not retry a write after 504 (BC may have committed it)', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ faults: { gatewayTimeout: 1 } });
		const { error } = await runNode(helper, {
			parameters: record('create', { jsonBody: '{"displayName":"Timeout"}' }),
			credential,
		});
		expect(error?.httpCode).toBe('504');
		expect(count('POST', '/customers')).toBe(1);
	});

	it('fails fast when Retry-After exceeds Max Wait, and explains', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ faults: { serviceUnavailable: 1, retryAfterSeconds: 120 } });
		const started = Date.now();
		const { error } = await runNode(helper, {
			parameters: record('getAll', { limit: 1, retryOptions: { maxWaitSeconds: 5 } }),
			credential,
		});
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(error?.httpCode).toBe('503');
		expect(error?.description).toMatch(/asked to wait 120 s, longer than Max Wait \(5 s\)/);
	});

	it('gives up after Max Attempts on 429 with advice to spread the load', async () => {
		sandbox.control.reset();
		sandbox.control.updateSettings({ limits: { requestsPerWindow: 1 } });
		const { error } = await runNode(helper, {
			parameters: record('getAll', { limit: 1, retryOptions: { maxAttempts: 2, maxWaitSeconds: 2 } }),
			credential,
			items: [{}, {}],
		});
		expect(error?.httpCode).toBe('429');
		expect(error?.description).toMatch(/5 concurrent requests and 6,000 requests per 5 minutes/);
	}, 30_000);
});
