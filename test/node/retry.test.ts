/**
 * Retry decisions of the transport (transport/retry.ts): what is retried, after how long, and what never is.
 */
import {
	backoffMs,
	decideRetry,
	DEFAULT_RETRY_POLICY,
	parseRetryAfter,
} from '../../nodes/BusinessCentral/transport/retry';

const policy = DEFAULT_RETRY_POLICY;

describe('decideRetry', () => {
	it('retries reads on 429, 503 and 504', () => {
		for (const status of [429, 503, 504]) expect(decideRetry({ method: 'GET', status }, 1, policy).retry).toBe(true);
	});

	it('retries writes only where BC did not process them', () => {
		expect(decideRetry({ method: 'POST', status: 429 }, 1, policy).retry).toBe(true);
		expect(decideRetry({ method: 'PATCH', status: 503, retryAfter: '2' }, 1, policy)).toEqual({
			retry: true,
			waitMs: 2000,
		});
		expect(decideRetry({ method: 'PATCH', status: 503 }, 1, policy).retry).toBe(false);
		expect(decideRetry({ method: 'DELETE', status: 504 }, 1, policy).retry).toBe(false);
		expect(decideRetry({ method: 'POST', networkCode: 'ECONNRESET' }, 1, policy).retry).toBe(false);
		expect(decideRetry({ method: 'GET', networkCode: 'ECONNRESET' }, 1, policy).retry).toBe(true);
		expect(decideRetry({ method: 'GET', networkCode: 'ETIMEDOUT' }, 1, policy).retry).toBe(false);
	});

	it('never retries other statuses', () => {
		for (const status of [400, 401, 404, 409, 500])
			expect(decideRetry({ method: 'GET', status }, 1, policy)).toEqual({ retry: false });
	});

	it('stops after Max Attempts and when Retry-After exceeds Max Wait', () => {
		expect(decideRetry({ method: 'GET', status: 429 }, policy.maxAttempts, policy)).toEqual({
			retry: false,
			reason: `gave up after ${policy.maxAttempts} attempts`,
		});
		const long = decideRetry({ method: 'GET', status: 429, retryAfter: '3600' }, 1, policy);
		expect(long.retry).toBe(false);
	});
});

describe('waits', () => {
	it('parses Retry-After as seconds or HTTP date', () => {
		expect(parseRetryAfter('7')).toBe(7000);
		expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with jitter, capped at Max Wait', () => {
		expect(backoffMs(1, policy, () => 0)).toBe(500);
		expect(backoffMs(1, policy, () => 1)).toBe(1000);
		expect(backoffMs(3, policy, () => 1)).toBe(4000);
		expect(backoffMs(20, policy, () => 1)).toBe(policy.maxWaitMs);
	});
});
