/**
 * Operational limits (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online), fault injection (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting), counters, request log, reset and runtime settings,
 * over HTTPS through the control endpoint and RunningSandbox.control.
 */
import type { RunningSandbox } from '../../../sandbox/index';
import { startTestSandbox, stopTestSandbox, type HttpResult, type SandboxClient } from './client';
import { createEchoBcApi, type EchoBcApi } from './stub-bc-api';

let sandbox: RunningSandbox;
let client: SandboxClient;
let bcApi: EchoBcApi;
let token: string;

const customersPath = () => `${client.apiRoot()}/companies(11111111-2222-3333-4444-555555555555)/customers`;
const get = (url = customersPath(), authorization = `Bearer ${token}`) =>
	client.request(url, { headers: { authorization } });
const patchSettings = (body: unknown) =>
	client.request('/sandbox/control/settings', {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
const resetControl = (body: unknown = {}) =>
	client.request('/sandbox/control/reset', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});

beforeAll(async () => {
	bcApi = createEchoBcApi();
	({ sandbox, client } = await startTestSandbox({ bcApi }));
	token = await client.appToken();
});
afterAll(() => stopTestSandbox(client));
beforeEach(async () => {
	await patchSettings({
		limits: {
			maxConcurrentRequests: 5,
			maxQueueSize: 95,
			requestsPerWindow: 6000,
			windowSeconds: 300,
			retryAfterOn429: true,
		},
		latencyMs: 0,
		faults: {},
	});
	await resetControl();
});

function expectBcError(response: HttpResult, status: number, code: string): void {
	expect(response.status).toBe(status);
	const body = response.json();
	expect(body.error.code).toBe(code);
	expect(body.error.message).toMatch(new RegExp(`  CorrelationId:  ${response.headers['ms-correlation-x']}\\.$`));
}

describe('limits per principal', () => {
	it('processes at most 5 at once, queues 95 and answers the rest 429 with Retry-After', async () => {
		// Open 120 keep-alive TLS connections first so the burst below arrives at once.
		await Promise.all(Array.from({ length: 120 }, () => client.request('/sandbox/info')));
		await patchSettings({ latencyMs: 100 });
		const responses = await Promise.all(Array.from({ length: 120 }, () => get()));
		const ok = responses.filter((r) => r.status === 200);
		const throttled = responses.filter((r) => r.status === 429);
		expect(ok.length + throttled.length).toBe(120);
		expect(ok.length).toBeGreaterThanOrEqual(100);
		expect(throttled.length).toBeGreaterThan(0);
		for (const response of throttled) {
			expectBcError(response, 429, 'Application_TooManyRequests');
			expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		}
		const stats = sandbox.control.stats();
		expect(stats.peakConcurrency[sandbox.info.app.clientId]).toBe(5);
		// 5 processing + 95 queued = 100 in BC at once; the rest were refused.
		expect(stats.peakInFlight[sandbox.info.app.clientId]).toBe(100);
		expect(stats.throttled).toBe(throttled.length);
	});

	it('limits requests per sliding window (set at runtime), per principal; the token endpoint is not limited', async () => {
		const updated = await patchSettings({ limits: { requestsPerWindow: 3, windowSeconds: 60 } });
		expect(updated.json().limits).toMatchObject({ requestsPerWindow: 3, windowSeconds: 60, maxConcurrentRequests: 5 });
		for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
		const fourth = await get();
		expectBcError(fourth, 429, 'Application_TooManyRequests');
		const retryAfter = Number(fourth.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(58);
		expect(retryAfter).toBeLessThanOrEqual(60);
		// Another principal (on-prem user) has its own window.
		const onPrem = `Basic ${Buffer.from(`${sandbox.info.onPrem.userName}:${sandbox.info.onPrem.accessKey}`).toString('base64')}`;
		expect((await get(`${sandbox.info.onPrem.baseUrl}/api/v2.0/companies`, onPrem)).status).toBe(200);
		for (let i = 0; i < 5; i++)
			expect(
				(
					await client.postForm(sandbox.info.tokenEndpoint, {
						grant_type: 'client_credentials',
						client_id: sandbox.info.app.clientId,
						client_secret: sandbox.info.app.clientSecret,
						scope: sandbox.info.scope,
					})
				).status,
			).toBe(200);
		// Clients must cope without Retry-After on 429 (BC documents it only for 503): the sandbox can leave it out.
		await patchSettings({ limits: { retryAfterOn429: false } });
		const withoutRetryAfter = await get();
		expect(withoutRetryAfter.status).toBe(429);
		expect(withoutRetryAfter.headers['retry-after']).toBeUndefined();
		// A reset forgets the window.
		await resetControl();
		expect((await get()).status).toBe(200);
	});

	it('adds the configured latency to BC requests', async () => {
		await patchSettings({ latencyMs: 150 });
		const started = Date.now();
		await get();
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
		expect(sandbox.control.log(1)[0].ms).toBeGreaterThanOrEqual(150);
	});
});

describe('fault injection', () => {
	it('answers 503 with Retry-After', async () => {
		await patchSettings({ faults: { serviceUnavailable: 1, retryAfterSeconds: 7 } });
		const response = await get();
		expectBcError(response, 503, 'Internal_ServiceUnavailable');
		expect(response.headers['retry-after']).toBe('7');
	});

	it('answers 504', async () => {
		await patchSettings({ faults: { gatewayTimeout: 1 } });
		expectBcError(await get(), 504, 'Internal_GatewayTimeout');
	});

	it('drops the connection', async () => {
		await patchSettings({ faults: { dropConnection: 1 } });
		await expect(get()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ECONNABORTED|EPIPE/) });
		expect(sandbox.control.stats().faulted).toBe(1);
		expect(Object.values(sandbox.control.stats().requests)[0]).toEqual({ dropped: 1 });
	});

	it('is deterministic for a seed and leaves Entra alone', async () => {
		const run = async () => {
			await patchSettings({ faults: { serviceUnavailable: 0.3, gatewayTimeout: 0.2, seed: 42 } });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++) statuses.push((await get()).status);
			return statuses;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(new Set(first)).toEqual(new Set([200, 503, 504]));
		expect(
			(
				await client.postForm(sandbox.info.tokenEndpoint, {
					grant_type: 'client_credentials',
					client_id: sandbox.info.app.clientId,
					client_secret: sandbox.info.app.clientSecret,
					scope: sandbox.info.scope,
				})
			).status,
		).toBe(200);
	});
});

describe('stats, log, reset, settings', () => {
	it('counts requests by method + route template and status, token requests by client, and not the control endpoint', async () => {
		await get();
		await get(`${customersPath()}?$top=1`);
		await get(customersPath(), 'Bearer nope');
		await client.request(
			`${client.apiRoot()}/companies(11111111-2222-3333-4444-555555555555)/customers(22222222-2222-3333-4444-555555555555)`,
			{
				method: 'PATCH',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '*' },
				body: '{}',
			},
		);
		await client.appToken();
		await client.request('/sandbox/control/stats');
		const stats = (await client.request('/sandbox/control/stats')).json();
		expect(stats).toEqual({
			totalRequests: 5,
			requests: {
				'GET /api/v2.0/companies({id})/customers': { '200': 2, '401': 1 },
				'PATCH /api/v2.0/companies({id})/customers({id})': { '200': 1 },
				'POST /:tenant/oauth2/v2.0/token': { '200': 1 },
			},
			tokenRequests: { [sandbox.info.app.clientId]: 1 },
			peakConcurrency: { [sandbox.info.app.clientId]: 1 },
			peakInFlight: { [sandbox.info.app.clientId]: 1 },
			throttled: 0,
			faulted: 0,
		});
		expect(sandbox.control.stats()).toEqual(stats);
	});

	it('logs requests without tokens or query secrets', async () => {
		await get(`${customersPath()}?$top=1&access_token=SECRET-IN-QUERY`);
		await client.appToken();
		const log = (await client.request('/sandbox/control/log?limit=10')).json().value;
		expect(log).toHaveLength(2);
		expect(log[0]).toMatchObject({
			method: 'GET',
			status: 200,
			principal: sandbox.info.app.clientId,
			path: expect.stringContaining('access_token=***'),
		});
		expect(log[0].ms).toEqual(expect.any(Number));
		expect(new Date(log[0].time).getTime()).toBeGreaterThan(Date.now() - 60000);
		const text = JSON.stringify(log);
		expect(text).not.toContain('SECRET-IN-QUERY');
		expect(text).not.toContain(token);
		expect(text).not.toContain(sandbox.info.app.clientSecret);
		expect((await client.request('/sandbox/control/log?limit=1')).json().value).toHaveLength(1);
		expect((await client.request('/sandbox/control/log?limit=x')).status).toBe(400);
	});

	it('resets counters only by default and BC data with {"data":true}', async () => {
		await get();
		const resetsBefore = bcApi.resets;
		expect((await resetControl()).json()).toEqual({ reset: ['counters', 'log'] });
		expect(bcApi.resets).toBe(resetsBefore);
		expect(sandbox.control.stats().totalRequests).toBe(0);
		expect(sandbox.control.log()).toEqual([]);
		expect((await resetControl({ data: true })).json()).toEqual({ reset: ['counters', 'log', 'data'] });
		expect(bcApi.resets).toBe(resetsBefore + 1);
		sandbox.control.reset({ data: true });
		expect(bcApi.resets).toBe(resetsBefore + 2);
	});

	it('validates settings and names the field', async () => {
		const bad = await patchSettings({ limits: { maxQueueSize: -1 } });
		expect(bad.status).toBe(400);
		expect(bad.json().error).toContain('limits.maxQueueSize');
		expect((await patchSettings({ faults: { dropConnection: 2 } })).json().error).toContain('faults.dropConnection');
		expect((await patchSettings({ latency: 5 })).json().error).toContain("unknown setting 'latency'");
		expect(() => sandbox.control.updateSettings({ latencyMs: -5 })).toThrow('latencyMs');
		expect(sandbox.control.updateSettings({ latencyMs: 0 }).latencyMs).toBe(0);
	});

	it('refuses bad start options before listening, naming the option', async () => {
		const { startSandbox } = await import('../../../sandbox/index');
		await expect(startSandbox({ port: 0, bcApi, accessTokenLifetimeSeconds: 0 })).rejects.toThrow(
			'accessTokenLifetimeSeconds must be a whole number',
		);
		await expect(startSandbox({ port: 70000, bcApi })).rejects.toThrow('port must be 0..65535');
		await expect(startSandbox({ port: 0, bcApi, limits: { maxConcurrentRequests: 0 } })).rejects.toThrow(
			'limits.maxConcurrentRequests must be >= 1',
		);
	});

	it('serves /sandbox/info equal to RunningSandbox.info', async () => {
		expect((await client.request('/sandbox/info')).json()).toEqual(sandbox.info);
	});
});
