/**
 * The trigger's n8n entry points, one module: the webhook methods (activation creates the subscription, deactivation
 * deletes it), `webhook()` (handshake and notifications) and `poll()` (Polling; and in Webhook and Hybrid mode the
 * scheduled subscription check and reconciliation).
 *
 * Why one node type does both: n8n registers a node's `webhooks` AND runs its `poll()` on the Poll Times schedule
 * when the workflow is activated (n8n `ActiveWorkflowManager.add`: `addWebhooks`, then `addNonWebhookTriggers`), and
 * n8n has no other periodic hook for a webhook trigger. The poll is therefore the scheduled path that renews the
 * subscription before BC's 3-day expiry, re-creates it when BC deleted it, and (Hybrid) reconciles. In Polling mode
 * the webhook path evaluates to nothing, so n8n registers no webhook and "Fetch test event" runs `poll()`.
 */
import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { pollAllCompanies, sampleAllCompanies } from './allCompanies';
import { collectChanges, initialise, MAX_DELETED_KEPT } from './changes';
import { asNodeError } from '../transport';
import { changeItem } from './items';
import { acceptedEntries, entriesOf, itemsOfEntries } from './notifications';
import { readLatest } from './records';
import { clearMemory, mergeMemory, processMemory, statsOf, type TriggerState } from './state';
import {
	createSubscription,
	deleteSubscription,
	deleteSubscriptionsFor,
	ensureSubscription,
	needsRenewal,
	readSubscription,
	renewSubscription,
	subscriptionResource,
} from './subscription';
import { readMode, readTarget, type TriggerContext } from './target';

/** Test-webhook items are handed to the manual run n8n starts right after (see {@link pollHandler}) within this time. */
const TEST_ITEMS_TTL_MS = 60_000;

/** Catch-up after a lost subscription reads from this long before the last confirmed check (BC waits 30 s to notify). */
const CATCH_UP_MARGIN_MS = 2 * 60_000;

function stateOf(ctx: TriggerContext): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

function memoryOf(ctx: TriggerContext) {
	return processMemory(ctx.getWorkflow().id, ctx.getNode().id);
}

/** `checkExists`: the subscription is live at BC for this URL and resource (renewed when it expires within 24 h). */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (readMode(this) === 'polling') return true;
	const state = stateOf(this);
	const t = await readTarget(this);
	const url = this.getNodeWebhookUrl('default') as string;
	const s = state.subscription;
	if (!s || s.notificationUrl !== url || s.resource !== subscriptionResource(t)) return false;
	if (!(await readSubscription(this, t, s.id))) return false;
	if (needsRenewal(s, Date.now())) return await renewSubscription(this, t, state);
	return true;
}

/**
 * `create`: creates the subscription (BC's handshake reaches `webhook()` before BC answers) with a new clientState,
 * and the watermark. Subscriptions BC still lists for this URL (left by an earlier activation) are deleted first.
 */
export async function create(this: IHookFunctions): Promise<boolean> {
	if (readMode(this) === 'polling') return true;
	const state = stateOf(this);
	const t = await readTarget(this);
	const url = this.getNodeWebhookUrl('default') as string;
	if (state.subscription) await deleteSubscription(this, t, state).catch(() => undefined);
	await deleteSubscriptionsFor(this, t, url).catch(() => undefined);
	clearMemory(this.getWorkflow().id, this.getNode().id);
	state.notificationUrl = url;
	await createSubscription(this, t, state, url);
	if (t.mode === 'hybrid' && !state.watermark) await initialise(this, t, state);
	return true;
}

/**
 * `delete`: deletes the subscription at BC, and every other one BC lists for this node's URL: n8n runs deactivation
 * with the static data as saved in the database, which may predate a re-creation by the scheduled check (see
 * {@link deleteSubscriptionsFor}). (A 4xx from a deactivated workflow's URL would make BC delete it anyway.)
 */
export async function remove(this: IHookFunctions): Promise<boolean> {
	if (readMode(this) === 'polling') return true;
	const state = stateOf(this);
	clearMemory(this.getWorkflow().id, this.getNode().id);
	const url = (this.getNodeWebhookUrl('default') as string | undefined) ?? state.notificationUrl;
	const t = await readTarget(this);
	await deleteSubscription(this, t, state);
	if (url) await deleteSubscriptionsFor(this, t, url);
	return true;
}

/**
 * `webhook()`: answers the handshake (`validationToken` in the query string, GET or POST) with the token as
 * text/plain 200; answers a notification 202 at once, then drops entries with a wrong clientState (counted) and
 * emits one item per changed record. It never renews: with n8n in queue mode it runs in every webhook process, with
 * the static data as last saved, while the scheduled check on the main process renews (once).
 */
export async function webhookHandler(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = this.getResponseObject();
	const token = (this.getQueryData() as IDataObject).validationToken;
	if (typeof token === 'string' && token) {
		res.status(200).type('text/plain').send(token);
		return { noWebhookResponse: true };
	}
	res.status(202).end();
	const state = stateOf(this);
	const memory = memoryOf(this);
	const { accepted, dropped } = acceptedEntries(entriesOf(this.getBodyData()), state);
	memory.dropped += dropped;
	statsOf(state).dropped += dropped;
	if (!accepted.length) return { noWebhookResponse: true };
	memory.notifications += accepted.length;
	statsOf(state).notifications += accepted.length;
	const t = await readTarget(this);
	const hybrid = t.mode === 'hybrid' && state.watermark !== undefined;
	const dedup = {
		watermarkMs: hybrid ? Date.parse(String(state.watermark)) : undefined,
		seenAtWatermark: new Set(hybrid ? (state.seenAtWatermark ?? []) : []),
		delivered: { ...(state.delivered ?? {}), ...memory.delivered },
		deleted: new Set([...(state.deletedByWebhook ?? []), ...memory.deleted]),
	};
	let result;
	try {
		result = await itemsOfEntries(this, t, accepted, dedup, state.ids ? new Set(state.ids) : undefined);
	} catch (error) {
		// Answered already: the scheduled check catches up from here (Webhook mode) or reconciles (Hybrid).
		const from = Math.min(...accepted.map((e) => Date.parse(String(e.lastModifiedDateTime)) || Date.now()));
		memory.catchUpFromMs = Math.min(memory.catchUpFromMs ?? Infinity, from - 1);
		throw asNodeError(this.getNode(), error);
	}
	for (const [id, at] of Object.entries(dedup.delivered)) memory.delivered[id] = at;
	state.delivered = dedup.delivered;
	for (const id of result.deleted) memory.deleted.add(id);
	state.deletedByWebhook = [...dedup.deleted].slice(-MAX_DELETED_KEPT);
	// No renewal here: only the scheduled check renews (see `ensureSubscription`), once, in n8n's main process.
	if (!result.items.length) return { noWebhookResponse: true };
	if (this.getMode() === 'manual') memory.testItems = { items: result.items, atMs: Date.now() };
	return { noWebhookResponse: true, workflowData: [result.items] };
}

/** The editor's sample: the most recently changed record as an `updated` item. */
async function sample(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const t = await readTarget(ctx);
	if (t.allCompanies) {
		const item = await sampleAllCompanies(ctx, t);
		return item ? [[item]] : null;
	}
	const latest = await readLatest(ctx, t);
	if (!latest) return null;
	return [[changeItem(t, 'updated', String(latest.id), String(latest.lastModifiedDateTime), 'sample', latest)]];
}

/**
 * `poll()`: Polling mode reads changes since the watermark (with All Companies: per company, `allCompanies.ts`); Webhook and Hybrid mode check the subscription (renew
 * within 24 h of expiry, re-create when gone, with a catch-up read in Webhook mode) and Hybrid reconciles. In the
 * editor ("Fetch test event") it returns the items of a test notification just received, else a sample.
 */
export async function pollHandler(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const memory = memoryOf(this);
	if (this.getMode() === 'manual') {
		const test = memory.testItems;
		memory.testItems = undefined;
		if (test && Date.now() - test.atMs < TEST_ITEMS_TTL_MS) return [test.items];
		return await sample(this);
	}
	const state = stateOf(this);
	const t = await readTarget(this);
	mergeMemory(state, memory);
	if (t.mode === 'polling' && t.allCompanies) {
		const items = await pollAllCompanies(this, t, state);
		return items.length ? [items] : null;
	}
	if (t.mode === 'polling') {
		if (!state.watermark && !(await initialise(this, t, state))) return null;
		const items = await collectChanges(this, t, state, { skipDelivered: false });
		return items.length ? [items] : null;
	}
	// The poll context has no webhook URL: activation (`create`) stored it.
	const url = state.notificationUrl;
	const nowMs = Date.now();
	if (!state.watermark) await initialise(this, t, state);
	let items: INodeExecutionData[] = [];
	if (url) {
		const outcome = await ensureSubscription(this, t, state, url, nowMs);
		if (outcome === 'recreated' && t.mode === 'webhook') {
			// From the last confirmed check (minus BC's notification delay), never before activation's watermark.
			const since = state.checkedAtMs === undefined ? nowMs : Number(state.checkedAtMs);
			const from = Math.max(since - CATCH_UP_MARGIN_MS, Date.parse(String(state.watermark)));
			state.catchUpFromMs = Math.min(state.catchUpFromMs ?? Infinity, from);
		}
	}
	if (t.mode === 'hybrid') {
		items = await collectChanges(this, t, state, { skipDelivered: true });
	} else if (state.catchUpFromMs !== undefined) {
		items = await collectChanges(this, t, state, { skipDelivered: true, fromMs: Number(state.catchUpFromMs) });
		delete state.catchUpFromMs;
	}
	state.checkedAtMs = nowMs;
	if (t.mode === 'webhook' && state.delivered) {
		// A later catch-up starts after `nowMs − margin`: older deliveries are no longer needed to de-duplicate.
		const keepFrom = nowMs - 2 * CATCH_UP_MARGIN_MS;
		state.delivered = Object.fromEntries(
			Object.entries(state.delivered).filter(([, at]) => Date.parse(at) >= keepFrom),
		);
	}
	return items.length ? [items] : null;
}
