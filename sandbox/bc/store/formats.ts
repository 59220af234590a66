/**
 * BC's JSON value formats (real responses, e.g. github.com/amp-labs/connectors `providers/dynamicsbusiness/test/read/customers/1-first-page.json`; types:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_customer): empty date `0001-01-01`, datetimes UTC with
 * millisecond precision and trailing zeros trimmed (`2024-06-05T23:05:22.84Z`), enum members with
 * XML-style escapes (`" "` → `_x0020_`).
 */

/** BC's blank date. */
export const EMPTY_DATE = '0001-01-01';
/** BC's blank datetime. */
export const EMPTY_DATETIME = '0001-01-01T00:00:00Z';

/** Formats a time (ms since epoch or Date) as BC does: UTC, fractional seconds trimmed. */
export function formatDateTime(value: number | Date): string {
	const iso = new Date(value).toISOString();
	return iso.replace(/\.(\d*?)0*Z$/, (_m, frac: string) => (frac ? `.${frac}Z` : 'Z'));
}

/**
 * Escapes an enum member the way BC's OData layer writes it: every character that is not a letter,
 * digit or `_` becomes `_xHHHH_` (space → `_x0020_`, `-` → `_x002D_`, `(` → `_x0028_`).
 */
export function escapeEnumMember(member: string): string {
	return member.replace(/[^A-Za-z0-9_]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Inverse of {@link escapeEnumMember}. */
export function unescapeEnumMember(value: string): string {
	return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Rounds a currency amount to 2 decimals (BC's default amount rounding precision 0.01). */
export function roundAmount(value: number): number {
	return Math.round((value + Number.EPSILON) * 100) / 100;
}
