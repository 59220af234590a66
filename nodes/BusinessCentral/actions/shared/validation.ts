/**
 * Reads and checks the node's parameters for one item. Every function throws a NodeOperationError that names
 * the field and the fix, so bad input fails before any request is sent.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_ROUTES } from '../../../../core/constants';
import { fieldType, findEntitySet, type CatalogAccess, type ODataValueType } from '../../catalog';
import {
	API_VERSION_PATTERN,
	combineFilters,
	GUID_PATTERN,
	IDENTIFIER_PATTERN,
	NUMBER_PATTERN,
	tryConditionToFilter,
	type FilterCondition,
} from '../../../../core/odata';

type Ctx = IExecuteSingleFunctions;

function fail(ctx: Ctx, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });
}

/** The value of a resource locator parameter, or the parameter itself when it is a plain string; '' when empty. */
export function locatorValue(locator: INodeParameterResourceLocator | string | undefined): string {
	return typeof locator === 'object' ? String(locator?.value ?? '') : String(locator ?? '');
}

/** Routes whose entity sets are in the catalog (only these get catalog checks). */
const CATALOG_ROUTES: string[] = [API_ROUTES.standard, API_ROUTES.automation];

/**
 * The API route: `v2.0`, `microsoft/automation/v2.0` or `<publisher>/<group>/<version>` (business-central-api.md §1.1).
 */
export function readApiRoute(ctx: Ctx): string {
	const route = ctx.getNodeParameter('apiRoute', 'v2.0') as string;
	if (route !== 'custom') return route;
	const publisher = String(ctx.getNodeParameter('apiPublisher', '')).trim();
	const group = String(ctx.getNodeParameter('apiGroup', '')).trim();
	const version = String(ctx.getNodeParameter('apiVersion', 'v2.0')).trim();
	if (!IDENTIFIER_PATTERN.test(publisher)) {
		fail(
			ctx,
			`API Publisher: "${publisher}" is not a valid API publisher`,
			'Use the APIPublisher of the API page: letters, digits and _.',
		);
	}
	if (!IDENTIFIER_PATTERN.test(group)) {
		fail(
			ctx,
			`API Group: "${group}" is not a valid API group`,
			'Use the APIGroup of the API page: letters, digits and _.',
		);
	}
	if (!API_VERSION_PATTERN.test(version)) {
		fail(ctx, `API Version: "${version}" is not a valid API version`, 'Use vX.Y (e.g. v1.0, v2.0) or beta.');
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

/**
 * The entity set name; for catalog routes also checks that the set allows the write.
 */
export function readEntitySet(ctx: Ctx, route: string, access: CatalogAccess): string {
	const locator = ctx.getNodeParameter('entitySet') as INodeParameterResourceLocator | string;
	const name = locatorValue(locator).trim();
	if (!name) fail(ctx, 'Entity Set: choose an entity set', 'Pick one from the list or enter its name, e.g. customers.');
	if (!IDENTIFIER_PATTERN.test(name)) {
		fail(
			ctx,
			`Entity Set: "${name}" is not an entity set name`,
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

/** Reads the Company resource locator. */
export function readCompany(ctx: Ctx): CompanyRef {
	const locator = ctx.getNodeParameter('company') as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'object' ? locator?.mode : 'id';
	const value = locatorValue(locator).trim();
	if (!value) fail(ctx, 'Company: choose a company', 'Pick the company from the list, or enter its ID or name.');
	if (mode === 'name') return { name: value };
	if (!GUID_PATTERN.test(value)) {
		fail(
			ctx,
			`Company: "${value}" is not a company ID (GUID)`,
			'Pick the company from the list, or choose "By Name" to enter its name.',
		);
	}
	return { id: value.toLowerCase() };
}

/**
 * The record key: a GUID (every standard entity set is keyed by id), or for custom APIs also a text key.
 */
export function readRecordId(ctx: Ctx, route: string): string {
	const id = String(ctx.getNodeParameter('recordId', '') ?? '').trim();
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
			`Record ID: "${id}" is not a GUID`,
			'Standard entity sets are keyed by the id field (a GUID), not by number or code.',
		);
	}
	if (/[\r\n]/.test(id)) fail(ctx, 'Record ID: the key contains a line break');
	return id;
}

/** The If-Match header value: the user's ETag (JSON escaping removed) or `*` (business-central-api.md §3.3). */
export function readIfMatch(ctx: Ctx): string {
	const concurrency = ctx.getNodeParameter('concurrency', 'etag') as string;
	if (concurrency === 'overwrite') return '*';
	const raw = ctx.getNodeParameter('etag', '') as unknown;
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
	if (/[\r\n]/.test(etag)) fail(ctx, 'ETag: the value contains a line break');
	return etag;
}

/** Converts one field-by-field value by its chosen or documented type. */
function fieldValue(ctx: Ctx, name: string, value: unknown, type: string): unknown {
	if (typeof value !== 'string') return value;
	if (type === 'number') {
		if (!NUMBER_PATTERN.test(value.trim())) fail(ctx, `Fields: "${name}" must be a number, got "${value}"`);
		return Number(value.trim());
	}
	if (type === 'boolean') {
		const lower = value.trim().toLowerCase();
		if (lower !== 'true' && lower !== 'false') fail(ctx, `Fields: "${name}" must be true or false, got "${value}"`);
		return lower === 'true';
	}
	return value;
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
	return parsed as IDataObject;
}

/** The Fields list as an object: valid, unique names; values converted by their chosen or documented type. */
function readFieldsBody(ctx: Ctx, route: string, entitySet: string): IDataObject {
	const fields =
		(ctx.getNodeParameter('fields.field', []) as Array<{ name?: string; value?: unknown; valueType?: string }>) ?? [];
	const body: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const name = String(field.name ?? '').trim();
		if (!IDENTIFIER_PATTERN.test(name)) {
			fail(
				ctx,
				`Fields: field ${index + 1} has no valid name ("${name}")`,
				'Use the property name as in the API, e.g. displayName.',
			);
		}
		if (name in body) fail(ctx, `Fields: "${name}" appears twice`);
		const chosen = field.valueType ?? 'auto';
		const type = chosen === 'auto' ? (documentedType(route, entitySet, name) ?? 'string') : chosen;
		body[name] = fieldValue(ctx, name, field.value, type) as IDataObject[string];
	}
	return body;
}

/**
 * The Create/Update body: the JSON Body (must be a JSON object) or the Fields list.
 * @throws NodeOperationError naming the field for invalid JSON, a non-object, a bad field, or an empty body
 */
export function readBody(ctx: Ctx, route: string, entitySet: string): IDataObject {
	const mode = ctx.getNodeParameter('bodyMode', 'json') as string;
	const body = mode === 'json' ? readJsonBody(ctx) : readFieldsBody(ctx, route, entitySet);
	if (Object.keys(body).length === 0) fail(ctx, 'Body: there is nothing to send', 'Add at least one field.');
	return body;
}

/**
 * The raw `$filter` of the Options collection (Filter), trimmed; '' for none.
 * @throws NodeOperationError when its single quotes are unbalanced
 */
export function readRawFilter(ctx: Ctx): string {
	const raw = String(ctx.getNodeParameter('options.filter', '') ?? '').trim();
	if (raw && (raw.match(/'/g) ?? []).length % 2 !== 0) {
		fail(ctx, 'Filter: the quotes are unbalanced', "Inside a text value write a quote twice: name eq 'O''Neil'.");
	}
	return raw;
}

/**
 * The `$filter` of Get Many: the raw filter and the builder's conditions, combined.
 * @returns the filter text, or undefined for none
 */
export function readFilter(ctx: Ctx, route: string, entitySet: string): string | undefined {
	const raw = readRawFilter(ctx);
	const conditions = (ctx.getNodeParameter('conditions.condition', []) as FilterCondition[]) ?? [];
	const combinator = (ctx.getNodeParameter('options.combineConditions', 'and') as 'and' | 'or') ?? 'and';
	const parts: string[] = [];
	for (const [index, condition] of conditions.entries()) {
		const known = documentedType(route, entitySet, String(condition.field ?? '').trim());
		const written = tryConditionToFilter({ ...condition, field: String(condition.field ?? '') }, known);
		if ('problem' in written) {
			fail(
				ctx,
				`Filter Conditions: condition ${index + 1} (${condition.field || 'no field'}): ${written.problem}`,
				'Fix the field name, the value or its value type.',
			);
		}
		parts.push(written.filter);
	}
	const built = combineFilters(parts, combinator);
	return combineFilters([raw, built], 'and') || undefined;
}

/** Checks `$select`/`$orderby` lists of the Options collection (comma-separated property names). */
export function checkPropertyList(ctx: Ctx, label: string, value: unknown, allowDirection = false): void {
	if (value === undefined || value === '') return;
	for (const part of String(value).split(',')) {
		const [name, direction, extra] = part.trim().split(/\s+/);
		const okDirection = direction === undefined || (allowDirection && /^(asc|desc)$/i.test(direction));
		if (!name || !/^[A-Za-z_][A-Za-z0-9_/]*$/.test(name) || !okDirection || extra !== undefined) {
			fail(
				ctx,
				`${label}: "${part.trim()}" is not a property name${allowDirection ? ' (optionally followed by asc or desc)' : ''}`,
				'Separate names with commas, e.g. id,displayName.',
			);
		}
	}
}
