/**
 * The credential field checks of core/credentialChecks.ts, value by value, and the hidden URL expressions of the
 * credential types (resolved the way n8n resolves them): a Tenant or Environment stays one path segment, and
 * http:// becomes https:// unless the local-testing switch is on.
 */
import {
	allowsUnencryptedHttp,
	checkCredentialFields,
	checkEnvironmentName,
	checkEnvironmentUrl,
	checkRequestUrl,
	checkServiceUrl,
	checkTenant,
	checkUserName,
	requestUrlOf,
} from '../../core/credentialChecks';
import { BcCredentialError, BcTokenError, isBcCredentialError, isBcTokenError } from '../../core/errors';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes } from '../helpers/engine';

/** A client secret in the format Microsoft Entra ID issues (not a real one). */
const SECRET_LIKE = 'Xy78Q~abcdEFGHijklMNOPqrstUVWXyz0123456789';

describe('checkTenant', () => {
	it.each([
		'5f0c2a6e-3b1d-4c8e-9a7f-1e2d3c4b5a60',
		'5F0C2A6E-3B1D-4C8E-9A7F-1E2D3C4B5A60',
		'contoso.onmicrosoft.com',
		'Contoso.OnMicrosoft.com',
		'contoso.com',
		'eu.contoso.co.uk',
		'xn--mller-kva.de',
		'  contoso.com  ',
	])('accepts %j for app-only and delegated', (value) => {
		expect(checkTenant(value, { allowMultiTenant: false })).toBeUndefined();
		expect(checkTenant(value, { allowMultiTenant: true })).toBeUndefined();
	});

	it.each(['organizations', 'common', 'Organizations'])('accepts %j only for delegated sign-in', (value) => {
		expect(checkTenant(value, { allowMultiTenant: true })).toBeUndefined();
		expect(checkTenant(value, { allowMultiTenant: false })).toMatch(
			/^App-only sign-in needs a specific tenant: Tenant "(organizations|common)" only works for delegated sign-in/,
		);
	});

	it.each<[unknown, RegExp]>([
		['', /^Tenant is empty: enter the Directory \(tenant\) ID/],
		[undefined, /^Tenant is empty/],
		['consumers', /^Tenant "consumers" is for personal Microsoft accounts/],
		['../', /^Tenant "\.\.\/" contains "\/": enter/],
		['..', /^Tenant "\.\." is neither a GUID nor a domain name/],
		['con toso', /^Tenant "con toso" contains a space/],
		['contoso', /^Tenant "contoso" is neither a GUID nor a domain name/],
		['contoso.com/../x', /^Tenant "contoso\.com\/\.\.\/x" contains "\/"/],
		['contoso.com?x=1', /^Tenant "contoso\.com\?x=1" contains "\?"/],
		['contoso.com#x', /^Tenant "contoso\.com#x" contains "#"/],
		['1.2.3.4', /^Tenant "1\.2\.3\.4" is neither/],
		['-contoso.com', /is neither a GUID nor a domain name/],
		['{5f0c2a6e-3b1d-4c8e-9a7f-1e2d3c4b5a60}', /^Tenant "{5f0c2a6e-3b1d-4c8e-9a7f-1e2d3c4b5a60}" has braces/],
	])('refuses %j naming the field', (value, problem) => {
		expect(checkTenant(value, { allowMultiTenant: false })).toMatch(problem);
	});

	it.each([SECRET_LIKE, 'abcDEF123ghiJKL456', 'x'.repeat(40)])(
		'never echoes a value that may be a pasted secret (%j)',
		(value) => {
			const problem = checkTenant(value, { allowMultiTenant: true }) ?? '';
			expect(problem).toMatch(/^Tenant is not a tenant ID or domain \(the value entered, \d+ characters, is not shown/);
			expect(problem).not.toContain(value.slice(0, 6));
		},
	);
});

describe('checkEnvironmentName', () => {
	it.each(['production', 'sandbox', 'Production', 'my-sandbox_2', 'a', 'a'.repeat(30), ' production '])(
		'accepts %j',
		(value) => expect(checkEnvironmentName(value)).toBeUndefined(),
	);

	it.each<[unknown, RegExp]>([
		['', /^Environment is empty: enter the environment name/],
		['   ', /^Environment is empty/],
		[undefined, /^Environment is empty/],
		['production/../sandbox', /^Environment "production\/\.\.\/sandbox" contains "\/" \(a name, not a path or URL\)/],
		['..', /^Environment "\.\." contains "\."/],
		['.', /^Environment "\." contains "\."/],
		['production?x=', /^Environment "production\?x=" contains "\?"/],
		['production#x', /^Environment "production#x" contains "#"/],
		['%2e%2e', /^Environment "%2e%2e" contains "%"/],
		['prod env', /^Environment "prod env" contains a space/],
		['prod\tenv', /contains a control character/],
		['a'.repeat(31), /^Environment "a{31}" is 31 characters long; Business Central environment names have at most 30/],
		['x'.repeat(200), /^Environment "x{59}…" is 200 characters long/],
		['1production', /^Environment "1production" does not start with a letter/],
		['-production', /does not start with a letter/],
	])('refuses %j naming the field', (value, problem) => {
		expect(checkEnvironmentName(value)).toMatch(problem);
	});
});

describe('checkServiceUrl', () => {
	const api = (value: unknown, allowUnencryptedHttp = false) =>
		checkServiceUrl(value, { field: 'API Base URL', allowUnencryptedHttp });

	it.each([
		'https://api.businesscentral.dynamics.com/v2.0',
		'https://api.businesscentral.dynamics.com/v2.0/',
		'HTTPS://api.businesscentral.dynamics.com/v2.0',
		'https://127.0.0.1:7048/v2.0',
		'https://[::1]:7048/BC',
		' https://bc.contoso.com:7048/BC ',
	])('accepts %j', (value) => expect(api(value)).toBeUndefined());

	it('accepts http:// only with the local-testing switch', () => {
		expect(api('http://127.0.0.1:7048/v2.0', true)).toBeUndefined();
		expect(api('http://127.0.0.1:7048/v2.0')).toMatch(
			/^API Base URL "http:\/\/127\.0\.0\.1:7048\/v2\.0" uses plain http:\/\/, which would send the token or access key unencrypted: use https:\/\/\. Only for a local test server, turn on "Allow Unencrypted HTTP \(Local Testing Only\)"/,
		);
	});

	it.each<[unknown, RegExp]>([
		['', /^API Base URL is empty: enter an https:\/\/ URL/],
		[undefined, /^API Base URL is empty/],
		[
			'ftp://bc.contoso.com/v2.0',
			/^API Base URL "ftp:\/\/bc\.contoso\.com\/v2\.0" uses "ftp:", which is not supported/,
		],
		['javascript:alert(1)', /^API Base URL "javascript:alert\(1\)" uses "javascript:", which is not supported/],
		['file:///etc/passwd', /uses "file:"/],
		['not a url', /^API Base URL "not a url" is not an absolute URL: start it with https:\/\//],
		['bc.contoso.com/v2.0', /is not an absolute URL/],
		['https:bc.contoso.com', /must start with https:\/\/ \(two slashes\)/],
		['https://', /^API Base URL "https:\/\/" is not a valid URL/],
		['https://bc contoso.com', /contains a space or control character/],
		['https://bc.contoso.com\\v2.0', /contains "\\"/],
		['https://bc.contoso.com/v2.0?x=1', /^API Base URL "https:\/\/bc\.contoso\.com\/v2\.0\?…" contains a query/],
		['https://bc.contoso.com/v2.0#x', /^API Base URL "https:\/\/bc\.contoso\.com\/v2\.0#…" contains a fragment/],
		['https://bc.contoso.com/v2.0/?', /contains a query/],
		[
			'https://user:pass@bc.contoso.com/v2.0',
			/^API Base URL "https:\/\/\*\*\*@bc\.contoso\.com\/v2\.0" contains a user name/,
		],
		['https://@bc.contoso.com/v2.0', /contains a user name or password/],
		['https://bc.contoso.com/v2.0/../other', /contains the path segment "\.\.", which would address another path/],
		['https://bc.contoso.com/./v2.0', /contains the path segment "\."/],
		['https://bc.contoso.com/v2.0/%2e%2E/other', /contains the path segment "%2e%2E"/],
		['https://bc.contoso.com/v2.0/.%2e', /contains the path segment "\.%2e"/],
		['https://bc.contoso.com/v2.0%2F..%2Fother', /contains "%2F" \(an encoded/],
		['https://bc.contoso.com//v2.0', /contains an empty path segment/],
	])('refuses %j naming the field', (value, problem) => {
		expect(api(value)).toMatch(problem);
		expect(api(value, true)).toMatch(problem);
	});

	it('never shows user info or a query value', () => {
		const problem = api('https://ADMIN:SbxAccessKey@bc.contoso.com/BC?key=SbxAccessKey') ?? '';
		expect(problem).not.toContain('SbxAccessKey');
		expect(problem).not.toContain('ADMIN');
	});

	it('an authority host must be only scheme and host', () => {
		const authority = (value: string) =>
			checkServiceUrl(value, { field: 'Authority Host', allowUnencryptedHttp: false, allowPath: false });
		expect(authority('https://login.microsoftonline.com')).toBeUndefined();
		expect(authority('https://login.microsoftonline.com/')).toBeUndefined();
		expect(authority('https://login.microsoftonline.com/contoso.com')).toMatch(
			/^Authority Host "https:\/\/login\.microsoftonline\.com\/contoso\.com" must be only the scheme and host, without a path/,
		);
	});
});

describe('checkEnvironmentUrl', () => {
	it.each([
		['https://api.businesscentral.dynamics.com/v2.0/contoso.com/production', false],
		['https://api.businesscentral.dynamics.com/v2.0/production', false],
		['https://bc.contoso.com:7048/BC', false],
		['http://127.0.0.1:7048/v2.0/5f0c2a6e-3b1d-4c8e-9a7f-1e2d3c4b5a60/production', true],
	] as const)('accepts %j', (url, allowHttp) => expect(checkEnvironmentUrl(url, allowHttp)).toBeUndefined());

	it.each<[string, boolean, RegExp]>([
		[
			'',
			false,
			/^The credential's environment URL is empty: check the credential's API Base URL, Tenant and Environment/,
		],
		['http://bc.contoso.com:7048/BC', false, /uses plain http:\/\//],
		['ftp://bc.contoso.com/BC', true, /uses "ftp:"/],
		['javascript:alert(1)', true, /uses "javascript:"/],
		['not a url', false, /is not an absolute URL/],
		['https://h/v2.0/contoso.com/', false, /ends with "\/"/],
		['https://h/v2.0/contoso.com/..', false, /contains the path segment "\.\."/],
		['https://h/v2.0/contoso.com/%2E', false, /contains the path segment "%2E"/],
		['https://h/v2.0/contoso.com/production%2F..%2Fsandbox', false, /contains "%2F"/],
		['https://h/v2.0/contoso.com/production%3Fx%3D', false, /contains "%3F"/],
		['https://h/v2.0/contoso.com/production%23x', false, /contains "%23"/],
		['https://h/v2.0/contoso.com/production?x=', false, /contains a query/],
		['https://h/v2.0/contoso.com/production#x', false, /contains a fragment/],
		['https://u:p@h/BC', false, /contains a user name or password/],
		['https://h//BC', false, /contains an empty path segment/],
	])('refuses %j', (url, allowHttp, problem) => {
		expect(checkEnvironmentUrl(url, allowHttp)).toMatch(/^The credential's environment URL /);
		expect(checkEnvironmentUrl(url, allowHttp)).toMatch(problem);
	});
});

describe('requestUrlOf and checkRequestUrl', () => {
	it('combines baseURL and url like axios', () => {
		expect(requestUrlOf('/api/v2.0/companies', 'https://h/v2.0/t/production')).toBe(
			'https://h/v2.0/t/production/api/v2.0/companies',
		);
		expect(requestUrlOf('api/v2.0/companies', 'https://h/BC/')).toBe('https://h/BC/api/v2.0/companies');
		expect(requestUrlOf('https://h/next?$skiptoken=1', 'https://h/BC')).toBe('https://h/next?$skiptoken=1');
		expect(requestUrlOf('//other/x', 'https://h/BC')).toBe('//other/x');
		expect(requestUrlOf(undefined, 'https://h/BC')).toBe('https://h/BC');
		expect(requestUrlOf('', undefined)).toBe('');
	});

	const onBase = { field: 'API Base URL', url: 'https://h:7048/v2.0' };
	it('allows https:// to the expected host, with a query', () => {
		expect(checkRequestUrl('https://h:7048/v2.0/t/p/api/v2.0/companies?$top=1', false, 'the token', onBase)).toBe(
			undefined,
		);
		expect(checkRequestUrl('http://h:7048/v2.0/x', true, 'the token', { ...onBase, url: 'http://h:7048/v2.0' })).toBe(
			undefined,
		);
	});

	it.each<[string, RegExp]>([
		[
			'http://h:7048/v2.0/x',
			/^Refused to send the token to "http:\/\/h:7048\/v2\.0\/x": the request URL uses plain http:\/\//,
		],
		['https://other:7048/v2.0/x', /it is not on the API Base URL \("https:\/\/h:7048"\)/],
		['https://h:7049/v2.0/x', /it is not on the API Base URL/],
		[
			'https://u:p@h:7048/v2.0/x',
			/^Refused to send the token to "https:\/\/\*\*\*@h:7048\/v2\.0\/x": it contains a user name/,
		],
		['ftp://h:7048/x', /uses "ftp:"/],
		['', /^Refused to send the token to an empty URL/],
		['//h:7048/x', /is not an absolute URL/],
	])('refuses %j', (url, problem) => {
		expect(checkRequestUrl(url, false, 'the token', onBase)).toMatch(problem);
	});
});

describe('checkUserName', () => {
	it.each(['ADMIN', 'CRONUS\\ADMIN', 'jane doe'])('accepts %j', (value) =>
		expect(checkUserName(value)).toBeUndefined(),
	);
	it.each<[unknown, RegExp]>([
		['', /^User Name is empty/],
		[undefined, /^User Name is empty/],
		['ADMIN:x', /^User Name "ADMIN:x" contains ":", which HTTP Basic authentication cannot carry/],
		['AD\nMIN', /^User Name "AD\\nMIN" contains a control character/],
	])('refuses %j', (value, problem) => expect(checkUserName(value)).toMatch(problem));
});

describe('allowsUnencryptedHttp and checkCredentialFields', () => {
	it('honours the switch for Cloud = Custom and on-premises only', () => {
		expect(allowsUnencryptedHttp({ cloud: 'custom', allowUnencryptedHttp: true })).toBe(true);
		expect(allowsUnencryptedHttp({ cloud: 'global', allowUnencryptedHttp: true })).toBe(false);
		expect(allowsUnencryptedHttp({ cloud: 'custom', allowUnencryptedHttp: false })).toBe(false);
		expect(allowsUnencryptedHttp({ cloud: 'custom', allowUnencryptedHttp: 'true' })).toBe(false);
		expect(allowsUnencryptedHttp({ allowUnencryptedHttp: true })).toBe(true);
		expect(allowsUnencryptedHttp({})).toBe(false);
	});

	const online = {
		cloud: 'custom',
		apiBaseUrl: 'https://h/v2.0',
		authorityHost: 'https://h',
		tenantId: 'contoso.com',
		environment: 'production',
	};

	it('checks the fields of each type in dialog order', () => {
		expect(checkCredentialFields('businessCentralClientCredentialsApi', online)).toBeUndefined();
		expect(checkCredentialFields('businessCentralOAuth2Api', { ...online, tenantId: 'organizations' })).toBe(undefined);
		expect(
			checkCredentialFields('businessCentralClientCredentialsApi', { ...online, tenantId: 'organizations' })?.field,
		).toBe('tenantId');
		expect(
			checkCredentialFields('businessCentralOAuth2Api', { ...online, tenantId: '../', environment: '..' })?.field,
		).toBe('tenantId');
		expect(checkCredentialFields('businessCentralOAuth2Api', { ...online, environment: '..' })?.field).toBe(
			'environment',
		);
		expect(checkCredentialFields('businessCentralOAuth2Api', { ...online, apiBaseUrl: 'http://h/v2.0' })?.field).toBe(
			'apiBaseUrl',
		);
		expect(
			checkCredentialFields('businessCentralOAuth2Api', {
				...online,
				apiBaseUrl: 'http://h/v2.0',
				authorityHost: 'http://h',
				allowUnencryptedHttp: true,
			}),
		).toBeUndefined();
		expect(
			checkCredentialFields('businessCentralClientCredentialsApi', {
				...online,
				apiBaseUrl: 'http://h/v2.0',
				authorityHost: 'http://h',
				allowUnencryptedHttp: true,
			}),
		).toEqual({
			field: 'authorityHost',
			problem: expect.stringMatching(
				/^Authority Host "http:\/\/h" uses http:\/\/: app-only sign-in needs an https:\/\/ authority even with "Allow Unencrypted HTTP \(Local Testing Only\)"/,
			),
		});
		// The global cloud's URLs are fixed: custom values left in the credential are not used, so not checked.
		expect(
			checkCredentialFields('businessCentralClientCredentialsApi', { ...online, cloud: 'global', apiBaseUrl: 'x' }),
		).toBeUndefined();
		const onPremises = { serverUrl: 'https://bc.contoso.com:7048/BC', username: 'ADMIN', password: 'key' };
		expect(checkCredentialFields('businessCentralAccessKeyApi', onPremises)).toBeUndefined();
		expect(checkCredentialFields('businessCentralAccessKeyApi', { ...onPremises, serverUrl: '' })?.field).toBe(
			'serverUrl',
		);
		expect(checkCredentialFields('businessCentralAccessKeyApi', { ...onPremises, username: 'a:b' })?.field).toBe(
			'username',
		);
		expect(checkCredentialFields('businessCentralAccessKeyApi', { ...onPremises, password: '' })).toEqual({
			field: 'password',
			problem: expect.stringMatching(/^Web Service Access Key is empty/),
		});
		expect(checkCredentialFields('someOtherApi', { serverUrl: '' })).toBeUndefined();
	});
});

describe('BcCredentialError', () => {
	it('is a BcTokenError for the transport and tells itself apart', () => {
		const error = new BcCredentialError('Tenant is empty: enter …', 'tenantId', 'Nothing was sent.');
		expect(isBcTokenError(error)).toBe(true);
		expect(isBcCredentialError(error)).toBe(true);
		expect(error).toMatchObject({ name: 'BcCredentialError', field: 'tenantId', description: 'Nothing was sent.' });
		expect(isBcCredentialError(new BcTokenError('x', 'y'))).toBe(false);
		// Recognised by marker, also as a plain object (another copy of the package).
		expect(isBcCredentialError({ ...error, message: error.message })).toBe(true);
	});
});

describe('the hidden URL expressions of the credential types', () => {
	const helper = new TestCredentialsHelper(credentialTypes());
	async function resolved(type: string, data: Record<string, unknown>) {
		const reference = helper.add(type, data as never);
		return await helper.getDecrypted({} as never, reference, type, 'internal');
	}
	const custom = {
		cloud: 'custom',
		authorityHost: 'https://login.example.com',
		apiBaseUrl: 'https://api.example.com/v2.0',
	};

	it.each<[string, string]>([
		['production/../sandbox', 'production%2F..%2Fsandbox'],
		['production?x=1', 'production%3Fx%3D1'],
		['production#x', 'production%23x'],
		['prod env', 'prod%20env'],
		['  production  ', 'production'],
	])('the environment %j stays one path segment', async (environment, segment) => {
		for (const type of ['businessCentralOAuth2Api', 'businessCentralClientCredentialsApi']) {
			const data = await resolved(type, { ...custom, tenantId: 'contoso.com', environment });
			expect(data.environmentUrl).toBe(`https://api.example.com/v2.0/contoso.com/${segment}`);
		}
	});

	it.each<[string, string]>([
		['../other', '..%2Fother'],
		['contoso.com/x?y#z', 'contoso.com%2Fx%3Fy%23z'],
		['con toso', 'con%20toso'],
	])('the tenant %j stays one path segment in every URL', async (tenantId, segment) => {
		const data = await resolved('businessCentralOAuth2Api', { ...custom, tenantId, environment: 'production' });
		expect(data.environmentUrl).toBe(`https://api.example.com/v2.0/${segment}/production`);
		expect(data.authUrl).toBe(`https://login.example.com/${segment}/oauth2/v2.0/authorize`);
		expect(data.accessTokenUrl).toBe(`https://login.example.com/${segment}/oauth2/v2.0/token`);
	});

	it('an empty tenant signs in through "organizations"', async () => {
		const data = await resolved('businessCentralOAuth2Api', { ...custom, tenantId: ' ', environment: 'production' });
		expect(data.authUrl).toBe('https://login.example.com/organizations/oauth2/v2.0/authorize');
		expect(data.environmentUrl).toBe('https://api.example.com/v2.0/production');
	});

	it('http:// becomes https:// unless the switch is on (and Cloud is Custom)', async () => {
		const plain = {
			cloud: 'custom',
			authorityHost: 'http://127.0.0.1:7048',
			apiBaseUrl: 'HTTP://127.0.0.1:7048/v2.0/',
			tenantId: 'contoso.com',
			environment: 'production',
		};
		const off = await resolved('businessCentralOAuth2Api', plain);
		expect(off.environmentUrl).toBe('https://127.0.0.1:7048/v2.0/contoso.com/production');
		expect(off.authUrl).toBe('https://127.0.0.1:7048/contoso.com/oauth2/v2.0/authorize');
		expect(off.accessTokenUrl).toBe('https://127.0.0.1:7048/contoso.com/oauth2/v2.0/token');
		const on = await resolved('businessCentralOAuth2Api', { ...plain, allowUnencryptedHttp: true });
		expect(on.environmentUrl).toBe('http://127.0.0.1:7048/v2.0/contoso.com/production');
		expect(on.authUrl).toBe('http://127.0.0.1:7048/contoso.com/oauth2/v2.0/authorize');
		expect(on.accessTokenUrl).toBe('http://127.0.0.1:7048/contoso.com/oauth2/v2.0/token');
		const global = await resolved('businessCentralOAuth2Api', {
			...plain,
			cloud: 'global',
			allowUnencryptedHttp: true,
		});
		expect(global.environmentUrl).toBe('https://api.businesscentral.dynamics.com/v2.0/contoso.com/production');
		expect(global.authUrl).toBe('https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize');
	});

	it('the switch defaults to off on every type', () => {
		for (const type of Object.values(credentialTypes())) {
			if (type.name === 'oAuth2Api') continue;
			const property = type.properties.find((p) => p.name === 'allowUnencryptedHttp');
			expect(property).toMatchObject({
				displayName: 'Allow Unencrypted HTTP (Local Testing Only)',
				type: 'boolean',
				default: false,
			});
			if (type.name !== 'businessCentralAccessKeyApi')
				expect(property?.displayOptions).toEqual({ show: { cloud: ['custom'] } });
		}
	});

	it('no expression holds "}}" before its end (n8n would cut it there)', () => {
		for (const type of Object.values(credentialTypes())) {
			for (const property of type.properties) {
				const text = typeof property.default === 'string' ? property.default : '';
				if (text.startsWith('={{')) expect(text.slice(3, -2)).not.toContain('}}');
			}
		}
	});
});

describe('example credentials (scripts/lib/fixtures.js) for a plain-HTTP sandbox', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { withPlainHttpSwitch } = require('../../scripts/lib/fixtures.js') as {
		withPlainHttpSwitch(credential: { data?: Record<string, unknown> }): { data?: Record<string, unknown> };
	};

	it.each([
		{ serverUrl: 'http://127.0.0.1:7048/BC' },
		{ apiBaseUrl: 'http://127.0.0.1:7048/v2.0', authorityHost: 'http://127.0.0.1:7048' },
		{ authorityHost: 'HTTP://127.0.0.1:7048' },
	])('turn on the switch for %j', (data) => {
		expect(withPlainHttpSwitch({ data }).data).toEqual({ ...data, allowUnencryptedHttp: true });
	});

	it.each([
		{ serverUrl: 'https://127.0.0.1:7048/BC' },
		{ apiBaseUrl: 'https://127.0.0.1:7048/v2.0', authorityHost: 'https://127.0.0.1:7048' },
		{ cloud: 'global' },
	])('leave it off for %j', (data) => {
		expect(withPlainHttpSwitch({ data }).data).toEqual(data);
	});
});
