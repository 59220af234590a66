/**
 * Each credential type through the real engine against the sandbox's HTTPS authority and BC endpoints:
 * client secret and certificate via msal-node, delegated sign-in with refresh after expiry (n8n's OAuth2
 * machinery), on-premises access key; and token/BC 401 errors translated into fixes without leaking secrets.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { BusinessCentralOAuth2Api } from '../../credentials/BusinessCentralOAuth2Api.credentials';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode } from '../helpers/engine';
import {
	accessKeyCredential,
	certificateCredential,
	clientSecretCredential,
	delegatedCredential,
	startNodeSandbox,
	type RunningSandbox,
} from '../helpers/sandbox';

/** Access tokens of this sandbox live 3 s, so the delegated test sees a real expiry. */
const TOKEN_LIFETIME_SECONDS = 3;

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;

beforeAll(async () => {
	sandbox = await startNodeSandbox({ accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS });
	helper = new TestCredentialsHelper(credentialTypes());
});
afterAll(async () => sandbox.stop());

const listCompanies = (authentication: string): INodeParameters => ({
	authentication,
	resource: 'company',
	operation: 'getAll',
	returnAll: true,
});

function errorText(error: unknown): string {
	return JSON.stringify(error, Object.getOwnPropertyNames(error as object));
}

describe('app-only (client credentials) through msal-node', () => {
	it('certificate: the thumbprint is derived from the PEM and the token works against BC', async () => {
		const credential = helper.add('businessCentralClientCredentialsApi', certificateCredential(sandbox));
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			parameters: listCompanies('businessCentralClientCredentialsApi'),
			credential,
		});
		expect(error).toBeUndefined();
		expect(items.length).toBe(sandbox.info.companies.production.length);
		expect(sandbox.control.stats().tokenRequests[sandbox.info.certificateApp.clientId]).toBe(1);
	});

	it('wrong secret: AADSTS7000215 becomes "use the secret Value, not its ID", without the secret', async () => {
		const wrong = 'wrong-secret-value-1234';
		const credential = helper.add('businessCentralClientCredentialsApi', {
			...clientSecretCredential(sandbox),
			clientSecret: wrong,
		});
		const { error } = await runNode(helper, {
			parameters: listCompanies('businessCentralClientCredentialsApi'),
			credential,
		});
		expect(error?.message).toBe('Microsoft Entra ID rejected the client secret');
		expect(error?.description).toMatch(/Value .* not its Secret ID/);
		expect(error?.description).toMatch(/AADSTS7000215/);
		expect(errorText(error)).not.toContain(wrong);
	});

	it('unknown client ID: AADSTS700016', async () => {
		const credential = helper.add('businessCentralClientCredentialsApi', {
			...clientSecretCredential(sandbox),
			clientId: '00000000-1111-4222-8333-444444444444',
		});
		const { error } = await runNode(helper, {
			parameters: listCompanies('businessCentralClientCredentialsApi'),
			credential,
		});
		expect(error?.message).toBe('The application (client) ID was not found in this tenant');
	});

	it('unknown tenant: the authority cannot describe it (AADSTS90002 on its metadata)', async () => {
		const credential = helper.add('businessCentralClientCredentialsApi', {
			...clientSecretCredential(sandbox),
			tenantId: 'nobody.onmicrosoft.com',
		});
		const { error } = await runNode(helper, {
			parameters: listCompanies('businessCentralClientCredentialsApi'),
			credential,
		});
		expect(error?.message).toMatch(/^The tenant was not found/);
	});

	it('"organizations" as tenant is refused before any token request', async () => {
		sandbox.control.reset();
		const credential = helper.add('businessCentralClientCredentialsApi', {
			...clientSecretCredential(sandbox),
			tenantId: 'organizations',
		});
		const { error } = await runNode(helper, {
			parameters: listCompanies('businessCentralClientCredentialsApi'),
			credential,
		});
		expect(error?.message).toMatch(/^App-only sign-in needs a specific tenant: Tenant "organizations"/);
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});

	it("an app missing from BC's Microsoft Entra Applications page: one fresh token, then the 401 hint", async () => {
		sandbox.control.reset();
		const { clientId, clientSecret } = sandbox.info.disabledApp;
		const credential = helper.add('businessCentralClientCredentialsApi', {
			...clientSecretCredential(sandbox),
			clientId,
			clientSecret,
		});
		const { error, run } = await runNode(helper, {
			parameters: listCompanies('businessCentralClientCredentialsApi'),
			credential,
		});
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toMatch(/^Authentication_InvalidCredentials: /);
		expect(error?.description).toMatch(/not on BC's 'Microsoft Entra Applications' page/);
		expect(errorText(error)).not.toContain(clientSecret);
		expect(errorText(error)).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}/);
		expect(JSON.stringify(run.data)).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}/);
		const stats = sandbox.control.stats();
		expect(stats.tokenRequests[clientId]).toBe(2);
		expect(stats.requests['GET /api/v2.0/companies']?.['401']).toBe(2);
	});
});

describe('delegated sign-in (OAuth2 authorization code)', () => {
	it('uses the stored token, then refreshes it after expiry and stores the new one', async () => {
		const scope = String(new BusinessCentralOAuth2Api().properties.find((p) => p.name === 'scope')?.default);
		const data = await delegatedCredential(sandbox, scope);
		const credential = helper.add('businessCentralOAuth2Api', data);
		const first = await runNode(helper, { parameters: listCompanies('businessCentralOAuth2Api'), credential });
		expect(first.error).toBeUndefined();
		expect(first.items.length).toBe(sandbox.info.companies.production.length);
		expect(helper.oauthTokenUpdates).toHaveLength(0);

		await sleep((TOKEN_LIFETIME_SECONDS + 1) * 1000);
		sandbox.control.reset();
		const second = await runNode(helper, { parameters: listCompanies('businessCentralOAuth2Api'), credential });
		expect(second.error).toBeUndefined();
		expect(second.items.length).toBe(sandbox.info.companies.production.length);
		const stored = helper.stored(credential.id as string).oauthTokenData as ICredentialDataDecryptedObject;
		expect(stored.access_token).not.toBe((data.oauthTokenData as ICredentialDataDecryptedObject).access_token);
		expect(helper.oauthTokenUpdates.filter((u) => u.id === credential.id)).toHaveLength(1);
		const stats = sandbox.control.stats();
		expect(stats.tokenRequests[sandbox.info.app.clientId]).toBe(1);
		expect(stats.requests['GET /api/v2.0/companies']).toEqual({ '200': 1, '401': 1 });
	}, 30_000);

	it.each([
		['without token data (never connected)', undefined],
		['with empty token data (saved before connecting)', {}],
	])('says to connect the credential when it is %s, before any request', async (_case, oauthTokenData) => {
		const scope = String(new BusinessCentralOAuth2Api().properties.find((p) => p.name === 'scope')?.default);
		const { oauthTokenData: _connected, ...unconnected } = await delegatedCredential(sandbox, scope);
		const credential = helper.add(
			'businessCentralOAuth2Api',
			oauthTokenData ? { ...unconnected, oauthTokenData } : unconnected,
		);
		sandbox.control.reset();
		const run = await runNode(helper, { parameters: listCompanies('businessCentralOAuth2Api'), credential });
		expect(run.error?.message).toBe('The Business Central OAuth2 credential is not connected');
		expect(run.error?.description).toMatch(/Connect my account/);
		expect(sandbox.control.stats().requests['GET /api/v2.0/companies']).toBeUndefined();
	});
});

describe('on-premises web service access key', () => {
	it('reads companies and records with Basic auth', async () => {
		const credential = helper.add('businessCentralAccessKeyApi', accessKeyCredential(sandbox));
		const companies = await runNode(helper, { parameters: listCompanies('businessCentralAccessKeyApi'), credential });
		expect(companies.error).toBeUndefined();
		expect(companies.items.map((i) => i.json.name).sort()).toEqual(
			sandbox.info.companies.onprem.map((c) => c.name).sort(),
		);
		const records = await runNode(helper, {
			parameters: {
				authentication: 'businessCentralAccessKeyApi',
				resource: 'record',
				operation: 'getAll',
				limit: 2,
				company: { __rl: true, mode: 'id', value: sandbox.info.companies.onprem[0].id },
				entitySet: { __rl: true, mode: 'list', value: 'customers' },
			},
			credential,
		});
		expect(records.error).toBeUndefined();
		expect(records.items).toHaveLength(2);
	});

	it('a wrong access key gives the on-premises hint without the key', async () => {
		const credential = helper.add('businessCentralAccessKeyApi', {
			...accessKeyCredential(sandbox),
			password: 'not-the-key-0000',
		});
		const { error } = await runNode(helper, { parameters: listCompanies('businessCentralAccessKeyApi'), credential });
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toMatch(/web service access key/);
		expect(errorText(error)).not.toContain('not-the-key-0000');
	});
});
