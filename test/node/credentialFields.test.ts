/**
 * Credential fields that would change the request URL or send a secret unencrypted, through the real n8n engine
 * against the sandbox: each bad value fails when the credential is tested (as n8n does on save) and when the node
 * uses it (a read and a write), with a message naming the field, and the sandbox sees no request at all (no
 * Business Central request, no token request, no metadata discovery). With "Allow Unencrypted HTTP (Local Testing
 * Only)" on, a plain-HTTP sandbox works.
 */
import * as http from 'node:http';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import { testerNode } from '../helpers/credentialTester';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode, type NodeRun } from '../helpers/engine';
import {
	accessKeyCredential,
	clientSecretCredential,
	delegatedCredential,
	N8N_CALLBACK,
	startNodeSandbox,
	type RunningSandbox,
} from '../helpers/sandbox';

const types = credentialTypes();
const APP_ONLY = 'businessCentralClientCredentialsApi';
const DELEGATED = 'businessCentralOAuth2Api';
const ACCESS_KEY = 'businessCentralAccessKeyApi';
const SCOPE = String(types[DELEGATED].properties.find((p) => p.name === 'scope')?.default);

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;

beforeAll(async () => {
	sandbox = await startNodeSandbox();
	helper = new TestCredentialsHelper(types);
});
afterAll(async () => sandbox.stop());

function errorText(error: unknown): string {
	return JSON.stringify(error, Object.getOwnPropertyNames(error as object));
}

/** The ways a credential is used: its Test (on save), a record read and a record write through the node. */
function uses(
	box: RunningSandbox,
	typeName: string,
): Array<[string, (credential: { id: string | null; name: string }) => Promise<NodeRun>]> {
	const company = {
		__rl: true,
		mode: 'id',
		value: (typeName === ACCESS_KEY ? box.info.companies.onprem : box.info.companies.production)[0].id,
	};
	const record = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
		authentication: typeName,
		resource: 'record',
		operation,
		company,
		entitySet: { __rl: true, mode: 'list', value: 'customers' },
		...extra,
	});
	return [
		[
			'credential Test',
			(credential) =>
				runNode(helper, { parameters: { temp: '' }, credential, nodeTypeName: testerNode(types[typeName]) }),
		],
		[
			'Record → Get',
			(credential) =>
				runNode(helper, {
					parameters: record('get', { recordId: '11111111-2222-4333-8444-555555555555' }),
					credential,
				}),
		],
		[
			'Record → Create',
			(credential) =>
				runNode(helper, {
					parameters: record('create', {
						bodyMode: 'json',
						jsonBody: JSON.stringify({ displayName: 'Never Sent Ltd' }),
					}),
					credential,
				}),
		],
	];
}

/**
 * Runs every use of a credential holding `data` and expects each to fail with `field` in its message, nothing
 * reaching the sandbox, and none of `secrets` in the error.
 */
async function expectRefused(
	typeName: string,
	data: ICredentialDataDecryptedObject,
	field: RegExp,
	secrets: string[],
	box: RunningSandbox = sandbox,
): Promise<void> {
	const credential = helper.add(typeName, data);
	for (const [use, run] of uses(box, typeName)) {
		box.control.reset();
		const { error } = await run(credential);
		expect({ use, message: error?.message }).toEqual({ use, message: expect.stringMatching(field) });
		expect(error?.description).toMatch(/^Nothing was sent\./);
		const text = errorText(error);
		for (const secret of secrets) expect(text).not.toContain(secret);
		const stats = box.control.stats();
		expect({ use, total: stats.totalRequests, tokens: stats.tokenRequests, log: box.control.log() }).toEqual({
			use,
			total: 0,
			tokens: {},
			log: [],
		});
	}
}

/** `https://127.0.0.1:<port>` of the TLS sandbox, and the same host on plain http. */
const origin = () => sandbox.baseUrl;
const plainOrigin = () => sandbox.baseUrl.replace(/^https:/, 'http:');

describe('app-only (client credentials): refused before the token request and before Business Central', () => {
	const secrets = () => [sandbox.info.app.clientSecret];

	it.each([
		'production/../sandbox',
		'../sandbox',
		'..',
		'.',
		'production?x=',
		'production#x',
		'',
		'   ',
		'production/',
		'prod env',
		'%2e%2e',
		'a'.repeat(31),
	])('Environment %j', async (environment) => {
		await expectRefused(APP_ONLY, { ...clientSecretCredential(sandbox), environment }, /^Environment /, secrets());
	});

	it.each<[string, () => string, RegExp]>([
		[
			'the client secret pasted into Tenant',
			() => sandbox.info.app.clientSecret,
			/^Tenant is not a tenant ID or domain/,
		],
		['another secret-looking value', () => 'Xy78Q~abcdEFGHijklMNOPqrstUVWXyz0123456789', /^Tenant is not a tenant ID/],
		['"../"', () => '../', /^Tenant "\.\.\/" contains "\/"/],
		// 36 characters: long enough to be a secret, so it is described without being shown.
		['"/../other" after the domain', () => `${sandbox.info.tenantDomain}/../other`, /^Tenant is not a tenant ID/],
		['".."', () => '..', /^Tenant "\.\." is neither/],
		['"con toso"', () => 'con toso', /^Tenant "con toso" contains a space/],
		['"common"', () => 'common', /^App-only sign-in needs a specific tenant: Tenant "common"/],
		['"organizations"', () => 'organizations', /^App-only sign-in needs a specific tenant: Tenant "organizations"/],
		['"consumers"', () => 'consumers', /^Tenant "consumers"/],
		['empty', () => '', /^Tenant is empty/],
		['a name without a domain', () => 'contoso', /^Tenant "contoso" is neither/],
	])('Tenant: %s', async (_case, tenant, message) => {
		const value = tenant();
		await expectRefused(APP_ONLY, { ...clientSecretCredential(sandbox), tenantId: value }, message, [
			...secrets(),
			...(value.includes('~') ? [value] : []),
		]);
	});

	it.each<[string, () => string, RegExp]>([
		['http:// without the switch', () => `${plainOrigin()}/v2.0`, /^API Base URL ".*" uses plain http:\/\//],
		['ftp://', () => `${origin().replace('https:', 'ftp:')}/v2.0`, /^API Base URL ".*" uses "ftp:"/],
		['javascript:', () => 'javascript:alert(1)', /^API Base URL ".*" uses "javascript:"/],
		['a query', () => `${origin()}/v2.0?x=1`, /^API Base URL ".*" contains a query/],
		['a fragment', () => `${origin()}/v2.0#x`, /^API Base URL ".*" contains a fragment/],
		[
			'user info',
			() => origin().replace('https://', 'https://ADMIN:pw@') + '/v2.0',
			/^API Base URL ".*" contains a user name/,
		],
		['a ".." segment', () => `${origin()}/other/../v2.0`, /^API Base URL ".*" contains the path segment "\.\."/],
		[
			'an encoded ".." segment',
			() => `${origin()}/other/%2e%2e/v2.0`,
			/^API Base URL ".*" contains the path segment "%2e%2e"/,
		],
		['empty', () => '', /^API Base URL is empty/],
		['not a URL', () => 'not a url', /^API Base URL "not a url" is not an absolute URL/],
		['only a scheme', () => 'https://', /^API Base URL "https:\/\/" is not a valid URL/],
		['no scheme', () => `${origin().replace('https://', '')}/v2.0`, /^API Base URL ".*" is not an absolute URL/],
	])('API Base URL: %s', async (_case, url, message) => {
		await expectRefused(APP_ONLY, { ...clientSecretCredential(sandbox), apiBaseUrl: url() }, message, secrets());
	});

	it.each<[string, () => ICredentialDataDecryptedObject, RegExp]>([
		[
			'http:// without the switch',
			() => ({ authorityHost: plainOrigin() }),
			/^Authority Host ".*" uses plain http:\/\//,
		],
		[
			'http:// with the switch (MSAL needs https://)',
			() => ({ authorityHost: plainOrigin(), allowUnencryptedHttp: true }),
			/^Authority Host ".*" uses http:\/\/: app-only sign-in needs an https:\/\/ authority even with "Allow Unencrypted HTTP/,
		],
		['ftp://', () => ({ authorityHost: origin().replace('https:', 'ftp:') }), /^Authority Host ".*" uses "ftp:"/],
		['javascript:', () => ({ authorityHost: 'javascript:alert(1)' }), /^Authority Host ".*" uses "javascript:"/],
		[
			'a path',
			() => ({ authorityHost: `${origin()}/${sandbox.info.tenantId}` }),
			/^Authority Host ".*" must be only the scheme and host/,
		],
		[
			'user info',
			() => ({ authorityHost: origin().replace('https://', 'https://u:p@') }),
			/^Authority Host ".*" contains a user name/,
		],
		['a query', () => ({ authorityHost: `${origin()}?x=1` }), /^Authority Host ".*" contains a query/],
		['empty', () => ({ authorityHost: '' }), /^Authority Host is empty/],
		['not a URL', () => ({ authorityHost: 'login' }), /^Authority Host "login" is not an absolute URL/],
	])('Authority Host: %s', async (_case, fields, message) => {
		await expectRefused(APP_ONLY, { ...clientSecretCredential(sandbox), ...fields() }, message, secrets());
	});
});

describe('on-premises access key: refused before Basic auth is attached', () => {
	const secrets = () => [
		sandbox.info.onPrem.accessKey,
		Buffer.from(`${sandbox.info.onPrem.userName}:${sandbox.info.onPrem.accessKey}`).toString('base64'),
	];
	const instance = () => sandbox.info.onPrem.baseUrl;

	it.each<[string, () => string, RegExp]>([
		[
			'http:// without the switch',
			() => instance().replace('https:', 'http:'),
			/^Server Instance URL ".*" uses plain http:\/\//,
		],
		['ftp://', () => instance().replace('https:', 'ftp:'), /^Server Instance URL ".*" uses "ftp:"/],
		['javascript:', () => 'javascript:alert(1)', /^Server Instance URL ".*" uses "javascript:"/],
		['a query', () => `${instance()}?x=`, /^Server Instance URL ".*" contains a query/],
		['a fragment', () => `${instance()}#x`, /^Server Instance URL ".*" contains a fragment/],
		[
			'user info',
			() => instance().replace('https://', `https://${sandbox.info.onPrem.userName}:${sandbox.info.onPrem.accessKey}@`),
			/^Server Instance URL "https:\/\/\*\*\*@.*" contains a user name/,
		],
		['"/BC/../other"', () => `${instance()}/../other`, /^Server Instance URL ".*" contains the path segment "\.\."/],
		[
			'an encoded ".." segment',
			() => `${instance()}/%2E%2E/BC`,
			/^Server Instance URL ".*" contains the path segment "%2E%2E"/,
		],
		[
			'an empty segment',
			() => instance().replace('/BC', '//BC'),
			/^Server Instance URL ".*" contains an empty path segment/,
		],
		['empty', () => '', /^Server Instance URL is empty/],
		['not a URL', () => 'not a url', /^Server Instance URL "not a url" is not an absolute URL/],
		['only a scheme', () => 'https://', /^Server Instance URL "https:\/\/" is not a valid URL/],
	])('Server Instance URL: %s', async (_case, serverUrl, message) => {
		await expectRefused(ACCESS_KEY, { ...accessKeyCredential(sandbox), serverUrl: serverUrl() }, message, secrets());
	});

	it.each<[string, string, RegExp]>([
		['empty', '', /^User Name is empty/],
		['with ":"', 'ADMIN:x', /^User Name "ADMIN:x" contains ":"/],
		['with a line break', 'AD\r\nMIN', /^User Name ".*" contains a control character/],
	])('User Name %s', async (_case, username, message) => {
		await expectRefused(ACCESS_KEY, { ...accessKeyCredential(sandbox), username }, message, secrets());
	});

	it('an empty access key', async () => {
		await expectRefused(
			ACCESS_KEY,
			{ ...accessKeyCredential(sandbox), password: '' },
			/^Web Service Access Key is empty/,
			[],
		);
	});

	it('sends the Basic header the generic auth produced, and no other', async () => {
		const credential = helper.add(ACCESS_KEY, accessKeyCredential(sandbox));
		const type = types[ACCESS_KEY];
		const options = await helper.authenticate(
			await helper.getDecrypted({} as never, credential, ACCESS_KEY, 'internal'),
			ACCESS_KEY,
			{ url: '/api/v2.0/companies', baseURL: sandbox.info.onPrem.baseUrl, headers: { authorization: 'Bearer old' } },
		);
		const { userName, accessKey } = sandbox.info.onPrem;
		expect(options.headers).toEqual({
			Authorization: `Basic ${Buffer.from(`${userName}:${accessKey}`, 'utf8').toString('base64')}`,
		});
		expect(options.auth).toBeUndefined();
		expect(options.sendCredentialsOnCrossOriginRedirect).toBe(false);
		expect(typeof type.authenticate).toBe('function');
	});
});

describe("a request URL that is not the credential's own", () => {
	it.each<[string, string, () => ICredentialDataDecryptedObject, () => string, RegExp]>([
		[
			'app-only: another host',
			APP_ONLY,
			() => clientSecretCredential(sandbox),
			() => 'https://example.invalid/v2.0/x',
			/^Refused to send the access token to "https:\/\/example\.invalid\/v2\.0\/x": it is not on the API Base URL/,
		],
		[
			'app-only: http:// on the same host',
			APP_ONLY,
			() => clientSecretCredential(sandbox),
			() => `${plainOrigin()}/v2.0/x`,
			/^Refused to send the access token to ".*": the request URL uses plain http:\/\//,
		],
		[
			'access key: another host',
			ACCESS_KEY,
			() => accessKeyCredential(sandbox),
			() => 'https://example.invalid/BC/api/v2.0/companies',
			/^Refused to send the web service access key to .*: it is not on the Server Instance URL/,
		],
		[
			'access key: user info',
			ACCESS_KEY,
			() => accessKeyCredential(sandbox),
			() => sandbox.info.onPrem.baseUrl.replace('https://', 'https://u:p@'),
			/it contains a user name or password/,
		],
	])('%s is refused by authenticate', async (_case, typeName, data, url, message) => {
		sandbox.control.reset();
		const credentials = await helper.getDecrypted({} as never, helper.add(typeName, data()), typeName, 'internal');
		await expect(helper.authenticate(credentials, typeName, { url: url() })).rejects.toMatchObject({
			name: 'BcCredentialError',
			message: expect.stringMatching(message),
		});
		expect(sandbox.control.stats().totalRequests).toBe(0);
	});
});

describe('delegated OAuth2: the hidden URLs keep every value in its segment, and never use http:// without the switch', () => {
	it('an Environment with "/../" reads no other environment: Business Central gets one encoded segment (404)', async () => {
		const data = { ...(await delegatedCredential(sandbox, SCOPE)), environment: 'production/../sandbox' };
		const credential = helper.add(DELEGATED, data);
		sandbox.control.reset();
		const { error } = await runNode(helper, {
			parameters: { temp: '' },
			credential,
			nodeTypeName: testerNode(types[DELEGATED]),
		});
		expect(error).toBeDefined();
		const paths = sandbox.control.log().map((entry) => entry.path);
		expect(paths).toEqual([`/v2.0/${sandbox.info.tenantId}/production%2F..%2Fsandbox/api/v2.0/companies`]);
		expect(sandbox.control.log()[0].status).toBe(404);
	});

	it('an http:// API Base URL without the switch is used over https://', async () => {
		const data = { ...(await delegatedCredential(sandbox, SCOPE)), apiBaseUrl: `${plainOrigin()}/v2.0` };
		const credential = helper.add(DELEGATED, data);
		sandbox.control.reset();
		const { error, items } = await runNode(helper, {
			parameters: { temp: '' },
			credential,
			nodeTypeName: testerNode(types[DELEGATED]),
		});
		// The sandbox serves only TLS on this port: the request succeeded, so it went over https://.
		expect(error).toBeUndefined();
		expect(items[0].json.value).toHaveLength(sandbox.info.companies.production.length);
	});
});

describe('a plain-HTTP sandbox', () => {
	let plain: RunningSandbox;

	beforeAll(async () => {
		plain = await startSandbox({ port: 0, quiet: true, tls: false, autoApprove: true });
	});
	afterAll(async () => plain?.stop());

	/** GET or POST over plain HTTP (the sandbox's sign-in and token endpoints). */
	function request(url: string, body?: string): Promise<{ status: number; location?: string; text: string }> {
		return new Promise((resolve, reject) => {
			const req = http.request(
				url,
				{
					method: body ? 'POST' : 'GET',
					headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							location: res.headers.location,
							text: Buffer.concat(chunks).toString('utf8'),
						}),
					);
				},
			);
			req.on('error', reject);
			if (body) req.write(body);
			req.end();
		});
	}

	/** Delegated credential data after an (auto-approved) sign-in over plain HTTP, as n8n stores it. */
	async function plainDelegated(): Promise<ICredentialDataDecryptedObject> {
		const { clientId, clientSecret } = plain.info.app;
		const query = new URLSearchParams({
			client_id: clientId,
			response_type: 'code',
			redirect_uri: N8N_CALLBACK,
			scope: SCOPE,
			state: 's',
		});
		const authorize = await request(`${plain.info.authorizeEndpoint}?${query}`);
		const code = new URL(String(authorize.location)).searchParams.get('code');
		const token = await request(
			plain.info.tokenEndpoint,
			new URLSearchParams({
				grant_type: 'authorization_code',
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uri: N8N_CALLBACK,
				scope: SCOPE,
				code: String(code),
			}).toString(),
		);
		const body = JSON.parse(token.text) as Record<string, unknown>;
		return {
			cloud: 'custom',
			authorityHost: plain.info.authorityHost,
			apiBaseUrl: plain.info.apiBaseUrl,
			tenantId: plain.info.tenantId,
			environment: 'production',
			clientId,
			clientSecret,
			allowUnencryptedHttp: true,
			oauthTokenData: { ...body, n8n_expires_at: String(Date.now() + Number(body.expires_in) * 1000) },
		};
	}

	const listCompanies = (authentication: string): INodeParameters => ({
		authentication,
		resource: 'company',
		operation: 'getAll',
		returnAll: true,
	});

	it('with the switch on, the access key credential works (Test and node)', async () => {
		const data = accessKeyCredential(plain);
		expect(data.allowUnencryptedHttp).toBe(true);
		const credential = helper.add(ACCESS_KEY, data);
		const tested = await runNode(helper, {
			parameters: { temp: '' },
			credential,
			nodeTypeName: testerNode(types[ACCESS_KEY]),
		});
		expect(tested.error).toBeUndefined();
		const { error, items } = await runNode(helper, { parameters: listCompanies(ACCESS_KEY), credential });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name).sort()).toEqual(plain.info.companies.onprem.map((c) => c.name).sort());
	});

	it('with the switch on, the delegated credential works (Test and node)', async () => {
		const credential = helper.add(DELEGATED, await plainDelegated());
		const tested = await runNode(helper, {
			parameters: { temp: '' },
			credential,
			nodeTypeName: testerNode(types[DELEGATED]),
		});
		expect(tested.error).toBeUndefined();
		const { error, items } = await runNode(helper, { parameters: listCompanies(DELEGATED), credential });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(plain.info.companies.production.length);
	});

	it('with the switch off, the access key is not sent', async () => {
		await expectRefused(
			ACCESS_KEY,
			{ ...accessKeyCredential(plain), allowUnencryptedHttp: false },
			/^Server Instance URL "http:\/\/.*" uses plain http:\/\//,
			[plain.info.onPrem.accessKey],
			plain,
		);
	});

	it('with the switch off, the delegated credential never sends its token over plain HTTP', async () => {
		const credential = helper.add(DELEGATED, { ...(await plainDelegated()), allowUnencryptedHttp: false });
		plain.control.reset();
		const tested = await runNode(helper, {
			parameters: { temp: '' },
			credential,
			nodeTypeName: testerNode(types[DELEGATED]),
		});
		// The URL was used as https://: the TLS handshake with the plain-HTTP server fails before any header is sent.
		expect(tested.error?.message).toMatch(/EPROTO|wrong version number/);
		expect(plain.control.stats().totalRequests).toBe(0);
	});

	it('app-only cannot use a plain-HTTP authority, switch or not: refused before anything is sent', async () => {
		const data = clientSecretCredential(plain);
		expect(data.allowUnencryptedHttp).toBe(true);
		await expectRefused(
			APP_ONLY,
			data,
			/^Authority Host ".*" uses http:\/\/: app-only sign-in needs an https:\/\/ authority/,
			[plain.info.app.clientSecret],
			plain,
		);
	});
});
