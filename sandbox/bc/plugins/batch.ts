/**
 * The `batch` plugin: BC's JSON `$batch` on every API route (`POST <api root>/$batch`).
 *
 * Sources: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-batch
 * (format `{"requests":[{method,id,url,headers,body}]}` → `{"responses":[{id,status,headers,body}]}` in request order,
 * `id` echoed or `null`; `Isolation: snapshot` = one transaction, reverted when an inner request fails) and
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online
 * (100 operations at most). Behaviour documented only by third parties, implemented as documented there:
 * without `Prefer: odata.continue-on-error` BC stops at the first failing operation and answers the operations up to it
 * (earlier ones stay committed); with it, every operation runs. UNVERIFIED and the sandbox's own choices: the status of
 * the too-many-operations error (400; its code `Unknown` and text are BC's as published), `Preference-Applied` echoing
 * `odata.continue-on-error`, and `Isolation: snapshot` with `continue-on-error` (all run, then all reverted if one failed).
 *
 * Each operation goes through `ctx.dispatch`: the same path parsing, validation, behaviours, change events and stats
 * as an outer request. The outer `$batch` takes one slot of the principal's concurrency and rate limits.
 * Rollback (snapshot) restores the rows the batch created, changed or deleted, as far as the addressed rows go: rows a
 * behaviour changed on the side (document totals) are restored only when they were addressed too, and a restored row
 * gets a new ETag (the sandbox's limitation; BC keeps the old one).
 */
import type { BcApiResponse } from '../../contracts';
import { BcRequestError } from '../request-error';
import { jsonResponse, type RequestContext } from '../routes/context';
import type { Row } from '../store/table';
import type { BcPlugin, InnerRequest, RecordChange } from './types';

/** Most operations in one `$batch` (BC online's limit). */
export const MAX_BATCH_OPERATIONS = 100;

/** Counters of the `batch` plugin. */
export interface BatchStats {
	/** `$batch` requests answered 200. */
	batchRequests: number;
	/** Operations run inside them. */
	operations: number;
	/** Snapshot batches reverted. */
	rolledBack: number;
}

/** The plugin plus its counters. */
export interface BatchPlugin extends BcPlugin {
	stats(): BatchStats;
	resetStats(): void;
}

interface BatchOperation {
	method: string;
	id?: unknown;
	url: string;
	headers?: Record<string, string | undefined>;
	body?: unknown;
}

function badRequest(message: string): BcRequestError {
	return new BcRequestError(400, 'BadRequest', message);
}

/** The operations of a batch body, checked. */
function operationsOf(body: unknown): BatchOperation[] {
	const requests = (body as { requests?: unknown } | undefined)?.requests;
	if (!Array.isArray(requests))
		throw badRequest('The batch request body must be a JSON object with a "requests" array.');
	if (requests.length > MAX_BATCH_OPERATIONS) {
		throw new BcRequestError(
			400,
			'Unknown',
			`The current batch message contains too many parts. A maximum number of '${MAX_BATCH_OPERATIONS}' query operations and change sets are allowed in a batch message.`,
		);
	}
	return requests.map((r: unknown, i) => {
		const op = r as Partial<BatchOperation>;
		if (!op || typeof op.method !== 'string' || typeof op.url !== 'string') {
			throw badRequest(`Batch request ${i + 1} must have a "method" and a "url".`);
		}
		return op as BatchOperation;
	});
}

function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers ?? {}))
		out[name.toLowerCase()] = value === undefined ? undefined : String(value);
	return out;
}

/** Before-images of the rows a snapshot batch touched, to restore them on rollback. */
class Journal {
	private readonly changes: RecordChange[] = [];

	private readonly before = new Map<string, Row | undefined>();

	record(change: RecordChange): void {
		this.changes.push(change);
	}

	/** Remembers the addressed row of a PATCH/DELETE before it runs. */
	capture(ctx: RequestContext, op: BatchOperation): void {
		const m = /^companies\(([^)]+)\)\/(?:.*\/)?([A-Za-z]+)\(([^)]+)\)$/.exec(op.url.split('?')[0]);
		if (!m) return;
		const [, companyId, entitySet, rawKey] = m;
		const key = decodeURIComponent(rawKey).replace(/^'|'$/g, '');
		const tableKey = `${companyId.toLowerCase()}|${entitySet}|${key.toLowerCase()}`;
		if (this.before.has(tableKey)) return;
		try {
			const company = ctx.state.store.company(ctx.request.environment, companyId);
			this.before.set(tableKey, company.tableOf(entitySet, ctx.request.apiRoute).get(key));
		} catch {
			// Unknown company or entity set: the operation fails by itself, nothing to restore.
		}
	}

	/** Undoes the journaled changes, newest first. */
	rollback(ctx: RequestContext): void {
		for (const change of [...this.changes].reverse()) {
			const company = ctx.state.store.company(change.environment, change.companyId);
			const table = company.tableOf(change.entitySet, change.apiRoute);
			const tableKey = `${change.companyId.toLowerCase()}|${change.entitySet}|${change.id.toLowerCase()}`;
			if (change.type === 'created') table.delete(change.id);
			else if (change.type === 'deleted') {
				if (!table.has(change.id)) table.insert(change.row);
			} else {
				const old = this.before.get(tableKey);
				if (old) table.replace(change.id, old);
			}
		}
	}
}

/** One operation's entry in the batch response. */
function responseEntry(op: BatchOperation, answer: BcApiResponse): Record<string, unknown> {
	const headers = { ...(answer.headers ?? {}) };
	const entry: Record<string, unknown> = { id: op.id === undefined ? null : op.id, status: answer.status, headers };
	if (answer.body !== undefined) entry.body = answer.body;
	return entry;
}

/**
 * The `batch` plugin (loaded by `startSandbox` by default).
 * @returns the plugin with `stats()` (batch requests, operations, rollbacks) and `resetStats()`
 */
export function batchPlugin(): BatchPlugin {
	const stats: BatchStats = { batchRequests: 0, operations: 0, rolledBack: 0 };
	const journals = new Set<Journal>();

	async function serve(ctx: RequestContext): Promise<BcApiResponse> {
		const ops = operationsOf(ctx.request.body);
		const prefer = (ctx.request.headers['prefer'] ?? '').toLowerCase();
		const continueOnError = prefer.includes('odata.continue-on-error');
		const snapshot = (ctx.request.headers['isolation'] ?? '').trim().toLowerCase() === 'snapshot';
		const journal = snapshot ? new Journal() : undefined;
		if (journal) journals.add(journal);
		const responses: Record<string, unknown>[] = [];
		let failed = false;
		try {
			for (const op of ops) {
				if (journal && /^(PATCH|PUT|DELETE)$/i.test(op.method)) journal.capture(ctx, op);
				const inner: InnerRequest = {
					method: op.method,
					url: op.url.replace(/^\//, ''),
					headers: lowerCaseHeaders(op.headers),
					body: op.body,
				};
				const answer = await ctx.dispatch(inner);
				stats.operations++;
				responses.push(responseEntry(op, answer));
				if (answer.status >= 400) {
					failed = true;
					if (!continueOnError) break;
				}
			}
			if (journal && failed) {
				journal.rollback(ctx);
				stats.rolledBack++;
			}
		} finally {
			if (journal) journals.delete(journal);
		}
		stats.batchRequests++;
		return jsonResponse(200, { responses }, continueOnError ? { 'preference-applied': 'odata.continue-on-error' } : {});
	}

	return {
		name: 'batch',
		routes: [
			{
				name: '$batch',
				match: (ctx) => ctx.segments.length === 1 && ctx.segments[0].name === '$batch' && !ctx.segments[0].key,
				handle: (ctx) => {
					if (ctx.request.method !== 'POST') throw BcErrorsMethod(ctx.request.method);
					return serve(ctx);
				},
			},
		],
		onChange(change) {
			for (const journal of journals) journal.record(change);
		},
		stats: () => ({ ...stats }),
		resetStats() {
			stats.batchRequests = 0;
			stats.operations = 0;
			stats.rolledBack = 0;
		},
	};
}

function BcErrorsMethod(method: string): BcRequestError {
	return new BcRequestError(
		405,
		'BadRequest_MethodNotAllowed',
		`The HTTP method '${method}' is not allowed for $batch.`,
	);
}
