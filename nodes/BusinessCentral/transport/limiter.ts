/**
 * Bounds the requests in flight per credential and environment within one n8n process.
 *
 * Why: n8n's declarative engine starts the request of every input item at once (RoutingNode runs the items'
 * requests concurrently), and BC online processes 5 requests per user concurrently, queueing at most 95 more before
 * answering 429 (`MAX_CONCURRENT_REQUESTS` in core/constants). The node keeps {@link DEFAULT_REQUESTS_IN_FLIGHT} in
 * flight by default (a small queue at BC, so its 5 slots stay busy). All executions of a process share these limiters.
 */
import { DEFAULT_REQUESTS_IN_FLIGHT } from '../../../core/constants';

/**
 * A counting semaphore with FIFO waiters whose capacity each caller may set lower or higher: a request waits until
 * fewer than its own limit are in flight (so two workflows sharing a credential with different *Requests in Flight*
 * settings each keep theirs, and the strictest waiter at the head of the queue is not overtaken).
 */
export class Semaphore {
	private active = 0;

	private readonly waiters: Array<{ limit: number; resolve: () => void }> = [];

	/** @param capacity the limit of callers that do not give their own (requests) */
	constructor(private readonly capacity: number) {}

	/**
	 * Resolves when a slot is free; the caller must call {@link release} exactly once afterwards.
	 * @param limit requests this caller allows in flight at once (including itself); default: the capacity
	 */
	async acquire(limit: number = this.capacity): Promise<void> {
		if (this.waiters.length === 0 && this.active < limit) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waiters.push({ limit, resolve }));
	}

	/** Frees a slot and hands slots to the waiters at the head of the queue whose limit allows one now. */
	release(): void {
		this.active--;
		while (this.waiters.length > 0 && this.active < this.waiters[0].limit) {
			this.active++;
			this.waiters.shift()!.resolve();
		}
	}

	/** Requests holding a slot right now. */
	get inFlight(): number {
		return this.active;
	}
}

const limiters = new Map<string, Semaphore>();

/**
 * The limiter of one credential and environment.
 * @param key credential id plus environment URL (never a secret)
 */
export function limiterFor(key: string): Semaphore {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new Semaphore(DEFAULT_REQUESTS_IN_FLIGHT);
		limiters.set(key, limiter);
	}
	return limiter;
}

/**
 * Runs `task` while holding a slot of `limiter`.
 * @param limit requests in flight this caller allows (the node's *Requests in Flight*); default the limiter's 8
 *   ({@link DEFAULT_REQUESTS_IN_FLIGHT})
 */
export async function withSlot<T>(limiter: Semaphore, task: () => Promise<T>, limit?: number): Promise<T> {
	await limiter.acquire(limit);
	try {
		return await task();
	} finally {
		limiter.release();
	}
}
