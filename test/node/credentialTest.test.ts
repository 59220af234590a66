/**
 * Each credential type's `test` request, run the way n8n's server tests a credential on save
 * (credentials-tester: a declarative copy of the noOp node whose only property routes `test.request`, executed by RoutingNode).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { testerNode } from '../helpers/credentialTester';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode } from '../helpers/engine';
import {
	accessKeyCredential,
	clientSecretCredential,
	delegatedCredential,
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

async function testCredential(typeName: string, data: ICredentialDataDecryptedObject) {
	const credential = helper.add(typeName, data);
	return await runNode(helper, { parameters: { temp: '' }, credential, nodeTypeName: testerNode(types[typeName]) });
}

describe('credential test requests (GET <environment>/api/v2.0/companies)', () => {
	it('client credentials: succeeds, and fails for a wrong environment', async () => {
		const ok = await testCredential('businessCentralClientCredentialsApi', clientSecretCredential(sandbox));
		expect(ok.error).toBeUndefined();
		expect(ok.items[0].json.value).toHaveLength(sandbox.info.companies.production.length);
		const bad = await testCredential('businessCentralClientCredentialsApi', clientSecretCredential(sandbox, 'nowhere'));
		expect(bad.error?.httpCode).toBe('404');
	});

	it('delegated OAuth2: succeeds with a signed-in token', async () => {
		const scope = String(types.businessCentralOAuth2Api.properties.find((p) => p.name === 'scope')?.default);
		const ok = await testCredential('businessCentralOAuth2Api', await delegatedCredential(sandbox, scope));
		expect(ok.error).toBeUndefined();
	});

	it('access key: succeeds, and fails with a wrong key', async () => {
		const ok = await testCredential('businessCentralAccessKeyApi', accessKeyCredential(sandbox));
		expect(ok.error).toBeUndefined();
		const bad = await testCredential('businessCentralAccessKeyApi', {
			...accessKeyCredential(sandbox),
			password: 'wrong',
		});
		expect(bad.error?.httpCode).toBe('401');
	});
});

describe('credential URLs', () => {
	it('the OAuth2 authorize/token URLs and the environment URL follow cloud, tenant and environment', async () => {
		const credential = helper.add('businessCentralOAuth2Api', {
			cloud: 'global',
			tenantId: 'contoso.onmicrosoft.com',
			environment: 'sandbox',
		});
		const data = await helper.getDecrypted({} as never, credential, 'businessCentralOAuth2Api', 'internal');
		expect(data.authUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
		expect(data.accessTokenUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token');
		expect(data.scope).toBe('https://api.businesscentral.dynamics.com/.default offline_access');
		expect(data.environmentUrl).toBe('https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/sandbox');
		const multi = helper.add('businessCentralOAuth2Api', {
			cloud: 'global',
			tenantId: 'organizations',
			environment: 'production',
		});
		const multiData = await helper.getDecrypted({} as never, multi, 'businessCentralOAuth2Api', 'internal');
		expect(multiData.environmentUrl).toBe('https://api.businesscentral.dynamics.com/v2.0/production');
		const onPrem = helper.add('businessCentralAccessKeyApi', {
			serverUrl: 'https://bc.contoso.com:7048/BC/',
			username: 'U',
			password: 'P',
		});
		expect(
			(await helper.getDecrypted({} as never, onPrem, 'businessCentralAccessKeyApi', 'internal')).environmentUrl,
		).toBe('https://bc.contoso.com:7048/BC');
	});
});
