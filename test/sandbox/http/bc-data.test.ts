/**
 * The full sandbox (HTTP layer + real data layer from sandbox/bc) over HTTPS, following the README walkthrough:
 * token → companies → filtered page with `Prefer: odata.maxpagesize=2` and its nextLink → PATCH with If-Match → 409 with
 * the stale ETag → reset of the data. Also: start-up time and the info endpoint with real companies.
 */
import type { RunningSandbox } from '../../../sandbox/index';
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';

let sandbox: RunningSandbox;
let client: SandboxClient;
let auth: Record<string, string>;

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox());
	auth = { authorization: `Bearer ${await client.appToken()}` };
});
afterAll(() => stopTestSandbox(client));

it('starts with the real data layer and lists its companies in /sandbox/info', async () => {
	const info = (await client.request('/sandbox/info')).json();
	expect(info.companies.production.length).toBeGreaterThan(0);
	expect(info.companies.onprem.length).toBeGreaterThan(0);
});

it('walks through companies, paging, If-Match and a stale ETag', async () => {
	const companies = await client.request(`${client.apiRoot()}/companies`, { headers: auth });
	expect(companies.status).toBe(200);
	const companyId = companies.json().value[0].id;
	expect(companyId).toBe(sandbox.info.companies.production[0].id);

	const customers = `${client.apiRoot()}/companies(${companyId})/customers`;
	const page = await client.request(
		`${customers}?$filter=${encodeURIComponent("country eq 'US'")}&$select=id,number,displayName`,
		{
			headers: { ...auth, prefer: 'odata.maxpagesize=2' },
		},
	);
	expect(page.status).toBe(200);
	const first = page.json();
	expect(first.value).toHaveLength(2);
	expect(first['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v2\.0\/.+\$skiptoken=/);
	const second = (
		await client.request(first['@odata.nextLink'], { headers: { ...auth, prefer: 'odata.maxpagesize=2' } })
	).json();
	expect(second.value.length).toBeGreaterThan(0);
	expect(second.value[0].number).not.toBe(first.value[0].number);

	const customer = first.value[0];
	const staleEtag = customer['@odata.etag'];
	const patched = await client.request(`${customers}(${customer.id})`, {
		method: 'PATCH',
		headers: { ...auth, 'content-type': 'application/json', 'if-match': staleEtag },
		body: JSON.stringify({ displayName: 'Adatum Corporation (renamed)' }),
	});
	expect(patched.status).toBe(200);
	expect(patched.json().displayName).toBe('Adatum Corporation (renamed)');
	expect(patched.json()['@odata.etag']).not.toBe(staleEtag);

	const conflict = await client.request(`${customers}(${customer.id})`, {
		method: 'PATCH',
		headers: { ...auth, 'content-type': 'application/json', 'if-match': staleEtag },
		body: JSON.stringify({ displayName: 'Lost update' }),
	});
	expect(conflict.status).toBe(409);
	expect(conflict.json().error.code).toBe('Request_EntityChanged');
	expect(conflict.json().error.message).toMatch(
		new RegExp(`CorrelationId:  ${conflict.headers['ms-correlation-x']}\\.$`),
	);

	const stats = sandbox.control.stats();
	expect(stats.requests['PATCH /api/v2.0/companies({id})/customers({id})']).toEqual({ '200': 1, '409': 1 });

	// Reset with data: the rename is gone.
	await client.request('/sandbox/control/reset', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{"data":true}',
	});
	const after = (await client.request(`${customers}(${customer.id})`, { headers: auth })).json();
	expect(after.displayName).toBe(customer.displayName);
	expect(after['@odata.etag']).toBe(staleEtag);
});
