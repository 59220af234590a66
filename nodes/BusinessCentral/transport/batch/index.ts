/**
 * Transparent `$batch` coalescing of writes.
 *
 * n8n's declarative engine (n8n-core `RoutingNode.runNode`) starts every input item's request at once and waits for
 * all of them, so the items' writes reach the transport within a few milliseconds of each other. {@link bcRequest}
 * gathers the writes of one node run (per execution, node, credential and environment, API root and batch settings)
 * for a short window ({@link GATHER_WINDOW_MS} after the last arrival, at most {@link MAX_GATHER_MS}) or until a full
 * batch is ready, and sends them as JSON `$batch` requests (see `./run.ts`); each item's promise settles with its own
 * operation's answer or error. A group of one write is sent as a plain request. Writes BC did not run are resent in a
 * later batch up to the retry policy's attempts, then fail with outcome `not-applied`.
 */
import type { IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { withOutcome } from '../errors';
import { bcRequest as sendDirect, type BcContext, type BcRequest, type SendOptions } from '../request';
import { relativeUrlOf, runBatch, splitApiUrl, type PendingWrite } from './run';

/** Quiet time after the last write that closes a batch early, in ms. */
export const GATHER_WINDOW_MS = 10;
/** Longest a write waits for companions, in ms. */
export const MAX_GATHER_MS = 250;

interface Group {
	writes: PendingWrite[];
	/** Writes added so far (the closer compares it across one window). */
	arrivals: number;
	firstAt: number;
}

const groups = new Map<string, Group>();

function groupKey(ctx: BcContext, send: SendOptions, root: string): string {
	const execution = typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : '';
	const node = ctx.getNode();
	const batch = send.batch!;
	return [
		execution,
		node.id ?? node.name,
		send.limiterKey,
		send.credentialType,
		root,
		batch.mode,
		batch.maxOperations,
	].join('|');
}

/** The error of a write that BC never ran although it was sent in several batches. */
function notRun(write: PendingWrite): Error {
	const message = `Business Central did not run this operation in ${write.rounds} $batch requests`;
	const error = new NodeApiError(write.ctx.getNode(), { message } as JsonObject, {
		message,
		description: 'Nothing was saved for this item. Run it again.',
		itemIndex: write.send.itemIndex,
	});
	error.message = message;
	return withOutcome(error, 'not-applied');
}

/** Flushes the group once a window passes without a new write, or when it has waited long enough. */
async function closeWhenQuiet(key: string, group: Group): Promise<void> {
	for (;;) {
		const seen = group.arrivals;
		await sleep(GATHER_WINDOW_MS);
		if (groups.get(key) !== group) return;
		if (group.arrivals === seen || Date.now() - group.firstAt >= MAX_GATHER_MS) return flush(key);
	}
}

function enqueue(key: string, write: PendingWrite): void {
	let group = groups.get(key);
	if (!group) {
		group = { writes: [], arrivals: 0, firstAt: Date.now() };
		groups.set(key, group);
		void closeWhenQuiet(key, group);
	}
	group.writes.push(write);
	group.arrivals++;
	if (group.writes.length >= write.send.batch!.maxOperations) flush(key);
}

/** Sends what the group holds now (full batches first), leaving nothing behind. */
function flush(key: string): void {
	const group = groups.get(key);
	if (!group) return;
	groups.delete(key);
	const max = group.writes[0]?.send.batch?.maxOperations ?? 100;
	for (let start = 0; start < group.writes.length; start += max) {
		void sendGroup(key, group.writes.slice(start, start + max));
	}
}

async function sendGroup(key: string, writes: PendingWrite[]): Promise<void> {
	if (writes.length === 1) {
		const [write] = writes;
		try {
			write.resolve(await sendDirect(write.ctx, write.request, write.send));
		} catch (error) {
			write.reject(error as Error);
		}
		return;
	}
	const transactional = writes[0].send.batch!.mode === 'transactional';
	const results = await runBatch(writes, transactional);
	results.forEach((result, i) => {
		const write = writes[i];
		if (result.kind === 'done') write.resolve(result.response);
		else if (result.kind === 'failed') write.reject(result.error);
		else {
			write.rounds++;
			if (write.rounds >= write.send.policy.maxAttempts) write.reject(notRun(write));
			else enqueue(key, write);
		}
	});
}

/**
 * Sends one request to Business Central: a write with `options.batch` joins the other items' writes in `$batch`
 * requests (see the module note); anything else is one request, as in `./request.ts`.
 * @returns the write's own answer (status 2xx, headers, body with the record and its `@odata.etag`)
 * @throws NodeApiError with the operation's own BC code, message, CorrelationId and `outcome` (`not-applied`,
 *   `unknown` when BC may have run the batch, e.g. after a timeout or a lost answer)
 */
export async function bcRequest(
	ctx: BcContext,
	request: BcRequest,
	options: SendOptions,
): Promise<IN8nHttpFullResponse> {
	const split = options.batch && request.method !== 'GET' ? splitApiUrl(request.url) : undefined;
	if (!split || !options.batch || options.batch.maxOperations < 2) return await sendDirect(ctx, request, options);
	const key = groupKey(ctx, options, split.root);
	return await new Promise<IN8nHttpFullResponse>((resolve, reject) =>
		enqueue(key, {
			ctx,
			request,
			send: options,
			root: split.root,
			relativeUrl: relativeUrlOf(split.relative, request.qs),
			rounds: 0,
			resolve,
			reject,
		}),
	);
}
