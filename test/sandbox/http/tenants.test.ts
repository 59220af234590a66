/**
 * The customer tenant (Fabrikam): consent per app (AADSTS700016 until admin consent), the admin-consent endpoint
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent), BC's per-tenant Microsoft Entra
 * Applications page, the tenant's own environments and companies, and BC refusing a token on another tenant's URL.
 */
import { decodeJwt } from 'jose';
import type { RunningSandbox } from '../../../sandbox/index';
import { fixture, startTestSandbox, stopTestSandbox, type SandboxClient } from './client';

type ErrorFixture = Record<string, { status: number; body: Record<string, unknown> }>;
const realErrors = fixture<ErrorFixture>('entra-token-errors.json');

let sandbox: RunningSandbox;
let client: SandboxClient;

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox());
});
afterAll(() => stopTestSandbox(client));
beforeEach(() => sandbox.control.reset({ data: true }));

const fabrikam = () => sandbox.info.customerTenants[0];
const tokenEndpoint = (tenant: string) => `${sandbox.baseUrl}/${tenant}/oauth2/v2.0/token`;

function tokenRequest(tenant: string, clientId = sandbox.info.app.clientId, secret = sandbox.info.app.clientSecret) {
	return client.postForm(tokenEndpoint(tenant), {
		grant_type: 'client_credentials',
		client_id: clientId,
		client_secret: secret,
		scope: sandbox.info.scope,
	});
}

async function tokenIn(tenant: string): Promise<string> {
	const response = await tokenRequest(tenant);
	if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${response.text}`);
	return response.json().access_token;
}

const companiesUrl = (tenant: string | undefined, environment = 'production') =>
	`${sandbox.info.apiBaseUrl}${tenant ? `/${tenant}` : ''}/${environment}/api/v2.0/companies`;

describe('customer tenant data', () => {
	it('has its own ids, environment and companies (info and control API)', async () => {
		const t = fabrikam();
		expect(t).toMatchObject({
			tenantId: '3c9e7b21-6d4a-4f8e-b1c5-0a9d8e7f6c54',
			tenantDomain: 'fabrikam-demo.onmicrosoft.com',
			environments: ['production'],
		});
		expect(t.companies.production.map((c) => c.name).sort()).toEqual(['Fabrikam Canada Ltd.', 'Fabrikam, Inc.']);
		const homeIds = sandbox.info.companies.production.map((c) => c.id);
		for (const company of t.companies.production) expect(homeIds).not.toContain(company.id);
		expect(t.adminConsentUrl).toBe(
			`${sandbox.baseUrl}/${t.tenantId}/adminconsent?client_id=${sandbox.info.app.clientId}`,
		);
		const control = (await client.request('/sandbox/control/tenants')).json();
		expect(control.value).toEqual([
			{
				tenantId: t.tenantId,
				tenantDomain: t.tenantDomain,
				tenantName: 'Fabrikam Demo',
				environments: ['production'],
				apps: { [sandbox.info.app.clientId]: { consented: false, enabledInBusinessCentral: true } },
			},
		]);
	});
});

describe('consent', () => {
	it('without consent: 400 unauthorized_client AADSTS700016 with the real text, before the secret is checked', async () => {
		const response = await tokenRequest(fabrikam().tenantId, sandbox.info.app.clientId, 'not-the-secret');
		expect(response.status).toBe(400);
		const body = response.json();
		expect(Object.keys(body).sort()).toEqual(Object.keys(realErrors.unauthorized_client_AADSTS700016.body).sort());
		expect(body.error).toBe('unauthorized_client');
		expect(body.error_codes).toEqual([700016]);
		expect(body.error_description).toMatch(
			new RegExp(
				`^AADSTS700016: Application with identifier '${sandbox.info.app.clientId}' was not found in the directory '${fabrikam().tenantId}'\\. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant\\.`,
			),
		);
		expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
	});

	it('v1 admin consent: redirects with admin_consent=True, tenant and state; then tokens for the tenant work', async () => {
		const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
		const url = `${fabrikam().adminConsentUrl}&redirect_uri=${encodeURIComponent(redirectUri)}&state=s-42`;
		const consent = await client.request(url);
		expect(consent.status).toBe(302);
		const location = new URL(String(consent.headers.location));
		expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
		expect(Object.fromEntries(location.searchParams)).toEqual({
			admin_consent: 'True',
			tenant: fabrikam().tenantId,
			state: 's-42',
		});
		const claims = decodeJwt(await tokenIn(fabrikam().tenantDomain));
		expect(claims).toMatchObject({
			tid: fabrikam().tenantId,
			iss: `https://sts.windows.net/${fabrikam().tenantId}/`,
			appid: sandbox.info.app.clientId,
			idtyp: 'app',
		});
		// Another service principal than the home tenant's.
		expect(claims.oid).not.toBe(decodeJwt(await client.appToken()).oid);
	});

	it('v1 without redirect_uri returns to the first registered one; v2.0 needs redirect_uri and scope', async () => {
		const v1 = await client.request(fabrikam().adminConsentUrl);
		expect(v1.status).toBe(302);
		expect(String(v1.headers.location)).toMatch(
			/^http:\/\/localhost:5678\/rest\/oauth2-credential\/callback\?admin_consent=True&tenant=/,
		);
		const v2base = `${sandbox.baseUrl}/${fabrikam().tenantId}/v2.0/adminconsent?client_id=${sandbox.info.app.clientId}`;
		expect((await client.request(v2base)).text).toContain('AADSTS900144');
		const redirect = encodeURIComponent('http://localhost:5678/rest/oauth2-credential/callback');
		const noScope = await client.request(`${v2base}&redirect_uri=${redirect}&state=x`);
		expect(new URL(String(noScope.headers.location)).searchParams.get('error')).toBe('invalid_request');
		const ok = await client.request(
			`${v2base}&redirect_uri=${redirect}&scope=${encodeURIComponent(sandbox.info.scope)}&state=x`,
		);
		expect(Object.fromEntries(new URL(String(ok.headers.location)).searchParams)).toEqual({
			admin_consent: 'True',
			tenant: fabrikam().tenantId,
			scope: sandbox.info.scope,
			state: 'x',
		});
	});

	it('error pages without redirect: unknown tenant, single-tenant app, unregistered redirect URI', async () => {
		const nobody = await client.request(`${sandbox.baseUrl}/nobody.onmicrosoft.com/adminconsent?client_id=x`);
		expect(nobody.status).toBe(400);
		expect(nobody.text).toContain('AADSTS90002');
		const single = await client.request(
			`${sandbox.baseUrl}/${fabrikam().tenantId}/adminconsent?client_id=${sandbox.info.certificateApp.clientId}`,
		);
		expect(single.status).toBe(400);
		expect(single.text).toContain('AADSTS700016');
		const elsewhere = await client.request(
			`${fabrikam().adminConsentUrl}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
		);
		expect(elsewhere.status).toBe(400);
		expect(elsewhere.text).toContain('AADSTS50011');
		const states = (await client.request('/sandbox/control/tenants')).json().value[0].apps;
		expect(states[sandbox.info.app.clientId].consented).toBe(false);
	});

	it('control API: consent can be set and revoked; reset({data:true}) restores the configured state', async () => {
		const path = `/sandbox/control/tenants/${fabrikam().tenantDomain}/apps/${sandbox.info.app.clientId}`;
		const patch = (body: unknown) =>
			client.request(path, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		expect((await patch({ consented: true })).json()).toEqual({ consented: true, enabledInBusinessCentral: true });
		expect((await tokenRequest(fabrikam().tenantId)).status).toBe(200);
		expect((await patch({ consented: false })).json().consented).toBe(false);
		expect((await tokenRequest(fabrikam().tenantId)).status).toBe(400);
		const bad = await patch({ consented: 'yes' });
		expect(bad.status).toBe(400);
		expect(bad.json().error).toBe('consented must be true or false');
		expect((await patch({ consented: true })).status).toBe(200);
		sandbox.control.reset({ data: true });
		expect((await tokenRequest(fabrikam().tenantId)).status).toBe(400);
		const single = await client.request(
			`/sandbox/control/tenants/${fabrikam().tenantId}/apps/${sandbox.info.certificateApp.clientId}`,
			{ method: 'PATCH', body: '{"consented":true}' },
		);
		expect(single.status).toBe(400);
		expect(single.json().error).toMatch(/not a multi-tenant app/);
	});
});

describe('Business Central per tenant', () => {
	beforeEach(() =>
		sandbox.control.updateTenantApp(fabrikam().tenantId, sandbox.info.app.clientId, { consented: true }),
	);

	it("serves the tenant's own companies, by tenant id, domain or from the token; its environments only", async () => {
		const auth = { authorization: `Bearer ${await tokenIn(fabrikam().tenantId)}` };
		for (const tenant of [fabrikam().tenantId, fabrikam().tenantDomain, undefined]) {
			const response = await client.request(companiesUrl(tenant), { headers: auth });
			expect(response.status).toBe(200);
			expect(
				response
					.json()
					.value.map((c: { name: string }) => c.name)
					.sort(),
			).toEqual(['Fabrikam Canada Ltd.', 'Fabrikam, Inc.']);
		}
		const sandboxEnv = await client.request(companiesUrl(fabrikam().tenantId, 'sandbox'), { headers: auth });
		expect(sandboxEnv.status).toBe(404);
		expect(sandboxEnv.text).toContain('<code>NoEnvironment</code>');
	});

	it("refuses a token of tenant A on tenant B's URL, both ways (401 Authentication_InvalidCredentials)", async () => {
		const home = { authorization: `Bearer ${await client.appToken()}` };
		const customer = { authorization: `Bearer ${await tokenIn(fabrikam().tenantId)}` };
		for (const [url, headers] of [
			[companiesUrl(fabrikam().tenantId), home],
			[companiesUrl(fabrikam().tenantDomain), home],
			[companiesUrl(sandbox.info.tenantId), customer],
		] as const) {
			const response = await client.request(url, { headers });
			expect(response.status).toBe(401);
			expect(response.json().error.code).toBe('Authentication_InvalidCredentials');
		}
		expect((await client.request(companiesUrl(sandbox.info.tenantId), { headers: home })).status).toBe(200);
	});

	it('needs the app on the tenant\'s own "Microsoft Entra Applications" page', async () => {
		sandbox.control.updateTenantApp(fabrikam().tenantId, sandbox.info.app.clientId, {
			enabledInBusinessCentral: false,
		});
		const auth = { authorization: `Bearer ${await tokenIn(fabrikam().tenantId)}` };
		const refused = await client.request(companiesUrl(fabrikam().tenantId), { headers: auth });
		expect(refused.status).toBe(401);
		expect(refused.json().error.code).toBe('Authentication_InvalidCredentials');
		// The home tenant's page is another page: the app stays enabled there.
		const home = { authorization: `Bearer ${await client.appToken()}` };
		expect((await client.request(companiesUrl(sandbox.info.tenantId), { headers: home })).status).toBe(200);
	});

	it("the Admin Center API lists the customer tenant's environments for its token", async () => {
		const auth = { authorization: `Bearer ${await tokenIn(fabrikam().tenantId)}` };
		const response = await client.request('/admin/v2.24/applications/BusinessCentral/environments', {
			headers: auth,
		});
		expect(response.status).toBe(200);
		expect(response.json().value.map((e: { name: string; aadTenantId: string }) => [e.name, e.aadTenantId])).toEqual([
			['production', fabrikam().tenantId],
		]);
	});
});
