/**
 * When to retry a Business Central request, and how long to wait: 429 too many requests, 503 with Retry-After,
 * 504 gateway timeout; clients should back off
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online).
 *
 * Safety rule: a write (POST/PATCH/DELETE) is retried only where BC did not process it: a 429 (rejected before
 * processing) or a 503 that carries Retry-After (the request was never started). A write is never retried after
 * a 504, a timeout or a dropped connection, because BC may have committed it.
 */

/** Retry settings of one operation. */
export interface RetryPolicy {
	/** Total attempts including the first (≥ 1). */
	maxAttempts: number;
	/** Longest single wait in ms; a longer Retry-After ends the retries. */
	maxWaitMs: number;
	/** Base of the exponential backoff in ms (first retry waits up to this). */
	baseDelayMs: number;
	/** Most time in ms one request may spend waiting between its attempts, in total; a longer wait ends the retries. */
	maxTotalWaitMs: number;
}

/** Ranges the retry settings are held to, whatever the input: attempts 1–10, a single wait 1 s–10 min. */
export const RETRY_LIMITS = { maxAttempts: { min: 1, max: 10 }, maxWaitSeconds: { min: 1, max: 600 } } as const;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	maxWaitMs: 60_000,
	baseDelayMs: 1_000,
	maxTotalWaitMs: 600_000,
};

/**
 * A policy held to {@link RETRY_LIMITS} (non-numbers fall back to the defaults), so that no input can make a request
 * retry without end.
 */
export function boundedPolicy(policy: Partial<RetryPolicy>): RetryPolicy {
	const clamp = (value: unknown, min: number, max: number, fallback: number): number =>
		typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
	return {
		maxAttempts: Math.floor(
			clamp(
				policy.maxAttempts,
				RETRY_LIMITS.maxAttempts.min,
				RETRY_LIMITS.maxAttempts.max,
				DEFAULT_RETRY_POLICY.maxAttempts,
			),
		),
		maxWaitMs: clamp(policy.maxWaitMs, 1_000, RETRY_LIMITS.maxWaitSeconds.max * 1000, DEFAULT_RETRY_POLICY.maxWaitMs),
		baseDelayMs: clamp(policy.baseDelayMs, 0, 60_000, DEFAULT_RETRY_POLICY.baseDelayMs),
		maxTotalWaitMs: clamp(
			policy.maxTotalWaitMs,
			0,
			DEFAULT_RETRY_POLICY.maxTotalWaitMs,
			DEFAULT_RETRY_POLICY.maxTotalWaitMs,
		),
	};
}

/** Network failures after which an idempotent GET may be repeated (never a write). */
const RESENDABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'UND_ERR_SOCKET']);

/**
 * Parses a Retry-After header: delta-seconds or an HTTP date.
 * @returns milliseconds to wait, or undefined when absent or unreadable
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait in [base·2^(n-1)/2, base·2^(n-1)], capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxWaitMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The outcome of one attempt as far as retrying is concerned. */
export interface AttemptOutcome {
	method: string;
	/** HTTP status, or undefined when no response arrived. */
	status?: number;
	/** Retry-After header value, if any. */
	retryAfter?: unknown;
	/** Network error code (ECONNRESET, ETIMEDOUT, …) when no response arrived. */
	networkCode?: string;
}

/** A decision: wait `waitMs` and retry, or stop (`reason` says why when a retry was wanted but not allowed). */
export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason?: string };

/**
 * Decides whether attempt number `attempt` (1-based) should be followed by another one.
 * @param waitedMs time already spent waiting between this request's attempts
 */
export function decideRetry(
	outcome: AttemptOutcome,
	attempt: number,
	policy: RetryPolicy,
	waitedMs = 0,
): RetryDecision {
	const isRead = outcome.method.toUpperCase() === 'GET';
	const retryAfterMs = parseRetryAfter(outcome.retryAfter);
	let wanted = false;
	if (outcome.status === 429) wanted = true;
	else if (outcome.status === 503) wanted = isRead || retryAfterMs !== undefined;
	else if (outcome.status === 504) wanted = isRead;
	else if (outcome.status === undefined && outcome.networkCode)
		wanted = isRead && RESENDABLE_NETWORK_CODES.has(outcome.networkCode);
	if (!wanted) return { retry: false };
	if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
	const waitMs = retryAfterMs ?? backoffMs(attempt, policy);
	if (waitMs > policy.maxWaitMs) {
		return {
			retry: false,
			reason: `Business Central asked to wait ${Math.ceil(waitMs / 1000)} s, longer than Max Wait (${Math.round(policy.maxWaitMs / 1000)} s)`,
		};
	}
	if (waitedMs + waitMs > policy.maxTotalWaitMs) {
		return {
			retry: false,
			reason: `gave up after waiting ${Math.round(waitedMs / 1000)} s in total (at most ${Math.round(policy.maxTotalWaitMs / 1000)} s per request)`,
		};
	}
	return { retry: true, waitMs };
}
