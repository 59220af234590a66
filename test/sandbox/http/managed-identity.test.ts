/**
 * The `managedIdentity` plugin over real HTTP: App Service's identity endpoint protocol (X-IDENTITY-HEADER,
 * api-version 2019-08-01, client_id), its answers and error bodies, tokens BC accepts for an enabled identity, and the
 * loopback-only rule for where it listens.
 */
import * as http from 'node:http';

import { decodeJwt } from 'jose';

import {
	MANAGED_IDENTITY_DEMO,
	managedIdentityPlugin,
	type ManagedIdentityPlugin,
} from '../../../sandbox/managed-identity/plugin';
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';

let client: SandboxClient;
let identity: ManagedIdentityPlugin;

beforeAll(async () => {
	identity = managedIdentityPlugin();
	({ client } = await startTestSandbox({ plugins: [identity] }));
});
afterAll(async () => stopTestSandbox(client));

/** GET on the identity endpoint (plain HTTP on loopback). */
function identityGet(
	query: Record<string, string>,
	header: string | null = identity.environment().IDENTITY_HEADER,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> {
	const url = new URL(identity.environment().IDENTITY_ENDPOINT);
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	return new Promise((resolve, reject) => {
		const req = http.get(url, { headers: header === null ? {} : { 'X-IDENTITY-HEADER': header } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: JSON.parse(Buffer.concat(chunks).toString()),
				}),
			);
		});
		req.on('error', reject);
	});
}

const BC = { resource: 'https://api.businesscentral.dynamics.com', 'api-version': '2019-08-01' };

it('listens on a loopback port with a random header, and describes itself at /sandbox/managed-identity', async () => {
	const env = identity.environment();
	expect(env.IDENTITY_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/msi\/token$/);
	expect(env.IDENTITY_HEADER).toMatch(/^[0-9a-f]{32}$/);
	const described = (await client.request('/sandbox/managed-identity')).json();
	expect(described.IDENTITY_ENDPOINT).toBe(env.IDENTITY_ENDPOINT);
	expect(described.systemAssigned.clientId).toBe(MANAGED_IDENTITY_DEMO.systemAssigned.clientId);
});

it("issues the system-assigned identity's token in App Service's shape, and BC accepts it", async () => {
	const answer = await identityGet(BC);
	expect(answer.status).toBe(200);
	expect(Object.keys(answer.body).sort()).toEqual([
		'access_token',
		'client_id',
		'expires_on',
		'resource',
		'token_type',
	]);
	expect(answer.body.client_id).toBe(MANAGED_IDENTITY_DEMO.systemAssigned.clientId);
	expect(answer.body.token_type).toBe('Bearer');
	expect(Number(answer.body.expires_on) - Date.now() / 1000).toBeGreaterThan(3500);
	const claims = decodeJwt(String(answer.body.access_token));
	expect(claims).toMatchObject({
		aud: 'https://api.businesscentral.dynamics.com',
		appid: MANAGED_IDENTITY_DEMO.systemAssigned.clientId,
		oid: MANAGED_IDENTITY_DEMO.systemAssigned.objectId,
		idtyp: 'app',
		roles: ['API.ReadWrite.All'],
		tid: client.sandbox.info.tenantId,
	});
	const companies = await client.request(`${client.apiRoot()}/companies`, {
		headers: { authorization: `Bearer ${String(answer.body.access_token)}` },
	});
	expect(companies.status).toBe(200);
});

it('a user-assigned identity by client_id; one missing from BC gets a token that BC answers 401', async () => {
	const user = await identityGet({ ...BC, client_id: MANAGED_IDENTITY_DEMO.userAssigned.clientId });
	expect(decodeJwt(String(user.body.access_token)).appid).toBe(MANAGED_IDENTITY_DEMO.userAssigned.clientId);
	const outside = await identityGet({ ...BC, client_id: MANAGED_IDENTITY_DEMO.notInBusinessCentral.clientId });
	expect(outside.status).toBe(200);
	const companies = await client.request(`${client.apiRoot()}/companies`, {
		headers: { authorization: `Bearer ${String(outside.body.access_token)}` },
	});
	expect(companies.status).toBe(401);
});

it("an identity not assigned to the host: App Service's 400 body", async () => {
	const answer = await identityGet({ ...BC, client_id: '99999999-8888-4777-8666-555555555555' });
	expect(answer.status).toBe(400);
	expect(answer.body).toEqual({
		statusCode: 400,
		message: 'Unable to load the proper Managed Identity.',
		correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
	});
	expect(answer.headers['x-correlation-id']).toBe(answer.body.correlationId);
});

it('missing header → 400, wrong header → 401, old api-version → 400, another resource → 400 AADSTS500011', async () => {
	expect((await identityGet(BC, null)).status).toBe(400);
	const wrong = await identityGet(BC, 'not-the-header');
	expect(wrong.status).toBe(401);
	expect(JSON.stringify(wrong.body)).not.toContain(identity.environment().IDENTITY_HEADER);
	expect((await identityGet({ ...BC, 'api-version': '2017-09-01' })).status).toBe(400);
	const vault = await identityGet({ ...BC, resource: 'https://vault.azure.net' });
	expect(vault.status).toBe(400);
	expect(String(vault.body.message)).toMatch(/^AADSTS500011: /);
});

it('counts token requests per identity in the sandbox stats', async () => {
	client.sandbox.control.reset();
	await identityGet(BC);
	await identityGet({ ...BC, client_id: MANAGED_IDENTITY_DEMO.userAssigned.clientId });
	expect(client.sandbox.control.stats().tokenRequests).toEqual({
		[MANAGED_IDENTITY_DEMO.systemAssigned.clientId]: 1,
		[MANAGED_IDENTITY_DEMO.userAssigned.clientId]: 1,
	});
});

it('refuses to listen anywhere but on loopback (never 169.254.169.254)', () => {
	expect(() => managedIdentityPlugin({ endpoint: 'http://169.254.169.254/metadata/identity/oauth2/token' })).toThrow(
		/loopback/,
	);
	expect(() => managedIdentityPlugin({ endpoint: 'http://0.0.0.0:41741/msi/token' })).toThrow(/loopback/);
	expect(() => managedIdentityPlugin({ endpoint: 'https://127.0.0.1:41741/msi/token' })).toThrow(/loopback/);
	expect(() => managedIdentityPlugin({ endpoint: 'http://localhost:41741/msi/token' })).not.toThrow();
});
