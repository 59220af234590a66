/**
 * Per-principal operational limits of BC online (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online):
 * at most `maxConcurrentRequests` (5) processed at once, `maxQueueSize` (95) waiting behind them — beyond that 429
 * immediately —, queued requests give up after `queueTimeoutSeconds` (8 min) with 503, and at most
 * `requestsPerWindow` (6,000) admitted per sliding `windowSeconds` (300) window — beyond that 429.
 * `Retry-After` is sent on every rejection (BC documents it for 502/503 at
https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes; on 429 it is the sandbox's own choice, UNVERIFIED).
 */
import type { LimitSettings } from '../config';

/** Outcome of {@link PrincipalLimiter.acquire}. */
export type Admission =
	| { admitted: true; /** Frees the slot; call exactly once when the response is done. */ release(): void }
	| {
			admitted: false;
			status: 429 | 503;
			retryAfterSeconds: number;
			reason: 'queue-full' | 'window' | 'queue-timeout';
	  };

interface Waiter {
	resolve(admission: Admission): void;
	timer: NodeJS.Timeout;
}

interface PrincipalState {
	active: number;
	peak: number;
	/** Highest number of this principal's requests in BC at once: processing plus waiting in the queue. */
	peakInFlight: number;
	queue: Waiter[];
	/** Admission times (ms since epoch), oldest first. */
	window: number[];
}

/** Tracks concurrency, queue and sliding-window rate per principal id. */
export class PrincipalLimiter {
	private readonly principals = new Map<string, PrincipalState>();

	/** @param settings read on every call, so runtime changes apply at once */
	constructor(private readonly settings: () => LimitSettings) {}

	private state(principalId: string): PrincipalState {
		let state = this.principals.get(principalId);
		if (!state) {
			state = { active: 0, peak: 0, peakInFlight: 0, queue: [], window: [] };
			this.principals.set(principalId, state);
		}
		return state;
	}

	/**
	 * Admits the request now, queues it until a slot frees, or rejects it.
	 * @param weight how many requests it counts as against the rate window (a `$batch` with `batchCountsAs:
	 *   'operations'`: its operation count); it always takes one concurrency slot
	 */
	acquire(principalId: string, weight = 1): Promise<Admission> {
		const limits = this.settings();
		const state = this.state(principalId);
		const now = Date.now();
		const windowMs = limits.windowSeconds * 1000;
		while (state.window.length && state.window[0] <= now - windowMs) state.window.shift();
		if (state.active >= limits.maxConcurrentRequests && state.queue.length >= limits.maxQueueSize) {
			return Promise.resolve({
				admitted: false,
				status: 429,
				retryAfterSeconds: limits.queueFullRetryAfterSeconds,
				reason: 'queue-full',
			});
		}
		const counted = Math.max(1, Math.floor(weight));
		if (state.window.length + counted > limits.requestsPerWindow) {
			const oldest =
				state.window[
					Math.min(state.window.length - 1, Math.max(0, state.window.length + counted - 1 - limits.requestsPerWindow))
				] ?? now;
			const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
			return Promise.resolve({ admitted: false, status: 429, retryAfterSeconds, reason: 'window' });
		}
		for (let i = 0; i < counted; i++) state.window.push(now);
		if (state.active < limits.maxConcurrentRequests) return Promise.resolve(this.admit(state));
		return new Promise<Admission>((resolve) => {
			const waiter: Waiter = {
				resolve,
				timer: setTimeout(() => {
					const index = state.queue.indexOf(waiter);
					if (index >= 0) state.queue.splice(index, 1);
					resolve({
						admitted: false,
						status: 503,
						retryAfterSeconds: limits.queueFullRetryAfterSeconds,
						reason: 'queue-timeout',
					});
				}, limits.queueTimeoutSeconds * 1000),
			};
			state.queue.push(waiter);
			state.peakInFlight = Math.max(state.peakInFlight, state.active + state.queue.length);
		});
	}

	private admit(state: PrincipalState): Admission {
		state.active++;
		state.peak = Math.max(state.peak, state.active);
		state.peakInFlight = Math.max(state.peakInFlight, state.active + state.queue.length);
		let released = false;
		return {
			admitted: true,
			release: () => {
				if (released) return;
				released = true;
				state.active--;
				this.drain(state);
			},
		};
	}

	private drain(state: PrincipalState): void {
		const limits = this.settings();
		while (state.queue.length && state.active < limits.maxConcurrentRequests) {
			const waiter = state.queue.shift() as Waiter;
			clearTimeout(waiter.timer);
			waiter.resolve(this.admit(state));
		}
	}

	/** Re-checks every queue after a settings change (a higher concurrency limit admits waiting requests). */
	settingsChanged(): void {
		for (const state of this.principals.values()) this.drain(state);
	}

	/** Highest number of requests processed at once, per principal id, since the last reset. */
	peakConcurrency(): Record<string, number> {
		const result: Record<string, number> = {};
		for (const [id, state] of this.principals) if (state.peak > 0) result[id] = state.peak;
		return result;
	}

	/**
	 * Highest number of requests in BC at once (processed plus queued), per principal id, since the last reset: what a
	 * client's concurrency amounts to at BC, e.g. several n8n workers sharing one app registration.
	 */
	peakInFlight(): Record<string, number> {
		const result: Record<string, number> = {};
		for (const [id, state] of this.principals) if (state.peakInFlight > 0) result[id] = state.peakInFlight;
		return result;
	}

	/** Forgets peaks and window history; requests in flight keep their slots. */
	reset(): void {
		for (const state of this.principals.values()) {
			state.peak = state.active;
			state.peakInFlight = state.active + state.queue.length;
			state.window = [];
		}
	}
}
