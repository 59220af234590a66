/** The sandbox's webhook subscription and notification shapes. */

/** A subscription as the sandbox keeps it. */
export interface Subscription {
	subscriptionId: string;
	environment: string;
	/** API route the subscription was created on (`v2.0`, `contoso/app1/v1.0`). */
	apiRoute: string;
	notificationUrl: string;
	/** As the client sent it (relative or absolute). */
	resource: string;
	/** `<route>/companies(<id>)/<entitySet>` (lower-case company id) the resource addresses. */
	target: string;
	clientState: string;
	userId: string;
	version: number;
	createdMs: number;
	modifiedMs: number;
	expiresMs: number;
}

/** One notification entry as BC sends it. */
export interface Notification {
	subscriptionId: string;
	clientState: string;
	expirationDateTime: string;
	resource: string;
	changeType: 'created' | 'updated' | 'deleted' | 'collection';
	lastModifiedDateTime: string;
}

/** One POST to a notification URL, for the control endpoint's log. */
export interface DeliveryRecord {
	notificationUrl: string;
	/** Notification entries in the POST. */
	count: number;
	changeTypes: Record<string, number>;
	/** HTTP status, or 0 for no answer. */
	status: number;
	attempt: number;
	/** When the first change of the batch happened and when the POST was answered (ms since epoch). */
	firstChangeMs: number;
	answeredMs: number;
}
