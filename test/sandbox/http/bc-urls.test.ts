/**
 * BC API URL shapes and authentication over HTTPS (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/api-endpoint-structure, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-batch, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication): what reaches the data layer for
 * each URL form, on-prem Basic auth, every 401 case with BC's body and WWW-Authenticate, the XML NoEnvironment 404,
 * "Invalid Request Body", and the correlation id header matching the error message.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import type { RunningSandbox } from '../../../sandbox/index';
import { fixture, startTestSandbox, stopTestSandbox, type HttpResult, type SandboxClient } from './client';
import { createEchoBcApi, type EchoBcApi } from './stub-bc-api';

const realBcErrors = fixture<Record<string, { status: number; body: { error: { code: string; message: string } } }>>(
	'bc-errors-from-public-issues.json',
);
const CORRELATION = / {2}CorrelationId: {2}([0-9a-f-]{36})\.$/;

let sandbox: RunningSandbox;
let client: SandboxClient;
let bcApi: EchoBcApi;
let token: string;

beforeAll(async () => {
	bcApi = createEchoBcApi();
	({ sandbox, client } = await startTestSandbox({ bcApi }));
	token = await client.appToken();
});
afterAll(() => stopTestSandbox(client));

function get(url: string, authorization: string | null = `Bearer ${token}`): Promise<HttpResult> {
	return client.request(url, { headers: authorization ? { authorization } : {} });
}

function basic(user: string, key: string): string {
	return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
}

/** Signs a token with the sandbox's own key (or another) and arbitrary claims. */
async function craftToken(
	claims: Record<string, unknown>,
	options: { otherKey?: boolean; expiresIn?: number } = {},
): Promise<string> {
	const keyPem = options.otherKey
		? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
		: fs.readFileSync(path.join(path.dirname(sandbox.info.caCertPath), 'token-signing.key'), 'utf8');
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT({
		aud: 'https://api.businesscentral.dynamics.com',
		iss: `https://sts.windows.net/${sandbox.info.tenantId}/`,
		tid: sandbox.info.tenantId,
		appid: sandbox.info.app.clientId,
		oid: randomUUID(),
		idtyp: 'app',
		roles: ['API.ReadWrite.All'],
		ver: '1.0',
		...claims,
	})
		.setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
		.setIssuedAt(now - 7200)
		.setExpirationTime(now + (options.expiresIn ?? 3600))
		.sign(await importPKCS8(keyPem, 'RS256'));
}

/** Asserts BC's 401 exactly like the captured body, with the correlation id of the header. */
function expectUnauthorized(response: HttpResult, challenge: 'Bearer' | 'Basic'): void {
	expect(response.status).toBe(401);
	const body = response.json();
	const real = realBcErrors.Authentication_InvalidCredentials.body;
	expect(body.error.code).toBe(real.error.code);
	expect(body.error.message.replace(CORRELATION, '')).toBe(real.error.message.replace(CORRELATION, ''));
	expect(CORRELATION.exec(body.error.message)?.[1]).toBe(response.headers['ms-correlation-x']);
	expect(String(response.headers['www-authenticate'])).toMatch(new RegExp(`^${challenge} `));
}

describe('online URL shapes', () => {
	it('/v2.0/{tenantId}/{environment}/api/v2.0/... reaches the data layer with segments as sent', async () => {
		const url = `${client.apiRoot('production')}/companies(11111111-2222-3333-4444-555555555555)/customers?$filter=displayName%20eq%20%27A%20B%27&$top=2`;
		const response = await get(url);
		expect(response.status).toBe(200);
		expect(response.json().echo).toMatchObject({
			method: 'GET',
			environment: 'production',
			apiRoute: 'v2.0',
			resourcePath: 'companies(11111111-2222-3333-4444-555555555555)/customers',
			rawQuery: '$filter=displayName%20eq%20%27A%20B%27&$top=2',
			serviceRootUrl: client.apiRoot('production'),
			principal: { id: sandbox.info.app.clientId, kind: 'app' },
		});
		expect(response.json().echo.correlationId).toBe(response.headers['ms-correlation-x']);
	});

	it('accepts the tenant as verified domain and environments case-insensitively', async () => {
		const response = await get(`${sandbox.info.apiBaseUrl}/${sandbox.info.tenantDomain}/Sandbox/api/v2.0/companies`);
		expect(response.json().echo).toMatchObject({ environment: 'sandbox', resourcePath: 'companies' });
	});

	it('/v2.0/{environment}/api/... takes the tenant from the token', async () => {
		const response = await get(`${sandbox.info.apiBaseUrl}/production/api/v2.0/`);
		expect(response.json().echo).toMatchObject({
			environment: 'production',
			resourcePath: '',
			serviceRootUrl: `${sandbox.info.apiBaseUrl}/production/api/v2.0`,
		});
	});

	it('passes publisher/group/version API routes', async () => {
		const response = await get(
			`${client.apiRoot()}`.replace('/api/v2.0', '/api/microsoft/automation/v2.0/companies(1)/extensions'),
		);
		expect(response.json().echo).toMatchObject({
			apiRoute: 'microsoft/automation/v2.0',
			resourcePath: 'companies(1)/extensions',
		});
	});

	it('answers an unknown environment with the real XML NoEnvironment 404', async () => {
		const response = await get(`${sandbox.info.apiBaseUrl}/${sandbox.info.tenantId}/staging/api/v2.0/companies`);
		expect(response.status).toBe(404);
		expect(response.headers['content-type']).toContain('application/xml');
		expect(response.text).toContain('<code>NoEnvironment</code><message>Environment does not exist.</message>');
		const onPremAsOnline = await get(`${sandbox.info.apiBaseUrl}/${sandbox.info.tenantId}/onprem/api/v2.0/companies`);
		expect(onPremAsOnline.status).toBe(404);
	});

	it('answers a path without API route with BadRequest_NotFound', async () => {
		const response = await get(`${sandbox.info.apiBaseUrl}/${sandbox.info.tenantId}/production/odata/x`);
		expect(response.status).toBe(404);
		expect(response.json().error.code).toBe('BadRequest_NotFound');
	});
});

describe('online authentication (401 Authentication_InvalidCredentials)', () => {
	const customers = () => `${client.apiRoot()}/companies(1)/customers`;

	it('missing token', async () => expectUnauthorized(await get(customers(), null), 'Bearer'));
	it('malformed token', async () => expectUnauthorized(await get(customers(), 'Bearer abc.def'), 'Bearer'));
	it('Basic credentials online', async () =>
		expectUnauthorized(
			await get(customers(), basic(sandbox.info.onPrem.userName, sandbox.info.onPrem.accessKey)),
			'Bearer',
		));
	it('token signed by another key', async () =>
		expectUnauthorized(await get(customers(), `Bearer ${await craftToken({}, { otherKey: true })}`), 'Bearer'));
	it('token for another audience', async () =>
		expectUnauthorized(
			await get(customers(), `Bearer ${await craftToken({ aud: 'https://graph.microsoft.com' })}`),
			'Bearer',
		));
	it('expired token', async () =>
		expectUnauthorized(await get(customers(), `Bearer ${await craftToken({}, { expiresIn: -60 })}`), 'Bearer'));
	it('token from another tenant', async () => {
		const other = randomUUID();
		expectUnauthorized(
			await get(customers(), `Bearer ${await craftToken({ tid: other, iss: `https://sts.windows.net/${other}/` })}`),
			'Bearer',
		);
	});
	it('valid token, URL names another tenant', async () =>
		expectUnauthorized(await get(customers().replace(sandbox.info.tenantId, randomUUID())), 'Bearer'));
	it('valid token of an app that is not enabled in BC (disabledApp)', async () => {
		const disabled = await client.appToken(sandbox.info.disabledApp.clientId, sandbox.info.disabledApp.clientSecret);
		expectUnauthorized(await get(customers(), `Bearer ${disabled}`), 'Bearer');
	});
	it('a crafted valid token passes (the negative cases above are not vacuous)', async () => {
		expect((await get(customers(), `Bearer ${await craftToken({})}`)).status).toBe(200);
	});
});

describe('on-premises', () => {
	const onPremCustomers = () => `${sandbox.info.onPrem.baseUrl}/api/v2.0/companies(1)/customers`;

	it('accepts Basic with user name and web service access key', async () => {
		const response = await get(onPremCustomers(), basic(sandbox.info.onPrem.userName, sandbox.info.onPrem.accessKey));
		expect(response.status).toBe(200);
		expect(response.json().echo).toMatchObject({
			environment: 'onprem',
			serviceRootUrl: `${sandbox.info.onPrem.baseUrl}/api/v2.0`,
			principal: { id: sandbox.info.onPrem.userName, kind: 'basic' },
		});
	});
	it('rejects a wrong access key', async () =>
		expectUnauthorized(await get(onPremCustomers(), basic(sandbox.info.onPrem.userName, 'wrong')), 'Basic'));
	it('rejects Bearer tokens', async () => expectUnauthorized(await get(onPremCustomers()), 'Basic'));
	it('unknown server instance → NoEnvironment', async () => {
		const response = await get(
			`${sandbox.baseUrl}/BC250/api/v2.0/companies`,
			basic(sandbox.info.onPrem.userName, sandbox.info.onPrem.accessKey),
		);
		expect(response.status).toBe(404);
		expect(response.text).toContain('NoEnvironment');
	});
});

describe('request bodies', () => {
	it('passes JSON bodies parsed', async () => {
		const response = await client.request(`${client.apiRoot()}/companies(1)/customers`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ displayName: 'Ünïcode' }),
		});
		expect(response.json().echo.body).toEqual({ displayName: 'Ünïcode' });
	});

	it.each(['POST', 'PATCH'])('%s with a non-JSON body → 400 BadRequest "Invalid Request Body"', async (method) => {
		const response = await client.request(`${client.apiRoot()}/companies(1)/customers`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '*' },
			body: '{"displayName":',
		});
		expect(response.status).toBe(400);
		const body = response.json();
		expect(body.error.code).toBe('BadRequest');
		expect(body.error.message).toBe(`Invalid Request Body  CorrelationId:  ${response.headers['ms-correlation-x']}.`);
	});
});
