import { ROOT, TestApi } from './api';

describe('server-driven paging (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/Server-Driven-Paging-in-OData-Web-Services)', () => {
	const t = new TestApi({ customerCount: 2500, maxPageSize: 1000 });

	async function collect(first: Awaited<ReturnType<TestApi['get']>>, headers: Record<string, string> = {}) {
		const pages = [first];
		while (pages[pages.length - 1].body['@odata.nextLink'])
			pages.push(await t.follow(pages[pages.length - 1].body['@odata.nextLink'], headers));
		return pages;
	}

	it('pages at maxPageSize with nextLinks <root>/<path>?aid=FIN&$skiptoken=<last id>; the last page has none', async () => {
		const first = await t.get(t.path('customers'));
		expect(first.body.value).toHaveLength(1000);
		const last = first.body.value[999];
		expect(first.body['@odata.nextLink']).toBe(`${ROOT}/${t.path('customers')}?aid=FIN&$skiptoken=${last.id}`);
		const pages = await collect(first);
		expect(pages.map((p) => p.body.value.length)).toEqual([1000, 1000, 500]);
		const ids = pages.flatMap((p) => p.body.value.map((c: { id: string }) => c.id));
		expect(new Set(ids).size).toBe(2500);
		expect(pages[2].body['@odata.nextLink']).toBeUndefined();
	});

	it('honours Prefer: odata.maxpagesize (capped at the maximum) and says so in Preference-Applied', async () => {
		const res = await t.get(t.path('customers'), '', { Prefer: 'odata.maxpagesize=300' });
		expect(res.body.value).toHaveLength(300);
		expect(res.headers?.['preference-applied']).toBe('odata.maxpagesize=300');
		const capped = await t.get(t.path('customers'), '', { Prefer: 'odata.maxpagesize=50000' });
		expect(capped.body.value).toHaveLength(1000);
		expect(capped.headers?.['preference-applied']).toBe('odata.maxpagesize=1000');
		const pages = await collect(res, { Prefer: 'odata.maxpagesize=300' });
		expect(pages).toHaveLength(9);
	});

	it('carries $filter, $select, $orderby, $expand and company= in the nextLink so clients follow it verbatim', async () => {
		const q = `company=${encodeURIComponent('CRONUS USA, Inc.')}&$filter=${encodeURIComponent("city eq 'Atlanta'")}&$select=number,city&$orderby=displayName`;
		const first = await t.get('customers', q, { Prefer: 'odata.maxpagesize=100' });
		const next: string = first.body['@odata.nextLink'];
		expect(next).toContain(`$filter=${encodeURIComponent("city eq 'Atlanta'")}`);
		expect(next).toContain('$select=number,city');
		expect(next).toContain('$orderby=displayName');
		expect(next).toContain('company=CRONUS%20USA%2C%20Inc.');
		const pages = await collect(first, { Prefer: 'odata.maxpagesize=100' });
		const rows = pages.flatMap((p) => p.body.value);
		const all = await t.get('customers', q, { Prefer: 'odata.maxpagesize=1000' });
		expect(rows).toEqual(all.body.value);
		expect(rows.every((r: { city: string }) => r.city === 'Atlanta')).toBe(true);
	});

	it('rejects a $skiptoken that is not a key', async () => {
		const res = await t.get(t.path('customers'), '$skiptoken=abc');
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('BadRequest_NotFound');
	});

	it('gives no nextLink with $top, even above the page size', async () => {
		const res = await t.get(t.path('customers'), '$top=1500');
		expect(res.body.value).toHaveLength(1500);
		expect(res.body['@odata.nextLink']).toBeUndefined();
	});

	it('with $orderby, resumes after the skiptoken row even when that row was deleted meanwhile', async () => {
		const q = '$orderby=displayName desc&$select=id,displayName';
		const first = await t.get(t.path('customers'), q, { Prefer: 'odata.maxpagesize=7' });
		const expected = (await t.get(t.path('customers'), `${q}&$skip=7&$top=7`)).body.value;
		const last = first.body.value[6];
		expect((await t.call('DELETE', t.path(`customers(${last.id})`), { headers: { 'If-Match': '*' } })).status).toBe(
			204,
		);
		const second = await t.follow(first.body['@odata.nextLink'], { Prefer: 'odata.maxpagesize=7' });
		expect(second.body.value).toEqual(expected);
	});

	it('resumes correctly when the last row of a page was deleted before the next page is fetched', async () => {
		const first = await t.get(t.path('customers'), '', { Prefer: 'odata.maxpagesize=10' });
		const last = first.body.value[9];
		const del = await t.call('DELETE', t.path(`customers(${last.id})`), {
			headers: { 'If-Match': last['@odata.etag'] },
		});
		expect(del.status).toBe(204);
		const second = await t.follow(first.body['@odata.nextLink'], { Prefer: 'odata.maxpagesize=10' });
		const after = await t.get(t.path('customers'), `$skip=9&$top=1`);
		expect(second.body.value[0].id).toBe(after.body.value[0].id);
	});
});
