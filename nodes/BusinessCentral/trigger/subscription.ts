/**
 * The webhook subscription's life cycle against BC's `subscriptions` API: create (BC calls the notification URL with
 * `?validationToken=` before it answers 201), read, renew (PATCH, a new handshake, a fresh 3-day expiry) and delete,
 * both with the subscription's `@odata.etag` as `If-Match`. The key is a string: `subscriptions('<id>')`.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-subscriptions
 * and …/api/dynamics_subscriptions_create, …_update, …_delete.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { quoteString } from '../../../core/odata';
import { asNodeError, bcRequest, readCollection } from '../transport';
import type { SubscriptionState, TriggerState } from './state';
import { statsOf } from './state';
import { apiRootPath, entitySetPath, type TriggerContext, type TriggerTarget } from './target';

/** Renew when the subscription expires within this many ms (24 h). */
export const RENEW_WITHIN_MS = 24 * 3600 * 1000;

/** The subscription's URL below the environment: `/api/<route>/subscriptions('<id>')`. */
function subscriptionPath(t: TriggerTarget, id: string): string {
	return `${apiRootPath(t)}/subscriptions(${encodeURIComponent(quoteString(id))})`;
}

/** The `resource` of the trigger's subscription: the entity set's path, as in Microsoft's examples. */
export function subscriptionResource(t: TriggerTarget): string {
	return entitySetPath(t);
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

function stateOf(body: IDataObject, fallback: SubscriptionState): SubscriptionState {
	return {
		id: String(body.subscriptionId ?? fallback.id),
		notificationUrl: String(body.notificationUrl ?? fallback.notificationUrl),
		resource: String(body.resource ?? fallback.resource),
		expirationDateTime: String(body.expirationDateTime ?? fallback.expirationDateTime),
	};
}

/** A new random `clientState` (256 bits, hex). */
export function newClientState(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Creates the subscription and records it in `state`.
 * @param clientState the secret BC echoes in every notification: a new one on activation, the activation's own when
 *   the scheduled check re-creates a subscription BC dropped (so that webhook requests, which may read an older copy
 *   of the static data in another process, still accept the new subscription's notifications)
 * @throws NodeApiError with BC's code when BC refuses (e.g. the handshake failed or the 200-subscription limit)
 */
export async function createSubscription(
	ctx: TriggerContext,
	t: TriggerTarget,
	state: TriggerState,
	notificationUrl: string,
	clientState: string = newClientState(),
): Promise<SubscriptionState> {
	const resource = subscriptionResource(t);
	const response = await bcRequest(
		ctx,
		{
			method: 'POST',
			url: `${apiRootPath(t)}/subscriptions`,
			baseURL: t.environmentUrl,
			body: { notificationUrl, resource, clientState },
		},
		t.send,
	);
	state.clientState = clientState;
	state.subscription = stateOf(response.body as IDataObject, {
		id: '',
		notificationUrl,
		resource,
		expirationDateTime: '',
	});
	return state.subscription;
}

/** The subscription as BC has it, or undefined when BC no longer has it (deleted or expired). */
export async function readSubscription(
	ctx: TriggerContext,
	t: TriggerTarget,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		const response = await bcRequest(
			ctx,
			{ method: 'GET', url: subscriptionPath(t, id), baseURL: t.environmentUrl },
			t.send,
		);
		return response.body as IDataObject;
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * Renews the subscription (PATCH with its current ETag); BC repeats the handshake.
 * @returns false when BC no longer has it
 */
export async function renewSubscription(ctx: TriggerContext, t: TriggerTarget, state: TriggerState): Promise<boolean> {
	const current = state.subscription;
	if (!current) return false;
	const found = await readSubscription(ctx, t, current.id);
	if (!found) return false;
	try {
		const response = await bcRequest(
			ctx,
			{
				method: 'PATCH',
				url: subscriptionPath(t, current.id),
				baseURL: t.environmentUrl,
				headers: { 'If-Match': String(found['@odata.etag'] ?? '*') },
				body: { notificationUrl: current.notificationUrl, resource: current.resource, clientState: state.clientState },
			},
			t.send,
		);
		state.subscription = stateOf(response.body as IDataObject, current);
		statsOf(state).renewals++;
		return true;
	} catch (error) {
		if (isNotFound(error)) return false;
		throw asNodeError(ctx.getNode(), error);
	}
}

/** Deletes the subscription (GET for its ETag, then DELETE); a subscription BC no longer has counts as deleted. */
export async function deleteSubscription(ctx: TriggerContext, t: TriggerTarget, state: TriggerState): Promise<void> {
	const current = state.subscription;
	if (current) {
		const found = await readSubscription(ctx, t, current.id);
		if (found) await deleteAtBc(ctx, t, current.id, found['@odata.etag']);
	}
	delete state.subscription;
	delete state.clientState;
}

/**
 * Deletes every subscription BC lists for `notificationUrl` (`GET subscriptions`, then DELETE each with its ETag),
 * whatever the static data remembers: a subscription the scheduled check re-created is known only to the process
 * that ran the check until n8n saves that process's static data (n8n saves a poller's static data only when the poll
 * emits items), while deactivation runs with the copy in the database.
 * @returns how many were deleted
 */
export async function deleteSubscriptionsFor(
	ctx: TriggerContext,
	t: TriggerTarget,
	notificationUrl: string,
): Promise<number> {
	const listed = await readCollection(
		ctx,
		{ method: 'GET', url: `${apiRootPath(t)}/subscriptions`, baseURL: t.environmentUrl },
		undefined,
		t.send,
	);
	let deleted = 0;
	for (const s of listed) {
		if (s.notificationUrl !== notificationUrl || typeof s.subscriptionId !== 'string') continue;
		if (await deleteAtBc(ctx, t, s.subscriptionId, s['@odata.etag'])) deleted++;
	}
	return deleted;
}

/**
 * `DELETE subscriptions('id')` with `If-Match` (the ETag read just before, else `*`).
 * @returns true when deleted, false when BC no longer had it (404)
 * @throws NodeApiError for any other BC error
 */
async function deleteAtBc(ctx: TriggerContext, t: TriggerTarget, id: string, etag: unknown): Promise<boolean> {
	try {
		await bcRequest(
			ctx,
			{
				method: 'DELETE',
				url: subscriptionPath(t, id),
				baseURL: t.environmentUrl,
				headers: { 'If-Match': String(etag ?? '*') },
			},
			t.send,
		);
		return true;
	} catch (error) {
		if (!isNotFound(error)) throw asNodeError(ctx.getNode(), error);
		return false;
	}
}

/** Whether the subscription expires within {@link RENEW_WITHIN_MS} of `nowMs` (or its expiry is unknown). */
export function needsRenewal(subscription: SubscriptionState, nowMs: number): boolean {
	const expires = Date.parse(subscription.expirationDateTime);
	return Number.isNaN(expires) || expires - nowMs < RENEW_WITHIN_MS;
}

/**
 * The poll run's subscription check: re-create the subscription when BC no longer has it (or it points elsewhere),
 * keeping the activation's clientState, renew it when it expires within 24 h. The only place that renews: n8n runs
 * the poll in one process (the main, leader, process), while webhook requests run in every process that serves
 * webhooks and read the static data as last saved, so a renewal there would repeat the main's (not saved yet).
 * @returns 'ok', 'renewed' or 'recreated'
 */
export async function ensureSubscription(
	ctx: TriggerContext,
	t: TriggerTarget,
	state: TriggerState,
	notificationUrl: string,
	nowMs: number,
): Promise<'ok' | 'renewed' | 'recreated'> {
	const current = state.subscription;
	if (current && current.notificationUrl === notificationUrl && current.resource === subscriptionResource(t)) {
		const found = await readSubscription(ctx, t, current.id);
		if (found) {
			state.subscription = stateOf(found, current);
			if (!needsRenewal(state.subscription, nowMs)) return 'ok';
			if (await renewSubscription(ctx, t, state)) return 'renewed';
		}
	} else if (current) {
		const clientState = state.clientState;
		await deleteSubscription(ctx, t, state);
		state.clientState = clientState;
	}
	await createSubscription(ctx, t, state, notificationUrl, state.clientState ?? newClientState());
	statsOf(state).recreations++;
	return 'recreated';
}
