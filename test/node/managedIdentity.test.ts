/**
 * Client Authentication "Managed Identity" through the real engine: `@azure/msal-node`'s ManagedIdentityApplication
 * finds the sandbox's App Service identity endpoint through IDENTITY_ENDPOINT / IDENTITY_HEADER (as on Azure), and the
 * sandbox's BC accepts the identity's tokens. MSAL chooses its identity source once per process, on the first token
 * request, so this file sets the variables before any test and restores them after all (jest runs each file in its own
 * module registry, so other files start with a fresh MSAL).
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import {
	MANAGED_IDENTITY_DEMO,
	managedIdentityPlugin,
	type ManagedIdentityPlugin,
	type SandboxManagedIdentity,
} from '../../sandbox/managed-identity/plugin';
import { testerNode } from '../helpers/credentialTester';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode } from '../helpers/engine';
import { clientSecretCredential, startNodeSandbox, type RunningSandbox } from '../helpers/sandbox';

/** Used only by the last test (header rotation), so MSAL's shared cache holds no token of it before. */
const SPARE: SandboxManagedIdentity = {
	clientId: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
	objectId: '1b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e',
	displayName: 'id-n8n-spare (user-assigned identity, test)',
	resourceId: '/subscriptions/x/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/spare',
	enabledInBusinessCentral: true,
};
const IDENTITY_VARIABLES = [
	'IDENTITY_ENDPOINT',
	'IDENTITY_HEADER',
	'IDENTITY_SERVER_THUMBPRINT',
	'IMDS_ENDPOINT',
	'MSI_ENDPOINT',
	'MSI_SECRET',
	'AZURE_POD_IDENTITY_AUTHORITY_HOST',
];

let sandbox: RunningSandbox;
let identity: ManagedIdentityPlugin;
let helper: TestCredentialsHelper;
const types = credentialTypes();
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
	identity = managedIdentityPlugin({
		userAssigned: [MANAGED_IDENTITY_DEMO.userAssigned, MANAGED_IDENTITY_DEMO.notInBusinessCentral, SPARE],
	});
	sandbox = await startNodeSandbox({ plugins: [identity] });
	helper = new TestCredentialsHelper(types);
	for (const name of IDENTITY_VARIABLES) {
		saved[name] = process.env[name];
		delete process.env[name];
	}
	Object.assign(process.env, identity.environment());
});
afterAll(async () => {
	for (const name of IDENTITY_VARIABLES) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
	await sandbox.stop();
});

/** The managed-identity credential of the sandbox (its tenant, BC URLs); `clientId` empty = system-assigned. */
function identityCredential(clientId = ''): ICredentialDataDecryptedObject {
	const { clientId: _appId, clientSecret: _secret, ...rest } = clientSecretCredential(sandbox);
	return { ...rest, clientAuthentication: 'managedIdentity', managedIdentityClientId: clientId };
}

const listCompanies: INodeParameters = {
	authentication: 'businessCentralClientCredentialsApi',
	resource: 'company',
	operation: 'getAll',
	returnAll: true,
};

function errorText(error: unknown): string {
	return JSON.stringify(error, Object.getOwnPropertyNames(error as object));
}

/** Everything a run or an error exposes must be free of the identity header and of tokens. */
function expectNoSecrets(text: string): void {
	expect(text).not.toContain(identity.environment().IDENTITY_HEADER);
	expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
}

describe('managed identity (App Service endpoint of the sandbox)', () => {
	it('system-assigned: 200 items list the companies with one token request', async () => {
		sandbox.control.reset();
		const credential = helper.add('businessCentralClientCredentialsApi', identityCredential());
		const { items, error, run } = await runNode(helper, {
			parameters: listCompanies,
			credential,
			items: Array.from({ length: 200 }, (_, i) => ({ i })),
		});
		expect(error).toBeUndefined();
		const companies = sandbox.info.companies.production.length;
		expect(items).toHaveLength(200 * companies);
		const stats = sandbox.control.stats();
		expect(stats.tokenRequests).toEqual({ [MANAGED_IDENTITY_DEMO.systemAssigned.clientId]: 1 });
		expect(stats.requests['GET /api/v2.0/companies']).toEqual({ '200': 200 });
		expectNoSecrets(JSON.stringify(run.data));
		console.log(
			`managed identity, 200 items: ${stats.totalRequests} BC requests, token requests ${JSON.stringify(stats.tokenRequests)}`,
		);
	});

	it('user-assigned by client ID works, and a second execution reuses the cached token', async () => {
		sandbox.control.reset();
		const credential = helper.add(
			'businessCentralClientCredentialsApi',
			identityCredential(MANAGED_IDENTITY_DEMO.userAssigned.clientId.toUpperCase()),
		);
		const first = await runNode(helper, { parameters: listCompanies, credential });
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(sandbox.info.companies.production.length);
		const second = await runNode(helper, { parameters: listCompanies, credential });
		expect(second.error).toBeUndefined();
		expect(sandbox.control.stats().tokenRequests).toEqual({ [MANAGED_IDENTITY_DEMO.userAssigned.clientId]: 1 });
		// BC saw the user-assigned identity, not the system-assigned one: the limiter counts per principal.
		expect(Object.keys(sandbox.control.stats().peakConcurrency)).toEqual([MANAGED_IDENTITY_DEMO.userAssigned.clientId]);
	});

	it('an unknown user-assigned client ID fails with the fix before any BC request', async () => {
		sandbox.control.reset();
		const unknown = '99999999-8888-4777-8666-555555555555';
		const credential = helper.add('businessCentralClientCredentialsApi', identityCredential(unknown));
		const { error } = await runNode(helper, { parameters: listCompanies, credential });
		expect(error?.message).toBe(
			`the user-assigned identity with client ID ${unknown} is not assigned to this Azure resource`,
		);
		expect(error?.description).toMatch(/Identity → User assigned/);
		expect(error?.description).toMatch(/Unable to load the proper Managed Identity/);
		const stats = sandbox.control.stats();
		expect(stats.tokenRequests).toEqual({ [unknown]: 1 });
		expect(stats.totalRequests).toBe(0);
		expectNoSecrets(errorText(error));
	});

	it('a client ID that is not a GUID is refused before any request', async () => {
		sandbox.control.reset();
		const credential = helper.add('businessCentralClientCredentialsApi', identityCredential('id-n8n-business-central'));
		const { error } = await runNode(helper, { parameters: listCompanies, credential });
		expect(error?.message).toBe('Managed Identity Client ID must be a GUID or empty');
		expect(sandbox.control.stats().tokenRequests).toEqual({});
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});

	it("an identity missing from BC's Microsoft Entra Applications page: one fresh token, then BC's 401", async () => {
		sandbox.control.reset();
		const { clientId } = MANAGED_IDENTITY_DEMO.notInBusinessCentral;
		const credential = helper.add('businessCentralClientCredentialsApi', identityCredential(clientId));
		const { error, run } = await runNode(helper, { parameters: listCompanies, credential });
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toMatch(/^Authentication_InvalidCredentials: /);
		expectNoSecrets(errorText(error));
		expectNoSecrets(JSON.stringify(run.data));
		const stats = sandbox.control.stats();
		expect(stats.tokenRequests[clientId]).toBe(2);
		expect(stats.requests['GET /api/v2.0/companies']?.['401']).toBe(2);
	});

	it("the credential's Test: companies for an enabled identity, the Microsoft Entra Applications hint otherwise", async () => {
		const nodeTypeName = testerNode(types.businessCentralClientCredentialsApi);
		const test = async (clientId: string) =>
			await runNode(helper, {
				parameters: { temp: '' },
				credential: helper.add('businessCentralClientCredentialsApi', identityCredential(clientId)),
				nodeTypeName,
			});
		const ok = await test('');
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json.value).toHaveLength(sandbox.info.companies.production.length);
		const rejected = await test(MANAGED_IDENTITY_DEMO.notInBusinessCentral.clientId);
		expect(rejected.error?.httpCode).toBe('401');
		const unknown = await test('99999999-8888-4777-8666-555555555555');
		expect(unknown.error?.message).toMatch(
			/^the user-assigned identity with client ID .* is not assigned to this Azure resource$/,
		);
		expectNoSecrets(errorText(unknown.error));
	});

	it('a rotated identity header: the endpoint answers 401 and the error says to restart n8n, without the header', async () => {
		sandbox.control.reset();
		const old = identity.environment().IDENTITY_HEADER;
		const rotated = identity.rotateHeader();
		const credential = helper.add('businessCentralClientCredentialsApi', identityCredential(SPARE.clientId));
		const { error } = await runNode(helper, { parameters: listCompanies, credential });
		expect(error?.message).toMatch(
			/^the App Service \/ Container Apps identity endpoint .* refused the request \(401\)$/,
		);
		expect(error?.description).toMatch(/restart n8n/);
		const text = errorText(error);
		expect(text).not.toContain(old);
		expect(text).not.toContain(rotated);
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});
});
