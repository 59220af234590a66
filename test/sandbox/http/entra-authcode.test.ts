/**
 * Delegated sign-in over HTTPS: authorize page (sign-in + consent form), redirect URI rules, authorization code with
 * PKCE (S256 and plain), rotating refresh tokens, and the invalid_grant errors (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow, https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes).
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { RunningSandbox } from '../../../sandbox/index';
import { hiddenFields } from '../../helpers/sandbox';
import { startTestSandbox, stopTestSandbox, type HttpResult, type SandboxClient } from './client';
import { createEchoBcApi } from './stub-bc-api';

const CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';
const SCOPE = 'https://api.businesscentral.dynamics.com/Financials.ReadWrite.All offline_access openid profile';

let sandbox: RunningSandbox;
let client: SandboxClient;

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox({ bcApi: createEchoBcApi() }));
});
afterAll(() => stopTestSandbox(client));

function authorizeParams(overrides: Record<string, string | undefined> = {}): URLSearchParams {
	const params: Record<string, string | undefined> = {
		client_id: sandbox.info.app.clientId,
		response_type: 'code',
		redirect_uri: CALLBACK,
		response_mode: 'query',
		scope: SCOPE,
		state: 'state-123',
		...overrides,
	};
	return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined) as Array<[string, string]>);
}

/** Opens the page, fills in the form like a browser and returns the final response (302 to the client, or the page again). */
async function signIn(
	params: URLSearchParams,
	userName: string,
	password: string,
	consent = 'accept',
): Promise<HttpResult> {
	const page = await client.request(`${sandbox.info.authorizeEndpoint}?${params}`);
	expect(page.status).toBe(200);
	expect(page.headers['content-type']).toContain('text/html');
	const action = /<form method="POST" action="([^"]+)"/.exec(page.text)?.[1] as string;
	return client.postForm(action, { ...hiddenFields(page.text), username: userName, password, consent });
}

function redirectParams(response: HttpResult): URLSearchParams {
	expect(response.status).toBe(302);
	const location = new URL(response.headers.location as string);
	expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
	return location.searchParams;
}

function pkcePair(): { verifier: string; challenge: string } {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function codeFor(params: URLSearchParams): Promise<string> {
	const result = redirectParams(await signIn(params, sandbox.info.user.userName, sandbox.info.user.password));
	expect(result.get('state')).toBe(params.get('state'));
	return result.get('code') as string;
}

function redeem(code: string, extra: Record<string, string> = {}): Promise<HttpResult> {
	return client.postForm(sandbox.info.tokenEndpoint, {
		grant_type: 'authorization_code',
		client_id: sandbox.info.app.clientId,
		client_secret: sandbox.info.app.clientSecret,
		redirect_uri: CALLBACK,
		scope: SCOPE,
		code,
		...extra,
	});
}

function refresh(refreshToken: string, scope = SCOPE): Promise<HttpResult> {
	return client.postForm(sandbox.info.tokenEndpoint, {
		grant_type: 'refresh_token',
		client_id: sandbox.info.app.clientId,
		client_secret: sandbox.info.app.clientSecret,
		refresh_token: refreshToken,
		scope,
	});
}

describe('authorize page', () => {
	it('shows a sign-in + consent form, rejects a wrong password, and redirects with code and state', async () => {
		const params = authorizeParams();
		const wrong = await signIn(params, sandbox.info.user.userName, 'wrong');
		expect(wrong.status).toBe(200);
		expect(wrong.text).toContain('AADSTS50126');
		const code = await codeFor(params);
		expect(code.length).toBeGreaterThan(20);
	});

	it('redirects with access_denied when the user cancels', async () => {
		const result = redirectParams(await signIn(authorizeParams(), sandbox.info.user.userName, '', 'cancel'));
		expect(result.get('error')).toBe('access_denied');
		expect(result.get('state')).toBe('state-123');
	});

	it('ignores the port of http://localhost redirect URIs, as Entra does', async () => {
		const page = await client.request(
			`${sandbox.info.authorizeEndpoint}?${authorizeParams({ redirect_uri: 'http://localhost:41234/rest/oauth2-credential/callback' })}`,
		);
		expect(page.status).toBe(200);
	});

	it.each(['https://evil.example/rest/oauth2-credential/callback', 'http://localhost:5678/other/callback'])(
		'refuses the unregistered redirect URI %s with an error page (no redirect)',
		async (redirectUri) => {
			const page = await client.request(
				`${sandbox.info.authorizeEndpoint}?${authorizeParams({ redirect_uri: redirectUri })}`,
			);
			expect(page.status).toBe(400);
			expect(page.headers.location).toBeUndefined();
			expect(page.text).toContain('AADSTS50011');
		},
	);

	it('shows an error page for an unknown client and redirects with invalid_scope for a bad scope', async () => {
		const unknown = await client.request(
			`${sandbox.info.authorizeEndpoint}?${authorizeParams({ client_id: '00000000-1111-2222-3333-444444444444' })}`,
		);
		expect(unknown.status).toBe(400);
		expect(unknown.text).toContain('AADSTS700016');
		const badScope = redirectParams(
			await client.request(`${sandbox.info.authorizeEndpoint}?${authorizeParams({ scope: 'https://foo.example/x' })}`),
		);
		expect(badScope.get('error')).toBe('invalid_scope');
	});
});

describe('authorization code + PKCE', () => {
	it('redeems a code with an S256 verifier: delegated token, refresh token and ID token', async () => {
		const { verifier, challenge } = pkcePair();
		const code = await codeFor(
			authorizeParams({ code_challenge: challenge, code_challenge_method: 'S256', nonce: 'n-1' }),
		);
		const response = await redeem(code, { code_verifier: verifier });
		expect(response.status).toBe(200);
		expect(response.headers['cache-control']).toBe('no-store, no-cache');
		const body = response.json();
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
		expect(body.scope).toContain('https://api.businesscentral.dynamics.com/Financials.ReadWrite.All');
		expect(decodeJwt(body.access_token)).toMatchObject({
			aud: 'https://api.businesscentral.dynamics.com',
			iss: `https://sts.windows.net/${sandbox.info.tenantId}/`,
			ver: '1.0',
			scp: 'Financials.ReadWrite.All user_impersonation',
			upn: sandbox.info.user.userName,
			appid: sandbox.info.app.clientId,
		});
		expect(decodeJwt(body.id_token)).toMatchObject({
			aud: sandbox.info.app.clientId,
			nonce: 'n-1',
			preferred_username: sandbox.info.user.userName,
		});
		expect(body.refresh_token).toEqual(expect.any(String));
		const api = await client.request(`${client.apiRoot()}/companies`, {
			headers: { authorization: `Bearer ${body.access_token}` },
		});
		expect(api.json().echo.principal).toMatchObject({ kind: 'user', name: sandbox.info.user.userName });
	});

	it('redeems a plain PKCE code and gives no refresh/ID token without offline_access/openid', async () => {
		const verifier = randomBytes(32).toString('base64url');
		const scope = 'https://api.businesscentral.dynamics.com/.default';
		const code = await codeFor(authorizeParams({ scope, code_challenge: verifier, code_challenge_method: 'plain' }));
		const body = (await redeem(code, { code_verifier: verifier, scope })).json();
		expect(body.access_token).toEqual(expect.any(String));
		expect(body.refresh_token).toBeUndefined();
		expect(body.id_token).toBeUndefined();
	});

	it('AADSTS54005 when a code is redeemed twice', async () => {
		const code = await codeFor(authorizeParams());
		expect((await redeem(code)).status).toBe(200);
		const again = await redeem(code);
		expect(again.status).toBe(400);
		expect(again.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
	});

	it('AADSTS501481 for a wrong code_verifier', async () => {
		const { challenge } = pkcePair();
		const code = await codeFor(authorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' }));
		const response = await redeem(code, { code_verifier: pkcePair().verifier });
		expect(response.status).toBe(400);
		expect(response.json()).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
	});

	it('rejects a redirect_uri different from the authorize request, and a wrong client secret', async () => {
		const code = await codeFor(authorizeParams());
		expect((await redeem(code, { client_secret: 'wrong' })).json().error_codes).toEqual([7000215]);
		const code2 = await codeFor(authorizeParams());
		const response = await redeem(code2, { redirect_uri: 'http://localhost:5678/elsewhere' });
		expect(response.json()).toMatchObject({ error: 'invalid_grant' });
	});
});

describe('refresh tokens rotate', () => {
	it('returns a new refresh token each time and kills the used one (AADSTS70008)', async () => {
		const first = (await redeem(await codeFor(authorizeParams()))).json();
		const second = await refresh(first.refresh_token);
		expect(second.status).toBe(200);
		const secondBody = second.json();
		expect(secondBody.refresh_token).toEqual(expect.any(String));
		expect(secondBody.refresh_token).not.toBe(first.refresh_token);
		expect(decodeJwt(secondBody.access_token).upn).toBe(sandbox.info.user.userName);
		const reuse = await refresh(first.refresh_token);
		expect(reuse.status).toBe(400);
		expect(reuse.json()).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
		expect((await refresh(secondBody.refresh_token)).status).toBe(200);
	});

	it('AADSTS900144 without refresh_token', async () => {
		const response = await client.postForm(sandbox.info.tokenEndpoint, {
			grant_type: 'refresh_token',
			client_id: sandbox.info.app.clientId,
			client_secret: sandbox.info.app.clientSecret,
		});
		expect(response.json()).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
	});
});

describe('autoApprove and inactivity', () => {
	let headless: RunningSandbox;
	let headlessClient: SandboxClient;
	beforeAll(async () => {
		({ sandbox: headless, client: headlessClient } = await startTestSandbox({
			bcApi: createEchoBcApi(),
			autoApprove: true,
			refreshTokenInactivitySeconds: 1,
		}));
	});
	afterAll(() => stopTestSandbox(headlessClient));

	it('redirects immediately with a code, and AADSTS700082 after the inactivity limit', async () => {
		const params = new URLSearchParams({
			client_id: headless.info.app.clientId,
			response_type: 'code',
			redirect_uri: CALLBACK,
			scope: SCOPE,
			state: 's',
		});
		const redirect = await headlessClient.request(`${headless.info.authorizeEndpoint}?${params}`);
		expect(redirect.status).toBe(302);
		const location = new URL(redirect.headers.location as string);
		expect(location.searchParams.get('state')).toBe('s');
		const tokens = (
			await headlessClient.postForm(headless.info.tokenEndpoint, {
				grant_type: 'authorization_code',
				client_id: headless.info.app.clientId,
				client_secret: headless.info.app.clientSecret,
				redirect_uri: CALLBACK,
				code: location.searchParams.get('code') as string,
				scope: SCOPE,
			})
		).json();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const response = await headlessClient.postForm(headless.info.tokenEndpoint, {
			grant_type: 'refresh_token',
			client_id: headless.info.app.clientId,
			client_secret: headless.info.app.clientSecret,
			refresh_token: tokens.refresh_token,
		});
		expect(response.status).toBe(400);
		expect(response.json()).toMatchObject({ error: 'invalid_grant', error_codes: [700082] });
		expect(response.json().error_description).toContain('was inactive for 0.00:00:01');
	});
});
