/**
 * Finding the existing records of many items by business key, for Create or Update: one filtered read per group of
 * items (`<field> eq 'a' or <field> eq 'b' …` on the first match field: Business Central allows `or` only between
 * conditions on the same field, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filters-paging),
 * split so that no URL passes {@link MAX_URL_LENGTH}; the other match fields are compared on the records read.
 */
import type { IDataObject, IExecutePaginationFunctions, IExecuteSingleFunctions } from 'n8n-workflow';

import { MAX_URL_LENGTH } from '../../../../core/constants';
import { odataLiteral, toQueryString, type ODataValueType } from '../../../../core/odata';
import { fieldType } from '../../catalog';
import { readCollection, type BcRequest, type SendOptions } from '../../transport';
import { fail, shown, type ParameterContext } from './parameters';
import { isCatalogRoute } from './validation';

/**
 * Room kept below {@link MAX_URL_LENGTH} in a match read, in characters: the request line and the headers (a bearer
 * token is 1–3 KB) share HTTP.sys's 16 KB, so a match read uses at most half of it for its URL.
 */
const URL_RESERVE = MAX_URL_LENGTH / 2;

/**
 * The Match On fields: one or more property names, each present in the item's body.
 * @throws NodeOperationError naming Match On for no field, a non-name, or a field the body lacks
 */
export function readMatchFields(
	ctx: IExecuteSingleFunctions | IExecutePaginationFunctions,
	body: IDataObject,
): string[] {
	const params = ctx as ParameterContext;
	const raw = params.getNodeParameter('matchFields', []) as unknown;
	const list = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [raw];
	const fields = list.map((f) => (typeof f === 'string' ? f.trim() : f)).filter((f) => f !== '');
	if (fields.length === 0) fail(params, 'Match On: choose at least one field', 'Pick the business key, e.g. number.');
	for (const field of fields) {
		if (typeof field !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) {
			fail(params, `Match On: ${shown(field)} is not a field name`, 'Pick a field from the list, e.g. number.');
		}
		const value = body[field];
		if (value === undefined || value === null || value === '' || typeof value === 'object') {
			fail(
				params,
				`Match On: the item's body has no value for '${field}'`,
				`Add ${field} to the body (a text, number or true/false value): it says which record to update.`,
			);
		}
	}
	return fields as string[];
}

/** The OData literal of a match value. */
export function matchLiteral(route: string, entitySet: string, field: string, value: unknown): string {
	const known: ODataValueType | undefined = isCatalogRoute(route) ? fieldType(route, entitySet, field) : undefined;
	return odataLiteral(value, 'auto', known);
}

/** Groups of literals whose `or` filter fits in a URL beside `base` (chars). */
function chunks(field: string, literals: string[], base: number): string[][] {
	const out: string[][] = [];
	let current: string[] = [];
	let length = 0;
	for (const literal of literals) {
		const part = toQueryString({ x: `${field} eq ${literal} or ` }).length;
		if (current.length > 0 && base + length + part > MAX_URL_LENGTH - URL_RESERVE) {
			out.push(current);
			current = [];
			length = 0;
		}
		current.push(literal);
		length += part;
	}
	if (current.length) out.push(current);
	return out;
}

/** Whether a value read from BC equals the item's value (numbers and their text are equal). */
export function sameValue(read: unknown, given: unknown): boolean {
	if (read === given) return true;
	if (read === null || given === null || read === undefined || given === undefined) return false;
	if (typeof read === 'object' || typeof given === 'object') return JSON.stringify(read) === JSON.stringify(given);
	return String(read) === String(given);
}

/**
 * Reads the records whose `field` equals any of `literals` (distinct OData literals), in as few reads as URL length
 * allows.
 * @param collection the GET request of the entity set (no query)
 * @returns every record read (the caller compares all match fields)
 */
export async function readMatches(
	ctx: IExecutePaginationFunctions,
	collection: BcRequest,
	send: SendOptions,
	field: string,
	literals: string[],
): Promise<IDataObject[]> {
	const distinct = [...new Set(literals)];
	const base = String(collection.baseURL ?? '').length + collection.url.length + '?$filter='.length;
	const found: IDataObject[] = [];
	for (const group of chunks(field, distinct, base)) {
		const $filter = group.map((literal) => `${field} eq ${literal}`).join(' or ');
		const records = await readCollection(
			ctx,
			{ ...collection, method: 'GET', body: undefined, qs: { $filter } },
			undefined,
			{
				...send,
				batch: undefined,
			},
		);
		for (const record of records) found.push(record);
	}
	return found;
}
