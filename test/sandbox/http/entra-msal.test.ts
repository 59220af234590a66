/**
 * @azure/msal-node ConfidentialClientApplication accepts the sandbox as authority (AzureAD/microsoft-authentication-library-for-js/lib/msal-node/docs/configuration.md): it fetches the
 * OpenID configuration from the sandbox (no authorityMetadata given), acquires tokens with a secret and with the demo
 * certificate (msal builds and signs the client assertion), and the token works on the BC API.
 */
import * as fs from 'node:fs';
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import type { RunningSandbox } from '../../../sandbox/index';
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';
import { createEchoBcApi } from './stub-bc-api';

let sandbox: RunningSandbox;
let client: SandboxClient;
let ca: Buffer;

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox({ bcApi: createEchoBcApi() }));
	ca = fs.readFileSync(sandbox.info.caCertPath);
});
afterAll(() => stopTestSandbox(client));

function msalConfig(auth: Partial<Configuration['auth']>): Configuration {
	const host = new URL(sandbox.baseUrl).host;
	return {
		auth: { clientId: '', authority: `${sandbox.baseUrl}/${sandbox.info.tenantId}`, knownAuthorities: [host], ...auth },
		system: { customAgentOptions: { ca } },
	};
}

it('serves an OpenID configuration whose endpoints point at the sandbox', async () => {
	const response = await client.request(`/${sandbox.info.tenantId}/v2.0/.well-known/openid-configuration`);
	expect(response.status).toBe(200);
	const config = response.json();
	expect(config.token_endpoint).toBe(sandbox.info.tokenEndpoint);
	expect(config.authorization_endpoint).toBe(sandbox.info.authorizeEndpoint);
	const jwks = (await client.request(new URL(config.jwks_uri).pathname)).json();
	expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
	expect(jwks.keys[0].kid).toBe(jwks.keys[0].x5t);
	const instance = (await client.request('/common/discovery/instance?api-version=1.1')).json();
	expect(instance.metadata[0].aliases).toEqual([new URL(sandbox.baseUrl).host]);
	const unknown = await client.request('/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration');
	expect(unknown.status).toBe(400);
	expect(unknown.json().error).toBe('invalid_tenant');
});

it('acquires a token with a client secret', async () => {
	const cca = new ConfidentialClientApplication(
		msalConfig({ clientId: sandbox.info.app.clientId, clientSecret: sandbox.info.app.clientSecret }),
	);
	const result = await cca.acquireTokenByClientCredential({ scopes: [sandbox.info.scope], skipCache: true });
	expect(result?.accessToken).toBeTruthy();
	expect(decodeJwt(result?.accessToken as string).appid).toBe(sandbox.info.app.clientId);
	const api = await client.request(`${client.apiRoot()}/companies`, {
		headers: { authorization: `Bearer ${result?.accessToken}` },
	});
	expect(api.status).toBe(200);
	expect(api.json().echo.principal).toMatchObject({ id: sandbox.info.app.clientId, kind: 'app' });
});

it('acquires a token with the demo certificate (SHA-256 thumbprint → PS256 assertion)', async () => {
	const app = sandbox.info.certificateApp;
	const cca = new ConfidentialClientApplication(
		msalConfig({
			clientId: app.clientId,
			clientCertificate: { thumbprintSha256: app.thumbprintSha256, privateKey: app.privateKeyPem },
		}),
	);
	const result = await cca.acquireTokenByClientCredential({ scopes: [sandbox.info.scope], skipCache: true });
	expect(decodeJwt(result?.accessToken as string)).toMatchObject({ appid: app.clientId, appidacr: '2' });
});

it('acquires a token with the demo certificate (SHA-1 thumbprint → RS256 assertion)', async () => {
	const app = sandbox.info.certificateApp;
	const cca = new ConfidentialClientApplication(
		msalConfig({
			clientId: app.clientId,
			clientCertificate: { thumbprint: app.thumbprintSha1, privateKey: app.privateKeyPem },
		}),
	);
	const result = await cca.acquireTokenByClientCredential({ scopes: [sandbox.info.scope], skipCache: true });
	expect(decodeJwt(result?.accessToken as string).appid).toBe(app.clientId);
});

it('surfaces the Entra error for a wrong secret', async () => {
	const cca = new ConfidentialClientApplication(
		msalConfig({ clientId: sandbox.info.app.clientId, clientSecret: 'wrong' }),
	);
	await expect(
		cca.acquireTokenByClientCredential({ scopes: [sandbox.info.scope], skipCache: true }),
	).rejects.toMatchObject({
		errorCode: 'invalid_client',
		errorMessage: expect.stringContaining('AADSTS7000215'),
	});
});
