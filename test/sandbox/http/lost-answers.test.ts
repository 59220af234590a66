/**
 * Fault mode "apply, then lose the answer" (faults.lostAnswers) over HTTPS: the write happens, the client gets a
 * dropped connection or a 504, and the record is there when it looks.
 */
import type { RunningSandbox } from '../../../sandbox/index';
import { startTestSandbox, stopTestSandbox, type HttpResult, type SandboxClient } from './client';

let sandbox: RunningSandbox;
let client: SandboxClient;
let headers: Record<string, string>;
let customers: string;
let vendors: string;

const patchSettings = (body: unknown) =>
	client.request('/sandbox/control/settings', {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
const post = (url: string, body: unknown) =>
	client.request(url, { method: 'POST', headers, body: JSON.stringify(body) });
const named = async (displayName: string): Promise<Array<{ id: string; displayName: string; phoneNumber: string }>> => {
	const filter = encodeURIComponent(`displayName eq '${displayName}'`);
	const res = await client.request(`${customers}?$filter=${filter}`, { headers });
	expect(res.status).toBe(200);
	return res.json().value;
};

beforeAll(async () => {
	({ sandbox, client } = await startTestSandbox());
	headers = { authorization: `Bearer ${await client.appToken()}`, 'content-type': 'application/json' };
	const root = client.apiRoot('production');
	const companyId = (await client.request(`${root}/companies`, { headers })).json().value[0].id;
	customers = `${root}/companies(${companyId})/customers`;
	vendors = `${root}/companies(${companyId})/vendors`;
});
afterAll(() => stopTestSandbox(client));
beforeEach(async () => {
	await patchSettings({ faults: {} });
	sandbox.control.reset();
});

describe('apply, then lose the answer', () => {
	it('drops the connection after a POST on customers, and the customer exists', async () => {
		const settings = await patchSettings({
			faults: { lostAnswers: [{ methods: ['POST'], resources: ['customers'], share: 1 }] },
		});
		expect(settings.status).toBe(200);
		expect(settings.json().faults.lostAnswers).toEqual([{ methods: ['POST'], resources: ['customers'], share: 1 }]);

		await expect(post(customers, { displayName: 'Lost Answer One' })).rejects.toMatchObject({
			code: expect.stringMatching(/ECONNRESET|ECONNABORTED|EPIPE/),
		});
		expect(await named('Lost Answer One')).toHaveLength(1);
		// Other methods and entity sets keep their answers.
		expect((await post(vendors, { displayName: 'Vendor Kept' })).status).toBe(201);
		expect((await client.request(customers, { headers })).status).toBe(200);

		const stats = sandbox.control.stats();
		expect(stats.faulted).toBe(1);
		expect(stats.requests['POST /api/v2.0/companies({id})/customers']).toEqual({ dropped: 1 });
		expect(stats.requests['POST /api/v2.0/companies({id})/vendors']).toEqual({ '201': 1 });
	});

	it('answers 504 instead, for any write by default, after applying it', async () => {
		const created = (await post(customers, { displayName: 'Lost Answer Two' })).json();
		await patchSettings({ faults: { lostAnswers: [{ share: 1, outcome: 'gateway-timeout' }] } });

		const patched = await client.request(`${customers}(${created.id})`, {
			method: 'PATCH',
			headers: { ...headers, 'if-match': created['@odata.etag'] },
			body: JSON.stringify({ phoneNumber: '555-0100' }),
		});
		expect(patched.status).toBe(504);
		expect(patched.json().error.code).toBe('Internal_GatewayTimeout');
		expect((await named('Lost Answer Two'))[0].phoneNumber).toBe('555-0100');

		// Without the fault, a retry with the old ETag fails: the first PATCH did happen.
		await patchSettings({ faults: {} });
		const retried = await client.request(`${customers}(${created.id})`, {
			method: 'PATCH',
			headers: { ...headers, 'if-match': created['@odata.etag'] },
			body: JSON.stringify({ phoneNumber: '555-0100' }),
		});
		expect(retried.status).toBe(409);
		expect(retried.json().error.code).toBe('Request_EntityChanged');
		expect(sandbox.control.log().map((e) => [e.method, e.status])).toContainEqual(['PATCH', 504]);
	});

	it('loses a share of the answers, reproducibly for a seed, and applies every write', async () => {
		const run = async (tag: string): Promise<number[]> => {
			await patchSettings({
				faults: { seed: 7, lostAnswers: [{ resources: ['customers'], share: 0.5, outcome: 'gateway-timeout' }] },
			});
			const statuses: number[] = [];
			for (let i = 0; i < 10; i++) statuses.push((await post(customers, { displayName: `${tag} ${i}` })).status);
			return statuses;
		};
		const first = await run('Seeded A');
		expect(await run('Seeded B')).toEqual(first);
		expect(new Set(first)).toEqual(new Set([201, 504]));
		for (let i = 0; i < 10; i++) expect(await named(`Seeded A ${i}`)).toHaveLength(1);
	});

	it('rejects invalid rules naming the field', async () => {
		const bad = async (lostAnswers: unknown): Promise<HttpResult> => patchSettings({ faults: { lostAnswers } });
		expect((await bad({ share: 1 })).json().error).toBe('faults.lostAnswers must be an array of rules');
		expect((await bad([{ share: 2 }])).json().error).toBe(
			'faults.lostAnswers[0].share must be a number between 0 and 1',
		);
		expect((await bad([{ share: 1, outcome: 'boom' }])).json().error).toBe(
			"faults.lostAnswers[0].outcome must be 'drop' or 'gateway-timeout'",
		);
		expect((await bad([{ share: 1, methods: 'POST' }])).status).toBe(400);
		expect((await bad([{ share: 1, entitySet: 'customers' }])).json().error).toMatch(/unknown field 'entitySet'/);
	});
});
