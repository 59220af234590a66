/**
 * `GET /{tenant}/adminconsent` (v1) and `GET /{tenant}/v2.0/adminconsent`: an administrator of `tenant` consents to a
 * multi-tenant app, which creates its service principal there; client-credentials tokens in that tenant work from
 * then on (https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent).
 *
 * Parameters: `client_id` (required), `redirect_uri` (must be registered on the app; v1 falls back to the app's first
 * registered one, v2 requires it), `state` (returned), `scope` (v2, required: `/.default` for app permissions).
 * Success redirects to `redirect_uri?admin_consent=True&tenant=<tenant id>[&scope=…]&state=…`. An unknown tenant,
 * client or redirect URI is shown on Entra's error page (no redirect). The sandbox's own simplification: there is no
 * admin sign-in page, visiting the URL grants the consent (the control API can also set or revoke it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectUriMatches } from './apps';
import { errorPage } from './authorize';
import type { EntraContext } from './context';
import { AADSTS } from './errors';

/** Registers the admin-consent routes. */
export function registerAdminConsentRoutes(app: FastifyInstance, ctx: EntraContext): void {
	const handler =
		(v2: boolean) =>
		async (request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply): Promise<FastifyReply> => {
			const { directory } = ctx;
			const params = new URLSearchParams(request.url.split('?')[1] ?? '');
			const tenantName = request.params.tenant;
			if (directory.isMultiTenantAlias(tenantName)) return errorPage(reply, AADSTS.noTenantForClientCredentials());
			const tenant = directory.findTenant(tenantName);
			if (!tenant) return errorPage(reply, AADSTS.unknownTenant(tenantName));
			const clientId = params.get('client_id');
			if (!clientId) return errorPage(reply, AADSTS.missingParameter('client_id'));
			const registration = directory.findApp(clientId);
			// A single-tenant app is not visible outside its home tenant.
			if (!registration || (tenant.customer && !registration.multiTenant))
				return errorPage(reply, AADSTS.unknownApplication(clientId, tenant.tenantId));
			const redirectUri = params.get('redirect_uri') ?? (v2 ? undefined : registration.redirectUris[0]);
			if (!redirectUri) return errorPage(reply, AADSTS.missingParameter('redirect_uri'));
			if (!registration.redirectUris.some((registered) => redirectUriMatches(registered, redirectUri)))
				return errorPage(reply, AADSTS.redirectUriMismatch(redirectUri, registration.clientId));
			const result = new URLSearchParams();
			const scope = params.get('scope');
			if (v2 && !scope) {
				result.set('error', 'invalid_request');
				result.set('error_description', `AADSTS900144: ${AADSTS.missingParameter('scope').text}`);
			} else {
				tenant.customer?.update(registration.clientId, { consented: true });
				result.set('admin_consent', 'True');
				result.set('tenant', tenant.tenantId);
				if (v2 && scope) result.set('scope', scope);
			}
			const state = params.get('state');
			if (state !== null) result.set('state', state);
			return reply.redirect(`${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${result.toString()}`, 302);
		};
	app.get('/:tenant/adminconsent', handler(false));
	app.get('/:tenant/v2.0/adminconsent', handler(true));
}
