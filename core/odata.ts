/**
 * OData literals, filters, key predicates and query strings as Business Central's API v2.0 reads them.
 * Sources: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/webservices/use-filters-paging
 * and the OData 4.01 URL conventions (https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html).
 */

/** Value types of fields as the catalog documents them; `enum` values are written as quoted strings, which BC API v2.0 accepts. */
export type ODataValueType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'guid' | 'enum';

/** A GUID as BC writes ids: 8-4-4-4-12 hex digits, no braces. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** An OData simple identifier (entity set, property, API publisher/group): letters, digits, underscore; no leading digit. */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * An API version as BC routes it: `vX.Y` or `beta`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 */
export const API_VERSION_PATTERN = /^(v\d+\.\d+|beta)$/;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A JSON-style decimal number as text: optional minus, digits, optional fraction and exponent. */
export const NUMBER_PATTERN = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** Filter builder value types: the catalog's types plus `auto`. */
export type FilterValueType = ODataValueType | 'auto';
/** Comparison operators and string functions the filter builder writes (see the module's sources). */
export type FilterOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'startswith' | 'endswith' | 'contains';

/** Thrown for a value that cannot be written as the requested OData literal; `message` names the problem. */
export class ODataLiteralError extends Error {}

/** Writes an OData string literal: single quotes, embedded quotes doubled (`O'Neil` → `'O''Neil'`). */
export function quoteString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Writes `value` as an OData literal of `type` for `$filter`.
 *
 * Literal rules (OData URL conventions §5.1.1): strings and enum values single-quoted with quotes doubled;
 * numbers, booleans, dates (`2024-05-01`), datetimes (`2024-05-01T10:00:00Z`) and GUIDs bare.
 * `auto` uses `knownType` (the catalog's documented type of the field) when given; otherwise JavaScript
 * numbers and booleans stay bare and every string is quoted (BC's "numbers" such as customer `number`
 * are text, so a string is never guessed to be a number).
 *
 * @throws ODataLiteralError when the value does not fit the type (e.g. `abc` as number).
 */
export function odataLiteral(value: unknown, type: FilterValueType, knownType?: ODataValueType): string {
	if (type === 'auto') {
		if (knownType) return odataLiteral(value, knownType);
		if (typeof value === 'number' || typeof value === 'boolean')
			return odataLiteral(value, typeof value as 'number' | 'boolean');
		return quoteString(String(value ?? ''));
	}
	const text = String(value ?? '').trim();
	switch (type) {
		case 'string':
		case 'enum':
			return quoteString(String(value ?? ''));
		case 'number':
			if (typeof value === 'number' && Number.isFinite(value)) return String(value);
			if (!NUMBER_PATTERN.test(text)) throw new ODataLiteralError(`"${text}" is not a number`);
			return text;
		case 'boolean':
			if (value === true || text.toLowerCase() === 'true') return 'true';
			if (value === false || text.toLowerCase() === 'false') return 'false';
			throw new ODataLiteralError(`"${text}" is not true or false`);
		case 'date':
			if (!DATE_PATTERN.test(text)) throw new ODataLiteralError(`"${text}" is not a date (YYYY-MM-DD)`);
			return text;
		case 'datetime':
			if (!DATETIME_PATTERN.test(text)) {
				throw new ODataLiteralError(`"${text}" is not a date-time with time zone (e.g. 2024-05-01T10:00:00Z)`);
			}
			return text;
		case 'guid':
			if (!GUID_PATTERN.test(text)) throw new ODataLiteralError(`"${text}" is not a GUID`);
			return text.toLowerCase();
	}
	throw new ODataLiteralError(`unknown value type "${String(type)}"`);
}

/** One condition of the filter builder. */
export interface FilterCondition {
	field: string;
	operator: FilterOperator;
	value: unknown;
	valueType: FilterValueType;
}

/**
 * Writes one condition: `field op literal`, or `fn(field,literal)` for startswith/endswith/contains.
 * @throws ODataLiteralError for an invalid field name or value.
 */
export function conditionToFilter(condition: FilterCondition, knownType?: ODataValueType): string {
	const field = condition.field.trim();
	if (!/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) {
		throw new ODataLiteralError(`"${field}" is not a field name (letters, digits and _; use / for a navigation path)`);
	}
	const literal = odataLiteral(condition.value, condition.valueType, knownType);
	if (['startswith', 'endswith', 'contains'].includes(condition.operator)) {
		return `${condition.operator}(${field},${literal})`;
	}
	return `${field} ${condition.operator} ${literal}`;
}

/** {@link conditionToFilter} without throwing: the filter text, or the problem with the condition. */
export function tryConditionToFilter(
	condition: FilterCondition,
	knownType?: ODataValueType,
): { filter: string } | { problem: string } {
	try {
		return { filter: conditionToFilter(condition, knownType) };
	} catch (error) {
		return { problem: error instanceof ODataLiteralError ? error.message : String(error) };
	}
}

/** Joins filter parts with `and`/`or`, parenthesising each part when there are several. */
export function combineFilters(parts: string[], combinator: 'and' | 'or'): string {
	const nonEmpty = parts.map((p) => p.trim()).filter(Boolean);
	if (nonEmpty.length <= 1) return nonEmpty[0] ?? '';
	return nonEmpty.map((p) => `(${p})`).join(` ${combinator} `);
}

/**
 * Writes the key predicate of a record: a GUID bare (`(5d1c…)`), any other key as a quoted string
 * (`('ABC')`, custom APIs keyed by a code). The caller decides whether non-GUID keys are allowed.
 */
export function keyPredicate(key: string): string {
	const trimmed = key.trim();
	return GUID_PATTERN.test(trimmed) ? `(${trimmed.toLowerCase()})` : `(${encodeURIComponent(quoteString(trimmed))})`;
}

/**
 * Serialises query options into a query string with RFC 3986 percent-encoding (`%20` for spaces, never `+`),
 * keeping `$` in option names readable. Empty values are skipped.
 */
export function toQueryString(query: Record<string, unknown>): string {
	return Object.entries(query)
		.filter(([, v]) => v !== undefined && v !== null && v !== '')
		.map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(String(v))}`)
		.join('&');
}
