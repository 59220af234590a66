/**
 * Reads and checks the node's Business Central parameters for one item: API route, entity set, company, record key,
 * ETag, body, filter and query options. Every function throws a NodeOperationError that names the field and the fix
 * (see parameters.ts), so bad input fails before any request is sent. Structure of a request comes only from here:
 * user values only ever become OData literals, names checked as identifiers, or whole, checked expressions.
 */
import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { API_ROUTES } from '../../../../core/constants';
import {
	API_VERSION_PATTERN,
	combineFilters,
	FILTER_OPERATORS,
	GUID_PATTERN,
	IDENTIFIER_PATTERN,
	NUMBER_PATTERN,
	numberProblem,
	rawFilterProblem,
	tryConditionToFilter,
	type FilterCondition,
	type ODataValueType,
} from '../../../../core/odata';
import { fieldType, findEntitySet, type CatalogAccess } from '../../catalog';
import { CONTROL_CHARACTER, fail, readEntries, readOption, readText, shown, type ParameterContext } from './parameters';

type Ctx = ParameterContext;

/** The value of a resource locator parameter, or the parameter itself when it is a plain string; '' when empty. */
export function locatorValue(locator: INodeParameterResourceLocator | string | undefined): string {
	return typeof locator === 'object' ? String(locator?.value ?? '') : String(locator ?? '');
}

/**
 * A resource locator's mode and value, checked: the value must be text (or a number where ids may be numbers),
 * single-line, at most `maxLength` characters.
 */
export function readLocator(
	ctx: Ctx,
	name: string,
	label: string,
	modes: readonly string[],
	maxLength: number,
): { mode: string; value: string } {
	const locator = ctx.getNodeParameter(name) as unknown;
	const isObject = !!locator && typeof locator === 'object' && !Array.isArray(locator);
	const mode = isObject ? (locator as { mode?: unknown }).mode : modes[modes.length - 1];
	const raw = isObject ? (locator as { value?: unknown }).value : locator;
	if (typeof mode !== 'string' || !modes.includes(mode)) {
		fail(ctx, `${label}: ${shown(mode)} is not a way to choose it`, `Use one of: ${modes.join(', ')}.`);
	}
	if (raw !== undefined && raw !== null && typeof raw !== 'string') {
		fail(ctx, `${label}: expected text, got ${shown(raw)}`, 'Pick it from the list, or enter it as text.');
	}
	const value = String(raw ?? '').trim();
	if (value.length > maxLength) {
		fail(
			ctx,
			`${label}: the value is ${value.length} characters long, at most ${maxLength} are allowed`,
			`Shorten ${shown(value)}.`,
		);
	}
	if (CONTROL_CHARACTER.test(value))
		fail(ctx, `${label}: the value contains a line break or another control character`);
	return { mode, value };
}

/** Routes whose entity sets are in the catalog (only these get catalog checks). */
const CATALOG_ROUTES: string[] = [API_ROUTES.standard, API_ROUTES.automation];

/** The `apiRoute` option values: the two Microsoft routes and `custom`. */
const API_ROUTE_OPTIONS = [API_ROUTES.standard, API_ROUTES.automation, 'custom'] as const;

/**
 * The API route: `v2.0`, `microsoft/automation/v2.0` or `<publisher>/<group>/<version>`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 */
export function readApiRoute(ctx: Ctx): string {
	const route = readOption(ctx, 'apiRoute', 'API', API_ROUTE_OPTIONS, API_ROUTES.standard);
	if (route !== 'custom') return route;
	const publisher = readText(ctx, 'apiPublisher', 'API Publisher', { maxLength: 40 }).trim();
	const group = readText(ctx, 'apiGroup', 'API Group', { maxLength: 40 }).trim();
	const version = readText(ctx, 'apiVersion', 'API Version', { fallback: 'v2.0', maxLength: 20 }).trim();
	if (!IDENTIFIER_PATTERN.test(publisher)) {
		fail(
			ctx,
			`API Publisher: ${shown(publisher)} is not a valid API publisher`,
			'Use the APIPublisher of the API page: letters, digits and _.',
		);
	}
	if (!IDENTIFIER_PATTERN.test(group)) {
		fail(
			ctx,
			`API Group: ${shown(group)} is not a valid API group`,
			'Use the APIGroup of the API page: letters, digits and _.',
		);
	}
	if (!API_VERSION_PATTERN.test(version)) {
		fail(ctx, `API Version: ${shown(version)} is not a valid API version`, 'Use vX.Y (e.g. v1.0, v2.0) or beta.');
	}
	return `${publisher}/${group}/${version}`;
}

/** Whether the route's entity sets are described by the shipped catalog. */
export function isCatalogRoute(route: string): boolean {
	return CATALOG_ROUTES.includes(route);
}

/** The catalog's documented type of a field; undefined for routes outside the catalog and unknown fields. */
function documentedType(route: string, entitySet: string, field: string): ODataValueType | undefined {
	return isCatalogRoute(route) ? fieldType(route, entitySet, field) : undefined;
}

/** The entity set name; for catalog routes also checks that the set allows the write. */
export function readEntitySet(ctx: Ctx, route: string, access: CatalogAccess): string {
	const { value: name } = readLocator(ctx, 'entitySet', 'Entity Set', ['list', 'name'], 128);
	if (!name) fail(ctx, 'Entity Set: choose an entity set', 'Pick one from the list or enter its name, e.g. customers.');
	if (!IDENTIFIER_PATTERN.test(name)) {
		fail(
			ctx,
			`Entity Set: ${shown(name)} is not an entity set name`,
			'An entity set name has letters, digits and _ only (e.g. customers, salesOrders); use the plural set name, not a URL.',
		);
	}
	const entry = isCatalogRoute(route) ? findEntitySet(route, name) : undefined;
	if (entry && access !== 'read' && !entry[access]) {
		fail(ctx, `Entity Set: ${name} is read-only`, `Business Central does not allow ${access} on ${name}.`);
	}
	return name;
}

/** The company id, or the name to resolve. */
export type CompanyRef = { id: string } | { name: string };

/**
 * Reads the Company resource locator. Company names are at most 30 characters in Business Central
 * (table Company, field Name: Text[30]).
 */
export function readCompany(ctx: Ctx): CompanyRef {
	const { mode, value } = readLocator(ctx, 'company', 'Company', ['list', 'id', 'name'], 64);
	if (!value) fail(ctx, 'Company: choose a company', 'Pick the company from the list, or enter its ID or name.');
	if (mode === 'name') {
		if (value.length > 30) fail(ctx, `Company: ${shown(value)} is longer than a company name can be (30 characters)`);
		return { name: value };
	}
	if (!GUID_PATTERN.test(value)) {
		fail(
			ctx,
			`Company: ${shown(value)} is not a company ID (GUID)`,
			'Pick the company from the list, or choose "By Name" to enter its name.',
		);
	}
	return { id: value.toLowerCase() };
}

/** The record key: a GUID (every standard entity set is keyed by id), or for custom APIs also a text key. */
export function readRecordId(ctx: Ctx, route: string): string {
	const id = readText(ctx, 'recordId', 'Record ID', { maxLength: 250, acceptNumber: true }).trim();
	if (!id)
		fail(
			ctx,
			'Record ID: enter the id of the record',
			'Use the id field of the record, e.g. from an earlier Get Many.',
		);
	if (GUID_PATTERN.test(id)) return id;
	if (isCatalogRoute(route)) {
		fail(
			ctx,
			`Record ID: ${shown(id)} is not a GUID`,
			'Standard entity sets are keyed by the id field (a GUID), not by number or code.',
		);
	}
	return id;
}

/** Longest ETag accepted, in characters (BC's ETags are about 60). */
const MAX_ETAG_LENGTH = 1_024;

/**
 * The If-Match header value: the user's ETag (JSON escaping removed) or `*`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-connect-apps-etag).
 * An ETag is printable ASCII (RFC 9110 §8.8.3); anything else is refused rather than silently dropped from the header.
 */
export function readIfMatch(ctx: Ctx): string {
	const concurrency = readOption(ctx, 'concurrency', 'Concurrency', ['etag', 'overwrite'] as const, 'etag');
	if (concurrency === 'overwrite') return '*';
	const raw = ctx.getNodeParameter('etag', '') as unknown;
	if (raw !== undefined && raw !== null && typeof raw !== 'string') {
		fail(ctx, `ETag: expected text, got ${shown(raw)}`, 'Map the record\'s @odata.etag (text such as W/"JzQ0…").');
	}
	const etag = String(raw ?? '')
		.trim()
		.replace(/\\"/g, '"');
	if (!etag || etag === 'undefined' || etag === 'null') {
		fail(
			ctx,
			"ETag: enter the record's @odata.etag",
			'Map @odata.etag from an earlier Get of this record, or choose Concurrency: Overwrite to change it whatever its version.',
		);
	}
	if (etag.length > MAX_ETAG_LENGTH) {
		fail(
			ctx,
			`ETag: the value is ${etag.length} characters long, at most ${MAX_ETAG_LENGTH} are allowed`,
			'Map the @odata.etag of the record, not the whole record.',
		);
	}
	if (!/^[\x21-\x7e]+$/.test(etag)) {
		fail(
			ctx,
			`ETag: ${shown(etag)} contains characters an ETag cannot have (only printable ASCII, no spaces)`,
			'Map the record\'s @odata.etag unchanged, e.g. W/"JzE5OzgzMTM5MjY4MTQ1NzY2MDMzNDIxOzAwOyc=".',
		);
	}
	return etag;
}

/** Converts one field-by-field value by its chosen or documented type. */
function fieldValue(ctx: Ctx, name: string, value: unknown, type: string): unknown {
	if (typeof value !== 'string') return value;
	if (type === 'number') {
		const text = value.trim();
		if (!NUMBER_PATTERN.test(text)) fail(ctx, `Fields: "${name}" must be a number, got ${shown(value)}`);
		const problem = numberProblem(Number(text), text);
		if (problem) fail(ctx, `Fields: "${name}": ${problem}`);
		return Number(text);
	}
	if (type === 'boolean') {
		const lower = value.trim().toLowerCase();
		if (lower !== 'true' && lower !== 'false')
			fail(ctx, `Fields: "${name}" must be true or false, got ${shown(value)}`);
		return lower === 'true';
	}
	return value;
}

/**
 * Property names n8n never copies into a request (n8n-workflow's `deepCopy` drops them to prevent prototype
 * pollution), so a field of that name would vanish silently; no Business Central API property has one of them.
 */
const DROPPED_PROPERTY_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting of objects and lists accepted in a body (a document with lines with their own lines is 3–4). */
const MAX_BODY_DEPTH = 16;

/**
 * Checks a body's JSON values without recursion: nesting at most {@link MAX_BODY_DEPTH}, property names non-empty,
 * numbers finite and within BC's decimal range.
 * @returns the problem with its JSON path, or undefined
 */
function bodyProblem(body: unknown): string | undefined {
	const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
	while (stack.length) {
		const { value, path, depth } = stack.pop()!;
		if (typeof value === 'number') {
			const problem = numberProblem(value);
			if (problem) return `${path || 'the body'}: ${problem}`;
		}
		if (!value || typeof value !== 'object') continue;
		if (depth >= MAX_BODY_DEPTH) return `it is nested deeper than ${MAX_BODY_DEPTH} levels (at ${path})`;
		for (const [key, child] of Object.entries(value)) {
			if (!Array.isArray(value) && key.trim() === '') return `${path || 'the body'} has a property with an empty name`;
			if (!Array.isArray(value) && DROPPED_PROPERTY_NAMES.has(key)) {
				return `the property "${key}"${path ? ` in ${path}` : ''} cannot be sent (n8n drops properties named __proto__, constructor and prototype)`;
			}
			stack.push({
				value: child,
				path: Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
				depth: depth + 1,
			});
		}
	}
	return undefined;
}

/** The JSON Body parameter: an object, or text that parses to one. */
function readJsonBody(ctx: Ctx): IDataObject {
	const raw = ctx.getNodeParameter('jsonBody', '{}') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			fail(
				ctx,
				'JSON Body: the text is not valid JSON',
				`${(error as Error).message}. Write the record as an object, e.g. {"displayName": "Contoso"}.`,
			);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		fail(
			ctx,
			'JSON Body: must be a JSON object',
			'Write one record as an object, e.g. {"displayName": "Contoso"}; arrays and plain values are not records.',
		);
	}
	const problem = bodyProblem(parsed);
	if (problem) fail(ctx, `JSON Body: ${problem}`, 'Send one record with its fields (and document lines, if any).');
	return parsed as IDataObject;
}

/** The field-by-field value types. */
const FIELD_VALUE_TYPES = ['auto', 'boolean', 'number', 'string'] as const;

/** The Fields list as an object: valid, unique names; values converted by their chosen or documented type. */
function readFieldsBody(ctx: Ctx, route: string, entitySet: string): IDataObject {
	const fields = readEntries(ctx, 'fields.field', 'Fields');
	const body: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const name = typeof field.name === 'string' ? field.name.trim() : '';
		if (!IDENTIFIER_PATTERN.test(name)) {
			fail(
				ctx,
				`Fields: field ${index + 1} has no valid name (${shown(field.name ?? '')})`,
				'Use the property name as in the API, e.g. displayName.',
			);
		}
		if (DROPPED_PROPERTY_NAMES.has(name)) {
			fail(
				ctx,
				`Fields: "${name}" cannot be sent`,
				'n8n drops properties named __proto__, constructor and prototype from requests; no Business Central API field has such a name.',
			);
		}
		if (Object.prototype.hasOwnProperty.call(body, name)) fail(ctx, `Fields: "${name}" appears twice`);
		const chosen = field.valueType ?? 'auto';
		if (typeof chosen !== 'string' || !(FIELD_VALUE_TYPES as readonly string[]).includes(chosen)) {
			fail(
				ctx,
				`Fields: field "${name}" has the value type ${shown(chosen)}`,
				`Use one of: ${FIELD_VALUE_TYPES.join(', ')}.`,
			);
		}
		const type = chosen === 'auto' ? (documentedType(route, entitySet, name) ?? 'string') : chosen;
		if (field.value !== null && typeof field.value === 'object') {
			const problem = bodyProblem(field.value);
			if (problem) fail(ctx, `Fields: "${name}": ${problem}`);
		}
		// defineProperty: a field named like an Object.prototype member (e.g. toString) stays an ordinary field.
		Object.defineProperty(body, name, {
			value: fieldValue(ctx, name, field.value, type),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return body;
}

/**
 * The Create/Update body: the JSON Body (must be a JSON object) or the Fields list.
 * @throws NodeOperationError naming the field for invalid JSON, a non-object, a bad field, or an empty body
 */
export function readBody(ctx: Ctx, route: string, entitySet: string): IDataObject {
	const mode = readOption(ctx, 'bodyMode', 'Send Body As', ['json', 'fields'] as const, 'json');
	const body = mode === 'json' ? readJsonBody(ctx) : readFieldsBody(ctx, route, entitySet);
	if (Object.keys(body).length === 0) fail(ctx, 'Body: there is nothing to send', 'Add at least one field.');
	return body;
}

/** Longest raw filter or query option accepted, in characters (the URL limit is checked on the whole URL too). */
const MAX_QUERY_OPTION_LENGTH = 8_000;

/**
 * The raw `$filter` of the Options collection (Filter), trimmed; '' for none.
 * @throws NodeOperationError when it is not text, or its quotes or parentheses are unbalanced
 */
export function readRawFilter(ctx: Ctx): string {
	const raw = readText(ctx, 'options.filter', 'Filter', { maxLength: MAX_QUERY_OPTION_LENGTH, multiLine: true }).trim();
	const problem = raw ? rawFilterProblem(raw) : undefined;
	if (problem) {
		fail(
			ctx,
			`Filter: ${problem}`,
			"Write one complete OData expression, e.g. displayName eq 'O''Neil' and (balanceDue gt 0 or blocked ne ' ').",
		);
	}
	return raw;
}

/** One condition of the filter builder, as read from the parameters. */
interface ConditionEntry {
	field?: unknown;
	operator?: unknown;
	value?: unknown;
	valueType?: unknown;
}

const FILTER_VALUE_TYPES = ['auto', 'boolean', 'date', 'datetime', 'enum', 'guid', 'number', 'string'] as const;

/**
 * The `$filter` of Get Many: the raw filter (one checked expression) and the builder's conditions (closed sets of
 * operators and combinators, values written as literals), combined with `and`, each part in parentheses.
 * @returns the filter text, or undefined for none
 */
export function readFilter(ctx: Ctx, route: string, entitySet: string): string | undefined {
	const raw = readRawFilter(ctx);
	const conditions = readEntries(ctx, 'conditions.condition', 'Filter Conditions') as ConditionEntry[];
	const combinator = readOption(
		ctx,
		'options.combineConditions',
		'Options → Combine Conditions',
		['and', 'or'] as const,
		'and',
	);
	const parts: string[] = [];
	for (const [index, condition] of conditions.entries()) {
		const label = `Filter Conditions: condition ${index + 1}`;
		const field = typeof condition.field === 'string' ? condition.field.trim() : '';
		const operator = condition.operator ?? 'eq';
		if (typeof operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(operator)) {
			fail(
				ctx,
				`${label} (${field || 'no field'}): ${shown(operator)} is not an operator`,
				`Use one of: ${FILTER_OPERATORS.join(', ')}.`,
			);
		}
		const valueType = condition.valueType ?? 'auto';
		if (typeof valueType !== 'string' || !(FILTER_VALUE_TYPES as readonly string[]).includes(valueType)) {
			fail(
				ctx,
				`${label} (${field || 'no field'}): ${shown(valueType)} is not a value type`,
				`Use one of: ${FILTER_VALUE_TYPES.join(', ')}.`,
			);
		}
		const value = condition.value;
		if (value !== null && typeof value === 'object') {
			fail(
				ctx,
				`${label} (${field || 'no field'}): the value is ${Array.isArray(value) ? 'a list' : 'an object'}, not a single value`,
				'Compare with one text, number, date or true/false value.',
			);
		}
		const typed = { field, operator, value, valueType } as FilterCondition;
		const written = tryConditionToFilter(typed, documentedType(route, entitySet, field));
		if ('problem' in written) {
			fail(
				ctx,
				`${label} (${field || 'no field'}): ${written.problem}`,
				'Fix the field name, the value or its value type.',
			);
		}
		parts.push(written.filter);
	}
	const built = combineFilters(parts, combinator);
	return combineFilters([raw, built], 'and') || undefined;
}

/**
 * A `$select`/`$orderby` list of the Options collection (comma-separated property names, Order By optionally with
 * asc/desc), checked and normalised; '' for none.
 */
export function readPropertyList(ctx: Ctx, name: string, label: string, allowDirection = false): string {
	const value = readText(ctx, name, label, { maxLength: MAX_QUERY_OPTION_LENGTH }).trim();
	if (!value) return '';
	const parts = value.split(',').map((part) => part.trim());
	for (const part of parts) {
		const [property, direction, extra] = part.split(/\s+/);
		const okDirection = direction === undefined || (allowDirection && /^(asc|desc)$/i.test(direction));
		if (!property || !/^[A-Za-z_][A-Za-z0-9_/]*$/.test(property) || !okDirection || extra !== undefined) {
			fail(
				ctx,
				`${label}: ${shown(part)} is not a property name${allowDirection ? ' (optionally followed by asc or desc)' : ''}`,
				'Separate names with commas, e.g. id,displayName.',
			);
		}
	}
	return allowDirection ? parts.map((part) => part.split(/\s+/).join(' ')).join(',') : parts.join(',');
}

/**
 * The `$expand` option: navigation properties, comma-separated, each optionally with nested options in parentheses
 * (e.g. `salesOrderLines($select=id,quantity)`); checked for balanced parentheses and quotes, BC checks the names.
 */
export function readExpand(ctx: Ctx): string {
	const value = readText(ctx, 'options.expand', 'Options → Expand', { maxLength: MAX_QUERY_OPTION_LENGTH }).trim();
	if (!value) return '';
	const problem = rawFilterProblem(value);
	if (problem || !/^[A-Za-z_]/.test(value)) {
		fail(
			ctx,
			`Options → Expand: ${problem ?? `${shown(value)} does not start with a navigation property`}`,
			'Write navigation properties separated by commas, e.g. salesOrderLines,customer.',
		);
	}
	return value;
}
