import type { FieldDef } from '../catalog';
import { escapeEnumMember, unescapeEnumMember } from '../store/formats';

/** EDM type name of a field as BC's `$metadata` declares it (enum types as in https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api). */
export function edmType(field: FieldDef): string {
	switch (field.type) {
		case 'GUID':
			return 'Edm.Guid';
		case 'decimal':
			return 'Edm.Decimal';
		case 'integer':
			return 'Edm.Int32';
		case 'int64':
			return 'Edm.Int64';
		case 'boolean':
			return 'Edm.Boolean';
		case 'date':
			return 'Edm.Date';
		case 'datetime':
			return 'Edm.DateTimeOffset';
		case 'enum':
			return `Microsoft.NAV.${field.enumType}`;
		case 'stream':
			return 'Edm.Stream';
		default:
			return 'Edm.String';
	}
}

const collator = new Intl.Collator('en', { sensitivity: 'variant', numeric: false });

/** A comparable key for a wire value of the field (numbers, ms, enum ordinal, or the string). */
export type SortKey = number | string;

/**
 * Builds a function mapping wire values of `field` to comparable keys: datetimes → ms, enums →
 * member ordinal (BC compares options by ordinal), booleans → 0/1, GUIDs → lower-case.
 */
export function sortKeyOf(field: FieldDef, enumMembers: string[] | undefined): (v: unknown) => SortKey {
	switch (field.type) {
		case 'decimal':
		case 'integer':
		case 'int64':
			return (v) => Number(v);
		case 'boolean':
			return (v) => (v ? 1 : 0);
		case 'datetime':
			return (v) => Date.parse(String(v));
		case 'GUID':
			return (v) => String(v).toLowerCase();
		case 'enum': {
			if (!enumMembers) return (v) => String(v);
			const order = new Map(enumMembers.map((m, i) => [escapeEnumMember(m), i]));
			return (v) => order.get(String(v)) ?? String(v);
		}
		default:
			return (v) => String(v);
	}
}

/** Compares two sort keys: numbers numerically, strings with an `en` collator (SQL-collation-like). */
export function compareKeys(a: SortKey, b: SortKey): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : collator.compare(a, b) || (a < b ? -1 : 1);
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Canonical escaped enum member for a member name given by a client (escaped or not, case-insensitive), or undefined. */
export function matchEnumMember(input: string, members: string[]): string | undefined {
	const plain = unescapeEnumMember(input);
	const found =
		members.find((m) => m === plain) ??
		members.find((m) => m.toLowerCase() === plain.toLowerCase()) ??
		members.find((m) => m.trim() !== '' && m.trim().toLowerCase() === plain.trim().toLowerCase());
	return found === undefined ? undefined : escapeEnumMember(found);
}
