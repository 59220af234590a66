import { BcRequestError } from '../request-error';

/** One `name=value` pair of the query string, raw (as received) and decoded. */
export interface QueryParam {
	name: string;
	raw: string;
	value: string;
}

/** The query string split into system query options (`$filter`…) and custom ones (`company`, `aid`…). */
export interface SplitQuery {
	system: Map<string, QueryParam>;
	custom: Map<string, QueryParam>;
}

/**
 * System query options BC's API endpoint accepts (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/odata-client-performance, `$schemaversion`:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris; `$count` is the sandbox's own choice, UNVERIFIED for API v2.0).
 */
export const SYSTEM_OPTIONS = new Set([
	'$filter',
	'$select',
	'$expand',
	'$orderby',
	'$top',
	'$skip',
	'$count',
	'$skiptoken',
	'$schemaversion',
	'$format',
]);

/** Decodes a query component like ASP.NET does (`+` is a space). Throws the syntax error on bad escapes. */
export function decodeComponent(raw: string): string {
	try {
		return decodeURIComponent(raw.replace(/\+/g, ' '));
	} catch {
		throw new BcRequestError(400, 'BadRequest_NotFound', 'Bad Request - Error in query syntax.');
	}
}

/**
 * Splits a raw query string. A system query option given twice → 400 (OData: "Query option '$x' was
 * specified more than once, but it must be specified at most once."); an unknown `$option` → 400.
 */
export function splitQuery(rawQuery: string): SplitQuery {
	const system = new Map<string, QueryParam>();
	const custom = new Map<string, QueryParam>();
	for (const part of rawQuery.split('&')) {
		if (!part) continue;
		const eq = part.indexOf('=');
		const rawName = eq < 0 ? part : part.slice(0, eq);
		const raw = eq < 0 ? '' : part.slice(eq + 1);
		const name = decodeComponent(rawName).trim();
		const param = { name, raw, value: decodeComponent(raw) };
		if (name.startsWith('$')) {
			const key = name.toLowerCase();
			if (!SYSTEM_OPTIONS.has(key))
				throw new BcRequestError(400, 'BadRequest', `The query parameter '${name}' is not supported.`);
			if (system.has(key))
				throw new BcRequestError(
					400,
					'BadRequest',
					`Query option '${name}' was specified more than once, but it must be specified at most once.`,
				);
			system.set(key, param);
		} else if (!custom.has(name)) custom.set(name, param);
	}
	return { system, custom };
}
