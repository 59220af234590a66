/**
 * One multi-tenant app, many customer tenants, through the real engine against the sandbox's second tenant
 * (Fabrikam): missing admin consent fails before any Business Central request with the admin-consent URL in the fix;
 * after consent through the admin-consent endpoint the same credential lists Fabrikam's companies; two credentials
 * (two tenants) in one execution get one token each and see their own companies.
 */
import { ServerError } from '@azure/msal-node';
import type { INodeParameters } from 'n8n-workflow';

import { clearTokenCache } from '../../credentials/shared/clientCredentialsToken';
import { translateTokenError } from '../../credentials/shared/tokenErrors';
import { testerNode } from '../helpers/credentialTester';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode, runNodesInOneExecution } from '../helpers/engine';
import {
	clientSecretCredential,
	customerTenantCredential,
	sandboxGet,
	startNodeSandbox,
	type RunningSandbox,
} from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
const types = credentialTypes();

beforeAll(async () => {
	sandbox = await startNodeSandbox();
	helper = new TestCredentialsHelper(types);
});
afterAll(async () => sandbox.stop());

const TYPE = 'businessCentralClientCredentialsApi';
const listCompanies: INodeParameters = {
	authentication: TYPE,
	resource: 'company',
	operation: 'getAll',
	returnAll: true,
};
const fabrikam = () => sandbox.info.customerTenants[0];
const fabrikamPrincipal = () => `${sandbox.info.app.clientId}@${fabrikam().tenantId}`;

function errorText(error: unknown): string {
	return JSON.stringify(error, Object.getOwnPropertyNames(error as object));
}

/** Business Central API requests the sandbox counted (token and control requests excluded). */
function bcRequests(): number {
	return Object.entries(sandbox.control.stats().requests)
		.filter(([route]) => route.includes('/api/'))
		.reduce((sum, [, statuses]) => sum + Object.values(statuses).reduce((a, b) => a + b, 0), 0);
}

describe('a customer tenant without admin consent', () => {
	beforeEach(() => sandbox.control.reset({ data: true }));

	it('fails with AADSTS700016 and the admin-consent URL of this tenant and app, before any BC request', async () => {
		const credential = helper.add(TYPE, customerTenantCredential(sandbox));
		const { error } = await runNode(helper, { parameters: listCompanies, credential });
		const consentUrl = `${sandbox.info.authorityHost}/${fabrikam().tenantId}/adminconsent?client_id=${sandbox.info.app.clientId}`;
		expect(error?.message).toBe('The application (client) ID was not found in this tenant');
		expect(error?.description).toContain(consentUrl);
		expect(error?.description).toContain('"Microsoft Entra Applications" page');
		expect(error?.description).toContain('Accounts in any organizational directory');
		expect(error?.description).toMatch(/Microsoft Entra ID said: .*AADSTS700016: Application with identifier/);
		expect(errorText(error)).not.toContain(sandbox.info.app.clientSecret);
		expect(sandbox.control.stats().tokenRequests[fabrikamPrincipal()]).toBe(1);
		expect(bcRequests()).toBe(0);
	});

	it("the credential test (as n8n's Save / Test) shows the same fix", async () => {
		const credential = helper.add(TYPE, customerTenantCredential(sandbox));
		const { error } = await runNode(helper, {
			parameters: { temp: '' },
			credential,
			nodeTypeName: testerNode(types[TYPE]),
		});
		expect(error?.message).toBe('The application (client) ID was not found in this tenant');
		expect(error?.description).toContain(
			fabrikam().adminConsentUrl.replace(sandbox.baseUrl, sandbox.info.authorityHost),
		);
		expect(bcRequests()).toBe(0);
	});
});

describe('after admin consent', () => {
	beforeAll(() => sandbox.control.reset({ data: true }));

	it("the same credential lists the customer tenant's own companies", async () => {
		const credential = helper.add(TYPE, customerTenantCredential(sandbox));
		const before = await runNode(helper, { parameters: listCompanies, credential });
		expect(before.error?.message).toBe('The application (client) ID was not found in this tenant');

		// The customer's administrator opens the URL from the error (the sandbox grants on visit) and is sent back.
		const consent = await sandboxGet(sandbox, `${fabrikam().adminConsentUrl}&state=onboarding-fabrikam`);
		expect(consent.status).toBe(302);
		const back = new URL(String(consent.headers.location));
		expect(back.searchParams.get('admin_consent')).toBe('True');
		expect(back.searchParams.get('tenant')).toBe(fabrikam().tenantId);

		const after = await runNode(helper, { parameters: listCompanies, credential });
		expect(after.error).toBeUndefined();
		expect(after.items.map((i) => i.json.id).sort()).toEqual(
			fabrikam()
				.companies.production.map((c) => c.id)
				.sort(),
		);
		expect(after.items.map((i) => i.json.name).sort()).toEqual(['Fabrikam Canada Ltd.', 'Fabrikam, Inc.']);
	});

	it("a cached token BC starts refusing (the app removed from the customer's Microsoft Entra Applications page) is replaced once, then the 401 fix", async () => {
		const credential = helper.add(TYPE, customerTenantCredential(sandbox));
		const first = await runNode(helper, { parameters: listCompanies, credential });
		expect(first.error).toBeUndefined();
		// The token of that run is valid for another hour: the next run hands it out again without asking MSAL.
		const tokens = () => sandbox.control.stats().tokenRequests[fabrikamPrincipal()] ?? 0;
		const before = tokens();
		const app = (enabledInBusinessCentral: boolean) =>
			sandbox.control.updateTenantApp(fabrikam().tenantId, sandbox.info.app.clientId, { enabledInBusinessCentral });
		app(false);
		try {
			const refused = await runNode(helper, { parameters: listCompanies, credential });
			expect(refused.error?.httpCode).toBe('401');
			expect(refused.error?.description).toMatch(/Microsoft Entra Applications/);
			expect(tokens() - before).toBe(1);
		} finally {
			app(true);
		}
		const again = await runNode(helper, { parameters: listCompanies, credential });
		expect(again.error).toBeUndefined();
		expect(tokens() - before).toBe(1);
	});

	it('two credentials (two tenants) in one execution: one token per credential, each sees its own companies', async () => {
		clearTokenCache();
		sandbox.control.reset();
		const home = helper.add(TYPE, clientSecretCredential(sandbox), 'BC – CRONUS – production');
		const customer = helper.add(TYPE, customerTenantCredential(sandbox), 'BC – Fabrikam – production');
		const items = [{ n: 1 }, { n: 2 }, { n: 3 }];
		const { items: out, error } = await runNodesInOneExecution(helper, [
			{ name: 'CRONUS', parameters: listCompanies, credential: home, items },
			{ name: 'Fabrikam', parameters: listCompanies, credential: customer, items },
		]);
		expect(error).toBeUndefined();
		const names = (node: string) => [...new Set(out[node].map((i) => String(i.json.name)))].sort();
		expect(out.CRONUS).toHaveLength(3 * sandbox.info.companies.production.length);
		expect(names('CRONUS')).toEqual(sandbox.info.companies.production.map((c) => c.name).sort());
		expect(out.Fabrikam).toHaveLength(3 * fabrikam().companies.production.length);
		expect(names('Fabrikam')).toEqual(['Fabrikam Canada Ltd.', 'Fabrikam, Inc.']);
		const stats = sandbox.control.stats();
		expect(stats.tokenRequests).toEqual({ [sandbox.info.app.clientId]: 1, [fabrikamPrincipal()]: 1 });
		expect(Object.keys(stats.peakInFlight).sort()).toEqual([sandbox.info.app.clientId, fabrikamPrincipal()].sort());
		expect(bcRequests()).toBe(6);
	});
});

describe('AADSTS65001 (consent missing for a permission; delegated flows)', () => {
	it('becomes the consent fix with the admin-consent URL, and no secret passes through', () => {
		const secret = 'sbx8Q~a-secret-that-must-not-appear';
		// msal-node's ServerError as its ResponseHandler builds it from an Entra error body (text: the Entra error-code reference).
		const msalError = new ServerError(
			'invalid_grant',
			`Error(s): 65001 - Description: AADSTS65001: The user or administrator has not consented to use the application with ID '11112222-bbbb-3333-cccc-4444dddd5555' named 'n8n BC'. Send an interactive authorization request for this user and resource. ${secret}`,
		);
		const error = translateTokenError(
			msalError,
			'https://login.microsoftonline.com/fabrikam.onmicrosoft.com',
			[secret],
			'11112222-bbbb-3333-cccc-4444dddd5555',
		);
		expect(error.message).toBe('Admin consent is missing for the Business Central API permission');
		expect(error.aadsts).toBe('AADSTS65001');
		expect(error.description).toContain(
			'https://login.microsoftonline.com/fabrikam.onmicrosoft.com/adminconsent?client_id=11112222-bbbb-3333-cccc-4444dddd5555',
		);
		expect(error.description).toContain('"Microsoft Entra Applications" page');
		expect(error.description).not.toContain(secret);
	});
});
