/**
 * Settings of the sandbox's webhook subscriptions (the `webhooks` plugin). Defaults are BC online's documented values:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/dynamics-subscriptions
 * (30 s aggregation, `collection` above 1,000 changes, 3-day expiry, retries on 408/429/5xx) and
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online
 * (200 subscriptions per environment). The retry schedule is Base Application codeunit 6154 "API Webhook Notification
 * Send" (`GetDelayTimeForAttempt`, `GetMaxNumberOfAttempts`), as published in microsoft/BCApps / the BC code history.
 */

/** How the sandbox's webhook subscriptions behave. Every value can be changed at run time (`PATCH /sandbox/webhooks/settings`). */
export interface WebhookSettings {
	/** Wait after the first change of a subscription before notifying, in ms (BC: 30,000). */
	delayMs: number;
	/** More changes than this in one window are sent as one `collection` notification (BC online: 1,000; UNVERIFIED, on-prem documents 30,000). */
	collectionThreshold: number;
	/** Subscription lifetime from creation or renewal, in ms (BC: 3 days). */
	lifetimeMs: number;
	/** Most live subscriptions per environment (BC online: 200). */
	maxSubscriptions: number;
	/** Time the subscriber has to answer the handshake, in ms (BC on-prem `ApiSubscriptionNotificationUrlTimeout`: 5,000). */
	handshakeTimeoutMs: number;
	/** Time the subscriber has to answer a notification, in ms (BC on-prem `ApiSubscriptionSendingNotificationTimeout`: 30,000). */
	notificationTimeoutMs: number;
	/** Delay before retry n (n = 1, 2, …), in ms; the last value repeats (BC: 60 s, 60 s, 60 s, 600 s, 6,000 s, 60,000 s). */
	retryDelaysMs: number[];
	/** Failed deliveries after which the subscription is deleted (BC: more than 5). */
	maxAttempts: number;
	/**
	 * Accept `http://` notification URLs on loopback (tests, a local n8n). BC itself requires `https://`; set false to
	 * behave like BC. Notification URLs that are not loopback are refused either way: the sandbox only calls local hosts.
	 */
	allowHttpLoopback: boolean;
}

/** BC online's values (see the module comment for sources). */
export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
	delayMs: 30_000,
	collectionThreshold: 1_000,
	lifetimeMs: 3 * 24 * 3600 * 1000,
	maxSubscriptions: 200,
	handshakeTimeoutMs: 5_000,
	notificationTimeoutMs: 30_000,
	retryDelaysMs: [60_000, 60_000, 60_000, 600_000, 6_000_000, 60_000_000],
	maxAttempts: 5,
	allowHttpLoopback: true,
};

const NUMBER_LIMITS: Record<string, [number, number]> = {
	delayMs: [0, 3_600_000],
	collectionThreshold: [1, 1_000_000],
	lifetimeMs: [1_000, 30 * 24 * 3600 * 1000],
	maxSubscriptions: [1, 100_000],
	handshakeTimeoutMs: [100, 60_000],
	notificationTimeoutMs: [100, 300_000],
	maxAttempts: [0, 100],
};

/**
 * Checks a settings patch.
 * @returns a message naming the bad field, or undefined when the patch is valid
 */
export function checkWebhookSettings(patch: Record<string, unknown>): string | undefined {
	for (const [key, value] of Object.entries(patch)) {
		if (key in NUMBER_LIMITS) {
			const [min, max] = NUMBER_LIMITS[key];
			if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
				return `${key} must be a whole number from ${min} to ${max}`;
		} else if (key === 'retryDelaysMs') {
			if (!Array.isArray(value) || !value.length || value.some((v) => typeof v !== 'number' || v < 0))
				return 'retryDelaysMs must be a non-empty list of delays in ms';
		} else if (key === 'allowHttpLoopback') {
			if (typeof value !== 'boolean') return 'allowHttpLoopback must be true or false';
		} else return `unknown webhook setting '${key}'`;
	}
	return undefined;
}
