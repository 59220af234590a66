/**
 * OData literals, filters, key predicates and query strings as Business Central's API v2.0 reads them.
 * Sources: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris
 * and the OData 4.01 URL conventions (https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html).
 */

import { DECIMAL_MAGNITUDE_LIMIT } from './constants';

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

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(Z|[+-](\d{2}):(\d{2}))$/;
/** A JSON-style decimal number as text: optional minus, digits, optional fraction and exponent. */
export const NUMBER_PATTERN = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** The comparison operators and string functions of the filter builder, a closed set. */
export const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'startswith', 'endswith', 'contains'] as const;

/** Whether year-month-day is a real calendar date (2024-02-29 yes, 2023-02-29 and 2024-13-45 no); years 0001-9999. */
function isCalendarDate(year: number, month: number, day: number): boolean {
	if (year < 1 || month < 1 || month > 12 || day < 1) return false;
	const date = new Date(Date.UTC(2000, month - 1, day));
	date.setUTCFullYear(year);
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether `text` is a real calendar date `YYYY-MM-DD`. */
export function isODataDate(text: string): boolean {
	const match = DATE_PATTERN.exec(text);
	return !!match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Whether `text` is a real date-time with time zone (`2024-05-01T10:00:00Z`, `…+02:00`): hours 0-23, minutes 0-59. */
export function isODataDateTime(text: string): boolean {
	const m = DATETIME_PATTERN.exec(text);
	if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
	const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
	const [offsetHour, offsetMinute] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
	return hour < 24 && minute < 60 && second < 60 && offsetHour < 15 && offsetMinute < 60;
}

/**
 * Checks a number against what Business Central stores: finite and within ±999,999,999,999,999.99 (`Decimal`;
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/methods-auto/decimal/decimal-data-type).
 * @returns the problem, or undefined when the number fits
 */
export function numberProblem(value: number, text = String(value)): string | undefined {
	if (!Number.isFinite(value)) return `"${text}" is not a finite number`;
	if (Math.abs(value) >= DECIMAL_MAGNITUDE_LIMIT)
		return `"${text}" is outside Business Central's range (±999,999,999,999,999.99)`;
	return undefined;
}

/**
 * Checks the structure of a raw `$filter` written by the user: single quotes balanced (a quote inside a text value
 * is written twice) and parentheses balanced outside text values, never closing more than were opened, so the text
 * is one self-contained expression that can be wrapped in parentheses and combined with others without changing how
 * they combine. Line breaks and other control characters are refused.
 * @returns the problem, or undefined when the structure is sound
 */
export function rawFilterProblem(filter: string): string | undefined {
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(filter)) return 'it contains a line break or another control character';
	let depth = 0;
	let inString = false;
	for (let i = 0; i < filter.length; i++) {
		const c = filter[i];
		if (inString) {
			if (c === "'") {
				if (filter[i + 1] === "'") i++;
				else inString = false;
			}
		} else if (c === "'") inString = true;
		else if (c === '(') depth++;
		else if (c === ')') {
			depth--;
			if (depth < 0) return 'a closing parenthesis ")" has no opening one before it';
		}
	}
	if (inString) return "the quotes are unbalanced (inside a text value write a quote twice: name eq 'O''Neil')";
	if (depth > 0) return 'an opening parenthesis "(" is not closed';
	return undefined;
}

/** Filter builder value types: the catalog's types plus `auto`. */
export type FilterValueType = ODataValueType | 'auto';
/** Comparison operators and string functions the filter builder writes (see the module's sources). */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

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
		case 'number': {
			if (typeof value !== 'number' && !NUMBER_PATTERN.test(text)) {
				throw new ODataLiteralError(`"${text}" is not a number`);
			}
			const problem = numberProblem(Number(typeof value === 'number' ? value : text), text);
			if (problem) throw new ODataLiteralError(problem);
			return typeof value === 'number' ? String(value) : text;
		}
		case 'boolean':
			if (value === true || text.toLowerCase() === 'true') return 'true';
			if (value === false || text.toLowerCase() === 'false') return 'false';
			throw new ODataLiteralError(`"${text}" is not true or false`);
		case 'date':
			if (!isODataDate(text)) throw new ODataLiteralError(`"${text}" is not a calendar date (YYYY-MM-DD)`);
			return text;
		case 'datetime':
			if (!isODataDateTime(text)) {
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
 * @throws ODataLiteralError for an invalid field name, an operator outside {@link FILTER_OPERATORS}, or a value that
 *   does not fit its type.
 */
export function conditionToFilter(condition: FilterCondition, knownType?: ODataValueType): string {
	const field = condition.field.trim();
	if (!/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) {
		throw new ODataLiteralError(`"${field}" is not a field name (letters, digits and _; use / for a navigation path)`);
	}
	if (!(FILTER_OPERATORS as readonly string[]).includes(condition.operator)) {
		throw new ODataLiteralError(
			`"${String(condition.operator)}" is not an operator (use one of ${FILTER_OPERATORS.join(', ')})`,
		);
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
