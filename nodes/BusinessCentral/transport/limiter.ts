/**
 * Bounds the requests in flight per credential and environment within one n8n process.
 *
 * Why: n8n's declarative engine starts the request of every input item at once (RoutingNode runs the items'
 * requests concurrently), and BC online processes 5 requests per user concurrently, queueing at most 95 more before
 * answering 429 ({@link MAX_CONCURRENT_REQUESTS}). All executions of a process share these limiters.
 */
import { MAX_CONCURRENT_REQUESTS } from '../../../core/constants';

/** A counting semaphore with FIFO waiters. */
export class Semaphore {
	private active = 0;

	private readonly waiters: Array<() => void> = [];

	constructor(private readonly capacity: number) {}

	/** Resolves when a slot is free; the caller must call {@link release} exactly once afterwards. */
	async acquire(): Promise<void> {
		if (this.active < this.capacity) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/** Frees a slot, handing it straight to the longest waiter if there is one. */
	release(): void {
		const next = this.waiters.shift();
		if (next) next();
		else this.active--;
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
		limiter = new Semaphore(MAX_CONCURRENT_REQUESTS);
		limiters.set(key, limiter);
	}
	return limiter;
}

/** Runs `task` while holding a slot of `limiter`. */
export async function withSlot<T>(limiter: Semaphore, task: () => Promise<T>): Promise<T> {
	await limiter.acquire();
	try {
		return await task();
	} finally {
		limiter.release();
	}
}
