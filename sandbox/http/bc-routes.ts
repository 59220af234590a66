/**
 * BC API routes: URL shape → authentication → environment → limits → latency/faults → body → {@link BcApi.handle}
 * → (faults: "apply, then lose the answer", see `sandbox/limits/faults.ts`) → answer.
 *
 * Sources: URL shapes in bc-urls.ts; unknown environment → XML `NoEnvironment` 404 (a real response in
 * github.com/amp-labs/connectors `providers/dynamicsbusiness/test/err-missing-environment.xml`); 401
 * `Authentication_InvalidCredentials` (auth.ts); non-JSON body → 400 `BadRequest` "Invalid Request Body"
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes); limits (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online);
 * 503 with `Retry-After`, 504 (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes).
 */
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BcApiRequest, BcApiResponse } from '../contracts';
import { bcError, bcXmlError } from '../bc/errors';
import { CUSTOMER_TENANTS, ONLINE_ENVIRONMENTS, ONPREM_ENVIRONMENT, DEMO } from '../config';
import type { DispatchRecord } from '../bc/plugins/types';
import { redactUrl, resourceTemplate, type StatsRecorder } from '../control/stats';
import { authenticateOnPrem, type AuthResult } from './auth';
import {
	lastResourceSegment,
	ODATAV4_ROUTE,
	parseODataV4Url,
	parseOnlineUrl,
	parseOnPremUrl,
	type ParsedBcUrl,
} from './bc-urls';
import type { SandboxRuntime } from './runtime';

/** Code of the 429 body. UNVERIFIED, the sandbox's own choice: BC does not document the throttling error code; change it here. */
export const TOO_MANY_REQUESTS_CODE = 'Application_TooManyRequests';
export const TOO_MANY_REQUESTS_MESSAGE = 'Too many requests reached. Try again later.';
/** Code of injected/queue-timeout 503 bodies. UNVERIFIED, the sandbox's own choice (BC documents only the status and `retry-after`). */
export const SERVICE_UNAVAILABLE_CODE = 'Internal_ServiceUnavailable';
/** Code of injected 504 bodies. UNVERIFIED, the sandbox's own choice (BC documents a gateway timeout after 10 minutes, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
export const GATEWAY_TIMEOUT_CODE = 'Internal_GatewayTimeout';

/** Content types passed to the data layer as raw bytes (media uploads such as pictures and attachment content). */
const BINARY_CONTENT_TYPES = /^(application\/octet-stream|image\/|application\/pdf)/i;

function send(reply: FastifyReply, response: BcApiResponse): FastifyReply {
	reply.code(response.status);
	if (response.headers) reply.headers(response.headers);
	if (response.body === undefined || response.status === 204) return reply.send();
	if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) return reply.send(response.body);
	if (!reply.hasHeader('content-type'))
		reply.header('content-type', 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8');
	return reply.send(JSON.stringify(response.body));
}

/** Destroys the request's connection without an answer and logs it with status 0 (counted as `dropped`). */
function dropConnection(runtime: SandboxRuntime, request: FastifyRequest, reply: FastifyReply): FastifyReply {
	reply.hijack();
	request.raw.socket?.destroy();
	request.statsRecorded = true;
	runtime.stats.record(request.statsTemplate ?? '(unmatched)', {
		time: new Date(Date.now() - (performance.now() - request.receivedAt)).toISOString(),
		method: request.method,
		path: redactUrl(request.url),
		status: 0,
		principal: request.principalId,
		ms: Math.round(performance.now() - request.receivedAt),
		correlationId: request.correlationId,
	});
	return reply;
}

/** The 504 of an injected gateway timeout. */
function gatewayTimeout(correlationId: string): BcApiResponse {
	return bcError(504, GATEWAY_TIMEOUT_CODE, 'The request exceeded the gateway timeout.', correlationId);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Parses the request body for the data layer; undefined on success without body, or an error response. */
function parseBody(request: FastifyRequest): { ok: true; body: unknown } | { ok: false; response: BcApiResponse } {
	const raw = request.body;
	if (!Buffer.isBuffer(raw) || raw.length === 0) return { ok: true, body: undefined };
	const contentType = String(request.headers['content-type'] ?? '');
	if (BINARY_CONTENT_TYPES.test(contentType)) return { ok: true, body: raw };
	try {
		return { ok: true, body: JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) };
	} catch {
		return { ok: false, response: bcError(400, 'BadRequest', 'Invalid Request Body', request.correlationId) };
	}
}

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
	const headers: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(request.headers))
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	return headers;
}

/**
 * The data layer's key of an online environment of a tenant (case-insensitive name): the home tenant's
 * {@link ONLINE_ENVIRONMENTS}, or a customer tenant's own environments ({@link CUSTOMER_TENANTS}); undefined when the
 * tenant has no such environment.
 */
export function onlineEnvironmentKey(tenantId: string | undefined, environment: string): string | undefined {
	const name = environment.toLowerCase();
	const customer = CUSTOMER_TENANTS.find((t) => t.tenantId === tenantId);
	if (customer)
		return Object.prototype.hasOwnProperty.call(customer.environments, name) ? customer.environments[name] : undefined;
	return ONLINE_ENVIRONMENTS.includes(name) ? name : undefined;
}

/**
 * How many requests this one counts as against the rate window: a JSON `$batch` counts as its operations when the
 * `batchCountsAs` limit says so, anything else as 1.
 */
type BatchBody = { requests?: unknown } | null;

function rateWeight(runtime: SandboxRuntime, parsed: ParsedBcUrl, body: unknown): number {
	if (runtime.settings.limits.batchCountsAs !== 'operations') return 1;
	if (parsed.resourcePath.replace(/\/+$/, '') !== '$batch') return 1;
	let requests: unknown;
	try {
		requests = Buffer.isBuffer(body)
			? (JSON.parse(body.toString('utf8').replace(/^\uFEFF/, '')) as BatchBody)?.requests
			: undefined;
	} catch {
		return 1; // not JSON: the batch itself answers 400
	}
	return Array.isArray(requests) && requests.length > 0 ? requests.length : 1;
}

async function serve(
	runtime: SandboxRuntime,
	request: FastifyRequest,
	reply: FastifyReply,
	parsed: ParsedBcUrl | undefined,
): Promise<FastifyReply> {
	const correlationId = request.correlationId;
	const baseUrl = `${request.protocol}://${request.headers.host}`;
	if (!parsed) {
		request.statsTemplate = '(no API route)';
		// Status UNVERIFIED, the sandbox's own choice (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes names BadRequest_NotFound, no status).
		return send(
			reply,
			bcError(
				404,
				'BadRequest_NotFound',
				`No HTTP resource was found that matches the request URI '${baseUrl}${request.url.split('?')[0]}'.`,
				correlationId,
			),
		);
	}
	const prefix = parsed.apiRoute === ODATAV4_ROUTE ? '/ODataV4' : `/api/${parsed.apiRoute}`;
	request.statsTemplate = `${prefix}${parsed.resourcePath ? `/${resourceTemplate(parsed.resourcePath)}` : ''}`;

	const auth: AuthResult =
		parsed.kind === 'online'
			? await runtime.onlineAuth.authenticate(request.headers.authorization, parsed.tenant, correlationId, baseUrl)
			: authenticateOnPrem(request.headers.authorization, correlationId);
	if (!auth.ok) {
		request.log.info({ reason: auth.reason }, 'BC request rejected with 401');
		return send(reply, auth.response);
	}
	const principal = auth.principal;
	request.principalId = principal.id;

	const environment =
		parsed.kind === 'online'
			? onlineEnvironmentKey(auth.tenantId, parsed.environment)
			: parsed.environment.toLowerCase() === DEMO.onPrem.instance.toLowerCase()
				? ONPREM_ENVIRONMENT
				: undefined;
	if (!environment || !runtime.bcApi.environments().includes(environment)) {
		return send(reply, bcXmlError(404, 'NoEnvironment', 'Environment does not exist.'));
	}

	const admission = await runtime.limiter.acquire(principal.id, rateWeight(runtime, parsed, request.body));
	if (!admission.admitted) {
		runtime.stats.countThrottled();
		const retryAfter = { 'retry-after': String(admission.retryAfterSeconds) };
		if (admission.status === 429) {
			const headers = runtime.settings.limits.retryAfterOn429 ? retryAfter : {};
			return send(reply, bcError(429, TOO_MANY_REQUESTS_CODE, TOO_MANY_REQUESTS_MESSAGE, correlationId, headers));
		}
		return send(
			reply,
			bcError(
				503,
				SERVICE_UNAVAILABLE_CODE,
				'The request waited too long in the queue. Try again later.',
				correlationId,
				retryAfter,
			),
		);
	}
	try {
		if (runtime.settings.latencyMs > 0) await sleep(runtime.settings.latencyMs);
		const fault = runtime.faults.next();
		if (fault !== 'none') runtime.stats.countFaulted();
		if (fault === 'drop') return dropConnection(runtime, request, reply);
		if (fault === 'service-unavailable') {
			return send(
				reply,
				bcError(
					503,
					SERVICE_UNAVAILABLE_CODE,
					'The service is temporarily unavailable. Try again later.',
					correlationId,
					{
						'retry-after': String(runtime.faults.retryAfterSeconds()),
					},
				),
			);
		}
		if (fault === 'gateway-timeout') return send(reply, gatewayTimeout(correlationId));

		const body = parseBody(request);
		if (!body.ok) return send(reply, body.response);
		const apiRequest: BcApiRequest = {
			method: request.method.toUpperCase(),
			environment,
			apiRoute: parsed.apiRoute,
			resourcePath: parsed.resourcePath,
			rawQuery: parsed.rawQuery,
			headers: headersOf(request),
			body: body.body,
			serviceRootUrl: `${baseUrl}${parsed.rootPath}`,
			principal,
			correlationId,
		};
		const answer = runtime.faults.answer(apiRequest.method, lastResourceSegment(parsed.resourcePath));
		const response = await runtime.bcApi.handle(apiRequest);
		if (answer === 'keep') return send(reply, response);
		// "Apply, then lose the answer": the request was served (a valid write is applied), the client never learns it.
		runtime.stats.countFaulted();
		return answer === 'drop' ? dropConnection(runtime, request, reply) : send(reply, gatewayTimeout(correlationId));
	} finally {
		admission.release();
	}
}

/**
 * Counts and logs an inner request a data-layer route dispatched (`ctx.dispatch`, e.g. one operation of a `$batch`)
 * like an outer one: under `"<METHOD> /api/<route>/<resource template>"`, with its status, principal and duration.
 */
export function recordDispatch(stats: StatsRecorder, { request, response, ms }: DispatchRecord): void {
	const query = request.rawQuery ? `?${request.rawQuery}` : '';
	stats.record(`/api/${request.apiRoute}${request.resourcePath ? `/${resourceTemplate(request.resourcePath)}` : ''}`, {
		time: new Date(Date.now() - ms).toISOString(),
		method: request.method,
		path: redactUrl(`${new URL(request.serviceRootUrl).pathname}/${request.resourcePath}${query}`),
		status: response.status,
		principal: request.principal.id,
		ms,
		correlationId: request.correlationId,
	});
}

/** Registers the online (`/v2.0/*`, API and OData V4) and on-prem (`/:instance/api/*`, `/:instance/ODataV4/*`) routes. */
export function registerBcRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
	app.all('/v2.0/*', (request, reply) =>
		serve(runtime, request, reply, parseOnlineUrl(request.url) ?? parseODataV4Url(request.url, 'online')),
	);
	app.all('/:instance/api/*', (request, reply) => serve(runtime, request, reply, parseOnPremUrl(request.url)));
	for (const path of ['/:instance/ODataV4', '/:instance/ODataV4/*'])
		app.all(path, (request, reply) => serve(runtime, request, reply, parseODataV4Url(request.url, 'onprem')));
}
