/**
 * `POST /{tenant}/oauth2/v2.0/token`: client_credentials, authorization_code (with PKCE) and refresh_token grants.
 *
 * Behaviour and bodies: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow, https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow,
 * https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes; real bodies in test/fixtures/entra-token-*.json (each names its public source).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BC_APP_ROLES, BC_AUDIENCE, BC_DELEGATED_SCOPES } from '../config';
import type { EntraApp } from './apps';
import {
	authenticateClient,
	parseBasicClientCredentials,
	type BasicClientCredentials,
	type ClientAuthMethod,
} from './client-auth';
import type { EntraContext } from './context';
import { AADSTS, EntraError, entraErrorBody } from './errors';
import { accessTokenIssuer, newTokenId } from './keys';
import { delegatedResponseScope, parseScopes, type ParsedScopes } from './scopes';

/** Response headers Entra sends on token responses (a real response: test/fixtures/entra-token-success-client-credentials.json). */
export function entraResponseHeaders(traceId: string): Record<string, string> {
	return {
		'cache-control': 'no-store, no-cache',
		pragma: 'no-cache',
		expires: '-1',
		'content-type': 'application/json; charset=utf-8',
		'strict-transport-security': 'max-age=31536000; includeSubDomains',
		'x-content-type-options': 'nosniff',
		p3p: 'CP="DSP CUR OTPi IND OTRi ONL FIN"',
		'x-ms-request-id': traceId,
		'x-ms-ests-server': '2.1.0 - BC sandbox',
	};
}

/** Token endpoint input after HTTP parsing. */
export interface TokenRequest {
	/** Tenant path segment as sent (GUID, domain or alias). */
	tenant: string;
	form: URLSearchParams;
	authorization?: string;
	/** Absolute URL the client posted to (no query): accepted as client assertion audience. */
	endpointUrl: string;
	/** `https://host:port` as addressed by the client, for the ID token issuer. */
	baseUrl: string;
}

/** Token endpoint output. */
export interface TokenResponse {
	status: number;
	body: Record<string, unknown>;
}

/** Serves one token request; never throws for client errors (they become Entra error bodies). */
export async function handleTokenRequest(
	ctx: EntraContext,
	request: TokenRequest,
	traceId: string,
	correlationId: string,
): Promise<TokenResponse> {
	try {
		return { status: 200, body: await issue(ctx, request) };
	} catch (error) {
		if (error instanceof EntraError)
			return { status: error.spec.status, body: { ...entraErrorBody(error.spec, traceId, correlationId) } };
		throw error;
	}
}

const GRANT_TYPES = ['client_credentials', 'authorization_code', 'refresh_token'];

async function issue(ctx: EntraContext, request: TokenRequest): Promise<Record<string, unknown>> {
	const { directory } = ctx;
	const { form } = request;
	const multiTenant = directory.isMultiTenantAlias(request.tenant);
	const tenant = multiTenant ? undefined : directory.findTenant(request.tenant);
	if (!multiTenant && !tenant) throw new EntraError(AADSTS.unknownTenant(request.tenant));
	const basic = parseBasicClientCredentials(request.authorization);
	const clientId = form.get('client_id') ?? basic?.clientId;
	// A customer tenant's requests count apart: `<client id>@<tenant id>` (the principal id BC logs for them too).
	ctx.countTokenRequest(clientId && tenant && !tenant.home ? `${clientId}@${tenant.tenantId}` : (clientId ?? '(none)'));
	const grantType = form.get('grant_type');
	if (!grantType) throw new EntraError(AADSTS.missingParameter('grant_type'));
	if (!GRANT_TYPES.includes(grantType)) throw new EntraError(AADSTS.unsupportedGrantType(grantType));
	if (grantType === 'client_credentials' && multiTenant) throw new EntraError(AADSTS.noTenantForClientCredentials());
	if (!clientId) throw new EntraError(AADSTS.missingParameter('client_id'));
	const app = directory.findApp(clientId);
	const tenantId = tenant?.tenantId ?? directory.tenantId;
	if (!app) throw new EntraError(AADSTS.unknownApplication(clientId, tenantId));
	if (tenant && !tenant.home) {
		// In a customer tenant a registration of the home tenant exists only as a service principal, which admin
		// consent creates; without it Entra answers 700016 ("…has not been installed by the administrator of the
		// tenant or consented to by any user in the tenant").
		if (!app.multiTenant || !tenant.customer.hasConsented(app.clientId))
			throw new EntraError(AADSTS.unknownApplication(clientId, tenantId));
		// Codes and refresh tokens come from the home tenant's sign-in only (no users in customer tenants).
		if (grantType !== 'client_credentials')
			throw new EntraError(AADSTS.invalidGrant('The grant was issued in another tenant.'));
	}
	const audiences = assertionAudiences(request, tenantId, tenant?.tenantDomain ?? directory.tenantDomain);
	if (grantType === 'client_credentials') {
		const scope = form.get('scope');
		if (!scope) throw new EntraError(AADSTS.missingParameter('scope'));
		validateClientCredentialsScope(scope);
		const method = await authenticateClient(ctx, app, form, basic, audiences);
		return {
			token_type: 'Bearer',
			expires_in: ctx.settings.accessTokenLifetimeSeconds,
			ext_expires_in: ctx.settings.accessTokenLifetimeSeconds,
			access_token: await appAccessToken(
				ctx,
				app,
				method,
				tenantId,
				tenant?.customer?.servicePrincipalId(app.clientId) ?? app.objectId,
			),
		};
	}
	if (grantType === 'authorization_code') return redeemCode(ctx, app, request, basic, audiences);
	return redeemRefreshToken(ctx, app, request, basic, audiences);
}

function assertionAudiences(request: TokenRequest, tenantId: string, tenantDomain: string): string[] {
	const prefix = `${request.baseUrl}/`;
	const tail = request.endpointUrl.slice(request.endpointUrl.indexOf('/', prefix.length));
	return [...new Set([request.endpointUrl, `${prefix}${tenantId}${tail}`, `${prefix}${tenantDomain}${tail}`])];
}

/** Client credentials need exactly one `<resource>/.default` scope (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow). */
function validateClientCredentialsScope(scope: string): void {
	const parsed = parseScopes(scope);
	if (parsed.oidc.length) throw new EntraError(AADSTS.invalidScope(scope));
	if (parsed.invalid !== undefined) throw new EntraError(AADSTS.invalidScope(scope));
	// A BC permission other than .default (e.g. .../Financials.ReadWrite.All) is the 1002012 case.
	if (parsed.bcPermissions.some((permission) => permission !== '.default'))
		throw new EntraError(AADSTS.clientCredentialsNeedDefaultScope(scope));
	if (parsed.bcPermissions.length !== 1) throw new EntraError(AADSTS.invalidScope(scope));
}

/** Delegated grants need at least one BC permission; every scope must be known (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow). */
function validateDelegatedScope(scope: string): ParsedScopes {
	const parsed = parseScopes(scope);
	if (parsed.invalid !== undefined || parsed.bcPermissions.length === 0)
		throw new EntraError(AADSTS.invalidScope(scope));
	return parsed;
}

/**
 * An app-only BC token issued in `tenantId` (`tid`, `iss`) for the app's service principal there (`oid`, `sub`).
 */
async function appAccessToken(
	ctx: EntraContext,
	app: EntraApp,
	method: ClientAuthMethod,
	tenantId: string,
	servicePrincipalId: string,
): Promise<string> {
	return ctx.keys.sign(
		{
			aud: BC_AUDIENCE,
			iss: accessTokenIssuer(tenantId),
			idp: accessTokenIssuer(tenantId),
			appid: app.clientId,
			appidacr: method === 'certificate' ? '2' : '1',
			idtyp: 'app',
			oid: servicePrincipalId,
			sub: servicePrincipalId,
			roles: BC_APP_ROLES,
			tid: tenantId,
			uti: newTokenId(),
			ver: '1.0',
		},
		ctx.settings.accessTokenLifetimeSeconds,
	);
}

async function delegatedTokens(
	ctx: EntraContext,
	app: EntraApp,
	method: ClientAuthMethod,
	userObjectId: string,
	parsed: ParsedScopes,
	baseUrl: string,
	nonce?: string,
): Promise<Record<string, unknown>> {
	const user = ctx.directory.findUserById(userObjectId);
	if (!user) throw new EntraError(AADSTS.invalidGrant('The user no longer exists.'));
	const tenantId = ctx.directory.tenantId;
	const lifetime = ctx.settings.accessTokenLifetimeSeconds;
	const accessToken = await ctx.keys.sign(
		{
			aud: BC_AUDIENCE,
			iss: accessTokenIssuer(tenantId),
			acr: '1',
			amr: ['pwd'],
			appid: app.clientId,
			appidacr: method === 'certificate' ? '2' : '1',
			idtyp: 'user',
			name: user.displayName,
			oid: user.objectId,
			scp: BC_DELEGATED_SCOPES.join(' '),
			sub: pairwiseSubject(app.clientId, user.objectId),
			tid: tenantId,
			unique_name: user.userName,
			upn: user.userName,
			uti: newTokenId(),
			ver: '1.0',
		},
		lifetime,
	);
	const body: Record<string, unknown> = {
		token_type: 'Bearer',
		scope: delegatedResponseScope(parsed.oidc),
		expires_in: lifetime,
		ext_expires_in: lifetime,
		access_token: accessToken,
	};
	if (parsed.oidc.includes('offline_access')) {
		body.refresh_token = ctx.grants.issueRefreshToken(app.clientId, user.objectId, parsed.all);
	}
	if (parsed.oidc.includes('openid')) {
		body.id_token = await ctx.keys.sign(
			{
				aud: app.clientId,
				iss: `${baseUrl}/${tenantId}/v2.0`,
				name: user.displayName,
				oid: user.objectId,
				preferred_username: user.userName,
				sub: pairwiseSubject(app.clientId, user.objectId),
				tid: tenantId,
				ver: '2.0',
				...(nonce ? { nonce } : {}),
			},
			lifetime,
		);
	}
	return body;
}

function pairwiseSubject(clientId: string, userObjectId: string): string {
	return createHash('sha256').update(`${clientId}|${userObjectId}`).digest('base64url').slice(0, 43);
}

function pkceMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
	if (method === 'plain') return verifier === challenge;
	return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

async function redeemCode(
	ctx: EntraContext,
	app: EntraApp,
	request: TokenRequest,
	basic: BasicClientCredentials | undefined,
	audiences: string[],
): Promise<Record<string, unknown>> {
	const { form } = request;
	const code = form.get('code');
	if (!code) throw new EntraError(AADSTS.missingParameter('code'));
	const redirectUri = form.get('redirect_uri');
	if (!redirectUri) throw new EntraError(AADSTS.missingParameter('redirect_uri'));
	const method = await authenticateClient(ctx, app, form, basic, audiences);
	const lookup = ctx.grants.redeemCode(code);
	if (lookup.status === 'redeemed') throw new EntraError(AADSTS.codeAlreadyRedeemed());
	if (lookup.status !== 'ok') throw new EntraError(AADSTS.expiredGrant());
	const grant = lookup.grant;
	if (grant.clientId !== app.clientId)
		throw new EntraError(AADSTS.invalidGrant('The code was issued to another client.'));
	if (grant.redirectUri !== redirectUri) {
		throw new EntraError(
			AADSTS.invalidGrant("The 'redirect_uri' does not match the one used to obtain the authorization code."),
		);
	}
	if (grant.codeChallenge) {
		const verifier = form.get('code_verifier');
		if (!verifier) throw new EntraError(AADSTS.missingParameter('code_verifier'));
		if (!pkceMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod ?? 'plain'))
			throw new EntraError(AADSTS.pkceMismatch());
	}
	const parsed = validateDelegatedScope(form.get('scope') ?? grant.scopes.join(' '));
	return delegatedTokens(ctx, app, method, grant.userObjectId, parsed, request.baseUrl, grant.nonce);
}

async function redeemRefreshToken(
	ctx: EntraContext,
	app: EntraApp,
	request: TokenRequest,
	basic: BasicClientCredentials | undefined,
	audiences: string[],
): Promise<Record<string, unknown>> {
	const { form } = request;
	const refreshToken = form.get('refresh_token');
	if (!refreshToken) throw new EntraError(AADSTS.missingParameter('refresh_token'));
	const method = await authenticateClient(ctx, app, form, basic, audiences);
	const stored = ctx.grants.findRefreshToken(refreshToken);
	if (!stored || !stored.alive) throw new EntraError(AADSTS.expiredGrant());
	if (stored.clientId !== app.clientId)
		throw new EntraError(AADSTS.invalidGrant('The refresh token was issued to another client.'));
	const inactiveMs = Date.now() - stored.lastUsedAt;
	if (inactiveMs > ctx.settings.refreshTokenInactivitySeconds * 1000) {
		ctx.grants.revokeRefreshToken(refreshToken);
		throw new EntraError(
			AADSTS.refreshTokenInactive(stored.issuedAt, formatTimeSpan(ctx.settings.refreshTokenInactivitySeconds)),
		);
	}
	const parsed = validateDelegatedScope(form.get('scope') ?? stored.scopes.join(' '));
	// Rotation: the used refresh token dies; a new one comes back (offline_access is implied by the stored grant).
	ctx.grants.revokeRefreshToken(refreshToken);
	if (!parsed.oidc.includes('offline_access')) parsed.oidc.push('offline_access');
	return delegatedTokens(ctx, app, method, stored.userObjectId, parsed, request.baseUrl);
}

/** .NET TimeSpan text (`d.hh:mm:ss`), as in AADSTS700082 "inactive for 90.00:00:00". */
function formatTimeSpan(seconds: number): string {
	const days = Math.floor(seconds / 86400);
	const pad = (n: number) => String(n).padStart(2, '0');
	const rest = seconds % 86400;
	return `${days}.${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Registers `POST /:tenant/oauth2/v2.0/token` (v2) on the app. Bodies arrive as raw buffers (see http/server.ts). */
export function registerTokenRoute(app: FastifyInstance, ctx: EntraContext): void {
	app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
		const contentType = String(request.headers['content-type'] ?? '');
		const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
		const form = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
			? new URLSearchParams(raw)
			: new URLSearchParams();
		const traceId = randomUUID();
		const clientRequestId = String(request.headers['client-request-id'] ?? '');
		const correlationId = GUID.test(clientRequestId) ? clientRequestId : randomUUID();
		const baseUrl = `${request.protocol}://${request.headers.host}`;
		const endpointUrl = `${baseUrl}${request.url.split('?')[0]}`;
		const result = await handleTokenRequest(
			ctx,
			{ tenant: request.params.tenant, form, authorization: request.headers.authorization, endpointUrl, baseUrl },
			traceId,
			correlationId,
		);
		reply.headers(entraResponseHeaders(traceId));
		if (clientRequestId) reply.header('client-request-id', clientRequestId);
		return reply.code(result.status).send(JSON.stringify(result.body));
	});
}
