/**
 * The sandbox plug-in point (sandbox/plugins.ts) over real HTTPS: a tiny plugin adds a BC API route that dispatches
 * inner requests (a miniature `$batch`), an entity behaviour, a plain HTTP route and a record-change listener.
 */
import type { RecordChange, SandboxPlugin } from '../../../sandbox/index';
import { BcRequestError } from '../../../sandbox/bc/request-error';
import { createEchoBcApi } from './stub-bc-api';
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';

const changes: RecordChange[] = [];

/** A miniature JSON `$batch`: `{"requests":[{id,method,url,headers?,body?}]}` → `{"responses":[{id,status,body}]}`. */
const probe: SandboxPlugin = {
	name: 'probe',
	routes: [
		{
			name: 'mini-batch',
			match: (ctx) => ctx.segments.length === 1 && ctx.segments[0].name === '$batch',
			async handle(ctx) {
				if (ctx.request.method !== 'POST') throw new BcRequestError(405, 'BadRequest_MethodNotAllowed', 'POST only');
				const { requests } = ctx.request.body as {
					requests: Array<{
						id: string;
						method: string;
						url: string;
						headers?: Record<string, string>;
						body?: unknown;
					}>;
				};
				const responses = [];
				for (const r of requests) {
					const answer = await ctx.dispatch(r);
					responses.push({ id: r.id, status: answer.status, body: answer.body });
				}
				return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses } };
			},
		},
	],
	behaviours: [
		{
			route: 'v2.0',
			entitySet: 'customers',
			behaviour: {
				beforeInsert(_ctx, row, provided) {
					if (!provided.has('website')) row.website = 'https://plugin.example';
				},
			},
		},
	],
	onChange: (change) => changes.push(change),
	http: async (app, context) => {
		app.get('/sandbox/plugins/probe/changes', async () => ({
			authorityHost: context.info().authorityHost,
			environments: context.bcApi.environments(),
			value: changes,
		}));
	},
};

let client: SandboxClient;
let auth: Record<string, string>;
let root: string;
let companyId: string;

beforeAll(async () => {
	({ client } = await startTestSandbox({ plugins: [probe] }));
	auth = { authorization: `Bearer ${await client.appToken()}`, 'content-type': 'application/json' };
	root = client.apiRoot('production');
	companyId = (await client.request(`${root}/companies`, { headers: auth })).json().value[0].id;
});
afterAll(() => stopTestSandbox(client));
beforeEach(() => {
	changes.length = 0;
	client.sandbox.control.reset();
});

const batch = (requests: unknown[]) =>
	client.request(`${root}/$batch`, { method: 'POST', headers: auth, body: JSON.stringify({ requests }) });

describe('sandbox plugins', () => {
	it('serve BC routes that dispatch inner requests through the pipeline, with behaviours and counters', async () => {
		const res = await batch([
			{
				id: '1',
				method: 'POST',
				url: `companies(${companyId})/customers`,
				headers: { 'Content-Type': 'application/json' },
				body: { displayName: 'Plugin Customer' },
			},
			{ id: '2', method: 'GET', url: `companies(${companyId})/customers?$filter=displayName eq 'Plugin Customer'` },
			{ id: '3', method: 'GET', url: `companies(${companyId})/nothingHere` },
		]);
		expect(res.status).toBe(200);
		const [created, listed, missing] = res.json().responses;
		expect(created).toMatchObject({ id: '1', status: 201, body: { displayName: 'Plugin Customer' } });
		expect(created.body.website).toBe('https://plugin.example');
		expect(created.body.number).toMatch(/^C\d{5}$/); // the core plugin's number series still runs
		expect(listed.status).toBe(200);
		expect(listed.body.value.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
		expect(missing).toMatchObject({ status: 404, body: { error: { code: 'BadRequest_ResourceNotFound' } } });

		const stats = client.sandbox.control.stats();
		expect(stats.requests['POST /api/v2.0/$batch']).toEqual({ '200': 1 });
		expect(stats.requests['POST /api/v2.0/companies({id})/customers']).toEqual({ '201': 1 });
		expect(stats.requests['GET /api/v2.0/companies({id})/nothingHere']).toEqual({ '404': 1 });
		const inner = client.sandbox.control.log().filter((e) => e.path.includes('/customers'));
		expect(inner.map((e) => [e.method, e.principal, e.correlationId])).toEqual([
			['POST', client.sandbox.info.app.clientId, res.headers['ms-correlation-x']],
			['GET', client.sandbox.info.app.clientId, res.headers['ms-correlation-x']],
		]);
	});

	it('tell change listeners about every write, readable through a plugin HTTP route', async () => {
		const created = await client.request(`${root}/companies(${companyId})/customers`, {
			method: 'POST',
			headers: auth,
			body: JSON.stringify({ displayName: 'Listened To' }),
		});
		expect(created.status).toBe(201);
		const id = created.json().id;
		const deleted = await client.request(`${root}/companies(${companyId})/customers(${id})`, {
			method: 'DELETE',
			headers: { ...auth, 'if-match': '*' },
		});
		expect(deleted.status).toBe(204);

		const res = await client.request('/sandbox/plugins/probe/changes');
		expect(res.status).toBe(200);
		const body = res.json();
		expect(body.authorityHost).toBe(client.sandbox.baseUrl);
		expect(body.environments).toContain('production');
		expect(body.value.map((c: RecordChange) => [c.type, c.entitySet, c.id])).toEqual([
			['created', 'customers', id],
			['deleted', 'customers', id],
		]);
		expect(body.value[0]).toMatchObject({ environment: 'production', companyId, apiRoute: 'v2.0' });
		expect(body.value[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
		expect(res.headers['ms-correlation-x']).toBeDefined();
	});

	it('are refused when they cannot load', async () => {
		await expect(startTestSandbox({ plugins: [probe, { name: 'probe' }] })).rejects.toThrow(
			"two sandbox plugins are named 'probe'",
		);
		await expect(startTestSandbox({ bcApi: createEchoBcApi(), plugins: [probe] })).rejects.toThrow(
			"plugin 'probe' adds BC routes, behaviours, derived sets or change listeners",
		);
	});
});
