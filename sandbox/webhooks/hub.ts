/**
 * The sandbox's webhook subscriptions: the `subscriptions` store per environment, change aggregation per
 * subscription, delivery with BC's retry schedule, and the handshake. BC behaviour (all from
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-subscriptions
 * and Base Application codeunit 6154 "API Webhook Notification Send"):
 * - create and renew (PATCH) call `notificationUrl?validationToken=<token>` (POST) and need a 200 with the token;
 * - changes wait `delayMs` after the first one; more than `collectionThreshold` become one `collection` notification
 *   whose resource is `<resource>?$filter=lastModifiedDateTime%20gt%20<first change − 50 ms>`;
 * - one POST per notification URL carries the notifications of every subscription sharing it;
 * - 408, 429, 5xx or no answer are retried after `retryDelaysMs`; more than `maxAttempts` failures, or any other
 *   non-2xx status, delete the subscription and drop its notifications.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { formatEtag } from '../bc/store/etag';
import { formatDateTime } from '../bc/store/formats';
import type { RecordChange } from '../bc/plugins/types';
import type { DeliveryRecord, Notification, Subscription } from './types';
import { checkSubscriptionBody, resourceTarget } from './validation';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './settings';
import { SubscriptionError } from './validation';

interface PendingChange {
	change: RecordChange;
	atMs: number;
}

interface Pending {
	changes: PendingChange[];
	timer?: NodeJS.Timeout;
}

/** The webhook subscriptions of one sandbox. */
export class WebhookHub {
	readonly settings: WebhookSettings;
	private readonly subscriptions = new Map<string, Subscription>();
	private readonly pending = new Map<string, Pending>();
	private readonly retries = new Set<NodeJS.Timeout>();
	private readonly inFlight = new Set<Promise<unknown>>();
	private dropNext = 0;
	/**
	 * Notification entries dropped on purpose (control endpoint) and delivered, subscriptions deleted after failed
	 * deliveries, handshakes, and subscriptions created, renewed (PATCH) and deleted (DELETE) through the API.
	 */
	readonly counters = {
		dropped: 0,
		delivered: 0,
		deletedByFailure: 0,
		handshakes: 0,
		created: 0,
		renewed: 0,
		deleted: 0,
	};
	readonly log: DeliveryRecord[] = [];

	constructor(settings: Partial<WebhookSettings> = {}) {
		this.settings = { ...DEFAULT_WEBHOOK_SETTINGS, ...settings };
	}

	/** Live subscriptions of an environment (expired ones are removed first). */
	list(environment?: string): Subscription[] {
		this.purgeExpired();
		return [...this.subscriptions.values()].filter((s) => !environment || s.environment === environment);
	}

	/** One live subscription, or undefined. */
	get(environment: string, id: string): Subscription | undefined {
		this.purgeExpired();
		const s = this.subscriptions.get(id);
		return s && s.environment === environment ? s : undefined;
	}

	/** The subscription's JSON as BC returns it. */
	toJson(s: Subscription, serviceRootUrl?: string): Record<string, unknown> {
		return {
			...(serviceRootUrl ? { '@odata.context': `${serviceRootUrl}/$metadata#subscriptions/$entity` } : {}),
			'@odata.etag': formatEtag(`subscription:${s.subscriptionId}`, s.version),
			subscriptionId: s.subscriptionId,
			notificationUrl: s.notificationUrl,
			resource: s.resource,
			userId: s.userId,
			lastModifiedDateTime: formatDateTime(s.modifiedMs),
			clientState: s.clientState,
			expirationDateTime: formatDateTime(s.expiresMs),
			systemCreatedAt: formatDateTime(s.createdMs),
			systemCreatedBy: s.userId,
			systemModifiedAt: formatDateTime(s.modifiedMs),
			systemModifiedBy: s.userId,
		};
	}

	/** The current ETag of a subscription. */
	etagOf(s: Subscription): string {
		return formatEtag(`subscription:${s.subscriptionId}`, s.version);
	}

	/**
	 * Creates a subscription after a successful handshake.
	 * @throws SubscriptionError for a bad body, a refused URL, the per-environment limit or a failed handshake
	 */
	async create(
		environment: string,
		apiRoute: string,
		userId: string,
		body: Record<string, unknown>,
		nowMs: number,
	): Promise<Subscription> {
		const { notificationUrl, resource, clientState } = checkSubscriptionBody(
			body,
			apiRoute,
			this.settings.allowHttpLoopback,
		);
		if (this.list(environment).length >= this.settings.maxSubscriptions) {
			throw new SubscriptionError(
				400,
				'Application_DialogException',
				`The maximum number of subscriptions (${this.settings.maxSubscriptions}) has been reached.`,
			);
		}
		await this.handshake(notificationUrl);
		const s: Subscription = {
			subscriptionId: randomBytes(16).toString('hex'),
			environment,
			apiRoute,
			notificationUrl,
			resource,
			target: resourceTarget(resource)!.replace(/^\|/, `${apiRoute}/`),
			clientState,
			userId,
			version: 1,
			createdMs: nowMs,
			modifiedMs: nowMs,
			expiresMs: nowMs + this.settings.lifetimeMs,
		};
		this.subscriptions.set(s.subscriptionId, s);
		this.counters.created++;
		return s;
	}

	/** Renews (PATCH): new handshake, new expiry, fields from the body. @throws SubscriptionError */
	async renew(s: Subscription, body: Record<string, unknown>, nowMs: number): Promise<Subscription> {
		const merged = { notificationUrl: s.notificationUrl, resource: s.resource, clientState: s.clientState, ...body };
		const { notificationUrl, resource, clientState } = checkSubscriptionBody(
			merged,
			s.apiRoute,
			this.settings.allowHttpLoopback,
		);
		await this.handshake(notificationUrl);
		Object.assign(s, {
			notificationUrl,
			resource,
			clientState,
			target: resourceTarget(resource)!.replace(/^\|/, `${s.apiRoute}/`),
			version: s.version + 1,
			modifiedMs: nowMs,
			expiresMs: nowMs + this.settings.lifetimeMs,
		});
		this.counters.renewed++;
		return s;
	}

	/** Deletes a subscription and its pending notifications. */
	delete(id: string): boolean {
		const pending = this.pending.get(id);
		if (pending?.timer) clearTimeout(pending.timer);
		this.pending.delete(id);
		return this.subscriptions.delete(id);
	}

	/**
	 * Marks subscriptions (all, or one) as expired now, so they disappear like expired ones in BC, or, with
	 * `inMs`, as expiring that many ms from now (a subscription near its expiry, to be renewed). @returns how many
	 */
	expire(id?: string, inMs?: number): number {
		let n = 0;
		for (const s of this.subscriptions.values()) {
			if (id && s.subscriptionId !== id) continue;
			s.expiresMs = inMs === undefined ? Date.now() - 1 : Date.now() + inMs;
			n++;
		}
		this.purgeExpired();
		return n;
	}

	/** Drops the next `count` notification entries instead of sending them. */
	dropNextNotifications(count: number): void {
		this.dropNext += count;
	}

	/** A record change from the store: queued on every live subscription of its entity set. */
	onChange(change: RecordChange): void {
		const target = `${change.apiRoute}/companies(${change.companyId.toLowerCase()})/${change.entitySet}`;
		for (const s of this.list(change.environment)) {
			if (s.target !== target) continue;
			let p = this.pending.get(s.subscriptionId);
			if (!p) this.pending.set(s.subscriptionId, (p = { changes: [] }));
			p.changes.push({ change, atMs: Date.parse(change.at) || Date.now() });
			if (!p.timer) p.timer = setTimeout(() => void this.flush([s.subscriptionId]), this.settings.delayMs);
		}
	}

	/** Sends what is pending now (all subscriptions, or the given ones) and waits for the answers. @returns entries sent */
	async flush(ids?: string[]): Promise<number> {
		const byUrl = new Map<string, { entries: Notification[]; subs: Set<string>; firstMs: number }>();
		for (const [id, p] of [...this.pending.entries()]) {
			if (ids && !ids.includes(id)) continue;
			if (p.timer) clearTimeout(p.timer);
			this.pending.delete(id);
			const s = this.subscriptions.get(id);
			if (!s || s.expiresMs < Date.now()) continue;
			const entries = this.notificationsOf(s, p.changes);
			const batch = byUrl.get(s.notificationUrl) ?? { entries: [], subs: new Set<string>(), firstMs: Infinity };
			batch.entries.push(...entries);
			batch.subs.add(id);
			batch.firstMs = Math.min(batch.firstMs, p.changes[0]?.atMs ?? Date.now());
			byUrl.set(s.notificationUrl, batch);
		}
		let sent = 0;
		await Promise.all(
			[...byUrl.entries()].map(async ([url, batch]) => {
				const kept = batch.entries.filter(() => {
					if (this.dropNext <= 0) return true;
					this.dropNext--;
					this.counters.dropped++;
					return false;
				});
				if (!kept.length) return;
				sent += kept.length;
				await this.track(this.deliver(url, kept, [...batch.subs], batch.firstMs, 0));
			}),
		);
		return sent;
	}

	/** Waits for deliveries in flight. */
	async idle(): Promise<void> {
		while (this.inFlight.size) await Promise.all([...this.inFlight]);
	}

	/** Stops every timer (server shutdown). */
	close(): void {
		for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
		for (const t of this.retries) clearTimeout(t);
		this.pending.clear();
		this.retries.clear();
	}

	/** Pending change counts per subscription id. */
	pendingCounts(): Record<string, number> {
		return Object.fromEntries([...this.pending.entries()].map(([id, p]) => [id, p.changes.length]));
	}

	private async track<T>(promise: Promise<T>): Promise<T> {
		this.inFlight.add(promise);
		try {
			return await promise;
		} finally {
			this.inFlight.delete(promise);
		}
	}

	private notificationsOf(s: Subscription, changes: PendingChange[]): Notification[] {
		const base = {
			subscriptionId: s.subscriptionId,
			clientState: s.clientState,
			expirationDateTime: formatDateTime(s.expiresMs),
		};
		if (changes.length > this.settings.collectionThreshold) {
			const first = Math.min(...changes.map((c) => c.atMs));
			const last = Math.max(...changes.map((c) => c.atMs));
			const since = new Date(first - 50).toISOString();
			return [
				{
					...base,
					resource: `${s.resource}?$filter=lastModifiedDateTime%20gt%20${since}`,
					changeType: 'collection',
					lastModifiedDateTime: formatDateTime(last),
				},
			];
		}
		return changes.map(({ change }) => ({
			...base,
			resource: `${s.resource}(${change.id})`,
			changeType: change.type,
			lastModifiedDateTime: change.at,
		}));
	}

	private async deliver(url: string, entries: Notification[], subs: string[], firstMs: number, attempt: number) {
		const correlationId = randomUUID();
		let status = 0;
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json; charset=utf-8',
					clientRequestId: correlationId,
					'x-ms-correlation-id': correlationId,
				},
				body: JSON.stringify({ value: entries }),
				signal: AbortSignal.timeout(this.settings.notificationTimeoutMs),
			});
			status = response.status;
			await response.arrayBuffer().catch(() => undefined);
		} catch {
			status = 0;
		}
		const changeTypes: Record<string, number> = {};
		for (const e of entries) changeTypes[e.changeType] = (changeTypes[e.changeType] ?? 0) + 1;
		this.log.push({
			notificationUrl: url,
			count: entries.length,
			changeTypes,
			status,
			attempt,
			firstChangeMs: firstMs,
			answeredMs: Date.now(),
		});
		if (this.log.length > 1000) this.log.shift();
		if (status >= 200 && status < 300) {
			this.counters.delivered += entries.length;
			return;
		}
		const retryable = status === 0 || status === 408 || status === 429 || status >= 500;
		if (!retryable || attempt + 1 > this.settings.maxAttempts) {
			for (const id of subs) if (this.delete(id)) this.counters.deletedByFailure++;
			return;
		}
		const delays = this.settings.retryDelaysMs;
		const timer = setTimeout(
			() => {
				this.retries.delete(timer);
				const live = entries.filter((e) => this.subscriptions.has(e.subscriptionId));
				if (live.length) void this.track(this.deliver(url, live, subs, firstMs, attempt + 1));
			},
			delays[Math.min(attempt, delays.length - 1)],
		);
		this.retries.add(timer);
	}

	private async handshake(notificationUrl: string): Promise<void> {
		const token = randomBytes(24).toString('base64url');
		const url = `${notificationUrl}${notificationUrl.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
		let ok = false;
		try {
			this.counters.handshakes++;
			const response = await fetch(url, {
				method: 'POST',
				signal: AbortSignal.timeout(this.settings.handshakeTimeoutMs),
			});
			ok = response.status === 200 && (await response.text()).trim() === token;
		} catch {
			ok = false;
		}
		if (!ok) {
			throw new SubscriptionError(
				400,
				'Application_DialogException',
				`The subscription could not be validated: the notification URL did not answer the validation request with the validation token within ${this.settings.handshakeTimeoutMs} ms.`,
			);
		}
	}

	private purgeExpired(): void {
		const now = Date.now();
		for (const s of [...this.subscriptions.values()]) if (s.expiresMs < now) this.delete(s.subscriptionId);
	}
}
