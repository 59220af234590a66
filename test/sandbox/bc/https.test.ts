/**
 * The data layer behind the real HTTP layer (`startSandbox`, HTTPS with the sandbox CA, Entra token):
 * what a connector sees on the wire.
 */
import { startTestSandbox, stopTestSandbox, type SandboxClient } from '../http/client';

let client: SandboxClient;
let auth: Record<string, string>;
let root: string;
let companyId: string;

beforeAll(async () => {
	({ client } = await startTestSandbox({ customerCount: 1200 }));
	auth = { authorization: `Bearer ${await client.appToken()}` };
	root = client.apiRoot('production');
	const companies = await client.request(`${root}/companies`, { headers: auth });
	companyId = companies.json().value.find((c: { name: string }) => c.name === 'CRONUS USA, Inc.').id;
});
afterAll(() => stopTestSandbox(client));

describe('BC data layer over HTTPS', () => {
	it('lists companies with the context URL of the address the client used', async () => {
		const res = await client.request(`${root}/companies`, { headers: auth });
		expect(res.status).toBe(200);
		const body = res.json();
		expect(body['@odata.context']).toBe(`${root}/$metadata#companies`);
		expect(body.value.map((c: { name: string }) => c.name)).toEqual(['CRONUS USA, Inc.', "Müller & O'Brien GmbH"]);
	});

	it('follows nextLinks verbatim to read every customer once', async () => {
		let url: string | undefined = `${root}/companies(${companyId})/customers?$select=id,number`;
		const ids: string[] = [];
		let pages = 0;
		while (url) {
			const res = await client.request(url, { headers: { ...auth, prefer: 'odata.maxpagesize=500' } });
			expect(res.status).toBe(200);
			expect(res.headers['preference-applied']).toBe('odata.maxpagesize=500');
			const body = res.json();
			ids.push(...body.value.map((c: { id: string }) => c.id));
			url = body['@odata.nextLink'];
			pages++;
		}
		expect(pages).toBe(3);
		expect(new Set(ids).size).toBe(1200);
	});

	it('filters on a non-ASCII name with an escaped quote and addresses a company by ?company=<name>', async () => {
		const filter = encodeURIComponent("displayName eq 'O''Neil & Söhne'");
		const res = await client.request(
			`${root}/customers?company=${encodeURIComponent('CRONUS USA, Inc.')}&$filter=${filter}`,
			{ headers: auth },
		);
		expect(res.status).toBe(200);
		expect(res.json().value.map((c: { number: string }) => c.number)).toEqual(['60000']);
	});

	it('creates and updates with ETags; errors carry BC’s body and the correlation id', async () => {
		const created = await client.request(`${root}/companies(${companyId})/customers`, {
			method: 'POST',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ displayName: 'Über Möbel AG' }),
		});
		expect(created.status).toBe(201);
		const c = created.json();
		expect(created.headers.location).toBe(`${root}/companies(${companyId})/customers(${c.id})`);
		const noMatch = await client.request(`${root}/companies(${companyId})/customers(${c.id})`, {
			method: 'PATCH',
			headers: { ...auth, 'content-type': 'application/json' },
			body: JSON.stringify({ city: 'Zürich' }),
		});
		expect(noMatch.status).toBe(400);
		expect(noMatch.json().error.code).toBe('BadRequest_InvalidToken');
		expect(noMatch.json().error.message).toMatch(/ {2}CorrelationId: {2}[0-9a-f-]{36}\.$/);
		const ok = await client.request(`${root}/companies(${companyId})/customers(${c.id})`, {
			method: 'PATCH',
			headers: { ...auth, 'content-type': 'application/json', 'if-match': c['@odata.etag'] },
			body: JSON.stringify({ city: 'Zürich' }),
		});
		expect(ok.status).toBe(200);
		expect(ok.json().city).toBe('Zürich');
		const del = await client.request(`${root}/companies(${companyId})/customers(${c.id})`, {
			method: 'DELETE',
			headers: { ...auth, 'if-match': ok.json()['@odata.etag'] },
		});
		expect(del.status).toBe(204);
	});
});
