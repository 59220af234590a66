/**
 * The `webhooks` sandbox plugin: BC's webhook subscriptions API, change notifications from the store's change
 * events, `webhookSupportedResources`, and control endpoints for tests.
 *
 * BC API (every API route; not company-scoped):
 * - `GET|POST subscriptions`, `GET|PATCH|DELETE subscriptions('<id>')` (PATCH and DELETE need `If-Match`; `*` is
 *   accepted, UNVERIFIED for BC, the sandbox's own choice). Sources:
 *   https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_subscriptions_create
 *   (…_update, …_delete, …_get).
 * - `GET api/microsoft/runtime/beta/companies(<id>)/webhookSupportedResources[?$filter=resource eq 'v2.0*']`
 *   (Base Application page 5460 "Webhook Supported Resources").
 *
 * Control (`/sandbox/webhooks/…`): `GET subscriptions` (with counters: created, renewed, deleted, handshakes, …),
 * `POST fire`, `POST expire` (`{"subscriptionId"?, "inMs"?}`: expired now, or expiring in `inMs` ms),
 * `POST drop-next` (`{"count"?: 1}`), `GET|PATCH settings`, `GET deliveries`.
 */
import type { FastifyRequest } from 'fastify';

import type { BcApiResponse } from '../contracts';
import { jsonResponse, type RequestContext, type Route } from '../bc/routes/context';
import { BcRequestError } from '../bc/request-error';
import type { SandboxPlugin } from '../plugins';
import { WebhookHub } from './hub';
import type { Subscription } from './types';
import { SubscriptionError } from './validation';
import { checkWebhookSettings, type WebhookSettings } from './settings';
import { supportedResources } from './supported';

/** The runtime API route that serves `webhookSupportedResources`. */
export const RUNTIME_ROUTE = 'microsoft/runtime/beta';

function isSubscriptions(ctx: RequestContext): boolean {
	return ctx.segments.length === 1 && ctx.segments[0].name === 'subscriptions';
}

function keyOf(ctx: RequestContext): string | undefined {
	const key = ctx.segments[0].key;
	if (key === undefined) return undefined;
	return key.replace(/^\{?'?|'?\}?$/g, '');
}

function notFound(id: string): BcRequestError {
	return new BcRequestError(
		404,
		'BadRequest_ResourceNotFound',
		`The subscription with id '${id}' does not exist or has expired.`,
	);
}

function checkIfMatch(ctx: RequestContext, hub: WebhookHub, s: Subscription): void {
	const ifMatch = ctx.request.headers['if-match'];
	if (!ifMatch)
		throw new BcRequestError(
			400,
			'BadRequest_InvalidToken',
			'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
		);
	if (ifMatch !== '*' && ifMatch !== hub.etagOf(s))
		throw new BcRequestError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
}

async function serveSubscriptions(ctx: RequestContext, hub: WebhookHub): Promise<BcApiResponse> {
	const { request } = ctx;
	const root = request.serviceRootUrl;
	const id = keyOf(ctx);
	try {
		if (id === undefined) {
			if (request.method === 'GET')
				return jsonResponse(200, {
					'@odata.context': `${root}/$metadata#subscriptions`,
					value: hub.list(request.environment).map((s) => hub.toJson(s)),
				});
			if (request.method === 'POST') {
				const s = await hub.create(
					request.environment,
					request.apiRoute,
					request.principal.id,
					(request.body ?? {}) as Record<string, unknown>,
					ctx.state.now(),
				);
				return jsonResponse(201, hub.toJson(s, root), { etag: hub.etagOf(s) });
			}
			throw new BcRequestError(
				405,
				'BadRequest_MethodNotAllowed',
				`'${request.method}' is not allowed on subscriptions.`,
			);
		}
		const s = hub.get(request.environment, id);
		if (!s) throw notFound(id);
		if (request.method === 'GET') return jsonResponse(200, hub.toJson(s, root), { etag: hub.etagOf(s) });
		if (request.method === 'PATCH') {
			checkIfMatch(ctx, hub, s);
			await hub.renew(s, (request.body ?? {}) as Record<string, unknown>, ctx.state.now());
			return jsonResponse(200, hub.toJson(s, root), { etag: hub.etagOf(s) });
		}
		if (request.method === 'DELETE') {
			checkIfMatch(ctx, hub, s);
			hub.delete(s.subscriptionId);
			hub.counters.deleted++;
			return { status: 204 };
		}
		throw new BcRequestError(
			405,
			'BadRequest_MethodNotAllowed',
			`'${request.method}' is not allowed on subscriptions.`,
		);
	} catch (e) {
		if (e instanceof SubscriptionError) throw new BcRequestError(e.status, e.code, e.message);
		throw e;
	}
}

function subscriptionsRoute(hub: WebhookHub): Route {
	return { name: 'webhook-subscriptions', match: isSubscriptions, handle: (ctx) => serveSubscriptions(ctx, hub) };
}

function supportedRoute(): Route {
	return {
		name: 'webhook-supported-resources',
		match: (ctx) =>
			ctx.request.apiRoute === RUNTIME_ROUTE &&
			ctx.segments.length === 2 &&
			ctx.segments[0].name === 'companies' &&
			ctx.segments[1].name === 'webhookSupportedResources',
		handle: (ctx) => {
			if (ctx.request.method !== 'GET')
				throw new BcRequestError(405, 'BadRequest_MethodNotAllowed', `'${ctx.request.method}' is not allowed.`);
			return jsonResponse(200, {
				'@odata.context': `${ctx.request.serviceRootUrl}/$metadata#companies(${ctx.segments[0].key})/webhookSupportedResources`,
				value: supportedResources(ctx.state.catalog, ctx.request.rawQuery),
			});
		},
	};
}

function jsonBody(request: FastifyRequest): Record<string, unknown> {
	const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8').trim() : '';
	if (!raw) return typeof request.body === 'object' && request.body ? (request.body as Record<string, unknown>) : {};
	const parsed = JSON.parse(raw) as unknown;
	return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/** The running plugin: the {@link SandboxPlugin} plus its hub (for in-process tests). */
export interface WebhooksPlugin extends SandboxPlugin {
	hub: WebhookHub;
}

/**
 * The webhooks plugin.
 * @param settings overrides of BC's defaults (e.g. `{ delayMs: 200 }` in tests)
 */
export function webhooksPlugin(settings: Partial<WebhookSettings> = {}): WebhooksPlugin {
	const hub = new WebhookHub(settings);
	return {
		name: 'webhooks',
		hub,
		apiRoutes: [RUNTIME_ROUTE],
		routes: [subscriptionsRoute(hub), supportedRoute()],
		onChange: (change) => hub.onChange(change),
		http: async (app) => {
			app.addHook('onClose', async () => hub.close());
			const send = (reply: { type(t: string): { send(b: string): unknown } }, body: unknown) =>
				reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
			app.get('/sandbox/webhooks/subscriptions', async (_q, reply) =>
				send(reply, {
					subscriptions: hub.list().map((s) => ({ ...hub.toJson(s), environment: s.environment })),
					pending: hub.pendingCounts(),
					counters: hub.counters,
				}),
			);
			app.post('/sandbox/webhooks/fire', async (_q, reply) => {
				const sent = await hub.flush();
				await hub.idle();
				return send(reply, { sent });
			});
			app.post('/sandbox/webhooks/expire', async (request, reply) => {
				const body = jsonBody(request);
				const id = body.subscriptionId;
				const inMs = body.inMs;
				if (inMs !== undefined && (typeof inMs !== 'number' || !Number.isFinite(inMs) || inMs <= 0))
					return reply.code(400).send({ error: 'inMs must be a positive number of ms' });
				return send(reply, {
					expired: hub.expire(typeof id === 'string' ? id : undefined, inMs as number | undefined),
				});
			});
			app.post('/sandbox/webhooks/drop-next', async (request, reply) => {
				const count = Number(jsonBody(request).count ?? 1);
				if (!Number.isInteger(count) || count < 1) return reply.code(400).send({ error: 'count must be ≥ 1' });
				hub.dropNextNotifications(count);
				return send(reply, { dropNext: count });
			});
			app.get('/sandbox/webhooks/settings', async (_q, reply) => send(reply, hub.settings));
			app.patch('/sandbox/webhooks/settings', async (request, reply) => {
				const patch = jsonBody(request);
				const problem = checkWebhookSettings(patch);
				if (problem) return reply.code(400).send({ error: problem });
				Object.assign(hub.settings, patch);
				return send(reply, hub.settings);
			});
			app.get('/sandbox/webhooks/deliveries', async (_q, reply) => send(reply, { deliveries: hub.log }));
		},
	};
}
