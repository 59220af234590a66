/**
 * Query options are percent-decoded exactly once, as BC decodes them: a literal sent as `%2527` is the three
 * characters `%27`, not a quote; a doubled quote (`''`, sent as `%27%27`) is one quote.
 */
import { startTestSandbox, stopTestSandbox } from '../http/client';
import { expectBcError, TestApi } from './api';

const t = new TestApi();
const names = ['x%27y', "x'y", 'a%20b', 'a b', '100%'];

beforeAll(async () => {
	for (const displayName of names) {
		const res = await t.call('POST', t.path('customers'), { body: { displayName } });
		expect(res.status).toBe(201);
	}
});

/** Percent-encodes a query value the way most clients do, quotes included (`'` → `%27`). */
const encode = (text: string) => encodeURIComponent(text).replace(/'/g, '%27');

const matching = async (filter: string): Promise<string[]> => {
	const res = await t.get(t.path('customers'), `$filter=${encode(filter)}&$select=displayName`);
	if (res.status !== 200) throw new Error(`${filter}: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.value.map((c: { displayName: string }) => c.displayName);
};

describe('percent-decoding of query options happens once', () => {
	it('matches a literal %27 as the three characters, not as a quote', async () => {
		expect(encode("'x%27y'")).toBe('%27x%2527y%27');
		expect(await matching("displayName eq 'x%27y'")).toEqual(['x%27y']);
		expect(await matching("displayName eq 'x''y'")).toEqual(["x'y"]);
		expect(await matching("contains(displayName,'%27')")).toEqual(['x%27y']);
	});

	it('keeps other escapes and a bare % literal as typed', async () => {
		expect(await matching("displayName eq 'a%20b'")).toEqual(['a%20b']);
		expect(await matching("displayName eq 'a b'")).toEqual(['a b']);
		expect(await matching("displayName eq '100%'")).toEqual(['100%']);
		expect(await matching("startswith(displayName,'a%2')")).toEqual(['a%20b']);
	});

	it('decodes the syntax once too: an encoded space outside a string is not whitespace', async () => {
		expectBcError(
			await t.get(t.path('customers'), `$filter=${encode("displayName%20eq 'a b'")}`),
			400,
			'BadRequest_NotFound',
			'Bad Request - Error in query syntax.',
		);
		// Once-encoded syntax is fine (the usual case).
		const res = await t.get(t.path('customers'), `$filter=displayName%20eq%20%27a%20b%27&$select=displayName`);
		expect(res.body.value).toEqual([{ '@odata.etag': expect.any(String), displayName: 'a b' }]);
	});

	it('applies the same rule inside $expand options', async () => {
		const res = await t.get(
			t.path('salesOrders'),
			`$top=1&$expand=${encode("salesOrderLines($filter=description eq 'x%27y')")}`,
		);
		expect(res.status).toBe(200);
		expect(res.body.value[0].salesOrderLines).toEqual([]);
	});
});

describe('percent-decoding over HTTPS', () => {
	it('matches x%27y literally when the client sends %2527', async () => {
		const { client } = await startTestSandbox();
		try {
			const headers = { authorization: `Bearer ${await client.appToken()}`, 'content-type': 'application/json' };
			const root = client.apiRoot('production');
			const companyId = (await client.request(`${root}/companies`, { headers })).json().value[0].id;
			const customers = `${root}/companies(${companyId})/customers`;
			for (const displayName of ['x%27y', "x'y"])
				expect(
					(await client.request(customers, { method: 'POST', headers, body: JSON.stringify({ displayName }) })).status,
				).toBe(201);
			const res = await client.request(`${customers}?$filter=displayName%20eq%20%27x%2527y%27&$select=displayName`, {
				headers,
			});
			expect(res.status).toBe(200);
			expect(res.json().value.map((c: { displayName: string }) => c.displayName)).toEqual(['x%27y']);
		} finally {
			await stopTestSandbox(client);
		}
	});
});
