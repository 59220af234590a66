/**
 * Business Central's errors as n8n node errors: BC's code, message and CorrelationId, and a hint with the fix.
 * Error format: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes
 * (JSON `{"error":{"code","message"}}`; the message ends with `CorrelationId: <guid>.`).
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../../core/constants';
import { headerValue } from '../../../core/headers';

/** A BC error as parsed from a response. */
export interface BcErrorDetails {
	/** HTTP status. */
	status: number;
	/** BC error code, e.g. `Request_EntityChanged`, `NoEnvironment`; `Unknown` when the body has none. */
	code: string;
	/** BC's message without the CorrelationId suffix. */
	message: string;
	/** The request's correlation id (from the message suffix or a response header), if any. */
	correlationId?: string;
}

const CORRELATION_SUFFIX = /\s*CorrelationId:\s*([0-9a-fA-F-]{36})\.?\s*$/;

/**
 * Parses a BC error body: JSON `{"error":{"code","message"}}` or the gateway's XML
 * `<error><code>…</code><message>…</message></error>` (BC online answers an unknown environment that way).
 */
export function parseBcError(status: number, body: unknown, headers?: Record<string, unknown>): BcErrorDetails {
	let code = '';
	let message = '';
	let parsed: unknown = body;
	if (Buffer.isBuffer(parsed)) parsed = parsed.toString('utf8');
	if (typeof parsed === 'string') {
		const text = parsed.trim();
		if (text.startsWith('{')) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
	}
	if (parsed && typeof parsed === 'object') {
		const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
		code = String(error?.code ?? '');
		message = String(error?.message ?? (parsed as { message?: unknown }).message ?? '');
	} else if (typeof parsed === 'string') {
		code = /<code>([^<]*)<\/code>/.exec(parsed)?.[1] ?? '';
		message = /<message>([^<]*)<\/message>/.exec(parsed)?.[1] ?? parsed.slice(0, 300);
	}
	const suffix = CORRELATION_SUFFIX.exec(message);
	const correlationId =
		suffix?.[1] ??
		headerValue(headers, 'ms-correlation-x') ??
		headerValue(headers, 'x-ms-correlation-id') ??
		headerValue(headers, 'request-id');
	return {
		status,
		code: code || 'Unknown',
		message: (suffix ? message.slice(0, suffix.index) : message).trim() || `HTTP ${status}`,
		correlationId,
	};
}

/** What the user can do about an error, by BC code or status; undefined when nothing specific is known. */
export function hintFor(details: BcErrorDetails, credentialType: string, retryNote?: string): string | undefined {
	const { code, status } = details;
	if (status === 401 || code === 'Authentication_InvalidCredentials') {
		if (credentialType === CREDENTIAL_TYPES.clientCredentials) {
			return "Microsoft Entra ID issued a token, but Business Central rejected it: the app is probably not on BC's 'Microsoft Entra Applications' page (it must be there with State = Enabled and permission sets such as D365 BUS FULL ACCESS; SUPER is not allowed), or the tenant/environment belongs to another directory.";
		}
		if (credentialType === CREDENTIAL_TYPES.accessKey) {
			return 'Check the user name (the BC user name, not the e-mail) and the web service access key on the user card, and that the server instance uses NavUserPassword authentication.';
		}
		return 'The signed-in user has no access to this Business Central environment (license, permission sets or another tenant). Reconnect the credential with a licensed user.';
	}
	if (code.startsWith('Authorization_') || status === 403) {
		return 'The user or app lacks permissions for this entity set: add permission sets in Business Central.';
	}
	if (code === 'Request_EntityChanged' || status === 409 || status === 412) {
		return 'Someone changed the record after you read it. Get the record again and retry with its new @odata.etag, or choose Concurrency: Overwrite to ignore the change.';
	}
	if (code === 'BadRequest_InvalidToken') {
		return "Business Central needs the record's ETag: pass @odata.etag from an earlier Get in ETag, or choose Concurrency: Overwrite.";
	}
	if (code === 'NoEnvironment') {
		return 'Check the Environment name in the credential: it is the name shown in the Business Central admin center (e.g. production or sandbox).';
	}
	if (code === 'Internal_CompanyNotFound') {
		return 'The company was not found: pick it from the list or check its ID.';
	}
	if (code === 'BadRequest_ResourceNotFound' || code === 'BadRequest_NotFound') {
		return 'Check the API (standard, automation or custom publisher/group/version) and the entity set name; names are case-sensitive.';
	}
	if (/Could not find a property named/i.test(details.message)) {
		return 'Check the field names in Filter, Select, Order By, Expand or the body: they are the API property names (camelCase), e.g. displayName.';
	}
	if (code === 'Internal_RecordNotFound' || (status === 404 && code === 'Unknown')) {
		return 'The record does not exist (any more) in this company.';
	}
	if (code === 'BadRequest_MethodNotAllowed' || status === 405) {
		return 'This entity set does not allow that operation (it may be read-only).';
	}
	if (status === 429) {
		return `${retryNote ? `${retryNote}. ` : ''}Business Central limits each user or app to 5 concurrent requests and 6,000 requests per 5 minutes. Spread the load over time, filter and select fewer records, or use several app registrations.`;
	}
	if (status === 503 || status === 504) {
		return `${retryNote ? `${retryNote}. ` : ''}Business Central is busy or the request took too long: try again later; for timeouts, read fewer records per page or add a filter.`;
	}
	return retryNote;
}

/**
 * Builds the NodeApiError for a BC error: message `<code>: <BC message>`, description with the hint and the
 * CorrelationId, and the parsed details as the error response; its context carries `bcErrorCode`, `httpStatus`,
 * `correlationId` and, when given, the item's `outcome`.
 */
export function bcNodeApiError(
	node: INode,
	details: BcErrorDetails,
	credentialType: string,
	itemIndex?: number,
	retryNote?: string,
	outcome?: ItemOutcome,
): NodeApiError {
	const advice = outcome === 'unknown' ? UNKNOWN_OUTCOME_ADVICE : undefined;
	const hint = [advice, hintFor(details, credentialType, retryNote)].filter(Boolean).join(' ');
	const description = [hint, details.correlationId ? `CorrelationId: ${details.correlationId}` : undefined]
		.filter(Boolean)
		.join('\n');
	const response: JsonObject = {
		status: details.status,
		code: details.code,
		message: details.message,
		...(details.correlationId ? { correlationId: details.correlationId } : {}),
	};
	const message = `${details.code}: ${details.message}`;
	const error = new NodeApiError(node, response, {
		message,
		description: description || undefined,
		httpCode: String(details.status),
		itemIndex,
	});
	// NodeApiError swaps messages that merely contain a network error code for a generic text
	// ("BadRequest_ResourceNotFound" contains "ENOTFOUND"); BC's own code and message are what the user needs.
	error.message = message;
	// Kept for "Continue On Fail" error items, so workflows can branch on BC's code.
	error.context.bcErrorCode = details.code;
	error.context.httpStatus = details.status;
	if (details.correlationId) error.context.correlationId = details.correlationId;
	if (outcome) error.context.outcome = outcome;
	return error;
}

/**
 * What a failed item did to Business Central, for workflows to branch on:
 * - `not-applied`: a write that BC provably did not apply (nothing was sent, or BC answered with a client error,
 *   429, or 503 with Retry-After: the request was rejected before it ran);
 * - `unknown`: a write that may or may not have been applied (timeout, dropped connection, 5xx other than a 503 with
 *   Retry-After, an answer that was lost): read the record before trying again;
 * - `failed`: a read that failed (it changed nothing).
 */
export type ItemOutcome = 'not-applied' | 'unknown' | 'failed';

/**
 * The outcome of a request that failed with `status` (undefined when no answer arrived).
 * @param retryAfter the answer's Retry-After header, if any
 */
export function outcomeOf(method: string, status?: number, retryAfter?: unknown): ItemOutcome {
	if (method.toUpperCase() === 'GET') return 'failed';
	if (status === undefined) return 'unknown';
	if (status >= 400 && status < 500 && status !== 408) return 'not-applied';
	if (status === 503 && retryAfter !== undefined && retryAfter !== null && retryAfter !== '') return 'not-applied';
	return 'unknown';
}

/** The advice for a write whose outcome is unknown. */
export const UNKNOWN_OUTCOME_ADVICE =
	'The change may or may not have been saved: read the record before trying again (a write is never resent automatically).';

/**
 * The machine-readable fields of a failed item, from a node error's context (set by the transport) and what the
 * item's method says when the error has none (an error before any request: `not-applied` for writes).
 */
export interface ItemErrorDetails {
	outcome: ItemOutcome;
	/** HTTP status of BC's answer, when one arrived. */
	httpStatus?: number;
	/** BC's error code, e.g. `Request_EntityChanged`. */
	bcErrorCode?: string;
	/** The request's CorrelationId, to quote to Microsoft support. */
	correlationId?: string;
	/** Network error code (ECONNRESET, ETIMEDOUT, …) when no answer arrived. */
	networkError?: string;
	/** The hint or fix shown under the message. */
	description?: string;
}

/** Reads {@link ItemErrorDetails} from a node error (by its fields, never by `instanceof`). */
export function itemErrorDetails(error: unknown, method: string): ItemErrorDetails {
	const e = (error ?? {}) as { context?: Record<string, unknown>; description?: unknown; httpCode?: unknown };
	const context = e.context ?? {};
	const status = Number(context.httpStatus ?? (typeof e.httpCode === 'string' ? e.httpCode : undefined));
	const outcome =
		(context.outcome as ItemOutcome | undefined) ?? (method.toUpperCase() === 'GET' ? 'failed' : 'not-applied');
	const details: ItemErrorDetails = { outcome };
	if (Number.isInteger(status)) details.httpStatus = status;
	if (typeof context.bcErrorCode === 'string') details.bcErrorCode = context.bcErrorCode;
	if (typeof context.correlationId === 'string') details.correlationId = context.correlationId;
	if (typeof context.networkError === 'string') details.networkError = context.networkError;
	if (typeof e.description === 'string' && e.description) details.description = e.description;
	return details;
}

/** Whether `error` is an n8n node error (NodeApiError or NodeOperationError of any copy of n8n-workflow). */
function isNodeError(error: unknown): error is NodeOperationError | NodeApiError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return true;
	const e = error as { name?: unknown; node?: unknown; context?: unknown } | null;
	return (
		!!e &&
		typeof e === 'object' &&
		(e.name === 'NodeApiError' || e.name === 'NodeOperationError') &&
		typeof e.node === 'object' &&
		typeof e.context === 'object'
	);
}

/**
 * The error as an n8n node error: NodeApiError and NodeOperationError (of this or another copy of n8n-workflow) pass
 * through unchanged, anything else is wrapped in a NodeOperationError (so raw errors never reach the user without
 * node context).
 */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeOperationError | NodeApiError {
	if (isNodeError(error)) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/** Labels a node error with the item's outcome (and the HTTP status), for {@link itemErrorDetails}. */
export function withOutcome<T extends NodeOperationError | NodeApiError>(
	error: T,
	outcome: ItemOutcome,
	httpStatus?: number,
): T {
	error.context.outcome = outcome;
	if (httpStatus !== undefined) error.context.httpStatus = httpStatus;
	return error;
}
