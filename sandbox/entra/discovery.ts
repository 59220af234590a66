/**
 * Entra discovery documents, enough for `@azure/msal-node` to accept the sandbox as authority (what msal-node reads:
 * AzureAD/microsoft-authentication-library-for-js `lib/msal-common/src/authority/Authority.ts`):
 * - `GET /{tenant}/v2.0/.well-known/openid-configuration` (msal protocolMode AAD; requires authorization_endpoint,
 *   token_endpoint, issuer, jwks_uri) and `GET /{tenant}/.well-known/openid-configuration` (OIDC mode);
 * - `GET /{tenant}/discovery/v2.0/keys` (JWKS with `kid`/`x5t`/`x5c` like Entra);
 * - `GET /common/discovery/instance` (instance discovery, used when the host is not in `knownAuthorities`).
 * Endpoints are built from the host the client used, so `127.0.0.1` and `localhost` both work.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntraContext } from './context';
import { AADSTS, entraErrorBody } from './errors';

function baseUrlOf(request: FastifyRequest): string {
	return `${request.protocol}://${request.headers.host}`;
}

/** The OpenID configuration of the tenant as addressed (`tenant` = GUID, domain or alias). */
export function openIdConfiguration(baseUrl: string, tenant: string, tenantId: string): Record<string, unknown> {
	const issuerTenant = ['common', 'organizations', 'consumers'].includes(tenant.toLowerCase())
		? '{tenantid}'
		: tenantId;
	return {
		token_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/token`,
		token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
		jwks_uri: `${baseUrl}/${tenant}/discovery/v2.0/keys`,
		response_modes_supported: ['query', 'fragment', 'form_post'],
		subject_types_supported: ['pairwise'],
		id_token_signing_alg_values_supported: ['RS256'],
		response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
		scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
		issuer: `${baseUrl}/${issuerTenant}/v2.0`,
		request_uri_parameter_supported: false,
		userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
		authorization_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/authorize`,
		device_authorization_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/devicecode`,
		http_logout_supported: true,
		frontchannel_logout_supported: true,
		end_session_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/logout`,
		claims_supported: [
			'sub',
			'iss',
			'aud',
			'exp',
			'iat',
			'auth_time',
			'nonce',
			'preferred_username',
			'name',
			'tid',
			'ver',
			'oid',
		],
		kerberos_endpoint: `${baseUrl}/${tenant}/kerberos`,
		tenant_region_scope: 'EU',
		cloud_instance_name: new URL(baseUrl).host,
		cloud_graph_host_name: 'graph.windows.net',
		msgraph_host: 'graph.microsoft.com',
		rbac_url: 'https://pas.windows.net',
	};
}

/** Registers the discovery routes (home and customer tenants). Unknown tenants get Entra's 400 `invalid_tenant` body (AADSTS90002). */
export function registerDiscoveryRoutes(app: FastifyInstance, ctx: EntraContext): void {
	const { directory } = ctx;
	const knownTenant = (tenant: string) =>
		directory.findTenant(tenant) !== undefined || directory.isMultiTenantAlias(tenant);
	const unknownTenant = (tenant: string) => JSON.stringify(entraErrorBody(AADSTS.unknownTenant(tenant), randomUUID()));

	const configuration = async (
		request: FastifyRequest<{ Params: { tenant: string } }>,
		reply: import('fastify').FastifyReply,
	) => {
		const { tenant } = request.params;
		reply.type('application/json; charset=utf-8');
		if (!knownTenant(tenant)) return reply.code(400).send(unknownTenant(tenant));
		const tenantId = directory.findTenant(tenant)?.tenantId ?? directory.tenantId;
		return reply.send(JSON.stringify(openIdConfiguration(baseUrlOf(request), tenant, tenantId)));
	};
	app.get('/:tenant/v2.0/.well-known/openid-configuration', configuration);
	app.get('/:tenant/.well-known/openid-configuration', configuration);

	app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', async (request, reply) => {
		reply.type('application/json; charset=utf-8');
		if (!knownTenant(request.params.tenant)) return reply.code(400).send(unknownTenant(request.params.tenant));
		return reply.send(JSON.stringify({ keys: [ctx.keys.jwk] }));
	});

	app.get('/common/discovery/instance', async (request, reply) => {
		const host = String(request.headers.host);
		const baseUrl = baseUrlOf(request);
		const query = new URLSearchParams(request.url.split('?')[1] ?? '');
		const authorize = query.get('authorization_endpoint') ?? `${baseUrl}/common/oauth2/v2.0/authorize`;
		const tenant = authorize.replace(/^https?:\/\/[^/]+\//, '').split('/')[0] || 'common';
		return reply.type('application/json; charset=utf-8').send(
			JSON.stringify({
				tenant_discovery_endpoint: `${baseUrl}/${tenant}/v2.0/.well-known/openid-configuration`,
				'api-version': '1.1',
				metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
			}),
		);
	});
}
