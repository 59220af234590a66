import errorsFixture from '../../fixtures/bc-errors-from-public-issues.json';
import { decodeEtag, expectBcError, ROOT, TestApi } from './api';

const NOW = Date.UTC(2025, 2, 5, 19, 19, 22, 370);
const t = new TestApi({ clock: () => NOW });
const newCustomer = (extra: Record<string, unknown> = {}) =>
	t.call('POST', t.path('customers'), { body: { displayName: 'Fabrikam Süd GmbH', ...extra } });

describe('POST (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_create)', () => {
	it('creates a customer: 201, full entity, etag, Location, number from the series, lastModifiedDateTime now', async () => {
		const res = await newCustomer({ email: 'a@b.example', blocked: 'Invoice' });
		expect(res.status).toBe(201);
		expect(res.body['@odata.context']).toBe(`${ROOT}/$metadata#companies(${t.companyId()})/customers/$entity`);
		expect(decodeEtag(res.body['@odata.etag'])).toMatch(/^'\d+;\d+;00;'$/);
		expect(res.body.number).toMatch(/^C\d{5}$/);
		expect(res.body.blocked).toBe('Invoice');
		expect(res.body.lastModifiedDateTime).toBe('2025-03-05T19:19:22.37Z');
		expect(res.headers?.location).toBe(`${ROOT}/companies(${t.companyId()})/customers(${res.body.id})`);
		const again = await t.get(t.path(`customers(${res.body.id})`));
		expect(again.body).toEqual(res.body);
		const next = await newCustomer();
		expect(Number(next.body.number.slice(1))).toBe(Number(res.body.number.slice(1)) + 10);
	});

	it('gives a Location under companies(<id>) also when the company came from ?company=', async () => {
		const res = await t.call('POST', 'customers', {
			query: `company=${t.companyId()}`,
			body: { displayName: 'Via query' },
		});
		expect(res.status).toBe(201);
		expect(res.headers?.location).toBe(`${ROOT}/companies(${t.companyId()})/customers(${res.body.id})`);
		expect(res.body['@odata.context']).toBe(`${ROOT}/$metadata#customers/$entity`);
	});

	it('accepts a client-supplied id and upper-cases Code fields', async () => {
		const id = '5d1c0b6e-1234-4a3b-9c3d-aabbccddeeff';
		const res = await newCustomer({ id: id.toUpperCase(), number: 'cust-x1' });
		expect(res.status).toBe(201);
		expect(res.body.id).toBe(id);
		expect(res.body.number).toBe('CUST-X1');
		expectBcError(await newCustomer({ id }), 409, 'Internal_EntityWithSameKeyExists');
	});

	it('rejects a duplicate customer number with 409 Internal_EntityWithSameKeyExists', async () => {
		expectBcError(
			await newCustomer({ number: '10000' }),
			409,
			'Internal_EntityWithSameKeyExists',
			"The Customer already exists. Identification fields and values: No.='10000'",
		);
	});

	it('validates like BC: length, blank name, enum, GUID, unknown property, read-only field, JSON type, null', async () => {
		const long = 'x'.repeat(101);
		expectBcError(
			await newCustomer({ displayName: long }),
			400,
			'Application_StringExceededLength',
			`The length of the string is 101, but it must be less than or equal to 100 characters. Value: ${long}`,
		);
		expectBcError(
			await newCustomer({ number: 'N'.repeat(21) }),
			400,
			'Application_StringExceededLength',
			/must be less than or equal to 20 characters/,
		);
		expectBcError(
			await t.call('POST', t.path('customers'), { body: { email: 'x@y.example' } }),
			400,
			'Application_DialogException',
			'A "displayName" must be provided.',
		);
		expectBcError(
			await newCustomer({ blocked: 'Sometimes' }),
			400,
			'Unknown',
			"'Sometimes' is not an option. The existing options are:  ,Ship,Invoice,All",
		);
		expectBcError(await newCustomer({ currencyId: 'not-a-guid' }), 400, 'Application_InvalidGUID');
		expectBcError(
			await newCustomer({ favouriteColour: 'red' }),
			400,
			'BadRequest',
			/^The property 'favouriteColour' does not exist on type 'Microsoft.NAV.customer'/,
		);
		expectBcError(
			await newCustomer({ balanceDue: 5 }),
			400,
			'BadRequest_InvalidOperation',
			"Control 'Balance Due' is read-only",
		);
		expectBcError(
			await newCustomer({ lastModifiedDateTime: '2024-01-01T00:00:00Z' }),
			400,
			'BadRequest_InvalidOperation',
		);
		expectBcError(
			await newCustomer({ creditLimit: '12.5' }),
			400,
			'BadRequest',
			"Cannot convert a value to target type 'Edm.Decimal' because of conflict between input format string/number and parameter 'IEEE754Compatible' false/true.",
		);
		const ieee = { 'Content-Type': 'application/json;IEEE754Compatible=true' };
		expect(
			(await t.call('POST', t.path('customers'), { body: { displayName: 'IEEE', creditLimit: '12.5' }, headers: ieee }))
				.body.creditLimit,
		).toBe(12.5);
		expectBcError(
			await t.call('POST', t.path('customers'), { body: { displayName: 'IEEE', creditLimit: 'lots' }, headers: ieee }),
			400,
			'BadRequest',
			"Cannot convert the literal 'lots' to the expected type 'Edm.Decimal'.",
		);
		expectBcError(
			await newCustomer({ creditLimit: true }),
			400,
			'BadRequest',
			"Cannot convert the literal 'true' to the expected type 'Edm.Decimal'.",
		);
		expectBcError(await newCustomer({ taxLiable: 'yes' }), 400, 'BadRequest', /'Edm.Boolean'/);
		expectBcError(
			await newCustomer({ city: null }),
			400,
			'BadRequest_RequiredParamNotProvided',
			"Field 'city' must not be blank or empty.",
		);
		expectBcError(await t.call('POST', t.path('customers'), { body: [] }), 400, 'BadRequest', 'Invalid Request Body');
		expectBcError(
			await t.call('POST', t.path('customers'), { body: Buffer.from('x') }),
			400,
			'BadRequest',
			'Invalid Request Body',
		);
	});

	it('answers 204 with Location when the client prefers return=minimal', async () => {
		const res = await t.call('POST', t.path('customers'), {
			body: { displayName: 'Minimal Ltd.' },
			headers: { Prefer: 'return=minimal' },
		});
		expect(res.status).toBe(204);
		expect(res.body).toBeUndefined();
		expect(res.headers?.['preference-applied']).toBe('return=minimal');
		const created = await t.get(res.headers!.location.slice(ROOT.length + 1));
		expect(created.body.displayName).toBe('Minimal Ltd.');
	});

	it('refuses writes on read-only entity sets with 405 and BC’s text', async () => {
		expectBcError(
			await t.call('POST', t.path('generalLedgerEntries'), { body: {} }),
			405,
			'BadRequest_MethodNotAllowed',
			"'POST' requests for 'generalLedgerEntries' of EdmType 'Entity' are not allowed within Microsoft Dynamics NAV OData web services.",
		);
		expectBcError(await t.call('POST', t.path('customerSales'), { body: {} }), 405, 'BadRequest_MethodNotAllowed');
		const dim = (await t.get(t.path('dimensions'), '$top=1')).body.value[0];
		expectBcError(
			await t.call('PATCH', t.path(`dimensions(${dim.id})`), { body: {}, headers: { 'If-Match': '*' } }),
			405,
			'BadRequest_MethodNotAllowed',
			"'PATCH' requests for 'dimensions' of EdmType 'Entity' are not allowed within Microsoft Dynamics NAV OData web services.",
		);
		expectBcError(
			await t.call('DELETE', t.path(`dimensions(${dim.id})`), { headers: { 'If-Match': '*' } }),
			405,
			'BadRequest_MethodNotAllowed',
		);
	});
});

describe('PATCH and DELETE with ETags (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-to-modify-data)', () => {
	it('PATCH needs If-Match: missing → 400 BadRequest_InvalidToken (fixture text), stale → 409, fresh → 200 and a new ETag', async () => {
		const c = (await newCustomer()).body;
		const path = t.path(`customers(${c.id})`);
		const missing = await t.call('PATCH', path, { body: { city: 'Graz' } });
		const real = errorsFixture['BadRequest_InvalidToken_missing_or_bad_If-Match'].body.error;
		expectBcError(missing, 400, real.code, real.message);
		const ok = await t.call('PATCH', path, {
			body: { city: 'Graz', '@odata.etag': 'ignored' },
			headers: { 'If-Match': c['@odata.etag'] },
		});
		expect(ok.status).toBe(200);
		expect(ok.body.city).toBe('Graz');
		expect(ok.body.displayName).toBe(c.displayName);
		expect(ok.body['@odata.etag']).not.toBe(c['@odata.etag']);
		expectBcError(
			await t.call('PATCH', path, { body: { city: 'Linz' }, headers: { 'If-Match': c['@odata.etag'] } }),
			409,
			'Request_EntityChanged',
			'Another user has already changed the record.',
		);
		const star = await t.call('PATCH', path, { body: { city: 'Linz' }, headers: { 'If-Match': '*' } });
		expect(star.body.city).toBe('Linz');
	});

	it('PATCH validates too: read-only id change, blank name, duplicate number; a failed PATCH changes nothing', async () => {
		const c = (await newCustomer()).body;
		const path = t.path(`customers(${c.id})`);
		const h = { 'If-Match': '*' };
		expectBcError(
			await t.call('PATCH', path, { body: { id: '0badf00d-0000-4000-8000-000000000000' }, headers: h }),
			400,
			'Application_DialogException',
		);
		expect((await t.call('PATCH', path, { body: { id: c.id, city: 'Wels' }, headers: h })).status).toBe(200);
		expectBcError(
			await t.call('PATCH', path, { body: { displayName: '' }, headers: h }),
			400,
			'Application_DialogException',
			'The blank "displayName" is not allowed.',
		);
		expectBcError(
			await t.call('PATCH', path, { body: { number: '20000' }, headers: h }),
			409,
			'Internal_EntityWithSameKeyExists',
		);
		expect((await t.get(path)).body.number).toBe(c.number);
	});

	it('DELETE needs If-Match by default (204 then 404); deleteRequiresIfMatch=false makes it optional', async () => {
		const c = (await newCustomer()).body;
		const path = t.path(`customers(${c.id})`);
		expectBcError(await t.call('DELETE', path), 400, 'BadRequest_InvalidToken');
		expectBcError(
			await t.call('DELETE', path, { headers: { 'If-Match': 'W/"JzE5OzE7MDA7Jw=="' } }),
			409,
			'Request_EntityChanged',
		);
		expect(await t.call('DELETE', path, { headers: { 'If-Match': c['@odata.etag'] } })).toMatchObject({ status: 204 });
		expectBcError(await t.get(path), 404, 'Internal_RecordNotFound');
		const lax = new TestApi({ deleteRequiresIfMatch: false });
		const other = (await lax.call('POST', lax.path('customers'), { body: { displayName: 'Tmp' } })).body;
		expect((await lax.call('DELETE', lax.path(`customers(${other.id})`))).status).toBe(204);
	});
});
