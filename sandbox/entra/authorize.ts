/**
 * `GET/POST /{tenant}/oauth2/v2.0/authorize`: a small sign-in + consent page for the authorization code flow.
 *
 * Parameters and redirects follow https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow: `client_id`, `response_type=code`,
 * `redirect_uri` (registered; localhost port ignored), `response_mode` (`query` default, `fragment`, `form_post`), `scope`,
 * `state`, `prompt`, `login_hint`, `code_challenge` + `code_challenge_method` (`S256`/`plain`), `nonce`.
 * Problems with tenant, client or redirect URI are shown on an error page (no redirect, as Entra does);
 * other problems redirect with `error` and `error_description`. With `autoApprove` the page is skipped (demo user).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { redirectUriMatches, type EntraApp } from './apps';
import type { EntraContext } from './context';
import { AADSTS, type EntraErrorSpec } from './errors';
import type { AuthorizationGrant } from './grants';
import { parseScopes } from './scopes';

const PAGE_PARAMETERS = [
	'client_id',
	'response_type',
	'redirect_uri',
	'response_mode',
	'scope',
	'state',
	'prompt',
	'login_hint',
	'domain_hint',
	'code_challenge',
	'code_challenge_method',
	'nonce',
];

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
	);
}

type Validated =
	| { kind: 'page-error'; spec: EntraErrorSpec }
	| { kind: 'redirect-error'; error: string; description: string }
	| { kind: 'ok'; app: EntraApp; grant: Omit<AuthorizationGrant, 'userObjectId'> };

interface Target {
	redirectUri: string;
	responseMode: string;
	state?: string;
}

function validate(ctx: EntraContext, tenant: string, params: URLSearchParams): Validated {
	const { directory } = ctx;
	if (!directory.isThisTenant(tenant) && !directory.isMultiTenantAlias(tenant))
		return { kind: 'page-error', spec: AADSTS.unknownTenant(tenant) };
	const clientId = params.get('client_id');
	if (!clientId) return { kind: 'page-error', spec: AADSTS.missingParameter('client_id') };
	const app = directory.findApp(clientId);
	if (!app) return { kind: 'page-error', spec: AADSTS.unknownApplication(clientId, directory.tenantId) };
	const redirectUri = params.get('redirect_uri');
	if (!redirectUri) return { kind: 'page-error', spec: AADSTS.missingParameter('redirect_uri') };
	if (!app.redirectUris.some((registered) => redirectUriMatches(registered, redirectUri))) {
		return { kind: 'page-error', spec: AADSTS.redirectUriMismatch(redirectUri, app.clientId) };
	}
	const responseType = params.get('response_type');
	if (responseType !== 'code') {
		return {
			kind: 'redirect-error',
			error: 'unsupported_response_type',
			description: `AADSTS700054: response_type '${responseType ?? ''}' is not enabled for the application.`,
		};
	}
	const scope = params.get('scope') ?? '';
	const parsed = parseScopes(scope);
	if (parsed.invalid !== undefined || parsed.bcPermissions.length === 0) {
		return {
			kind: 'redirect-error',
			error: 'invalid_scope',
			description: `AADSTS70011: ${AADSTS.invalidScope(scope).text}`,
		};
	}
	const codeChallenge = params.get('code_challenge') ?? undefined;
	const method = params.get('code_challenge_method') ?? (codeChallenge ? 'plain' : undefined);
	if (method !== undefined && method !== 'S256' && method !== 'plain') {
		return {
			kind: 'redirect-error',
			error: 'invalid_request',
			description: `AADSTS501491: Invalid size of Code_Challenge parameter or unsupported code_challenge_method '${method}'.`,
		};
	}
	return {
		kind: 'ok',
		app,
		grant: {
			clientId: app.clientId,
			redirectUri,
			scopes: parsed.all,
			codeChallenge,
			codeChallengeMethod: method as 'S256' | 'plain' | undefined,
			nonce: params.get('nonce') ?? undefined,
		},
	};
}

function target(params: URLSearchParams): Target {
	return {
		redirectUri: params.get('redirect_uri') ?? '',
		responseMode: params.get('response_mode') ?? 'query',
		state: params.get('state') ?? undefined,
	};
}

/** Sends the browser back to the client with `values` (plus `state`) the way `response_mode` asks. */
function respond(reply: FastifyReply, to: Target, values: Record<string, string>): FastifyReply {
	const result = new URLSearchParams(values);
	if (to.state !== undefined) result.set('state', to.state);
	if (to.responseMode === 'form_post') {
		const inputs = [...result]
			.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
			.join('');
		return reply
			.type('text/html; charset=utf-8')
			.send(
				`<!DOCTYPE html><html><body onload="document.forms[0].submit()"><form method="POST" action="${escapeHtml(to.redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form></body></html>`,
			);
	}
	const separator = to.responseMode === 'fragment' ? '#' : to.redirectUri.includes('?') ? '&' : '?';
	return reply.redirect(`${to.redirectUri}${separator}${result.toString()}`, 302);
}

/** Entra's error page (no redirect: tenant, client or redirect URI could not be trusted). */
export function errorPage(reply: FastifyReply, spec: EntraErrorSpec): FastifyReply {
	return reply
		.code(400)
		.type('text/html; charset=utf-8')
		.send(
			page(
				'Sign in — error',
				`<h1>Sorry, but we’re having trouble signing you in.</h1><p id="error">AADSTS${spec.code}: ${escapeHtml(spec.text)}</p>`,
			),
		);
}

function page(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:Segoe UI,Arial,sans-serif;background:#f2f2f2}main{max-width:440px;margin:60px auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
input[type=text],input[type=password]{width:100%;padding:6px;margin:4px 0 12px;box-sizing:border-box}button{padding:6px 20px;margin-right:8px}.error{color:#a80000}</style></head>
<body><main><p><b>Microsoft Entra ID</b> (Business Central sandbox)</p>${body}</main></body></html>`;
}

function signInPage(app: EntraApp, params: URLSearchParams, action: string, userName: string, error?: string): string {
	const hidden = PAGE_PARAMETERS.filter((name) => params.has(name))
		.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
		.join('\n');
	const scopes = parseScopes(params.get('scope') ?? '')
		.all.map((scope) => `<li>${escapeHtml(scope)}</li>`)
		.join('');
	return page(
		'Sign in to your account',
		`<h1>Sign in</h1>
<p><b>${escapeHtml(app.displayName)}</b> wants to access Dynamics 365 Business Central on your behalf:</p><ul>${scopes}</ul>
${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}
<form method="POST" action="${escapeHtml(action)}">
${hidden}
<label for="username">Email</label><input type="text" id="username" name="username" autocomplete="username" value="${escapeHtml(userName)}">
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password">
<button type="submit" id="accept" name="consent" value="accept">Accept</button><button type="submit" id="cancel" name="consent" value="cancel">Cancel</button>
</form>`,
	);
}

/** Registers GET (show page or auto-approve) and POST (sign-in form) on `/:tenant/oauth2/v2.0/authorize`. */
export function registerAuthorizeRoutes(app: FastifyInstance, ctx: EntraContext): void {
	app.get<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/authorize', async (request, reply) => {
		const params = new URLSearchParams(request.url.split('?')[1] ?? '');
		const result = validate(ctx, request.params.tenant, params);
		if (result.kind === 'page-error') return errorPage(reply, result.spec);
		const to = target(params);
		if (result.kind === 'redirect-error')
			return respond(reply, to, { error: result.error, error_description: result.description });
		if (ctx.settings.autoApprove) {
			const user = ctx.directory.users[0];
			return respond(reply, to, { code: ctx.grants.issueCode({ ...result.grant, userObjectId: user.objectId }) });
		}
		if (params.get('prompt') === 'none') {
			return respond(reply, to, {
				error: 'login_required',
				error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
			});
		}
		return reply
			.type('text/html; charset=utf-8')
			.send(signInPage(result.app, params, request.url.split('?')[0], params.get('login_hint') ?? ''));
	});

	app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/authorize', async (request, reply) => {
		const params = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
		const result = validate(ctx, request.params.tenant, params);
		if (result.kind === 'page-error') return errorPage(reply, result.spec);
		const to = target(params);
		if (result.kind === 'redirect-error')
			return respond(reply, to, { error: result.error, error_description: result.description });
		if (params.get('consent') === 'cancel') {
			return respond(reply, to, {
				error: 'access_denied',
				error_description: 'AADSTS65004: User declined to consent to access the app.',
			});
		}
		const userName = params.get('username') ?? '';
		const user = ctx.directory.findUser(userName);
		if (!user || user.password !== params.get('password')) {
			const spec = AADSTS.invalidUserCredentials();
			return reply
				.code(200)
				.type('text/html; charset=utf-8')
				.send(signInPage(result.app, params, request.url.split('?')[0], userName, `AADSTS${spec.code}: ${spec.text}`));
		}
		return respond(reply, to, { code: ctx.grants.issueCode({ ...result.grant, userObjectId: user.objectId }) });
	});
}
