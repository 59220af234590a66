/**
 * One JSON `$batch` request for a group of writes, and each write's own result from it.
 *
 * BC's format (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-batch):
 * `POST <api root>/$batch` with `{"requests":[{method,id,url,headers,body}]}`, `url` relative to the API root;
 * answer `{"responses":[{id,status,headers,body}]}`; at most 100 operations
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online).
 * `Isolation: snapshot` runs the batch as one transaction, reverted when an operation fails (AL code that commits,
 * such as posting, breaks that). Without `Prefer: odata.continue-on-error` BC stops at the first failing operation
 * (documented by third parties; UNVERIFIED, so an operation missing from the answer is treated as not run).
 */
import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { headerKey } from '../../../../core/headers';
import { toQueryString } from '../../../../core/odata';
import { bcNodeApiError, outcomeOf, parseBcError, withOutcome, type ItemOutcome } from '../errors';
import { bcRequest as sendDirect, type BcContext, type BcRequest, type SendOptions } from '../request';

/** One item's write waiting in a batch. */
export interface PendingWrite {
	ctx: BcContext;
	request: BcRequest;
	send: SendOptions;
	/** The API root path of the write (`/api/v2.0`), shared by every write of one batch. */
	root: string;
	/** The write's URL relative to the API root, with its query (`companies(<id>)/customers`). */
	relativeUrl: string;
	/** Batches this write was sent in without BC running it. */
	rounds: number;
	resolve(response: IN8nHttpFullResponse): void;
	reject(error: Error): void;
}

/** What became of one write of a batch. */
export type WriteResult =
	{ kind: 'done'; response: IN8nHttpFullResponse } | { kind: 'failed'; error: Error } | { kind: 'not-run' };

/**
 * Splits a request URL into the API root and the path relative to it (`/api/v2.0/companies(…)/customers` →
 * `/api/v2.0` + `companies(…)/customers`); undefined for URLs a `$batch` cannot carry (no company segment, absolute).
 */
export function splitApiUrl(url: string): { root: string; relative: string } | undefined {
	const m = /^(\/api\/(?:[^/?]+\/)*?v\d+\.\d+)\/(companies\(.*)$/.exec(url);
	return m ? { root: m[1], relative: m[2] } : undefined;
}

/** The relative URL with the request's query options. */
export function relativeUrlOf(relative: string, qs: IDataObject | undefined): string {
	const query = toQueryString(qs ?? {});
	return query ? `${relative}${relative.includes('?') ? '&' : '?'}${query}` : relative;
}

/** An inner request's headers: the write's own (Content-Type, If-Match, Prefer), never Accept or Authorization. */
function innerHeaders(request: BcRequest): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (value === undefined || /^(accept|authorization)$/i.test(name)) continue;
		headers[name] = String(value);
	}
	if (request.body !== undefined && !headerKey(headers, 'content-type')) headers['Content-Type'] = 'application/json';
	return headers;
}

/** A copy of an error of the whole batch for one item (its own item index, the same BC details). */
function itemCopy(error: Error, write: PendingWrite, outcome: ItemOutcome): Error {
	const source = error as Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	const copy = new NodeApiError(write.ctx.getNode(), { message: source.message } as JsonObject, {
		message: source.message,
		description: source.description ?? undefined,
		httpCode: source.httpCode ?? undefined,
		itemIndex: write.send.itemIndex,
	});
	copy.message = source.message;
	Object.assign(copy.context, source.context ?? {}, { itemIndex: write.send.itemIndex });
	return withOutcome(copy, outcome);
}

/** The error of a write a transactional batch rolled back because another operation failed. */
function rolledBack(write: PendingWrite, cause: Error, position: number): Error {
	const error = new NodeApiError(write.ctx.getNode(), { message: 'Rolled back' } as JsonObject, {
		message: `Rolled back: operation ${position} of this transactional $batch failed (${cause.message})`,
		description:
			'Batching is Transactional (Isolation: snapshot): Business Central reverted every change of the batch because one operation failed. Fix that item and run the batch again. Operations whose AL code commits (such as posting) are not reverted.',
		itemIndex: write.send.itemIndex,
	});
	error.message = `Rolled back: operation ${position} of this transactional $batch failed (${cause.message})`;
	error.context.rolledBack = true;
	return withOutcome(error, 'not-applied');
}

/** The `$batch` request of a group of writes. */
function batchRequest(writes: PendingWrite[], transactional: boolean): BcRequest {
	const first = writes[0];
	return {
		method: 'POST',
		url: `${first.root}/$batch`,
		baseURL: first.request.baseURL,
		headers: {
			Accept: 'application/json',
			'Content-Type': 'application/json',
			...(transactional ? { Isolation: 'snapshot' } : { Prefer: 'odata.continue-on-error' }),
		},
		body: {
			requests: writes.map((write, i) => ({
				method: write.request.method,
				id: String(i + 1),
				url: write.relativeUrl,
				headers: innerHeaders(write.request),
				...(write.request.body !== undefined && write.request.method !== 'DELETE' ? { body: write.request.body } : {}),
			})),
		},
		timeout: first.request.timeout,
		passthrough: first.request.passthrough,
	};
}

interface InnerResponse {
	id?: unknown;
	status?: unknown;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/**
 * Sends one `$batch` for `writes` (2–100 writes sharing credential, environment and API root) through the transport
 * (limiter slot, retries of an outer 429/503 that ran nothing) and reports each write's result, in order.
 * An outer failure without a usable answer (timeout, dropped connection, 504, 5xx) makes every write `unknown`:
 * BC may have run the batch. Operations BC did not run come back as `not-run` for the caller to resend.
 */
export async function runBatch(writes: PendingWrite[], transactional: boolean): Promise<WriteResult[]> {
	const first = writes[0];
	let answer: IN8nHttpFullResponse;
	try {
		answer = await sendDirect(first.ctx, batchRequest(writes, transactional), { ...first.send, itemIndex: undefined });
	} catch (error) {
		const outcome = ((error as { context?: IDataObject }).context?.outcome as ItemOutcome | undefined) ?? 'unknown';
		return writes.map((write) => ({ kind: 'failed', error: itemCopy(error as Error, write, outcome) }));
	}
	const responses = (answer.body as { responses?: unknown } | undefined)?.responses;
	if (!Array.isArray(responses)) {
		const error = new Error('Business Central answered the $batch without a "responses" list');
		return writes.map((write) => ({ kind: 'failed', error: itemCopy(error, write, 'unknown') }));
	}
	const byId = new Map<string, InnerResponse>();
	for (const entry of responses as InnerResponse[]) if (entry && entry.id != null) byId.set(String(entry.id), entry);
	const results = writes.map((write, i): WriteResult => {
		const entry = byId.get(String(i + 1));
		const status = Number(entry?.status);
		if (!entry || !Number.isInteger(status)) return { kind: 'not-run' };
		const headers = (entry.headers ?? {}) as Record<string, string>;
		if (status >= 200 && status < 300)
			return { kind: 'done', response: { statusCode: status, headers, body: (entry.body ?? {}) as IDataObject } };
		// Throttled inside the batch: BC did not run it.
		if (status === 429 || (status === 503 && headers['retry-after'] !== undefined)) return { kind: 'not-run' };
		const method = write.request.method as IHttpRequestMethods;
		return {
			kind: 'failed',
			error: bcNodeApiError(
				write.ctx.getNode(),
				parseBcError(status, entry.body, headers),
				write.send.credentialType,
				write.send.itemIndex,
				undefined,
				outcomeOf(method, status, headers['retry-after']),
			),
		};
	});
	if (!transactional) return results;
	const failedAt = results.findIndex((r) => r.kind === 'failed');
	if (failedAt < 0) return results;
	// All or nothing: every other write of the batch was reverted (or never ran).
	const cause = (results[failedAt] as { error: Error }).error;
	return results.map((result, i) =>
		i === failedAt ? result : { kind: 'failed', error: rolledBack(writes[i], cause, failedAt + 1) },
	);
}
