/**
 * How a JSON `$batch` counts against the rate limit of 6,000 requests per 5 minutes per principal
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online):
 * as one request (default; UNVERIFIED, Microsoft presents batching as a way to cut the request count) or, with the
 * limit `batchCountsAs: 'operations'`, as one per operation. Either way it takes one concurrency slot.
 */
import { startTestSandbox, stopTestSandbox, type SandboxClient } from './client';

let client: SandboxClient;
let token: string;

beforeAll(async () => {
	({ client } = await startTestSandbox());
	token = await client.appToken();
});
afterAll(() => stopTestSandbox(client));

const settings = (limits: Record<string, unknown>) =>
	client.request('/sandbox/control/settings', {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ limits }),
	});
const reset = () =>
	client.request('/sandbox/control/reset', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
/** A `$batch` of `n` reads of the company list. */
const batchOf = (n: number) =>
	client.request(`${client.apiRoot()}/$batch`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			requests: Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'GET', url: 'companies' })),
		}),
	});

afterEach(async () => {
	await settings({ requestsPerWindow: 6000, batchCountsAs: 'request' });
	await reset();
});

it('counts a $batch as one request by default: two batches of 100 fit a window of 150', async () => {
	await reset();
	await settings({ requestsPerWindow: 150 });
	expect((await batchOf(100)).status).toBe(200);
	expect((await batchOf(100)).status).toBe(200);
});

it("with batchCountsAs 'operations' a $batch of 100 takes 100 of the window: the second gets 429 with Retry-After", async () => {
	await reset();
	await settings({ requestsPerWindow: 150, batchCountsAs: 'operations' });
	const first = await batchOf(100);
	expect(first.status).toBe(200);
	expect(first.json().responses).toHaveLength(100);
	const second = await batchOf(100);
	expect(second.status).toBe(429);
	expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
	// 50 left in the window: a batch of 50 still fits, and then a single request does not.
	expect((await batchOf(50)).status).toBe(200);
	expect((await batchOf(1)).status).toBe(429);
});

it('refuses an unknown batchCountsAs value, naming the setting', async () => {
	const response = await settings({ batchCountsAs: 'each' });
	expect(response.status).toBe(400);
	expect(response.text).toMatch(/limits\.batchCountsAs must be 'request' or 'operations'/);
});
