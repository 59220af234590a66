/**
 * The trigger's state: what lives in the workflow's static data (saved by n8n with the workflow, so it survives
 * restarts) and what one process shares between its webhook requests and its poll runs.
 *
 * How n8n (2.41) keeps static data, which decides what can be shared:
 * - The poller (`poll()` on Poll Times) runs in the main process only (the leader), on the workflow object built at
 *   activation; n8n never reloads its static data from the database while the workflow is active, and saves it only
 *   when a poll emits items (n8n `workflows/triggers/trigger-execution-context.factory` `__emit`; a poll returning
 *   null saves nothing), and once at the end of activation.
 * - Every production webhook request (in the main process, or in a separate `n8n webhook` process in queue mode)
 *   loads the static data from the database and saves it whole when `webhook()` changed it (n8n
 *   `webhooks/live-webhooks`); the last save wins, there is no merge.
 * So the poller's news reach webhook requests when it emits (the subscription's clientState is kept for the whole
 * activation so that a re-created subscription is accepted before that), but a webhook request's news never reach
 * the poller through the database. Webhook requests therefore also write their deliveries to {@link processMemory},
 * and every poll run merges the memory of its own process ({@link mergeMemory}). With a separate webhook process
 * (queue mode) that memory is not shared: Hybrid's reconciliation then emits a version the webhook delivered once
 * more (source `poll`), at most once, and never loses one. Nothing else depends on process memory: the subscription,
 * clientState, watermark and ID scan live in static data.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The webhook subscription as the trigger keeps it. */
export interface SubscriptionState {
	id: string;
	notificationUrl: string;
	resource: string;
	/** ISO time BC said it expires. */
	expirationDateTime: string;
}

/** Counters shown for diagnosis (static data). */
export interface TriggerStats {
	notifications: number;
	/** Notification entries dropped: wrong clientState or unknown subscription. */
	dropped: number;
	renewals: number;
	recreations: number;
}

/** Static data of one trigger node. */
export interface TriggerState extends IDataObject {
	clientState?: string;
	subscription?: SubscriptionState;
	/** Polling/reconciliation watermark: ISO time of the newest change emitted (never BC's empty 0001-01-01). */
	watermark?: string;
	/** Ids emitted whose `lastModifiedDateTime` equals the watermark (read again by `ge`, skipped). */
	seenAtWatermark?: string[];
	/** The last ID-only scan (lower-case ids). */
	ids?: string[];
	/** Webhook deliveries newer than the watermark: id → `lastModifiedDateTime` of the version emitted. */
	delivered?: Record<string, string>;
	/** Ids emitted as deleted lately (webhook or scan; at most 1,000), so a late `deleted` notification is not repeated. */
	deletedByWebhook?: string[];
	/** Webhook mode: a catch-up read is due (subscription re-created, or a notification could not be processed). */
	catchUpFromMs?: number;
	/** The production webhook URL `create` subscribed (the poll context cannot compute it). */
	notificationUrl?: string;
	/** When the scheduled check last confirmed the subscription, ms since the epoch. */
	checkedAtMs?: number;
	stats?: TriggerStats;
	/**
	 * All Companies polling: the polling state (`watermark`, `seenAtWatermark`, `ids`, …) of each company, by
	 * lower-case company id. Absent until the first poll succeeded; a company missing from it later is new.
	 */
	companies?: Record<string, TriggerState>;
}

/** What webhook requests of this process tell the poller (see the module comment). */
export interface ProcessMemory {
	delivered: Record<string, string>;
	deleted: Set<string>;
	dropped: number;
	notifications: number;
	catchUpFromMs?: number;
	/** Items of the last test-webhook call ("Listen for test event"), for the manual run n8n starts next. */
	testItems?: { items: INodeExecutionData[]; atMs: number };
}

const memories = new Map<string, ProcessMemory>();

/** This process's memory for one trigger node of one workflow. */
export function processMemory(workflowId: string | undefined, nodeId: string): ProcessMemory {
	const key = `${workflowId ?? '-'}|${nodeId}`;
	let m = memories.get(key);
	if (!m) memories.set(key, (m = { delivered: {}, deleted: new Set(), dropped: 0, notifications: 0 }));
	return m;
}

/** Forgets this process's memory of a trigger node (on activation and deactivation). */
export function clearMemory(workflowId: string | undefined, nodeId: string): void {
	memories.delete(`${workflowId ?? '-'}|${nodeId}`);
}

/** The counters, created on first use. */
export function statsOf(state: TriggerState): TriggerStats {
	state.stats ??= { notifications: 0, dropped: 0, renewals: 0, recreations: 0 };
	return state.stats;
}

/** Moves what webhook requests recorded in this process into the poller's static data. */
export function mergeMemory(state: TriggerState, memory: ProcessMemory): void {
	if (Object.keys(memory.delivered).length) {
		state.delivered = { ...(state.delivered ?? {}), ...memory.delivered };
		memory.delivered = {};
	}
	if (memory.deleted.size) {
		state.deletedByWebhook = [...new Set([...(state.deletedByWebhook ?? []), ...memory.deleted])].slice(-1_000);
		memory.deleted.clear();
	}
	const stats = statsOf(state);
	stats.dropped += memory.dropped;
	stats.notifications += memory.notifications;
	memory.dropped = 0;
	memory.notifications = 0;
	if (memory.catchUpFromMs !== undefined) {
		state.catchUpFromMs = Math.min(state.catchUpFromMs ?? Infinity, memory.catchUpFromMs);
		memory.catchUpFromMs = undefined;
	}
}
