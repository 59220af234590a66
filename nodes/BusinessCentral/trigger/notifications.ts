/**
 * Business Central's change notifications: the handshake, the checks, and turning notification entries into items.
 * Shape (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-subscriptions):
 * `POST <notificationUrl>` with `{"value":[{subscriptionId, clientState, expirationDateTime, resource, changeType,
 * lastModifiedDateTime}]}`; `changeType` is `created`, `updated`, `deleted` or `collection` (more than 1,000 changes
 * in BC's 30 s window: `resource` then carries `?$filter=lastModifiedDateTime gt <time>`). BC deletes a subscription
 * whose endpoint answers any 4xx, so every notification is answered 2xx, even one this trigger drops.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { changeItem } from './items';
import type { ChangeEvent } from './properties';
import { changedMs, readByIds, readChangedSince } from './records';
import type { TriggerState } from './state';
import type { TriggerContext, TriggerTarget } from './target';

/** One notification entry as BC sends it. */
export interface NotificationEntry {
	subscriptionId?: string;
	clientState?: string;
	expirationDateTime?: string;
	resource?: string;
	changeType?: string;
	lastModifiedDateTime?: string;
}

/** The entries of a notification body (`{"value":[…]}`); anything else has none. */
export function entriesOf(body: unknown): NotificationEntry[] {
	const value = (body as { value?: unknown } | undefined)?.value;
	return Array.isArray(value) ? value.filter((e): e is NotificationEntry => !!e && typeof e === 'object') : [];
}

/** The key at the end of a single-entity resource, `…/customers(<key>)`, unquoted and decoded; undefined if none. */
export function keyOfResource(resource: string): string | undefined {
	const m = /\(([^()]*)\)\/?$/.exec(resource.split('?')[0]);
	if (!m) return undefined;
	let key = m[1];
	try {
		key = decodeURIComponent(key);
	} catch {
		// keep as received
	}
	return key.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
}

/** The time in a `collection` resource's `lastModifiedDateTime gt <time>` filter, in ms; undefined when absent. */
export function collectionSinceMs(resource: string): number | undefined {
	let text = resource;
	try {
		text = decodeURIComponent(resource);
	} catch {
		// keep as received
	}
	const m = /lastModifiedDateTime\s+gt\s+([0-9T:.\-+Z]+)/i.exec(text);
	const ms = m ? Date.parse(m[1]) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Splits entries into this activation's (the right clientState: the 256-bit secret the trigger gave BC, kept when the
 * scheduled check re-creates the subscription) and the rest (dropped). The subscription id is not compared: the copy
 * of the static data a webhook request reads may predate a re-creation the poller has not saved yet (n8n saves a
 * poller's static data only when the poll emits items), and the clientState alone tells this activation's
 * subscriptions from any other.
 */
export function acceptedEntries(
	entries: NotificationEntry[],
	state: TriggerState,
): { accepted: NotificationEntry[]; dropped: number } {
	const clientState = state.clientState;
	const accepted = entries.filter((e) => !!clientState && e.clientState === clientState);
	return { accepted, dropped: entries.length - accepted.length };
}

/** How to skip versions emitted before (Hybrid: the poll's watermark; always: the webhook's own deliveries). */
export interface Dedup {
	watermarkMs?: number;
	seenAtWatermark: Set<string>;
	delivered: Record<string, string>;
	/** Ids already emitted as deleted (a read-back that missed, then BC's own `deleted` notification). */
	deleted: Set<string>;
}

function isDuplicate(dedup: Dedup, id: string, ms: number): boolean {
	if (dedup.delivered[id] !== undefined && Date.parse(dedup.delivered[id]) === ms) return true;
	if (dedup.watermarkMs === undefined) return false;
	return ms < dedup.watermarkMs || (ms === dedup.watermarkMs && dedup.seenAtWatermark.has(id));
}

/**
 * Turns accepted entries into items: single-entity changes are read back in chunks (a record BC no longer has is
 * deleted), `collection` entries by a filtered, paged read. Each record version appears once, and is added to
 * `dedup.delivered`. Deleted records are returned in `deleted`.
 */
export async function itemsOfEntries(
	ctx: TriggerContext,
	t: TriggerTarget,
	entries: NotificationEntry[],
	dedup: Dedup,
	knownIds?: Set<string>,
): Promise<{ items: INodeExecutionData[]; deleted: string[] }> {
	const items: INodeExecutionData[] = [];
	const deleted: string[] = [];
	const firstType = new Map<string, ChangeEvent>();
	const lastType = new Map<string, string>();
	const stamps = new Map<string, string | undefined>();
	let collectionFrom: number | undefined;
	let collectionAll = false;
	for (const e of entries) {
		if (e.changeType === 'collection') {
			const since = collectionSinceMs(String(e.resource ?? ''));
			if (since === undefined) collectionAll = true;
			else collectionFrom = Math.min(collectionFrom ?? Infinity, since);
			continue;
		}
		const id = keyOfResource(String(e.resource ?? ''))?.toLowerCase();
		if (!id || !['created', 'updated', 'deleted'].includes(String(e.changeType))) continue;
		if (!firstType.has(id)) firstType.set(id, e.changeType === 'created' ? 'created' : 'updated');
		lastType.set(id, String(e.changeType));
		stamps.set(id, e.lastModifiedDateTime);
	}
	const emit = (type: ChangeEvent, id: string, stamp: string | undefined, record?: IDataObject) => {
		if (type === 'deleted') {
			if (dedup.deleted.has(id)) return;
			dedup.deleted.add(id);
			deleted.push(id);
		} else {
			dedup.delivered[id] = String(stamp);
			dedup.deleted.delete(id);
		}
		if (t.events.has(type)) items.push(changeItem(t, type, id, stamp, 'webhook', record));
	};
	const toRead = [...lastType.entries()].filter(([, type]) => type !== 'deleted').map(([id]) => id);
	for (const [id, type] of lastType) if (type === 'deleted') emit('deleted', id, stamps.get(id));
	if (!t.readBack) {
		for (const id of toRead) {
			const stamp = stamps.get(id);
			if (!isDuplicate(dedup, id, Date.parse(String(stamp)))) emit(firstType.get(id) ?? 'updated', id, stamp);
		}
	}
	const found = t.readBack && toRead.length ? await readByIds(ctx, t, toRead) : new Map<string, IDataObject>();
	for (const id of t.readBack ? toRead : []) {
		const record = found.get(id);
		if (!record) {
			emit('deleted', id, stamps.get(id));
			continue;
		}
		const ms = changedMs(record);
		if (isDuplicate(dedup, id, ms)) continue;
		emit(firstType.get(id) ?? 'updated', id, String(record.lastModifiedDateTime), record);
	}
	if (collectionFrom !== undefined || collectionAll) {
		const rows = await readChangedSince(ctx, t, collectionAll ? Date.parse('1900-01-01T00:00:00Z') : collectionFrom!, {
			exclusive: true,
			idsOnly: !t.readBack,
		});
		for (const row of rows) {
			const id = String(row.id ?? '').toLowerCase();
			const ms = changedMs(row);
			if (!id || lastType.has(id) || isDuplicate(dedup, id, ms)) continue;
			emit(knownIds && !knownIds.has(id) ? 'created' : 'updated', id, String(row.lastModifiedDateTime), row);
		}
	}
	return { items, deleted };
}
