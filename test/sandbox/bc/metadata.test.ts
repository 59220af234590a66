/**
 * The `metadata` and `customApi` plugins in the data layer: `$metadata` (EDMX) for every route, the custom API route
 * `contoso/shipping/v1.0`, `entityDefinitions`, `apicategoryroutes` and the runtime `apiRoutes`.
 */
import { customApiPlugin, CUSTOM_API_ROUTE } from '../../../sandbox/bc/plugins/custom-api';
import { metadataPlugin } from '../../../sandbox/bc/plugins/metadata';
import { odataV4Plugin } from '../../../sandbox/bc/plugins/odatav4/plugin';
import { TestApi } from './api';

const api = new TestApi({ plugins: [metadataPlugin(), customApiPlugin(), odataV4Plugin()] });
const custom = { apiRoute: CUSTOM_API_ROUTE };

/** The attributes of the first element named `tag` whose Name is `name`. */
function element(xml: string, tag: string, name: string): string {
	const match = new RegExp(`<${tag} Name="${name}"[^>]*>`).exec(xml);
	if (!match) throw new Error(`no <${tag} Name="${name}">`);
	return match[0];
}

describe('$metadata', () => {
	it('describes the standard route in the Microsoft.NAV namespace with enums escaped and capabilities', async () => {
		const res = await api.call('GET', '$metadata');
		expect(res.status).toBe(200);
		expect(res.headers?.['content-type']).toBe('application/xml');
		const xml = String(res.body);
		expect(xml).toContain('<Schema Namespace="Microsoft.NAV"');
		const customer = /<EntityType Name="customer">[\s\S]*?<\/EntityType>/.exec(xml)?.[0];
		expect(customer).toContain('<Property Name="blocked" Type="Microsoft.NAV.customerBlocked"/>');
		expect(customer).toContain(
			'<NavigationProperty Name="defaultDimensions" Type="Collection(Microsoft.NAV.defaultDimension)" ContainsTarget="true"/>',
		);
		expect(xml).toMatch(/<EnumType Name="customerBlocked">\s*<Member Name="_x0020_" Value="0"\/>/);
		expect(xml).toMatch(
			/<EntitySet Name="companies" EntityType="Microsoft.NAV.company">\s*<Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false"\/>/,
		);
		expect(xml).toMatch(
			/<EntitySet Name="customers"[^>]*>\s*<Annotation[^>]*><Record><PropertyValue Property="Insertable" Bool="true"/,
		);
		expect(xml).toContain('<Action Name="post" IsBound="true">');
		expect(xml).toContain('<EntitySet Name="entityDefinitions" EntityType="Microsoft.NAV.entityMetadata"/>');
		expect(xml).not.toContain('EntityType="Microsoft.NAV.shipment"');
	});

	it('describes the custom route: key by code, every field type, MaxLength, NotBlank, escaped enum members', async () => {
		const xml = String((await api.call('GET', '$metadata', custom)).body);
		expect(xml).toMatch(/<EntityType Name="shipment">\s*<Key><PropertyRef Name="code"\/><\/Key>/);
		expect(element(xml, 'Property', 'code')).toBe(
			'<Property Name="code" Type="Edm.String" Nullable="false" MaxLength="20"/>',
		);
		for (const [name, type] of [
			['weightKg', 'Edm.Decimal'],
			['packageCount', 'Edm.Int32'],
			['trackingSequence', 'Edm.Int64'],
			['fragile', 'Edm.Boolean'],
			['plannedShipDate', 'Edm.Date'],
			['lastScanAt', 'Edm.DateTimeOffset'],
			['carrierId', 'Edm.Guid'],
			['status', 'Microsoft.NAV.shipmentStatus'],
		])
			expect(element(xml, 'Property', name)).toContain(`Type="${type}"`);
		expect(xml).toContain('<Member Name="In_x0020_Transit" Value="2"/>');
		expect(xml).toMatch(
			/<EntitySet Name="shipmentTrackingEvents"[^>]*>\s*<Annotation[^>]*><Record><PropertyValue Property="Insertable" Bool="false"/,
		);
		expect(xml).not.toContain('Name="customer"');
	});

	it('describes OData V4 web services in the NAV namespace with composite keys', async () => {
		const xml = String((await api.call('GET', '$metadata', { apiRoute: 'ODataV4' })).body);
		expect(xml).toContain('<Schema Namespace="NAV"');
		expect(xml).toMatch(
			/<EntityType Name="ContosoSalesOrders">\s*<Key><PropertyRef Name="Document_Type"\/><PropertyRef Name="No"\/><\/Key>/,
		);
		expect(xml).toContain('<Property Name="Document_Type" Type="NAV.salesDocumentType" Nullable="false"/>');
		expect(xml).not.toContain('Microsoft.NAV');
		const routes = await api.call('GET', 'apicategoryroutes');
		expect(routes.body.value.map((r: { route: string }) => r.route)).not.toContain('ODataV4');
	});

	it('answers 405 for a POST', async () => {
		expect((await api.call('POST', '$metadata', { body: {} })).status).toBe(405);
	});
});

describe('custom API route', () => {
	it('serves seeded shipments keyed by code and round-trips a create of every field type', async () => {
		const list = await api.call('GET', api.path('shipments'), custom);
		expect(list.body.value.map((r: { code: string }) => r.code)).toEqual(['SHP-1001', 'SHP-1002', 'SHP-1003']);
		const body = {
			code: 'shp-9',
			description: 'Test',
			customerNumber: '10000',
			weightKg: 1.5,
			packageCount: 2,
			trackingSequence: 42,
			fragile: true,
			plannedShipDate: '2024-07-01',
			lastScanAt: '2024-07-01T10:00:00Z',
			carrierId: '11111111-2222-3333-4444-555555555555',
			status: 'On_x0020_Hold',
		};
		const created = await api.call('POST', api.path('shipments'), { ...custom, body });
		expect(created.status).toBe(201);
		const read = await api.call('GET', api.path("shipments('SHP-9')"), custom);
		expect(read.body).toMatchObject({ ...body, code: 'SHP-9' });
		const tooLong = await api.call('POST', api.path('shipments'), { ...custom, body: { code: 'X'.repeat(21) } });
		expect(tooLong.body.error.code).toBe('Application_StringExceededLength');
		const readOnly = await api.call('POST', api.path('shipmentTrackingEvents'), { ...custom, body: {} });
		expect(readOnly.status).toBe(405);
	});
});

describe('discovery', () => {
	it('lists the routes (apicategoryroutes at the route root, apiRoutes on the runtime route)', async () => {
		const routes = await api.call('GET', 'apicategoryroutes', custom);
		expect(routes.body.value).toContainEqual({
			route: CUSTOM_API_ROUTE,
			publisher: 'contoso',
			group: 'shipping',
			version: 'v1.0',
		});
		const runtime = await api.call('GET', api.path('apiRoutes'), { apiRoute: 'microsoft/runtime/beta' });
		expect(runtime.body.value).toContainEqual({ route: CUSTOM_API_ROUTE });
		expect(runtime.body.value).toContainEqual({ route: 'v2.0' });
	});

	it('describes entities in entityDefinitions (filter and key), with enum members', async () => {
		const filtered = await api.call('GET', 'entityDefinitions', {
			...custom,
			query: "$filter=entityName eq 'shipment'",
		});
		expect(filtered.body.value).toHaveLength(1);
		const one = await api.call('GET', "entityDefinitions('shipment')", custom);
		expect(one.body.entitySetName).toBe('shipments');
		expect(one.body.enumMembers).toContainEqual(expect.objectContaining({ name: 'In_x0020_Transit', value: 2 }));
		expect((await api.call('GET', "entityDefinitions('nope')", custom)).status).toBe(404);
	});
});
