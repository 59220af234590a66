/**
 * Select and Order By from the entity set's field list (the filter builder's list: live `$metadata`, shipped catalog
 * as fallback), through n8n's real contexts against the sandbox: the list of a custom API's set, the `$select` and
 * `$orderby` BC receives (request log) when the picked fields are merged with the raw Select / Order By, and hostile
 * values from expressions refused before any request.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { clearMetadataCache } from '../../nodes/BusinessCentral/transport';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { additionalDataFor, buildNode, nodeType, runNode, workflowOf } from '../helpers/engine';
import { customerParameters, requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
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

function shipmentParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'record',
		operation: 'getAll',
		company: { __rl: true, mode: 'id', value: companyId },
		apiRoute: 'discovered',
		customApiRoute: 'contoso/shipping/v1.0',
		entitySet: { __rl: true, mode: 'list', value: 'shipments' },
		...extra,
	};
}

/** The query of the last logged GET whose path contains `part`, decoded. */
function lastQuery(part: string): URLSearchParams {
	const entry = sandbox.control
		.log(1000)
		.filter((e) => e.method === 'GET' && e.path.includes(part))
		.pop();
	if (!entry) throw new Error(`no GET ${part} logged`);
	return new URL(entry.path, 'https://x').searchParams;
}

describe('Select / Order By field lists', () => {
	it("lists the custom shipments set's fields from $metadata for Select Field Names or IDs and Order By Fields", async () => {
		const node = buildNode(shipmentParameters(), credential);
		for (const path of ['parameters.options.selectFields', 'parameters.options.orderByFields.sort.field']) {
			const ctx = new LoadOptionsContext(
				workflowOf(node),
				node,
				additionalDataFor(helper, undefined, node.parameters),
				path,
			) as unknown as ILoadOptionsFunctions;
			const fields = await nodeType.methods.loadOptions.getEntityFields.call(ctx);
			const names = fields.map((f) => f.value);
			// Custom fields only $metadata knows (the shipped catalog has no contoso route).
			expect(names).toEqual(expect.arrayContaining(['code', 'weightKg', 'fragile', 'trackingSequence', 'status']));
			expect(fields.find((f) => f.value === 'code')?.description).toContain('max 20 characters');
			expect(fields.find((f) => f.value === 'status')?.description).toContain('In_x0020_Transit');
		}
		// Both dropdowns from one $metadata read (cached per credential, environment and route).
		expect(requestCount(sandbox, 'GET', '/contoso/shipping/v1.0/$metadata')).toBe(1);
	});

	it('sends Select merged with the picked fields and Order By followed by the sort fields', async () => {
		const { items, error } = await runNode(helper, {
			credential,
			parameters: shipmentParameters({
				returnAll: true,
				options: {
					select: 'code, weightKg',
					selectFields: ['weightKg', 'status', 'CODE', 'fragile'],
					orderBy: 'fragile desc',
					orderByFields: {
						sort: [
							{ field: 'weightKg', direction: 'desc' },
							{ field: 'fragile', direction: 'desc' },
						],
					},
				},
			}),
		});
		expect(error).toBeUndefined();
		const query = lastQuery('/shipments');
		expect(query.get('$select')).toBe('code,weightKg,status,fragile');
		expect(query.get('$orderby')).toBe('fragile desc,weightKg desc');
		expect(items.length).toBeGreaterThanOrEqual(3);
		for (const item of items) {
			expect(
				Object.keys(item.json)
					.filter((k) => !k.startsWith('@'))
					.sort(),
			).toEqual(['code', 'fragile', 'status', 'weightKg']);
		}
		const rows = items.map((i) => i.json as { fragile: boolean; weightKg: number });
		const sorted = [...rows].sort((a, b) => Number(b.fragile) - Number(a.fragile) || b.weightKg - a.weightKg);
		expect(rows).toEqual(sorted);
	});

	it('works alone on a standard set (Get and Get Many), the list only', async () => {
		const { items, error } = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', {
				limit: 5,
				options: {
					selectFields: ['number', 'displayName'],
					orderByFields: { sort: [{ field: 'displayName', direction: 'desc' }] },
				},
			}),
		});
		expect(error).toBeUndefined();
		const query = lastQuery('/customers');
		expect(query.get('$select')).toBe('number,displayName');
		expect(query.get('$orderby')).toBe('displayName desc');
		const names = items.map((i) => String(i.json.displayName));
		expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
		const { items: withId } = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'getAll', { limit: 1, options: { selectFields: ['id'] } }),
		});
		const got = await runNode(helper, {
			credential,
			parameters: customerParameters(companyId, 'get', {
				recordId: String(withId[0].json.id),
				options: { selectFields: '={{ "id,number" }}' },
			}),
		});
		expect(got.error).toBeUndefined();
		expect(lastQuery('/customers(').get('$select')).toBe('id,number');
		expect(Object.keys(got.items[0].json).filter((k) => !k.startsWith('@'))).toEqual(['id', 'number']);
	});

	it('refuses hostile names and directions from expressions before any request', async () => {
		const cases: Array<[INodeParameters, RegExp]> = [
			[
				{ selectFields: "={{ ['number', 'displayName&$filter=true'] }}" },
				/^Options → Select Field Names or IDs: "displayName&\$filter=true" is not a property name/,
			],
			[
				{ selectFields: '={{ "number),(x" }}' },
				/^Options → Select Field Names or IDs: "number\)" is not a property name/,
			],
			[{ selectFields: '={{ { a: 1 } }}' }, /^Options → Select Field Names or IDs: expected a list of fields/],
			[
				{ orderByFields: { sort: [{ field: '={{ "displayName desc,number" }}', direction: 'asc' }] } },
				/^Options → Order By Fields: field 1: "displayName desc,number" is not a property name/,
			],
			[
				{ orderByFields: { sort: [{ field: 'displayName', direction: '={{ "desc;$top=1" }}' }] } },
				/^Options → Order By Fields: field 1 \(displayName\): "desc;\$top=1" is not a direction/,
			],
			[
				{ orderBy: 'displayName asc', orderByFields: { sort: [{ field: 'displayName', direction: 'desc' }] } },
				/^Options → Order By Fields: displayName is sorted both asc and desc/,
			],
		];
		for (const [options, message] of cases) {
			const before = sandbox.control.stats().totalRequests;
			const { error } = await runNode(helper, {
				credential,
				parameters: customerParameters(companyId, 'getAll', { options }),
			});
			expect(error?.message).toMatch(message);
			expect(sandbox.control.stats().totalRequests).toBe(before);
		}
	});
});
