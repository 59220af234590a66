/**
 * Gathering of per-item calls that n8n's declarative engine starts at once (each input item runs its own request
 * hook), so that one shared call serves them all: e.g. one filtered read of the matches of many items (Create or
 * Update). Calls with the same key that arrive within {@link GATHER_WINDOW_MS} of each other (at most
 * {@link MAX_GATHER_MS} in all, at most `maxPerGroup` per group) are served by one `run` over their inputs.
 */
import { sleep } from 'n8n-workflow';

/** Quiet time after the last call that closes a group, in ms. */
export const GATHER_WINDOW_MS = 10;
/** Longest a call waits for companions, in ms. */
export const MAX_GATHER_MS = 250;

interface Waiting<T, R> {
	input: T;
	resolve(result: R): void;
	reject(error: unknown): void;
}

interface Group<T, R> {
	waiting: Array<Waiting<T, R>>;
	arrivals: number;
	firstAt: number;
	run: (inputs: T[]) => Promise<R[]>;
}

const groups = new Map<string, Group<unknown, unknown>>();

async function runGroup<T, R>(group: Group<T, R>): Promise<void> {
	try {
		const results = await group.run(group.waiting.map((w) => w.input));
		group.waiting.forEach((w, i) => w.resolve(results[i]));
	} catch (error) {
		for (const w of group.waiting) w.reject(error);
	}
}

function close(key: string): void {
	const group = groups.get(key);
	if (!group) return;
	groups.delete(key);
	void runGroup(group);
}

async function closeWhenQuiet(key: string, group: Group<unknown, unknown>): Promise<void> {
	for (;;) {
		const seen = group.arrivals;
		await sleep(GATHER_WINDOW_MS);
		if (groups.get(key) !== group) return;
		if (group.arrivals === seen || Date.now() - group.firstAt >= MAX_GATHER_MS) return close(key);
	}
}

/**
 * Joins a group of calls under `key` and resolves with this input's result from the group's `run`.
 * @param run called once per group with every input, in arrival order; returns one result per input (same order).
 *   Its rejection rejects every call of the group. The first call's `run` serves the group.
 * @param maxPerGroup a group reaching this size runs at once
 */
export async function gathered<T, R>(
	key: string,
	input: T,
	run: (inputs: T[]) => Promise<R[]>,
	maxPerGroup: number,
): Promise<R> {
	return await new Promise<R>((resolve, reject) => {
		let group = groups.get(key) as Group<T, R> | undefined;
		if (!group) {
			group = { waiting: [], arrivals: 0, firstAt: Date.now(), run };
			groups.set(key, group as Group<unknown, unknown>);
			void closeWhenQuiet(key, group as Group<unknown, unknown>);
		}
		group.waiting.push({ input, resolve, reject });
		group.arrivals++;
		if (group.waiting.length >= maxPerGroup) close(key);
	});
}
