/**
 * Environments through the real n8n engine against the sandbox: Environment → Get Many from the Admin Center API
 * (app-only, with its admin-center authorization check) and environments/v1.2 (delegated), the Environment locator's
 * list, and the node's Environment parameter overriding the credential's environment.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { additionalDataFor, buildNode, nodeType, runNode, workflowOf } from '../helpers/engine';
import { customerParameters, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import {
	accessKeyCredential,
	certificateCredential,
	delegatedCredential,
	type RunningSandbox,
} from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

const SCOPE = 'https://api.businesscentral.dynamics.com/Financials.ReadWrite.All offline_access';

describe('Environment → Get Many', () => {
	it('lists the environments from the Admin Center API (app-only, authorized in the admin center)', async () => {
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			credential,
			parameters: { resource: 'environment', operation: 'getAll' },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			expect.objectContaining({ name: 'production', type: 'Production', status: 'Active', countryCode: 'US' }),
			expect.objectContaining({ name: 'sandbox', type: 'Sandbox', status: 'Active' }),
		]);
		expect(items[0].json.version).toMatch(/^\d+\.\d+\./);
		const paths = sandbox.control.log().map((l: { path: string }) => l.path);
		expect(paths).toContain('/admin/v2.24/applications/BusinessCentral/environments');
	});

	it('says so when the app is not authorized in the admin center (403)', async () => {
		const cert = helper.add('businessCentralClientCredentialsApi', certificateCredential(sandbox));
		const { error } = await runNode(helper, {
			credential: cert,
			parameters: { resource: 'environment', operation: 'getAll' },
		});
		expect(error?.message).toMatch(/403|not authorized|Forbidden/i);
	});

	it('lists them from environments/v1.2 with a delegated sign-in', async () => {
		const delegated = helper.add('businessCentralOAuth2Api', await delegatedCredential(sandbox, SCOPE));
		const { items, error } = await runNode(helper, {
			credential: delegated,
			parameters: { authentication: 'businessCentralOAuth2Api', resource: 'environment', operation: 'getAll' },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name)).toEqual(['production', 'sandbox']);
		expect(items[0].json.ringName).toBe('PROD');
	});

	it('refuses an on-premises credential before any request', async () => {
		const onPrem = helper.add('businessCentralAccessKeyApi', accessKeyCredential(sandbox));
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			credential: onPrem,
			parameters: { authentication: 'businessCentralAccessKeyApi', resource: 'environment', operation: 'getAll' },
		});
		expect(error?.message).toBe('Environment: on-premises has no environments');
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});
});

describe('Environment parameter', () => {
	it('lists the environments in the editor', async () => {
		const node = buildNode(customerParameters(companyId, 'getAll'), credential);
		const ctx = new LoadOptionsContext(
			workflowOf(node),
			node,
			additionalDataFor(helper, undefined, node.parameters),
			'parameters.environment',
		) as unknown as ILoadOptionsFunctions;
		const result = await nodeType.methods.listSearch.searchEnvironments.call(ctx, 'sand');
		expect(result.results).toEqual([{ name: expect.stringMatching(/^sandbox \(Sandbox, /), value: 'sandbox' }]);
	});

	it("overrides the credential's environment for every request of the item", async () => {
		const sandboxCompany = sandbox.info.companies.sandbox[0];
		sandbox.control.reset();
		const { items, error } = await runNode(helper, {
			credential,
			parameters: customerParameters('', 'getAll', {
				environment: { __rl: true, mode: 'list', value: 'sandbox' },
				company: { __rl: true, mode: 'name', value: sandboxCompany.name },
				limit: 2,
			}),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		const paths = sandbox.control.log().map((l: { path: string }) => l.path);
		expect(paths.length).toBeGreaterThan(0);
		expect(paths.every((p: string) => p.includes('/sandbox/api/'))).toBe(true);
	});

	it('refuses a bad environment name from an expression before any request', async () => {
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', {
				environment: { __rl: true, mode: 'name', value: "={{ '../' + 'x' }}" },
			}),
		});
		expect(error?.message).toMatch(/^Environment: "..\/x" is not an environment name/);
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});
});
