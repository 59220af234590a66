/**
 * One request to Business Central, from any n8n context: a declarative item (preSend, pagination), a list search or
 * load-options method, and a trigger's poll, hook and webhook functions. The caller says which credential type,
 * retry policy and limiter key apply (see {@link SendOptions}); the transport reads no node parameter.
 */
import type {
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../../core/constants';
import { isBcTokenError } from '../../../core/errors';
import { headerValue } from '../../../core/headers';
import { toQueryString } from '../../../core/odata';
import { runCredentials } from './credentialCache';
import { asNodeError, bcNodeApiError, outcomeOf, parseBcError, UNKNOWN_OUTCOME_ADVICE, withOutcome } from './errors';
import { limiterFor, withSlot } from './limiter';
import { boundedPolicy, decideRetry, type RetryPolicy } from './retry';

/**
 * Any n8n context the transport can send from: every function context n8n gives a node (execute, declarative
 * single item and pagination, load options and list search, poll, hook, webhook, trigger).
 */
export type BcContext = IAllExecuteFunctions;

/** One request to Business Central. */
export interface BcRequest {
	method: IHttpRequestMethods;
	/** Path relative to `baseURL` (e.g. `/api/v2.0/companies`), or an absolute `@odata.nextLink`. */
	url: string;
	/** The environment URL from the credential; omitted for absolute URLs. */
	baseURL?: string;
	/** OData query options; written into the URL with %20-encoding (not `+`). */
	qs?: IDataObject;
	headers?: IDataObject;
	body?: IDataObject;
	/** Request timeout in ms. */
	timeout?: number;
	/** Extra n8n request options to keep (proxy, TLS, allowed domains). */
	passthrough?: Partial<IHttpRequestOptions>;
	/** Raw body (file bytes) instead of JSON, made afresh per attempt (a stream reads once); set `Content-Type` in `headers`. */
	rawBody?: () => Buffer | NodeJS.ReadableStream | Promise<Buffer | NodeJS.ReadableStream>;
	/**
	 * `stream`: a 2xx body comes back as a readable stream (file bytes, to pipe into n8n's binary data store);
	 * `arraybuffer`: as a Buffer. A non-2xx body is read in full for BC's error either way.
	 */
	responseType?: 'arraybuffer' | 'stream';
}

/** How to send: through which credential type, with which retries, holding a slot of which limiter. */
export interface SendOptions {
	/** One of the credential type names (`CREDENTIAL_TYPES`); the context must have that credential. */
	credentialType: string;
	/** Retry policy; the caller clamps user input into its documented ranges. */
	policy: RetryPolicy;
	/** Key of the concurrency limiter: credential id and environment URL (never a secret); see {@link limiterKey}. */
	limiterKey: string;
	/** The input item the request belongs to, for error messages; undefined outside item processing. */
	itemIndex?: number;
	/**
	 * Coalesce this write with other items' writes into JSON `$batch` requests (see `transport/batch`); only
	 * `bcRequest` from the transport's index honours it, and only for POST, PATCH and DELETE. Undefined: one request.
	 */
	batch?: BatchSettings;
	/**
	 * The credential type's own signing function (what its `authenticate` calls). With it, a request sent for an item
	 * of a node run is signed with the credential read once per run ({@link runCredentials}) and sent with
	 * `helpers.httpRequest`, instead of n8n reading the credential for every request. Without it (the OAuth2
	 * credential, whose token refresh lives in n8n), and outside a node run, n8n's `httpRequestWithAuthentication`.
	 */
	sign?: RequestSigner;
	/**
	 * Requests this node allows in flight at once per credential and environment in this n8n process (the node's
	 * Retry Options → *Requests in Flight*, clamped by the caller into {@link IN_FLIGHT_LIMITS}); undefined: BC's 5.
	 */
	maxInFlight?: number;
}

/**
 * Range of *Requests in Flight*: BC online processes 5 requests per user or app at once and queues up to 95 more
 * before answering 429 (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online#query-limits);
 * a value above 5 keeps a small queue at BC, a lower one leaves room for other processes (n8n queue-mode workers).
 */
export const IN_FLIGHT_LIMITS = { min: 1, max: 20 } as const;

/** `limit` when it is an integer within {@link IN_FLIGHT_LIMITS}, else undefined (the limiter's 5): no input can lift it. */
function boundedInFlight(limit: number | undefined): number | undefined {
	return Number.isInteger(limit) && limit! >= IN_FLIGHT_LIMITS.min && limit! <= IN_FLIGHT_LIMITS.max
		? limit
		: undefined;
}

/**
 * Signs a request with the decrypted credential, exactly as the credential type's `authenticate` does: checks the
 * credential and the URL, adds the Authorization header. Called again on the same options after a 401, when the
 * rejected header makes it fetch a fresh token.
 * @returns the signed options
 * @throws BcCredentialError naming a credential field; token errors
 */
export type RequestSigner = (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** How writes are coalesced into `$batch` requests. */
export interface BatchSettings {
	/** `auto`: continue on error, each operation on its own; `transactional`: `Isolation: snapshot`, all or nothing. */
	mode: 'auto' | 'transactional';
	/** Most operations per `$batch` (1–100; BC's limit is 100). */
	maxOperations: number;
}

/**
 * Key of the concurrency limiter: credential id (not a secret; the type name when there is no id) + environment URL.
 * @param environmentUrl the credential's environment URL (online) or instance URL (on-premises)
 */
export function limiterKey(credentialId: string, environmentUrl: string): string {
	return `${credentialId}|${environmentUrl.replace(/\/+$/, '')}`;
}

/** Walks an error's `cause` chain. */
function* causes(error: unknown): Generator<unknown> {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		yield current;
		current = (current as { cause?: unknown }).cause;
	}
}

interface FailedResponse {
	status: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** The HTTP response inside a thrown request error (axios shape), if one arrived. */
function responseOf(error: unknown): FailedResponse | undefined {
	for (const e of causes(error)) {
		const response = (e as { response?: { status?: unknown; headers?: unknown; data?: unknown } }).response;
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				headers: response.headers as Record<string, unknown>,
				body: response.data,
			};
		}
	}
	return undefined;
}

/** The network error code (ECONNRESET, ETIMEDOUT, ECONNABORTED…) inside a thrown request error. */
function networkCodeOf(error: unknown): string | undefined {
	for (const e of causes(error)) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
	}
	return undefined;
}

/** Builds the absolute or relative URL with the query string appended. */
function urlWithQuery(url: string, qs: IDataObject | undefined): string {
	const query = toQueryString(qs ?? {});
	if (!query) return url;
	return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * The n8n request options of one attempt. Fresh per attempt: n8n's authenticate step writes the Authorization
 * header into them, and a header left over from an earlier attempt would read as "BC rejected this token".
 */
function attemptOptions(request: BcRequest): IHttpRequestOptions {
	const httpOptions: IHttpRequestOptions = {
		...request.passthrough,
		method: request.method,
		url: urlWithQuery(request.url, request.qs),
		baseURL: request.baseURL,
		headers: { Accept: 'application/json', ...(request.headers ?? {}) },
		json: true,
		returnFullResponse: true,
		// Non-2xx answers come back as responses (status + Retry-After), except 401, which must throw so that
		// n8n's credential logic can refresh the OAuth2 token or fetch a fresh S2S token and retry once.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		...(request.timeout ? { timeout: request.timeout } : {}),
	};
	if (request.body !== undefined && request.method !== 'GET') httpOptions.body = request.body;
	else delete httpOptions.body;
	if (request.rawBody) httpOptions.json = false;
	if (request.responseType) Object.assign(httpOptions, { encoding: request.responseType, json: false });
	return httpOptions;
}

/** One attempt's outcome: the 2xx response, or what failed (a non-2xx response, or a network error code). */
type AttemptResult =
	{ ok: true; full: IN8nHttpFullResponse } | { ok: false; response?: FailedResponse; networkCode?: string };

/**
 * Sends one attempt through the credential.
 * @throws NodeApiError for token problems (with their fix) and for a 401 after n8n's credential logic;
 *   any other failure without a response or network code as a node error
 */
async function sendAttempt(
	ctx: BcContext,
	credentialType: string,
	request: BcRequest,
	itemIndex?: number,
	sign?: RequestSigner,
): Promise<AttemptResult> {
	const node = ctx.getNode();
	try {
		const options = attemptOptions(request);
		if (request.rawBody) options.body = (await request.rawBody()) as Buffer;
		const credentials = sign ? runCredentials(ctx, credentialType) : undefined;
		const full = (
			sign && credentials
				? await sendSigned(ctx, credentials, sign, options)
				: await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)
		) as IN8nHttpFullResponse;
		if (full.statusCode >= 200 && full.statusCode < 300) return { ok: true, full };
		return { ok: false, response: { status: full.statusCode, headers: full.headers, body: await readAll(full.body) } };
	} catch (error) {
		const tokenError = [...causes(error)].find(isBcTokenError);
		if (tokenError) {
			throw new NodeApiError(
				node,
				{ message: tokenError.message, aadsts: tokenError.aadsts ?? 'unknown' },
				{ message: tokenError.message, description: tokenError.description, itemIndex },
			);
		}
		if (credentialType === CREDENTIAL_TYPES.delegated && isNotConnected(error)) {
			throw new NodeOperationError(node, 'The Business Central OAuth2 credential is not connected', {
				itemIndex,
				description:
					'Open the credential, press "Connect my account" and sign in with a Business Central user; n8n then stores and refreshes the tokens.',
			});
		}
		const response = responseOf(error);
		if (response?.status === 401) {
			const outcome = outcomeOf(request.method, 401);
			throw bcNodeApiError(
				node,
				parseBcError(401, response.body, response.headers),
				credentialType,
				itemIndex,
				undefined,
				outcome,
			);
		}
		if (response) return { ok: false, response };
		const networkCode = networkCodeOf(error);
		// Neither an answer nor a network code: the request may have been sent.
		if (!networkCode) throw withOutcome(asNodeError(node, error, itemIndex), outcomeOf(request.method));
		return { ok: false, networkCode };
	}
}

/**
 * Sends a request signed with the node run's credential: what n8n-core's `httpRequestWithAuthentication`
 * (packages/core/src/execution-engine/node-execution-context/utils/request-helpers/authentication.ts) does for a
 * credential type with an `authenticate` function, without reading the credential again: the execution's cancel
 * signal, sign, send; after a 401, sign again on the same options (the credential fetches one fresh token) and send
 * once more, unless the body was a stream the first attempt consumed. Every failure is wrapped in a NodeApiError
 * as n8n does, so errors read the same on both paths.
 * @throws NodeApiError wrapping the request, token or credential error
 */
async function sendSigned(
	ctx: BcContext,
	credentials: Promise<ICredentialDataDecryptedObject>,
	sign: RequestSigner,
	options: IHttpRequestOptions,
): Promise<unknown> {
	const cancel = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal;
	if (typeof cancel === 'function') options.abortSignal = cancel.call(ctx);
	let data: ICredentialDataDecryptedObject | undefined;
	let signed = options;
	try {
		data = await credentials;
		signed = await sign(data, options);
		return await ctx.helpers.httpRequest(signed);
	} catch (error) {
		const status = (error as { response?: { status?: unknown } }).response?.status;
		if (status !== 401 || data === undefined || isStream(signed.body)) {
			throw new NodeApiError(ctx.getNode(), error as JsonObject);
		}
		try {
			signed = await sign(data, signed);
			return await ctx.helpers.httpRequest(signed);
		} catch (retryError) {
			throw new NodeApiError(ctx.getNode(), retryError as JsonObject);
		}
	}
}

/** Whether a request body is a stream (read once: it cannot be sent again). */
function isStream(body: unknown): boolean {
	return !!body && typeof (body as NodeJS.ReadableStream).pipe === 'function';
}

/** A streamed (error) body read into a Buffer; any other body as it is. */
async function readAll(body: unknown): Promise<unknown> {
	if (!body || typeof (body as NodeJS.ReadableStream).pipe !== 'function') return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

/**
 * Whether n8n could not sign a delegated request because the OAuth2 credential holds no tokens yet: n8n-core says
 * "OAuth credentials not connected" when `oauthTokenData` is missing, @n8n/client-oauth2 "Unable to sign without
 * access token" when it is empty (a credential imported or saved before "Connect my account").
 */
function isNotConnected(error: unknown): boolean {
	return [...causes(error)].some(
		(e) => e instanceof Error && /OAuth credentials not connected|Unable to sign without access token/.test(e.message),
	);
}

/** The error for a request that got no response: a write may or may not have been saved. */
function connectionError(
	node: INode,
	method: IHttpRequestMethods,
	networkCode: string | undefined,
	itemIndex?: number,
): NodeApiError {
	const error = new NodeApiError(
		node,
		{ message: `Network error ${networkCode}`, networkError: networkCode ?? 'unknown' },
		{
			message: 'The connection to Business Central failed',
			description:
				(method === 'GET' ? 'Check the network and try again.' : UNKNOWN_OUTCOME_ADVICE) +
				` Network error code: ${networkCode}.`,
			itemIndex,
		},
	);
	error.context.networkError = networkCode ?? 'unknown';
	return withOutcome(error, outcomeOf(method));
}

/**
 * Sends one request to Business Central through the node's credential, holding a slot of the credential's
 * concurrency limiter (8 in flight per credential and environment by default, or the node's *Requests in Flight*)
 * for the request and its retries.
 *
 * Retries follow {@link decideRetry}: 429 and 503 honour Retry-After, otherwise exponential backoff with jitter;
 * writes only where BC did not process them. 401 is left to n8n's credential logic (OAuth2 refresh, one fresh
 * S2S token) and then translated.
 *
 * @returns the full response (status 2xx, headers, parsed body)
 * @throws NodeApiError with BC's code, message and CorrelationId plus a hint; token problems with their fix
 */
export async function bcRequest(
	ctx: BcContext,
	request: BcRequest,
	options: SendOptions,
): Promise<IN8nHttpFullResponse> {
	const policy = boundedPolicy(options.policy);
	const { credentialType } = options;
	const method = request.method;
	let waitedMs = 0;

	return await withSlot(
		limiterFor(options.limiterKey),
		async () => {
			for (let attempt = 1; ; attempt++) {
				const result = await sendAttempt(ctx, credentialType, request, options.itemIndex, options.sign);
				if (result.ok) return result.full;
				const { response, networkCode } = result;
				const decision = decideRetry(
					{ method, status: response?.status, retryAfter: headerValue(response?.headers, 'retry-after'), networkCode },
					attempt,
					policy,
					waitedMs,
				);
				if (decision.retry) {
					waitedMs += decision.waitMs;
					await sleep(decision.waitMs);
					continue;
				}
				if (!response) throw connectionError(ctx.getNode(), method, networkCode, options.itemIndex);
				throw bcNodeApiError(
					ctx.getNode(),
					parseBcError(response.status, response.body, response.headers),
					credentialType,
					options.itemIndex,
					'reason' in decision ? decision.reason : undefined,
					outcomeOf(method, response.status, headerValue(response.headers, 'retry-after')),
				);
			}
		},
		boundedInFlight(options.maxInFlight),
	);
}
