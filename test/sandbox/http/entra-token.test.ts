/**
 * Entra token endpoint over HTTPS: client credentials (secret in form / Basic, certificate assertion) and every
 * documented error, compared with the real bodies in test/fixtures/entra-token-errors.json (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes).
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, importPKCS8 } from 'jose';
import type { RunningSandbox } from '../../../sandbox/index';
import { fixture, startTestSandbox, stopTestSandbox, type HttpResult, type SandboxClient } from './client';
import { createEchoBcApi } from './stub-bc-api';

type ErrorFixture = Record<string, { status: number; body: Record<string, unknown> }>;
const realErrors = fixture<ErrorFixture>('entra-token-errors.json');
const realSuccess = fixture<{ headers: Record<string, string>; body: Record<string, unknown> }>(
	'entra-token-success-client-credentials.json',
);

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DESCRIPTION = new RegExp(
	`^AADSTS(\\d+): ([\\s\\S]*)\\r\\nTrace ID: (${GUID})\\r\\nCorrelation ID: (${GUID})\\r\\nTimestamp: (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ)$`,
);

let sandbox: RunningSandbox;
let client: SandboxClient;

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox({ bcApi: createEchoBcApi(), accessTokenLifetimeSeconds: 1234 }));
});
afterAll(() => stopTestSandbox(client));

function form(overrides: Record<string, string | undefined> = {}): Record<string, string> {
	const base: Record<string, string | undefined> = {
		grant_type: 'client_credentials',
		client_id: sandbox.info.app.clientId,
		client_secret: sandbox.info.app.clientSecret,
		scope: sandbox.info.scope,
		...overrides,
	};
	return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** Asserts the Entra error shape field by field against the real body of the same error, and returns the message text. */
function expectEntraError(response: HttpResult, status: number, error: string, code: number): string {
	expect(response.status).toBe(status);
	expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
	expect(response.headers['cache-control']).toBe('no-store, no-cache');
	const body = response.json();
	expect(Object.keys(body).sort()).toEqual(Object.keys(realErrors.invalid_client_AADSTS7000215.body).sort());
	expect(body.error).toBe(error);
	expect(body.error_codes).toEqual([code]);
	expect(body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${code}`);
	const match = DESCRIPTION.exec(body.error_description);
	expect(match).not.toBeNull();
	const [, aadsts, text, traceId, correlationId, timestamp] = match as RegExpExecArray;
	expect(Number(aadsts)).toBe(code);
	expect(traceId).toBe(body.trace_id);
	expect(correlationId).toBe(body.correlation_id);
	expect(timestamp).toBe(body.timestamp);
	expect(response.headers['x-ms-request-id']).toBe(body.trace_id);
	return text;
}

function realText(key: string): string {
	return (DESCRIPTION.exec(realErrors[key].body.error_description as string) as RegExpExecArray)[2];
}

describe('client credentials with a secret', () => {
	it('returns the real success shape, headers and a BC app token', async () => {
		const response = await client.postForm(sandbox.info.tokenEndpoint, form());
		expect(response.status).toBe(200);
		const body = response.json();
		expect(Object.keys(body).sort()).toEqual(Object.keys(realSuccess.body).sort());
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 1234, ext_expires_in: 1234 });
		for (const header of ['Cache-Control', 'Pragma', 'Content-Type', 'Expires', 'X-Content-Type-Options']) {
			expect(response.headers[header.toLowerCase()]).toBe(realSuccess.headers[header]);
		}
		const header = decodeProtectedHeader(body.access_token);
		expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
		expect(header.x5t).toBe(header.kid);
		const claims = decodeJwt(body.access_token);
		expect(claims).toMatchObject({
			aud: 'https://api.businesscentral.dynamics.com',
			iss: `https://sts.windows.net/${sandbox.info.tenantId}/`,
			ver: '1.0',
			tid: sandbox.info.tenantId,
			appid: sandbox.info.app.clientId,
			idtyp: 'app',
			appidacr: '1',
			roles: ['API.ReadWrite.All', 'Automation.ReadWrite.All'],
		});
		expect((claims.exp as number) - (claims.iat as number)).toBe(1234);
		expect(claims.oid).toMatch(new RegExp(`^${GUID}$`));
		expect(body.refresh_token).toBeUndefined();
	});

	it('accepts the secret in HTTP Basic and the tenant as verified domain', async () => {
		const basic = Buffer.from(
			`${encodeURIComponent(sandbox.info.app.clientId)}:${encodeURIComponent(sandbox.info.app.clientSecret)}`,
		).toString('base64');
		const response = await client.postForm(
			`${sandbox.baseUrl}/${sandbox.info.tenantDomain}/oauth2/v2.0/token`,
			form({ client_id: undefined, client_secret: undefined }),
			{ authorization: `Basic ${basic}` },
		);
		expect(response.status).toBe(200);
		expect(decodeJwt(response.json().access_token).appid).toBe(sandbox.info.app.clientId);
	});

	it('echoes a client-request-id as correlation id in errors', async () => {
		const requestId = randomUUID();
		const response = await client.postForm(sandbox.info.tokenEndpoint, form({ client_secret: 'wrong' }), {
			'client-request-id': requestId,
		});
		expect(response.json().correlation_id).toBe(requestId);
	});
});

describe('token endpoint errors (real Entra bodies)', () => {
	it('AADSTS7000215 wrong secret → 401 invalid_client, text as captured', async () => {
		const text = expectEntraError(
			await client.postForm(sandbox.info.tokenEndpoint, form({ client_secret: 'not-the-secret' })),
			401,
			'invalid_client',
			7000215,
		);
		expect(text).toBe(
			realText('invalid_client_AADSTS7000215').replace(
				'a8fdfbd0-da97-42d9-8f1a-fd6a7cb650b4',
				sandbox.info.app.clientId,
			),
		);
	});

	it('AADSTS700016 unknown app → 400 unauthorized_client', async () => {
		const unknown = randomUUID();
		const response = await client.postForm(sandbox.info.tokenEndpoint, form({ client_id: unknown }));
		const text = expectEntraError(response, 400, 'unauthorized_client', 700016);
		// The capture has ids redacted to 'xxxx' and its separators flattened to spaces; compare the message part.
		const captured = (realErrors.unauthorized_client_AADSTS700016.body.error_description as string)
			.split(' Trace ID:')[0]
			.replace(/^AADSTS700016: /, '');
		expect(text).toBe(captured.replace("'xxxx'", `'${unknown}'`).replace("'xxxx'", `'${sandbox.info.tenantId}'`));
	});

	it('AADSTS90002 unknown tenant → 400 invalid_tenant, text as captured', async () => {
		const response = await client.postForm(`${sandbox.baseUrl}/contoso.onmicrosoft.com/oauth2/v2.0/token`, form());
		const text = expectEntraError(response, 400, 'invalid_tenant', 90002);
		expect(text).toBe(realText('invalid_tenant_AADSTS90002').replace("'tenant_id'", "'contoso.onmicrosoft.com'"));
	});

	it('AADSTS70011 bad scope → 400 invalid_scope, text as in the docs example', async () => {
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			form({ scope: 'https://foo.microsoft.com/.default' }),
		);
		expect(expectEntraError(response, 400, 'invalid_scope', 70011)).toBe(
			realText('invalid_scope_AADSTS70011_doc_example'),
		);
	});

	it('AADSTS70011 for offline_access in client credentials', async () => {
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			form({ scope: `${sandbox.info.scope} offline_access` }),
		);
		expectEntraError(response, 400, 'invalid_scope', 70011);
	});

	it('AADSTS1002012 non-.default scope in client credentials', async () => {
		const scope = 'https://api.businesscentral.dynamics.com/Financials.ReadWrite.All';
		const text = expectEntraError(
			await client.postForm(sandbox.info.tokenEndpoint, form({ scope })),
			400,
			'invalid_scope',
			1002012,
		);
		expect(text).toContain('Client credential flows must have a scope value with /.default suffixed');
	});

	it.each(['grant_type', 'client_id', 'scope'])('AADSTS900144 missing %s → 400 invalid_request', async (name) => {
		const text = expectEntraError(
			await client.postForm(sandbox.info.tokenEndpoint, form({ [name]: undefined })),
			400,
			'invalid_request',
			900144,
		);
		expect(text).toBe(`The request body must contain the following parameter: '${name}'.`);
	});

	it('AADSTS7000218 no secret and no assertion → 401 invalid_client', async () => {
		expectEntraError(
			await client.postForm(sandbox.info.tokenEndpoint, form({ client_secret: undefined })),
			401,
			'invalid_client',
			7000218,
		);
	});

	it('AADSTS70003 unsupported grant type → 400 unsupported_grant_type', async () => {
		expectEntraError(
			await client.postForm(sandbox.info.tokenEndpoint, form({ grant_type: 'password' })),
			400,
			'unsupported_grant_type',
			70003,
		);
	});

	it('AADSTS50059 client credentials against /common', async () => {
		expectEntraError(
			await client.postForm(`${sandbox.baseUrl}/common/oauth2/v2.0/token`, form()),
			400,
			'invalid_request',
			50059,
		);
	});

	it('a JSON body is not a form: missing grant_type', async () => {
		const response = await client.request(sandbox.info.tokenEndpoint, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(form()),
		});
		expectEntraError(response, 400, 'invalid_request', 900144);
	});
});

describe('client credentials with a certificate (client assertion)', () => {
	const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

	async function assertion(
		options: {
			alg?: 'PS256' | 'RS256';
			aud?: string;
			iss?: string;
			expSeconds?: number;
			thumbprint?: 'sha1' | 'sha256' | 'wrong';
			key?: string;
		} = {},
	) {
		const app = sandbox.info.certificateApp;
		const alg = options.alg ?? 'PS256';
		const key = await importPKCS8(options.key ?? app.privateKeyPem, alg);
		const header: Record<string, string> = { alg, typ: 'JWT' };
		const kind = options.thumbprint ?? (alg === 'PS256' ? 'sha256' : 'sha1');
		if (kind === 'sha256') header['x5t#S256'] = Buffer.from(app.thumbprintSha256, 'hex').toString('base64url');
		else if (kind === 'sha1') header.x5t = Buffer.from(app.thumbprintSha1, 'hex').toString('base64url');
		else header['x5t#S256'] = createHash('sha256').update('other').digest('base64url');
		const now = Math.floor(Date.now() / 1000);
		return new SignJWT({ jti: randomUUID() })
			.setProtectedHeader(header as never)
			.setAudience(options.aud ?? sandbox.info.tokenEndpoint)
			.setIssuer(options.iss ?? app.clientId)
			.setSubject(app.clientId)
			.setIssuedAt(now)
			.setNotBefore(now)
			.setExpirationTime(now + (options.expSeconds ?? 600))
			.sign(key);
	}

	function certificateForm(clientAssertion: string): Record<string, string> {
		return form({
			client_id: sandbox.info.certificateApp.clientId,
			client_secret: undefined,
			client_assertion_type: assertionType,
			client_assertion: clientAssertion,
		});
	}

	it.each([['PS256'], ['RS256']] as const)('issues a token for a valid %s assertion', async (alg) => {
		const response = await client.postForm(sandbox.info.tokenEndpoint, certificateForm(await assertion({ alg })));
		expect(response.status).toBe(200);
		expect(decodeJwt(response.json().access_token)).toMatchObject({
			appid: sandbox.info.certificateApp.clientId,
			appidacr: '2',
		});
	});

	it('rejects an assertion for another audience', async () => {
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			certificateForm(await assertion({ aud: 'https://login.microsoftonline.com/x/oauth2/v2.0/token' })),
		);
		expect(expectEntraError(response, 401, 'invalid_client', 50027)).toContain("'aud'");
	});

	it('rejects iss different from client_id', async () => {
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			certificateForm(await assertion({ iss: randomUUID() })),
		);
		expectEntraError(response, 401, 'invalid_client', 50027);
	});

	it('rejects an unknown thumbprint (AADSTS700027)', async () => {
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			certificateForm(await assertion({ thumbprint: 'wrong' })),
		);
		expect(expectEntraError(response, 401, 'invalid_client', 700027)).toContain('The key was not found.');
	});

	it('rejects a signature by another key with the registered thumbprint (AADSTS700027)', async () => {
		const { generateKeyPairSync } = await import('node:crypto');
		const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			certificateForm(await assertion({ key: otherKey })),
		);
		expectEntraError(response, 401, 'invalid_client', 700027);
	});

	it('rejects an expired assertion (AADSTS700024)', async () => {
		const response = await client.postForm(
			sandbox.info.tokenEndpoint,
			certificateForm(await assertion({ expSeconds: -600 })),
		);
		expectEntraError(response, 401, 'invalid_client', 700024);
	});

	it('rejects a garbage assertion', async () => {
		expectEntraError(
			await client.postForm(sandbox.info.tokenEndpoint, certificateForm('not-a-jwt')),
			401,
			'invalid_client',
			50027,
		);
	});
});
