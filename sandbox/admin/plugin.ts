/**
 * The `environments` plugin: the environment lists of BC online.
 *
 * - Admin Center API (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api_environments):
 *   `GET /admin/{v2.x}/applications/environments`, `…/applications/{family}/environments` and
 *   `…/applications/{family}/environments/{name}`. App-only callers need the `AdminCenter.ReadWrite.All` application
 *   permission AND authorization on the admin center's "Authorized Microsoft Entra apps" page
 *   (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api);
 *   the sandbox grants both to the demo app (client secret) only: the certificate app gets 403. Delegated callers are
 *   the tenant's admin (the demo user). Errors `{code, message, target?}` (`applicationTypeDoesNotExist`,
 *   `environmentNotFound`); the 403's code and text are UNVERIFIED (the sandbox's own choice).
 * - `GET /environments/v1.2` (and v1.1) for delegated (user) tokens
 *   (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/api-get-environments).
 *   Whether app tokens work there is UNVERIFIED: the sandbox answers them 403 (peers switch to the admin API).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { CUSTOMER_TENANTS, DEMO, ONLINE_ENVIRONMENTS } from '../config';
import type { SandboxHttpContext, SandboxPlugin } from '../plugins';

/** Apps granted AdminCenter.ReadWrite.All and authorized in the admin center (the sandbox's own choice). */
export const ADMIN_CENTER_APPS: string[] = [DEMO.app.clientId];

/** The BC version the sandbox reports for its environments (the sandbox's own value). */
export const SANDBOX_BC_VERSION = '27.1.41698.43175';

function adminError(reply: FastifyReply, status: number, code: string, message: string, target?: string) {
	return reply
		.code(status)
		.header('content-type', 'application/json; charset=utf-8')
		.send({ code, message, ...(target ? { target } : {}) });
}

/** The environments of a tenant (home or customer) as the Admin Center API describes them. */
function environments(base: string, tenantId: string) {
	const customer = CUSTOMER_TENANTS.find((t) => t.tenantId === tenantId);
	return (customer ? Object.keys(customer.environments) : ONLINE_ENVIRONMENTS).map((name) => ({
		friendlyName: name === 'production' ? 'Production' : 'Sandbox',
		type: name === 'production' ? 'Production' : 'Sandbox',
		name,
		countryCode: 'US',
		applicationFamily: 'BusinessCentral',
		aadTenantId: tenantId,
		status: 'Active',
		webClientLoginUrl: `${base}/?tenant=${tenantId}&environment=${name}`,
		webServiceUrl: `${base}/v2.0/${tenantId}/${name}`,
		locationName: 'United States',
		geoName: 'United States',
		ringName: name === 'production' ? 'PROD' : 'PREVIEW',
		appInsightsKey: '',
		AppSourceAppsUpdateCadence: 'Default',
		versionDetails: { version: SANDBOX_BC_VERSION, gracePeriodStartDate: null, enforcedUpdatePeriodStartDate: null },
	}));
}

/** The `environments` sandbox plugin (HTTP routes only; see the file comment). */
export function environmentsPlugin(): SandboxPlugin {
	return {
		name: 'environments',
		http: async (app, context: SandboxHttpContext) => {
			const base = (request: FastifyRequest) => `${request.protocol}://${request.headers.host}`;
			async function principal(request: FastifyRequest, reply: FastifyReply) {
				const auth = await context.authenticate(
					request.headers.authorization,
					String(request.headers['ms-correlation-x'] ?? randomUUID()),
					base(request),
				);
				if (!auth.ok) {
					reply
						.code(auth.response.status)
						.headers(auth.response.headers ?? {})
						.send(JSON.stringify(auth.response.body));
					return undefined;
				}
				return { ...auth.principal, tenantId: auth.tenantId ?? context.info().tenantId };
			}
			const admin = async (
				request: FastifyRequest<{ Params: { version: string; family?: string; name?: string } }>,
				reply: FastifyReply,
			) => {
				const { version, family, name } = request.params;
				if (!/^v2\.\d+$/.test(version))
					return adminError(reply, 404, 'Unknown', `API version ${version} does not exist.`);
				const who = await principal(request, reply);
				if (!who) return reply;
				// A customer tenant's service principal is `<client id>@<tenant id>`: the same app, authorized there too.
				if (who.kind === 'app' && !ADMIN_CENTER_APPS.includes(who.id.split('@')[0]))
					return adminError(
						reply,
						403,
						'Unauthorized',
						'The application is not authorized in the Business Central admin center (Authorized Microsoft Entra apps), or lacks AdminCenter.ReadWrite.All.',
					);
				if (family !== undefined && family !== 'BusinessCentral')
					return adminError(
						reply,
						404,
						'applicationTypeDoesNotExist',
						`Application type ${family} does not exist.`,
						family,
					);
				const list = environments(base(request), who.tenantId);
				if (name === undefined) return reply.send({ value: list });
				const one = list.find((e) => e.name.toLowerCase() === name.toLowerCase());
				if (!one)
					return adminError(
						reply,
						404,
						'environmentNotFound',
						`Environment ${name} does not exist.`,
						`${family}/${name}`,
					);
				return reply.send(one);
			};
			app.get('/admin/:version/applications/environments', admin);
			app.get('/admin/:version/applications/:family/environments', admin);
			app.get('/admin/:version/applications/:family/environments/:name', admin);
			for (const version of ['v1.1', 'v1.2']) {
				app.get(`/environments/${version}`, async (request, reply) => {
					const who = await principal(request, reply);
					if (!who) return reply;
					if (who.kind !== 'user')
						return adminError(reply, 403, 'Unauthorized', 'environments/v1.2 is meant for user (delegated) tokens.');
					const value = environments(base(request), who.tenantId).map((e) => ({
						aadTenantId: e.aadTenantId,
						applicationFamily: e.applicationFamily,
						type: e.type,
						name: e.name,
						countryCode: e.countryCode,
						webServiceUrl: e.webServiceUrl,
						webClientLoginUrl: e.webClientLoginUrl,
						...(version === 'v1.2' ? { ringName: e.ringName } : {}),
					}));
					return reply.send({ value });
				});
			}
		},
	};
}
