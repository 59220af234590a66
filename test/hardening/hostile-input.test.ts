/**
 * Hostile and malformed input, class by class, through the real n8n engine against the sandbox: every value arrives
 * once as a fixed parameter and once as an expression from the input item (`={{ $json.v }}`), and must fail with an
 * error that names the field, before any request (the sandbox counts none, not even a token request).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
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

const VALID_ID = '11111111-2222-4333-8444-555555555555';
const record = (operation: string, extra?: INodeParameters): INodeParameters =>
	customerParameters(companyId, operation, extra);
const condition = (c: Record<string, Hostile>): INodeParameters =>
	record('getAll', { conditions: { condition: [{ field: 'displayName', operator: 'eq', value: 'x', ...c }] } });
const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A hostile value: anything an expression or an imported workflow can put into a parameter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Hostile = any;

/** One class of bad input: how the value is placed into the parameters, the values, and the expected message. */
interface InputClass {
	name: string;
	place: (value: Hostile) => INodeParameters;
	values: Hostile[];
	message: RegExp;
	/** Skip the expression variant (options without expression support in the editor are still tested fixed). */
	fixedOnly?: boolean;
}

const classes: InputClass[] = [
	{
		name: 'filter operator outside the closed set',
		place: (v) => condition({ operator: v }),
		values: ["eq 'a' or displayName ne", 'and', 'EQ', 5, ' eq'],
		message: /^Filter Conditions: condition 1 \(displayName\): .* is not an operator/,
	},
	{
		name: 'Combine Conditions outside its options',
		place: (v) => record('getAll', { options: { combineConditions: v } }),
		values: ["or displayName ne 'x'", 'xor', 1, 'AND'],
		message: /^Options → Combine Conditions: .* is not one of the options/,
	},
	{
		name: 'raw filter whose parentheses or quotes would change how it combines',
		place: (v) => record('getAll', { options: { filter: v } }),
		values: [
			"displayName eq 'x') or (number ne ''",
			"(displayName eq 'x'",
			"number eq '1')",
			"name eq 'O'Neil'",
			'a eq 1\nor b eq 2',
		],
		message: /^Filter: /,
	},
	{
		name: 'API route outside its options',
		place: (v) => record('getAll', { apiRoute: v }),
		values: ['v1.0', '../v2.0', 'custom/../x', 'v2.0/companies'],
		message: /^API: .* is not one of the options/,
		fixedOnly: true,
	},
	{
		name: 'page size outside 1..20,000',
		place: (v) => record('getAll', { options: { pageSize: v } }),
		values: [0, -1, 20001, 'abc', 2.5],
		message: /^Options → Page Size: .* is not a whole number from 1 to 20,000/,
	},
	{
		name: 'limit that is not a positive whole number',
		place: (v) => record('getAll', { returnAll: false, limit: v }),
		values: [0, -1, 'abc', 2.5, 'NaN'],
		message: /^Limit: .* is not a whole number/,
	},
	{
		name: 'Max Attempts that would retry without end',
		place: (v) => record('getAll', { retryOptions: { maxAttempts: v } }),
		values: ['abc', 0, 11, 2.5, 'Infinity'],
		message: /^Retry Options → Max Attempts: .* is not a whole number from 1 to 10/,
	},
	{
		name: 'Max Wait outside 1..600 s',
		place: (v) => record('getAll', { retryOptions: { maxWaitSeconds: v } }),
		values: ['abc', 0, 601, -5],
		message: /^Retry Options → Max Wait \(Seconds\): /,
	},
	{
		name: 'dates that are not calendar dates',
		place: (v) => condition({ field: 'lastModifiedDateTime', value: v, valueType: 'date' }),
		values: ['2024-13-45', '2023-02-29', '2024-1-1', '2024-02-30'],
		message: /^Filter Conditions: condition 1 \(lastModifiedDateTime\): .* is not a calendar date/,
	},
	{
		name: 'date-times that are not real times',
		place: (v) => condition({ field: 'lastModifiedDateTime', value: v, valueType: 'datetime' }),
		values: ['2024-02-30T25:61:00Z', '2024-02-28T24:00:00Z', '2024-02-28T10:00:00', '2024-02-28T10:00:00+25:00'],
		message: /^Filter Conditions: condition 1 \(lastModifiedDateTime\): .* is not a date-time/,
	},
	{
		name: 'numbers that are not finite or outside BC’s decimal range',
		place: (v) => condition({ field: 'creditLimit', operator: 'gt', value: v, valueType: 'number' }),
		values: ['1e999', '1e16', '-1e15', 'NaN', '0x10'],
		message: /^Filter Conditions: condition 1 \(creditLimit\): /,
	},
	{
		name: 'condition values that are not single values',
		place: (v) => condition({ value: v }),
		values: [{ a: 1 }, ['x', 'y']],
		message: /^Filter Conditions: condition 1 \(displayName\): the value is (an object|a list)/,
		fixedOnly: false,
	},
	{
		name: 'very long values',
		place: (v) => record('getAll', { options: { filter: v } }),
		values: [`displayName eq '${'x'.repeat(100_000)}'`, `number eq '${'y'.repeat(9_000)}'`],
		message: /^Filter: the value is \d+ characters long, at most 8000/,
	},
	{
		name: 'very long select, record id, ETag and company name',
		place: (v) => (v as () => INodeParameters)(),
		values: [
			() => record('getAll', { options: { select: 'id,'.repeat(50_000) + 'id' } }),
			() =>
				record('get', {
					recordId: 'k'.repeat(100_000),
					apiRoute: 'custom',
					apiPublisher: 'contoso',
					apiGroup: 'app1',
					apiVersion: 'v1.0',
				}),
			() => record('update', { recordId: VALID_ID, etag: `W/"${'e'.repeat(100_000)}"`, jsonBody: '{"a":1}' }),
			() => record('getAll', { company: { __rl: true, mode: 'name', value: 'C'.repeat(100_000) } }),
		],
		message: /^(Options → Select|Record ID|ETag|Company): the value is \d+ characters long/,
		fixedOnly: true,
	},
	{
		name: 'Select / Expand / Order By that are not text',
		place: (v) => record('getAll', { options: v as Hostile }),
		values: [{ select: 5 }, { expand: { a: 1 } }, { select: ['id'] }, { orderBy: true }],
		message: /^Options → (Select|Expand|Order By): expected text/,
		fixedOnly: true,
	},
	{
		name: 'ETags with characters a header cannot carry',
		place: (v) => record('update', { recordId: VALID_ID, etag: v, jsonBody: '{"a":1}' }),
		values: ['W/"€"', 'W/"a b"', 'W/"x"\r\nX-Injected: 1', { etag: 'x' }],
		message: /^ETag: /,
	},
	{
		name: 'bodies nested without end',
		place: (v) => record('create', { bodyMode: 'json', jsonBody: v }),
		values: [nested(17), nested(5_000)],
		message: /^JSON Body: it is nested deeper than 16 levels/,
	},
	{
		name: 'numbers in a body that BC cannot store',
		place: (v) => record('create', { bodyMode: 'json', jsonBody: v }),
		values: ['{"creditLimit": 1e999}', '{"creditLimit": 1e16}', '{"lines":[{"quantity":-1e20}]}'],
		message: /^JSON Body: .*(not a finite number|outside Business Central's range)/,
	},
	{
		name: 'options outside their lists',
		place: (v) => (v as () => INodeParameters)(),
		values: [
			() => record('update', { recordId: VALID_ID, concurrency: 'none', jsonBody: '{"a":1}' }),
			() => record('create', { bodyMode: 'xml', jsonBody: '{"a":1}' }),
			() =>
				record('create', {
					bodyMode: 'fields',
					fields: { field: [{ name: 'a', value: '1', valueType: 'date; drop' }] },
				}),
			() => record('getAll', { authentication: 'httpBasicAuth' }),
			() => ({ ...record('getAll'), resource: 'users' }),
			() => record('merge'),
		],
		// n8n itself refuses a credential type the node does not declare, before the node runs.
		message:
			/^(Concurrency|Send Body As|Fields|Authentication|Resource|Operation): .*(is not one of the options|value type)|does not have any credentials of type "httpBasicAuth"/,
		fixedOnly: true,
	},
	{
		name: 'a URL longer than BC accepts',
		place: (v) => (v as () => INodeParameters)(),
		values: [
			() =>
				record('getAll', {
					options: {
						filter: `displayName eq '${'a'.repeat(7_900)}'`,
						select: Array(600).fill('displayName').join(','),
						orderBy: Array(600).fill('displayName').join(','),
					},
				}),
			() =>
				record('get', {
					recordId: 'k'.repeat(250),
					apiRoute: 'custom',
					apiPublisher: 'contoso',
					apiGroup: 'app1',
					apiVersion: 'v1.0',
				}),
		],
		message: /^(Filter \/ Filter Conditions|Options → (Select|Order By)|Record ID): .*(URL would be|URL segment)/,
		fixedOnly: true,
	},
];

/** Every (class, value, source) combination. */
const cases = classes.flatMap((c) =>
	c.values.flatMap((value, index) => [
		[`${c.name} #${index + 1} (fixed)`, c, value, false] as const,
		...(c.fixedOnly ? [] : [[`${c.name} #${index + 1} (expression)`, c, value, true] as const]),
	]),
);

describe('hostile input fails before any request, naming the field', () => {
	it.each(cases)('%s', async (_title, inputClass, value, viaExpression) => {
		const before = sandbox.control.stats().totalRequests;
		const parameters = inputClass.place(viaExpression ? '={{ $json.v }}' : value);
		const { error, items } = await runNode(helper, { parameters, credential, items: [{ v: value as never }] });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(inputClass.message);
		expect(sandbox.control.stats().totalRequests).toBe(before);
	});

	it('covers every class with several inputs', () => {
		expect(classes.length).toBeGreaterThanOrEqual(18);
		for (const c of classes) expect(c.values.length).toBeGreaterThanOrEqual(2);
	});
});

describe('field names that are Object.prototype members', () => {
	it.each(['__proto__', 'constructor', 'prototype'])(
		'%s (which n8n would drop silently) is refused before any request, in Fields and in a JSON body',
		async (name) => {
			const before = sandbox.control.stats().totalRequests;
			const fields = await runNode(helper, {
				parameters: record('create', {
					bodyMode: 'fields',
					fields: {
						field: [
							{ name: 'displayName', value: 'Prototype test', valueType: 'string' },
							{ name, value: 'x', valueType: 'string' },
						],
					},
				}),
				credential,
			});
			expect(fields.error?.message).toBe(`Fields: "${name}" cannot be sent`);
			const json = await runNode(helper, {
				parameters: record('create', {
					bodyMode: 'json',
					jsonBody: `{"displayName":"x","lines":[{"${name}":{"a":1}}]}`,
				}),
				credential,
			});
			expect(json.error?.message).toMatch(
				new RegExp(`^JSON Body: the property "${name}" in lines\\[0\\] cannot be sent`),
			);
			expect(sandbox.control.stats().totalRequests).toBe(before);
		},
	);

	it.each(['toString', 'hasOwnProperty', 'valueOf'])(
		'%s is sent as an ordinary field, not reported as a duplicate',
		async (name) => {
			const posts = () => requestCount(sandbox, 'POST', '/customers');
			const before = posts();
			const { error } = await runNode(helper, {
				parameters: record('create', {
					bodyMode: 'fields',
					fields: {
						field: [
							{ name: 'displayName', value: 'Prototype test', valueType: 'string' },
							{ name, value: 'x', valueType: 'string' },
						],
					},
				}),
				credential,
			});
			// The field reached Business Central, which answers that the property does not exist.
			expect(posts()).toBe(before + 1);
			expect(error?.message).toMatch(new RegExp(`^BadRequest: The property '${name}' does not exist`));
		},
	);
});
