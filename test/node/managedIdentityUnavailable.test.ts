/**
 * Client Authentication "Managed Identity" where there is no usable identity endpoint: an incomplete environment and
 * an identity header bound for a remote http:// URL are refused before anything is sent; with no identity variables
 * at all MSAL asks the Azure Instance Metadata Service, which does not answer off Azure. That last case must never
 * reach the real link-local 169.254.169.254 from a test machine (on an Azure VM it would answer), so the test points
 * MSAL's IMDS override AZURE_POD_IDENTITY_AUTHORITY_HOST at a closed loopback port. This file has its own MSAL (jest
 * module registry per file), whose identity source is chosen on its first token request: the IMDS case.
 */
import { createServer } from 'node:net';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { isHostLocalAddress } from '../../credentials/shared/managedIdentityToken';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode } from '../helpers/engine';
import { clientSecretCredential, startNodeSandbox, type RunningSandbox } from '../helpers/sandbox';

const IDENTITY_VARIABLES = [
	'IDENTITY_ENDPOINT',
	'IDENTITY_HEADER',
	'IDENTITY_SERVER_THUMBPRINT',
	'IMDS_ENDPOINT',
	'MSI_ENDPOINT',
	'MSI_SECRET',
	'AZURE_POD_IDENTITY_AUTHORITY_HOST',
];
const HEADER = 'f00dfeed0123456789abcdef01234567';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
const saved: Record<string, string | undefined> = {};

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** Sets exactly these identity variables for one test (the others are removed). */
function identityEnvironment(values: Record<string, string>): void {
	for (const name of IDENTITY_VARIABLES) delete process.env[name];
	Object.assign(process.env, values);
}

beforeAll(async () => {
	for (const name of IDENTITY_VARIABLES) saved[name] = process.env[name];
	sandbox = await startNodeSandbox();
	helper = new TestCredentialsHelper(credentialTypes());
});
afterAll(async () => {
	for (const name of IDENTITY_VARIABLES) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
	await sandbox.stop();
});

function identityCredential(): ICredentialDataDecryptedObject {
	const { clientId: _appId, clientSecret: _secret, ...rest } = clientSecretCredential(sandbox);
	return { ...rest, clientAuthentication: 'managedIdentity', managedIdentityClientId: '' };
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

async function run() {
	sandbox.control.reset();
	const credential = helper.add('businessCentralClientCredentialsApi', identityCredential());
	return await runNode(helper, { parameters: listCompanies, credential });
}

describe('managed identity without a usable identity endpoint', () => {
	it('IDENTITY_ENDPOINT without IDENTITY_HEADER: a clear error, nothing sent', async () => {
		const port = await closedPort();
		identityEnvironment({ IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token` });
		const { error } = await run();
		expect(error?.message).toBe('IDENTITY_ENDPOINT is set but IDENTITY_HEADER is not');
		expect(error?.description).toMatch(/-e IDENTITY_ENDPOINT -e IDENTITY_HEADER/);
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});

	it('an identity header bound for a remote http:// endpoint is refused, naming the variable, without the header', async () => {
		identityEnvironment({ IDENTITY_ENDPOINT: 'http://203.0.113.7:8081/msi/token', IDENTITY_HEADER: HEADER });
		const { error } = await run();
		expect(error?.message).toBe(
			'Refused to send IDENTITY_HEADER to IDENTITY_ENDPOINT (host 203.0.113.7) over plain http://',
		);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(errorText(error)).not.toContain(HEADER);
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});

	it('no identity variables (IMDS, here on a closed port): "does not run on Azure with a managed identity"', async () => {
		const port = await closedPort();
		identityEnvironment({ AZURE_POD_IDENTITY_AUTHORITY_HOST: `http://127.0.0.1:${port}` });
		const started = Date.now();
		const { error } = await run();
		expect(error?.message).toBe(
			`Could not reach the instance metadata endpoint in AZURE_POD_IDENTITY_AUTHORITY_HOST (http://127.0.0.1:${port}/)`,
		);
		expect(error?.description).toMatch(
			/^This n8n does not run on Azure with a managed identity, or IDENTITY_ENDPOINT \/ IDENTITY_HEADER are not set in n8n's environment\./,
		);
		expect(error?.description).toMatch(/choose Client Secret or Certificate/);
		expect(sandbox.control.stats().totalRequests).toBe(0);
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe('which http:// identity endpoints may receive the identity header', () => {
	it.each([
		['localhost', true],
		['127.0.0.1', true],
		['[::1]', true],
		['169.254.130.3', true],
		['172.16.5.3', true],
		['10.0.0.4', true],
		['192.168.1.2', true],
		['[fd00::1]', true],
		['172.32.0.1', false],
		['203.0.113.7', false],
		['identity.example.com', false],
		['[2001:db8::1]', false],
	])('%s → %s', (host, local) => {
		expect(isHostLocalAddress(new URL(`http://${host}:8081/msi/token`).hostname)).toBe(local);
	});
});
