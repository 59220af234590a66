/**
 * The sandbox's webhooks plugin over HTTPS: subscriptions with the handshake, PATCH renewal and DELETE with
 * If-Match, the per-environment limit, notification aggregation and `collection`, BC's retries and the deletion of
 * a subscription whose endpoint answers 4xx, `webhookSupportedResources`, and the control endpoints.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';

/** A notification endpoint: answers handshakes (unless told not to) and notifications with `status`. */
class Receiver {
	server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://x');
			const token = url.searchParams.get('validationToken');
			if (token !== null) {
				this.handshakes.push(req.method ?? '');
				res.writeHead(this.answerHandshake ? 200 : 404, { 'content-type': 'text/plain' }).end(token);
				return;
			}
			this.posts.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			res.writeHead(this.status).end();
		});
	});
	handshakes: string[] = [];
	posts: Array<{ headers: http.IncomingHttpHeaders; body: { value: Array<Record<string, string>> } }> = [];
	answerHandshake = true;
	status = 200;
	url = '';

	async listen(): Promise<this> {
		await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
		return this;
	}
}

/** Waits until `check()` holds (every 20 ms, at most 10 s). */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

let client: SandboxClient;
let token: string;
let receiver: Receiver;
let companyId: string;

const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
	client.request(path.startsWith('/sandbox') ? path : `${client.apiRoot()}/${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});

beforeAll(async () => {
	({ client } = await startTestSandbox({ webhooks: { delayMs: 50, collectionThreshold: 3, retryDelaysMs: [50] } }));
	token = await client.appToken();
	companyId = client.sandbox.info.companies.production[0].id;
	receiver = await new Receiver().listen();
});
afterAll(async () => {
	receiver.server.close();
	await stopTestSandbox(client);
});

const subscribe = () =>
	json('POST', 'subscriptions', {
		notificationUrl: receiver.url,
		resource: `/api/v2.0/companies(${companyId})/customers`,
		clientState: 'secret-state',
	});

describe('sandbox webhooks plugin', () => {
	it('creates after a handshake (POST, token in the query), renews with If-Match, deletes', async () => {
		const created = await subscribe();
		expect(created.status).toBe(201);
		const sub = created.json();
		expect(sub).toMatchObject({ notificationUrl: receiver.url, clientState: 'secret-state' });
		expect(receiver.handshakes).toEqual(['POST']);
		const quoted = `subscriptions('${sub.subscriptionId}')`;
		expect((await json('PATCH', quoted, {})).status).toBe(400);
		expect((await json('PATCH', quoted, {}, { 'if-match': 'W/"stale"' })).status).toBe(409);
		const renewed = await json('PATCH', quoted, {}, { 'if-match': sub['@odata.etag'] });
		expect(renewed.status).toBe(200);
		expect(receiver.handshakes).toHaveLength(2);
		expect(renewed.json()['@odata.etag']).not.toBe(sub['@odata.etag']);
		const deleted = await json('DELETE', quoted, undefined, { 'if-match': renewed.json()['@odata.etag'] });
		expect(deleted.status).toBe(204);
		expect((await json('GET', quoted)).status).toBe(404);
	});

	it('refuses a subscription whose endpoint does not answer the handshake, a non-loopback or (when set) an http URL', async () => {
		receiver.answerHandshake = false;
		const failed = await subscribe();
		receiver.answerHandshake = true;
		expect(failed.status).toBe(400);
		expect(failed.json().error.message).toMatch(/validat/);
		const remote = await json('POST', 'subscriptions', {
			notificationUrl: 'https://example.com/hook',
			resource: `/api/v2.0/companies(${companyId})/customers`,
		});
		expect(remote.status).toBe(400);
		await json('PATCH', '/sandbox/webhooks/settings', { allowHttpLoopback: false });
		const plain = await subscribe();
		await json('PATCH', '/sandbox/webhooks/settings', { allowHttpLoopback: true });
		expect(plain.json().error.message).toMatch(/https/);
	});

	it('aggregates changes, sends collection above the threshold, honours drop-next, fire and expire', async () => {
		const sub = (await subscribe()).json();
		receiver.posts = [];
		const create = (name: string) =>
			json('POST', `companies(${companyId})/customers`, { displayName: name }).then((r) => r.json());
		const one = await create('Hook One');
		await until(() => receiver.posts.length === 1, 'the first notification');
		expect(receiver.posts[0].body.value).toEqual([
			expect.objectContaining({
				subscriptionId: sub.subscriptionId,
				clientState: 'secret-state',
				changeType: 'created',
				resource: `/api/v2.0/companies(${companyId})/customers(${one.id})`,
			}),
		]);
		expect(receiver.posts[0].headers['x-ms-correlation-id']).toBe(receiver.posts[0].headers.clientrequestid);
		// One window for the burst whatever the machine's speed: hold notifications until fired.
		await json('PATCH', '/sandbox/webhooks/settings', { delayMs: 600_000 });
		for (let i = 0; i < 4; i++) await create(`Hook Burst ${i}`);
		await json('POST', '/sandbox/webhooks/fire');
		const collection = receiver.posts[1].body.value;
		expect(collection).toHaveLength(1);
		expect(collection[0].changeType).toBe('collection');
		expect(collection[0].resource).toMatch(/customers\?\$filter=lastModifiedDateTime%20gt%20\d{4}-/);
		await json('POST', '/sandbox/webhooks/drop-next', { count: 1 });
		await create('Hook Dropped');
		await json('POST', '/sandbox/webhooks/fire');
		expect(receiver.posts).toHaveLength(2);
		const listed = (await json('GET', '/sandbox/webhooks/subscriptions')).json();
		expect(listed.counters.dropped).toBe(1);
		await json('PATCH', '/sandbox/webhooks/settings', { delayMs: 50 });
		// Expiring soon (to be renewed) rather than expired; a bad inMs is refused.
		expect((await json('POST', '/sandbox/webhooks/expire', { inMs: 3600_000 })).json().expired).toBe(1);
		const soon = (await json('GET', `subscriptions('${sub.subscriptionId}')`)).json();
		expect(Date.parse(soon.expirationDateTime) - Date.now()).toBeLessThanOrEqual(3600_000);
		expect((await json('POST', '/sandbox/webhooks/expire', { inMs: -1 })).status).toBe(400);
		expect((await json('POST', '/sandbox/webhooks/expire', {})).json().expired).toBe(1);
		expect((await json('GET', 'subscriptions')).json().value).toEqual([]);
	});

	it('retries 5xx answers on the schedule and deletes the subscription on a 4xx answer', async () => {
		await json('PATCH', '/sandbox/webhooks/settings', { retryDelaysMs: [100], maxAttempts: 50 });
		await subscribe();
		receiver.posts = [];
		receiver.status = 503;
		const deliveries = async () =>
			(await json('GET', '/sandbox/webhooks/deliveries')).json().deliveries as Array<{ status: number }>;
		const before = (await deliveries()).length;
		await json('POST', `companies(${companyId})/customers`, { displayName: 'Retry Me' });
		await until(async () => (await deliveries()).length - before >= 2, 'two failed attempts');
		receiver.status = 200;
		await until(async () => (await deliveries()).slice(before).some((d) => d.status === 200), 'a successful retry');
		// The first try and at least one retry failed with 503, a later retry got through: the subscription lives.
		const statuses = (await deliveries()).slice(before).map((d) => d.status);
		expect(statuses.slice(0, 2)).toEqual([503, 503]);
		expect(statuses.at(-1)).toBe(200);
		expect((await json('GET', 'subscriptions')).json().value).toHaveLength(1);
		receiver.status = 410;
		await json('POST', `companies(${companyId})/customers`, { displayName: 'Kill It' });
		await until(async () => (await json('GET', 'subscriptions')).json().value.length === 0, 'deletion on 410');
		await json('PATCH', '/sandbox/webhooks/settings', { maxAttempts: 5 });
		receiver.status = 200;
	});

	it('limits subscriptions per environment', async () => {
		await json('PATCH', '/sandbox/webhooks/settings', { maxSubscriptions: 2 });
		expect((await subscribe()).status).toBe(201);
		expect((await subscribe()).status).toBe(201);
		const third = await subscribe();
		expect(third.status).toBe(400);
		expect(third.json().error.message).toMatch(/maximum number of subscriptions \(2\)/);
		await json('POST', '/sandbox/webhooks/expire', {});
		await json('PATCH', '/sandbox/webhooks/settings', { maxSubscriptions: 200 });
	});

	it('lists webhookSupportedResources on the runtime API, with BC’s wildcard filter', async () => {
		const url = `${client.apiRoot().replace(/api\/v2\.0$/, '')}api/microsoft/runtime/beta/companies(${companyId})/webhookSupportedResources?$filter=resource%20eq%20'v2.0*'`;
		const response = await client.request(url, { headers: { authorization: `Bearer ${token}` } });
		expect(response.status).toBe(200);
		const resources = response.json().value.map((r: { resource: string }) => r.resource);
		expect(resources).toEqual(expect.arrayContaining(['v2.0/customers', 'v2.0/items', 'v2.0/salesOrders']));
		expect(resources.every((r: string) => r.startsWith('v2.0/'))).toBe(true);
	});
});
