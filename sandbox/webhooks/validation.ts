/**
 * Checks of a subscription's body (create and PATCH): `notificationUrl` and `resource` required, `clientState` at most
 * 2,048 characters (BC table 2000000095), the resource an entity set of the subscription's API route, the URL a
 * loopback one (the sandbox calls local hosts only) and https unless `allowHttpLoopback`.
 */

/** Thrown for requests the subscriptions API refuses; the route turns it into BC's error body. */
export class SubscriptionError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The `<route>/companies(<id>)/<entitySet>` a subscription resource addresses (`|…` for a relative one), or undefined. */
export function resourceTarget(resource: string): string | undefined {
	const path = resource.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
	const m = /(?:^|\/)api\/(.+?)\/companies\(([^)]+)\)\/([A-Za-z_][A-Za-z0-9_]*)\/?$/.exec(path);
	if (!m) {
		const relative = /^\/?companies\(([^)]+)\)\/([A-Za-z_][A-Za-z0-9_]*)\/?$/.exec(path);
		return relative ? `|companies(${relative[1].toLowerCase()})/${relative[2]}` : undefined;
	}
	return `${m[1]}/companies(${m[2].replace(/^'|'$/g, '').toLowerCase()})/${m[3]}`;
}

/**
 * The checked fields of a create or PATCH body.
 * @throws SubscriptionError (400) naming the problem
 */
export function checkSubscriptionBody(
	body: Record<string, unknown>,
	apiRoute: string,
	allowHttpLoopback: boolean,
): { notificationUrl: string; resource: string; clientState: string } {
	const notificationUrl = typeof body.notificationUrl === 'string' ? body.notificationUrl : '';
	const resource = typeof body.resource === 'string' ? body.resource : '';
	const clientState = typeof body.clientState === 'string' ? body.clientState : '';
	if (!notificationUrl || !resource)
		throw new SubscriptionError(400, 'BadRequest', 'notificationUrl and resource are required.');
	if (clientState.length > 2048)
		throw new SubscriptionError(400, 'BadRequest', 'clientState can be at most 2048 characters long.');
	let parsed: URL;
	try {
		parsed = new URL(notificationUrl);
	} catch {
		throw new SubscriptionError(400, 'BadRequest', 'The notificationUrl is not a valid URL.');
	}
	const loopback = LOOPBACK.has(parsed.hostname);
	if (!loopback)
		throw new SubscriptionError(400, 'BadRequest', 'The sandbox only sends notifications to loopback hosts.');
	if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && allowHttpLoopback))
		throw new SubscriptionError(400, 'BadRequest', 'The notificationUrl must use https.');
	const target = resourceTarget(resource);
	if (!target) throw new SubscriptionError(400, 'BadRequest', `The resource '${resource}' is not an entity set URL.`);
	if (!target.startsWith('|') && !target.startsWith(`${apiRoute}/`))
		throw new SubscriptionError(400, 'BadRequest', 'The resource must use the same API route as the subscription.');
	return { notificationUrl, resource, clientState };
}
