import { expectBcError, TestApi } from './api';

const t = new TestApi();
const numbers = async (set: string, filter: string, extra = ''): Promise<string[]> => {
	const res = await t.get(t.path(set), `$filter=${encodeURIComponent(filter)}&$select=number${extra}`);
	if (res.status !== 200) throw new Error(`${filter}: ${res.status} ${JSON.stringify(res.body)}`);
	return res.body.value.map((r: { number: string }) => r.number);
};

describe('$filter as BC implements it (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris)', () => {
	it('compares strings with eq ne gt ge lt le (case-sensitive)', async () => {
		expect(await numbers('customers', "number eq '20000'")).toEqual(['20000']);
		expect(await numbers('customers', "number ne '20000'")).toHaveLength(7);
		expect(await numbers('customers', "number gt '60000'")).toEqual(['70000', '80000']);
		expect(await numbers('customers', "number ge '70000'")).toEqual(['70000', '80000']);
		expect(await numbers('customers', "number lt '20000'")).toEqual(['10000']);
		expect(await numbers('customers', "number le '20000'")).toEqual(['10000', '20000']);
		expect(await numbers('customers', "displayName eq 'adatum corporation'")).toEqual([]);
		expect(await numbers('customers', "tolower(displayName) eq 'adatum corporation'")).toEqual(['10000']);
	});

	it('upper-cases literals for AL Code fields (number, codes) like SetFilter does', async () => {
		expect(await numbers('items', "number eq '1896-s'")).toEqual(['1896-S']);
		expect(await numbers('items', "startswith(number,'gr')")).toEqual(['GRÜN-01']);
		expect(await numbers('customers', "city eq 'atlanta'")).toEqual([]);
	});

	it('unescapes doubled quotes and handles non-ASCII and & in literals', async () => {
		expect(await numbers('customers', "displayName eq 'O''Neil & Söhne'")).toEqual(['60000']);
		expect(await numbers('customers', `displayName eq 'Søren "Sunny" Åkesson'`)).toEqual(['70000']);
	});

	it('supports startswith, endswith, contains', async () => {
		expect(await numbers('customers', "startswith(displayName,'A')")).toEqual(['10000', '40000']);
		expect(await numbers('customers', "endswith(displayName,'Research')")).toEqual(['20000']);
		expect(await numbers('customers', "contains(displayName,'ö')")).toEqual(['60000']);
	});

	it('combines with and, and with or on the same property', async () => {
		expect(await numbers('customers', "startswith(displayName,'A') and city eq 'Atlanta'")).toEqual(['10000', '40000']);
		expect(await numbers('customers', "number eq '10000' or number eq '30000'")).toEqual(['10000', '30000']);
		expect(await numbers('customers', "(number eq '10000' or number eq '30000') and taxLiable eq true")).toEqual([
			'10000',
			'30000',
		]);
	});

	it('rejects or across distinct properties with BC’s message', async () => {
		const res = await t.get(
			t.path('customers'),
			`$filter=${encodeURIComponent("number eq '10000' or city eq 'Miami'")}`,
		);
		expectBcError(res, 400, 'BadRequest', "The 'OR' operator is not supported on distinct fields on an OData filter.");
	});

	it('compares numbers, booleans, GUIDs, dates and datetimes with BC’s bare literals', async () => {
		expect(await numbers('customers', 'creditLimit gt 4000')).toEqual(['30000', '60000']);
		expect(await numbers('customers', 'creditLimit eq 2500.00')).toEqual(['80000']);
		expect(await numbers('customers', 'taxLiable eq false')).toEqual(['60000', '70000']);
		const c = (await t.get(t.path('customers'), "$filter=number eq '50000'")).body.value[0];
		expect(await numbers('customers', `id eq ${c.id.toUpperCase()}`)).toEqual(['50000']);
		expect(await numbers('customers', `lastModifiedDateTime ge ${c.lastModifiedDateTime}`)).toEqual([
			'50000',
			'60000',
			'70000',
			'80000',
		]);
		expect(await numbers('customers', 'lastModifiedDateTime gt 2030-01-01T00:00:00Z')).toEqual([]);
		expect(await numbers('salesOrders', 'orderDate ge 2024-06-05')).toHaveLength(2);
		expect(await numbers('salesOrders', 'orderDate eq 2024-06-03')).toHaveLength(1);
	});

	it('compares enums by member name (blank member too) and rejects unknown members', async () => {
		expect(await numbers('customers', "blocked eq 'Ship'")).toEqual(['80000']);
		expect(await numbers('customers', "blocked eq ' '")).toHaveLength(7);
		expect(await numbers('customers', "blocked eq '_x0020_'")).toHaveLength(7);
		expect(await numbers('customers', "type eq 'Person'")).toEqual(['70000']);
		expectBcError(await t.get(t.path('customers'), `$filter=blocked eq 'Nope'`), 400, 'BadRequest');
	});

	it('rejects unknown properties with the captured BC message', async () => {
		const res = await t.get(t.path('balanceSheets'), `$filter=lastModifiedDateTime gt 2024-01-01T00:00:00Z`);
		expectBcError(
			res,
			400,
			'BadRequest',
			"Could not find a property named 'lastModifiedDateTime' on type 'Microsoft.NAV.balanceSheet'.",
		);
		expectBcError(
			await t.get(t.path('customers'), '$filter=x eq 1'),
			400,
			'BadRequest',
			"Could not find a property named 'x' on type 'Microsoft.NAV.customer'.",
		);
	});

	it('rejects syntax errors with "Bad Request - Error in query syntax."', async () => {
		for (const f of [
			'number eq',
			"number eq '10000",
			'number eq 1 and',
			'startswith(number',
			"number eq '1' AND city eq 'x'",
		]) {
			expectBcError(
				await t.get(t.path('customers'), `$filter=${encodeURIComponent(f)}`),
				400,
				'BadRequest_NotFound',
				'Bad Request - Error in query syntax.',
			);
		}
	});

	it('rejects literals of the wrong type with OData’s incompatible-types message', async () => {
		expectBcError(
			await t.get(t.path('customers'), '$filter=number eq 10000'),
			400,
			'BadRequest',
			"A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'Equal'.",
		);
		expectBcError(
			await t.get(t.path('customers'), `$filter=id eq 'abc'`),
			400,
			'BadRequest',
			/incompatible types.*'Edm.Guid' and 'Edm.String'/,
		);
	});

	it('accepts + as a space like ASP.NET query decoding', async () => {
		const res = await t.get(t.path('customers'), "$filter=number+eq+'10000'&$select=number");
		expect(res.body.value).toEqual([expect.objectContaining({ number: '10000' })]);
	});
});
