/**
 * Polling and reconciliation: what changed since the watermark, without losing or repeating a change.
 *
 * - Records are read with `lastModifiedDateTime ge <watermark>` ordered by it, every page. `ge` (not `gt`) re-reads
 *   the boundary instant, so a record written in the same millisecond as the last one emitted, after the last run,
 *   is not lost; the ids already emitted at that instant (`seenAtWatermark`) are skipped, so none is repeated.
 * - The watermark is the newest `lastModifiedDateTime` emitted, from BC's clock; BC's empty datetime
 *   (`0001-01-01T00:00:00Z`) is never taken as one.
 * - With an ID-only scan (`$select=id`), ids missing since the previous scan are emitted as `deleted`, and ids not in
 *   it as `created` (in Polling mode BC gives no change type).
 * - Webhook deliveries (Hybrid) are skipped when the same version (`id` + `lastModifiedDateTime`) was delivered.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { changeItem } from './items';
import type { ChangeEvent } from './properties';
import { changedMs, readAllIds, readChangedSince, readLatest } from './records';
import type { TriggerState } from './state';
import type { TriggerContext, TriggerTarget } from './target';

/** Most ids of emitted deletions kept for de-duplication. */
export const MAX_DELETED_KEPT = 1_000;

/** Times at or before this are BC's empty datetime (0001-01-01) or nonsense, never a watermark. */
const EARLIEST_VALID_MS = Date.parse('1900-01-01T00:00:00Z');

/** Whether `ms` can be a watermark. */
export function isValidWatermark(ms: number): boolean {
	return Number.isFinite(ms) && ms > EARLIEST_VALID_MS;
}

/**
 * Sets the first watermark: Start Date, or "now" by BC's clock (the newest `lastModifiedDateTime` in the entity set,
 * or this machine's time for an empty set), and the first ID scan.
 * @returns whether the first run should read changes (Start From: Date)
 */
export async function initialise(ctx: TriggerContext, t: TriggerTarget, state: TriggerState): Promise<boolean> {
	if (t.scanIds && !state.ids) state.ids = await readAllIds(ctx, t);
	if (t.startFrom === 'date' && t.startDate) {
		state.watermark = t.startDate;
		state.seenAtWatermark = [];
		return true;
	}
	const latest = await readLatest(ctx, t);
	const ms = latest ? changedMs(latest) : NaN;
	if (isValidWatermark(ms)) {
		state.watermark = new Date(ms).toISOString();
		// "Now" is the newest change's instant: every record changed at that instant counts as seen.
		const atInstant = await readChangedSince(ctx, t, ms, { idsOnly: true });
		state.seenAtWatermark = atInstant.map((r) => String(r.id).toLowerCase());
	} else {
		state.watermark = new Date().toISOString();
		state.seenAtWatermark = [];
	}
	return false;
}

/** How a run treats webhook deliveries. */
export interface ScanOptions {
	/** Skip versions the webhook delivered (Hybrid and the webhook mode's catch-up). */
	skipDelivered: boolean;
	/** Read from here instead of the watermark (webhook mode catch-up), ms. */
	fromMs?: number;
}

/**
 * One polling / reconciliation run: reads the changes since the watermark (and the ID scan), advances the state and
 * returns the items for the chosen events.
 */
export async function collectChanges(
	ctx: TriggerContext,
	t: TriggerTarget,
	state: TriggerState,
	options: ScanOptions,
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	const previousIds = state.ids ? new Set(state.ids) : undefined;
	// Scan first: a record created after the scan is then emitted as created, and listed next time.
	const scanned = t.scanIds ? await readAllIds(ctx, t) : undefined;
	const watermarkMs = options.fromMs ?? Date.parse(String(state.watermark));
	const atWatermark = watermarkMs === Date.parse(String(state.watermark));
	const seen = new Set(atWatermark ? (state.seenAtWatermark ?? []) : []);
	const delivered = state.delivered ?? {};
	const rows = await readChangedSince(ctx, t, watermarkMs, { idsOnly: !t.readBack });
	let newestMs = Date.parse(String(state.watermark));
	let newestIds = new Set(state.seenAtWatermark ?? []);
	const emitted = new Set<string>();
	for (const row of rows) {
		const id = String(row.id ?? '').toLowerCase();
		const ms = changedMs(row);
		if (!id || !isValidWatermark(ms)) continue;
		if (ms === watermarkMs && seen.has(id)) continue;
		if (ms > newestMs) {
			newestMs = ms;
			newestIds = new Set();
		}
		if (ms === newestMs) newestIds.add(id);
		if (options.skipDelivered && delivered[id] !== undefined && Date.parse(delivered[id]) === ms) continue;
		if (emitted.has(id)) continue;
		emitted.add(id);
		const type: ChangeEvent = previousIds && !previousIds.has(id) ? 'created' : 'updated';
		if (t.events.has(type))
			items.push(changeItem(t, type, id, String(row.lastModifiedDateTime), 'poll', row as IDataObject));
	}
	if (scanned) {
		const now = new Set(scanned);
		for (const id of emitted) now.add(id);
		const deletedEmitted = new Set(state.deletedByWebhook ?? []);
		if (previousIds && t.events.has('deleted')) {
			for (const id of previousIds) {
				if (now.has(id) || deletedEmitted.has(id)) continue;
				items.push(changeItem(t, 'deleted', id, undefined, 'poll'));
				deletedEmitted.add(id);
			}
		}
		state.ids = [...now];
		// Kept (bounded) so a late `deleted` notification of the same record is not emitted again.
		state.deletedByWebhook = [...deletedEmitted].filter((id) => !now.has(id)).slice(-MAX_DELETED_KEPT);
	}
	if (isValidWatermark(newestMs)) {
		state.watermark = new Date(newestMs).toISOString();
		state.seenAtWatermark = [...newestIds];
	}
	// Deliveries at or before the watermark can never be read again by `ge <watermark>` except at the instant itself.
	const keepFrom = Date.parse(String(state.watermark));
	state.delivered = Object.fromEntries(Object.entries(delivered).filter(([, at]) => Date.parse(at) >= keepFrom));
	return items;
}
