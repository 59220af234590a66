/**
 * Reads and checks the node's Business Central parameters for one item: API route, entity set, company, record key
 * and ETag (the body is read in body.ts, filters and query options in query.ts). Every function throws a NodeOperationError that names the field and the fix
 * (see parameters.ts), so bad input fails before any request is sent. Structure of a request comes only from here:
 * user values only ever become OData literals, names checked as identifiers, or whole, checked expressions.
 */
import type { INodeParameterResourceLocator } from 'n8n-workflow';

import { API_ROUTES } from '../../../../core/constants';
import { API_VERSION_PATTERN, GUID_PATTERN, IDENTIFIER_PATTERN, type ODataValueType } from '../../../../core/odata';
import { fieldType, findEntitySet, type CatalogAccess } from '../../catalog';
import { CONTROL_CHARACTER, fail, readOption, readText, shown, type ParameterContext } from './parameters';

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

/** The `apiRoute` option values: the two Microsoft routes, `custom` (typed) and `discovered` (picked from BC's list). */
const API_ROUTE_OPTIONS = [API_ROUTES.standard, API_ROUTES.automation, 'custom', 'discovered'] as const;

/** `<publisher>/<group>/<version>` as listed by BC's route discovery. */
const DISCOVERED_ROUTE_PATTERN = /^[A-Za-z0-9_]{1,40}\/[A-Za-z0-9_]{1,40}\/(v\d+\.\d+|beta)$/;

/**
 * The API route: `v2.0`, `microsoft/automation/v2.0` or `<publisher>/<group>/<version>`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 */
export function readApiRoute(ctx: Ctx): string {
	const route = readOption(ctx, 'apiRoute', 'API', API_ROUTE_OPTIONS, API_ROUTES.standard);
	if (route === 'discovered') {
		const picked = readText(ctx, 'customApiRoute', 'Custom API', { maxLength: 100 }).trim();
		if (!DISCOVERED_ROUTE_PATTERN.test(picked)) {
			fail(
				ctx,
				`Custom API: ${shown(picked)} is not an API route`,
				'Pick the API from the list, or enter <publisher>/<group>/<version>, e.g. contoso/shipping/v1.0.',
			);
		}
		return picked;
	}
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
export function documentedType(route: string, entitySet: string, field: string): ODataValueType | undefined {
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
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-to-modify-data).
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
