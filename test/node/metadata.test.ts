/**
 * Live metadata in the node, through n8n's real contexts against the sandbox: the EDMX reader, the entity-set list and
 * field list of a custom API route, route discovery, the field mapper's columns, and Create/Update through the mapper
 * (every custom field type round-trips; one `$metadata` request serves a whole run).
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { createBcApi } from '../../sandbox/bc';
import { customApiPlugin } from '../../sandbox/bc/plugins/custom-api';
import { metadataPlugin } from '../../sandbox/bc/plugins/metadata';
import { parseEdmx } from '../../nodes/BusinessCentral/catalog';
import {
	clearMetadataCache,
	EDITOR_METADATA_MAX_AGE_MS,
	metadataCacheStats,
} from '../../nodes/BusinessCentral/transport';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { additionalDataFor, buildNode, nodeType, runNode, workflowOf } from '../helpers/engine';
import { requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());
beforeEach(() => {
	clearMetadataCache();
	sandbox.control.reset();
});

/** Node parameters on the custom route picked from the environment's list. */
function shipmentParameters(operation: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'record',
		operation,
		company: { __rl: true, mode: 'id', value: companyId },
		apiRoute: 'discovered',
		customApiRoute: 'contoso/shipping/v1.0',
		entitySet: { __rl: true, mode: 'list', value: 'shipments' },
		...extra,
	};
}

function contextFor(parameters: INodeParameters): ILoadOptionsFunctions {
	const node = buildNode(parameters, credential);
	return new LoadOptionsContext(
		workflowOf(node),
		node,
		additionalDataFor(helper, undefined, node.parameters),
		'parameters.columns',
	) as unknown as ILoadOptionsFunctions;
}

const methods = nodeType.methods;

async function edmx(route: string): Promise<string> {
	const api = createBcApi({ plugins: [metadataPlugin(), customApiPlugin()] });
	const response = await api.handle({
		method: 'GET',
		environment: 'production',
		apiRoute: route,
		resourcePath: '$metadata',
		rawQuery: '',
		headers: {},
		body: undefined,
		serviceRootUrl: `https://bc.test/api/${route}`,
		principal: { id: 'a', kind: 'app', name: 'a' },
		correlationId: 'c',
	});
	return String(response.body);
}

describe('EDMX reader', () => {
	it('reads keys, types, max lengths, required hints, enums, capabilities and navigation', async () => {
		const parsed = parseEdmx(await edmx('contoso/shipping/v1.0'), 'contoso/shipping/v1.0');
		const shipments = parsed.entitySets.find((s) => s.entitySet === 'shipments')!;
		expect(shipments.keys).toEqual(['code']);
		expect(shipments).toMatchObject({ create: true, update: true, delete: true });
		expect(shipments.fields.find((f) => f.name === 'code')).toEqual({
			name: 'code',
			type: 'string',
			catalogType: 'string',
			readOnly: false,
			maxLength: 20,
			required: true,
			key: true,
		});
		expect(shipments.fields.find((f) => f.name === 'status')).toMatchObject({
			catalogType: 'enum',
			enumType: 'shipmentStatus',
			enumMembers: ['Open', 'Ready_x0020_to_x0020_Ship', 'In_x0020_Transit', 'Delivered', 'On_x0020_Hold'],
		});
		expect(parsed.entitySets.find((s) => s.entitySet === 'shipmentTrackingEvents')).toMatchObject({
			create: false,
			update: false,
			delete: false,
		});
		const standard = parseEdmx(await edmx('v2.0'), 'v2.0');
		const salesOrders = standard.entitySets.find((s) => s.entitySet === 'salesOrders')!;
		expect(salesOrders.navigation).toContainEqual({
			name: 'salesOrderLines',
			entitySet: 'salesOrderLines',
			multiplicity: 'Many',
		});
		expect(salesOrders.actions).toContain('shipAndInvoice');
		expect(standard.entitySets.find((s) => s.entitySet === 'companies')).toMatchObject({ create: false });
	});

	it('refuses a document that is not EDMX, decodes entities and single quotes', () => {
		expect(() => parseEdmx('<html></html>', 'v2.0')).toThrow('not an EDMX');
		const parsed = parseEdmx(
			"<edmx:Edmx><EntityType Name='t'><Key><PropertyRef Name='a'/></Key><Property Name='a' Type='Edm.String' MaxLength='5'/></EntityType><EntityContainer><EntitySet Name='t&amp;s' EntityType='NAV.t'/></EntityContainer></edmx:Edmx>",
			'x/y/v1.0',
		);
		expect(parsed.entitySets[0]).toMatchObject({ entitySet: 't&s', keys: ['a'], create: true });
	});
});

describe('editor lists from live metadata', () => {
	it('discovers the custom API routes of the environment', async () => {
		const routes = await methods.loadOptions.getApiRoutes.call(contextFor(shipmentParameters('getAll')));
		expect(routes).toContainEqual({
			name: 'contoso / shipping / v1.0',
			value: 'contoso/shipping/v1.0',
			description: '/api/contoso/shipping/v1.0',
		});
		expect(routes.map((r) => r.value)).not.toContain('v2.0');
	});

	it('falls back to the runtime apiRoutes page (for the chosen company) when apicategoryroutes does not answer', async () => {
		const other = await startClientSecretSetup({
			bcApi: createBcApi({
				environments: ['production', 'sandbox', 'onprem'],
				plugins: [metadataPlugin({ categoryRoutes: false }), customApiPlugin()],
			}),
		});
		try {
			const node = buildNode(
				{ ...shipmentParameters('getAll'), company: { __rl: true, mode: 'name', value: "Müller & O'Brien GmbH" } },
				other.credential,
			);
			const ctx = new LoadOptionsContext(
				workflowOf(node),
				node,
				additionalDataFor(other.helper, undefined, node.parameters),
				'parameters.customApiRoute',
			) as unknown as ILoadOptionsFunctions;
			const routes = await methods.loadOptions.getApiRoutes.call(ctx);
			expect(routes.map((r) => r.value)).toEqual(['contoso/shipping/v1.0', 'microsoft/powerbi/v2.0']);
			expect(requestCount(other.sandbox, 'GET', 'apicategoryroutes')).toBe(1);
			expect(requestCount(other.sandbox, 'GET', '/apiRoutes')).toBe(1);
		} finally {
			await other.sandbox.stop();
		}
	});

	it("lists a custom route's entity sets, leaving read-only ones out for Create", async () => {
		const read = await methods.listSearch.searchEntitySets.call(contextFor(shipmentParameters('getAll')));
		expect(read.results.map((r) => r.value).sort()).toEqual(['companies', 'shipmentTrackingEvents', 'shipments']);
		const create = await methods.listSearch.searchEntitySets.call(contextFor(shipmentParameters('create')));
		expect(create.results.map((r) => r.value)).toEqual(['shipments']);
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(1);
	});

	it('gives the field mapper the custom fields with types, enum dropdowns and required marks', async () => {
		const { fields } = await methods.resourceMapping.getMappingColumns.call(contextFor(shipmentParameters('create')));
		const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
		expect(byId.code).toMatchObject({ type: 'string', required: true, display: true, canBeUsedToMatch: true });
		expect(byId.code.displayName).toBe('code (string, max 20, key)');
		expect(byId.customerNumber.required).toBe(true);
		expect(byId.weightKg.type).toBe('number');
		expect(byId.trackingSequence.type).toBe('number');
		expect(byId.fragile.type).toBe('boolean');
		expect(byId.plannedShipDate.type).toBe('dateTime');
		expect(byId.status).toMatchObject({ type: 'options' });
		expect(byId.status.options).toContainEqual({ name: 'In Transit', value: 'In_x0020_Transit' });
		expect(byId.id).toMatchObject({ display: false, readOnly: true });
		expect(byId.lastModifiedDateTime.display).toBe(false);
		const update = await methods.resourceMapping.getMappingColumns.call(contextFor(shipmentParameters('update')));
		expect(update.fields.find((f) => f.id === 'code')?.required).toBe(false);
	});

	it('falls back to the shipped catalog when BC has no $metadata for the route', async () => {
		const fields = await methods.loadOptions.getEntityFields.call(
			contextFor({ ...shipmentParameters('getAll'), customApiRoute: 'nobody/nothing/v1.0' }),
		);
		expect(fields).toEqual([]);
		const standard = await methods.loadOptions.getEntityFields.call(
			contextFor({
				resource: 'record',
				operation: 'getAll',
				apiRoute: 'v2.0',
				entitySet: { __rl: true, mode: 'list', value: 'customers' },
			}),
		);
		expect(standard.find((f) => f.value === 'blocked')?.description).toContain('one of _x0020_, Ship, Invoice, All');
	});
});

const EVERY_TYPE = {
	code: 'SHP-7',
	description: "O'Neil & Söhne",
	customerNumber: '10000',
	weightKg: 12.75,
	packageCount: 4,
	trackingSequence: 9_007_199_254_999,
	fragile: true,
	plannedShipDate: '2024-08-01',
	lastScanAt: '2024-08-01T09:30:00.000Z',
	carrierId: '6f0f2c1e-0b4d-4e0a-9b1a-2c3d4e5f6a7b',
	status: 'In Transit',
};

describe('Create and Update through the field mapper', () => {
	it('creates a shipment from mapped values: every custom field type round-trips', async () => {
		const { items, error } = await runNode(helper, {
			credential,
			parameters: shipmentParameters('create', {
				bodyMode: 'mapper',
				columns: { mappingMode: 'defineBelow', value: EVERY_TYPE, matchingColumns: [], schema: [] },
			}),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			...EVERY_TYPE,
			lastScanAt: '2024-08-01T09:30:00Z',
			status: 'In_x0020_Transit',
		});
		const { items: read } = await runNode(helper, {
			credential,
			parameters: shipmentParameters('get', { recordId: 'SHP-7' }),
		});
		expect(read[0].json).toMatchObject({ weightKg: 12.75, plannedShipDate: '2024-08-01', fragile: true });
	});

	it('maps input items automatically (only matching writable fields) and reads $metadata once for 100 items (bench/metadata-cache.ts: 1,000)', async () => {
		const items = Array.from({ length: 100 }, (_, i) => ({
			code: `AUTO-${i}`,
			customerNumber: '20000',
			Status: 'Delivered',
			weightKg: String(i / 4),
			'@odata.etag': 'W/"x"',
			id: '00000000-0000-0000-0000-000000000000',
			somethingElse: true,
		}));
		const { items: out, error } = await runNode(helper, {
			credential,
			items,
			parameters: shipmentParameters('create', {
				bodyMode: 'mapper',
				columns: { mappingMode: 'autoMapInputData', value: null },
			}),
		});
		expect(error).toBeUndefined();
		expect(out).toHaveLength(100);
		expect(out[99].json).toMatchObject({ code: 'AUTO-99', status: 'Delivered', weightKg: 24.75 });
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(1);
		expect(requestCount(sandbox, 'POST', '/shipments')).toBe(100);
		expect(metadataCacheStats()).toMatchObject({ misses: 1, hits: 99 });
	});

	it('refuses a too-long code, an unknown enum member and a missing required field before the write', async () => {
		for (const [value, message] of [
			[{ ...EVERY_TYPE, code: 'X'.repeat(21) }, 'Fields → code: the text is 21 characters long, at most 20'],
			[{ ...EVERY_TYPE, status: 'Lost' }, 'Fields → status: "Lost" is not a member of shipmentStatus'],
			[{ description: 'no code' }, 'Fields: code, customerNumber are required'],
			[{ ...EVERY_TYPE, id: '6f0f2c1e-0b4d-4e0a-9b1a-2c3d4e5f6a7b' }, 'Fields → id: the field is read-only'],
		] as const) {
			const { error } = await runNode(helper, {
				credential,
				parameters: shipmentParameters('create', {
					bodyMode: 'mapper',
					columns: { mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] },
				}),
			});
			expect(error?.message).toContain(message);
		}
		expect(requestCount(sandbox, 'POST', '/shipments')).toBe(0);
	});

	it('updates a standard customer through the mapper (read-only flags from the shipped catalog)', async () => {
		const { items: list } = await runNode(helper, {
			credential,
			parameters: {
				resource: 'record',
				operation: 'getAll',
				company: { __rl: true, mode: 'id', value: companyId },
				entitySet: { __rl: true, mode: 'list', value: 'customers' },
				limit: 1,
			},
		});
		const customer = list[0].json;
		const { items, error } = await runNode(helper, {
			credential,
			items: [customer],
			parameters: {
				resource: 'record',
				operation: 'update',
				company: { __rl: true, mode: 'id', value: companyId },
				entitySet: { __rl: true, mode: 'list', value: 'customers' },
				recordId: '={{ $json.id }}',
				bodyMode: 'mapper',
				columns: {
					mappingMode: 'defineBelow',
					value: { creditLimit: '1234.5', blocked: 'Ship' },
					matchingColumns: [],
					schema: [],
				},
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ creditLimit: 1234.5, blocked: 'Ship' });
	});
});

describe('Refresh Metadata', () => {
	const created = (prefix: string, count: number) =>
		Array.from({ length: count }, (_, i) => ({ code: `${prefix}-${i}`, customerNumber: '10000', weightKg: i }));
	const mapperRun = (prefix: string, count: number, refreshMetadata?: boolean | string) =>
		runNode(helper, {
			credential,
			items: created(prefix, count),
			parameters: shipmentParameters('create', {
				bodyMode: 'mapper',
				columns: { mappingMode: 'autoMapInputData', value: null },
				...(refreshMetadata === undefined ? {} : { refreshMetadata }),
			}),
		});

	it('reads $metadata again once per run, not per item: 1,000 items → 1 request', async () => {
		expect((await mapperRun('WARM', 1)).error).toBeUndefined();
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(1);
		// Without the option the cached copy serves the next run.
		expect((await mapperRun('CACHED', 10)).error).toBeUndefined();
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(1);
		const started = performance.now();
		const { items, error } = await mapperRun('FRESH', 1000, true);
		const ms = Math.round(performance.now() - started);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
		expect(items[999].json).toMatchObject({ code: 'FRESH-999', weightKg: 999 });
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(2);
		// A second run with the option reads once more.
		expect((await mapperRun('AGAIN', 3, true)).error).toBeUndefined();
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(3);
		console.log(`Refresh Metadata: 1,000 creates through the field mapper in ${ms} ms, 1 $metadata request`);
	}, 180_000);

	it('refuses a Refresh Metadata that is not true or false before any request', async () => {
		const before = sandbox.control.stats().totalRequests;
		const { error } = await mapperRun('BAD', 1, '={{ "yes" }}');
		expect(error?.message).toMatch(/^Refresh Metadata: "yes" is not true or false/);
		expect(sandbox.control.stats().totalRequests).toBe(before);
	});

	it("gives the editor's refresh a copy at most a minute old (node runs keep theirs for 10 minutes)", async () => {
		const columns = () => methods.resourceMapping.getMappingColumns.call(contextFor(shipmentParameters('create')));
		await columns();
		await columns();
		expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(1);
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now + EDITOR_METADATA_MAX_AGE_MS + 1000);
		try {
			expect((await mapperRun('RUN', 1)).error).toBeUndefined();
			expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(1);
			const { fields } = await columns();
			expect(fields.map((f) => f.id)).toContain('weightKg');
			expect(requestCount(sandbox, 'GET', '/$metadata')).toBe(2);
		} finally {
			clock.mockRestore();
		}
	});
});
