/**
 * Fastify app wiring: TLS, body handling, correlation ids, stats/log recording, and the route groups
 * (Entra token/authorize/discovery, BC API, control endpoint).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { bcError } from '../bc/errors';
import { MAX_BODY_BYTES } from '../config';
import type { SandboxControl } from '../control/control';
import type { SandboxInfo } from '../control/info';
import { registerControlRoutes } from '../control/routes';
import { redactUrl } from '../control/stats';
import { registerAdminConsentRoutes } from '../entra/admin-consent';
import { registerAuthorizeRoutes } from '../entra/authorize';
import { registerDiscoveryRoutes } from '../entra/discovery';
import { registerTokenRoute } from '../entra/token';
import type { SandboxPlugin } from '../plugins';
import { registerBcRoutes } from './bc-routes';
import { CORRELATION_HEADER, type SandboxRuntime } from './runtime';

/** Inputs of {@link createServer}. */
export interface ServerOptions {
	runtime: SandboxRuntime;
	control: SandboxControl;
	info: () => SandboxInfo;
	/** PEM key and certificate; omitted = plain HTTP. */
	tls?: { key: string; cert: string };
	/** Fastify request logging (pino) on stdout; default off. */
	logger?: boolean;
	/** Plugins whose `http` part is registered after the built-in routes, in order. */
	plugins?: SandboxPlugin[];
}

/** Builds the fastify app (not yet listening; plugin HTTP routes load when it starts listening). */
export function createServer(options: ServerOptions): FastifyInstance {
	const { runtime } = options;
	// The request logger shows method and path only, with secret query values redacted (never headers or bodies).
	const logger = options.logger
		? {
				serializers: {
					req: (request: { method: string; url: string }) => ({ method: request.method, url: redactUrl(request.url) }),
				},
			}
		: false;
	const app = (options.tls
		? Fastify({ https: { key: options.tls.key, cert: options.tls.cert }, logger, bodyLimit: MAX_BODY_BYTES })
		: Fastify({ logger, bodyLimit: MAX_BODY_BYTES })) as unknown as FastifyInstance;

	// Every body arrives as raw bytes; routes parse it themselves (forms for Entra, JSON/binary for BC).
	app.removeAllContentTypeParsers();
	app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

	app.decorateRequest('correlationId', '');
	app.decorateRequest('receivedAt', 0);
	app.addHook('onRequest', async (request, reply) => {
		request.correlationId = randomUUID();
		request.receivedAt = performance.now();
		reply.header(CORRELATION_HEADER, request.correlationId);
	});

	// Recorded in onSend (before the bytes leave) so a client that reads the stats right after a response sees it counted.
	app.addHook('onSend', async (request, reply, payload) => {
		if (request.statsRecorded || request.url.startsWith('/sandbox/')) return payload;
		request.statsRecorded = true;
		const template = request.statsTemplate ?? request.routeOptions.url ?? '(unmatched)';
		runtime.stats.record(template, {
			time: new Date(Date.now() - (performance.now() - request.receivedAt)).toISOString(),
			method: request.method,
			path: redactUrl(request.url),
			status: reply.statusCode,
			principal: request.principalId,
			ms: Math.round(performance.now() - request.receivedAt),
			correlationId: request.correlationId,
		});
		return payload;
	});

	// Framework-level failures (body over 350 MB → 413, unexpected exceptions → 500) in BC's JSON error shape on the API,
	// so clients always get `{"error":{"code","message"}}` with the correlation id. Codes UNVERIFIED, the sandbox's own choice (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes gives only statuses).
	app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
		const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
		if (status >= 500) request.log.error(error);
		const code = status === 413 ? 'RequestEntityTooLarge' : status >= 500 ? 'Internal_ServerError' : 'BadRequest';
		const message = status >= 500 ? 'An unexpected error occurred in the sandbox.' : error.message;
		const response = bcError(status, code, message, request.correlationId);
		return reply
			.code(status)
			.headers(response.headers ?? {})
			.send(JSON.stringify(response.body));
	});

	registerTokenRoute(app, runtime.entra);
	registerAuthorizeRoutes(app, runtime.entra);
	registerAdminConsentRoutes(app, runtime.entra);
	registerDiscoveryRoutes(app, runtime.entra);
	registerControlRoutes(app, options.control, options.info);
	registerBcRoutes(app, runtime);
	for (const plugin of options.plugins ?? []) {
		if (plugin.http)
			app.register(plugin.http, {
				bcApi: runtime.bcApi,
				control: options.control,
				info: options.info,
				authenticate: (authorization, correlationId, authorityHost) =>
					runtime.onlineAuth.authenticate(authorization, undefined, correlationId, authorityHost),
				entra: runtime.entra,
			});
	}
	return app;
}
