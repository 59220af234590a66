import type { Catalog, EntitySetDef, FieldDef } from '../catalog';
import { isCodeField } from '../catalog/field-rules';
import { escapeEnumMember } from '../store/formats';
import type { Row } from '../store/table';
import { BcErrors, BcRequestError } from '../request-error';
import type { ComparisonOperator, FilterNode, Literal, PropertyRef } from './ast';
import { compareKeys, edmType, matchEnumMember, sortKeyOf, type SortKey } from './values';

/** A compiled `$filter`: a row predicate. */
export type RowPredicate = (row: Row) => boolean;

const OPERATOR_KIND: Record<ComparisonOperator, string> = {
	eq: 'Equal',
	ne: 'NotEqual',
	gt: 'GreaterThan',
	ge: 'GreaterThanOrEqual',
	lt: 'LessThan',
	le: 'LessThanOrEqual',
};
const NUMERIC_LITERALS = new Set([
	'Edm.SByte',
	'Edm.Byte',
	'Edm.Int16',
	'Edm.Int32',
	'Edm.Int64',
	'Edm.Decimal',
	'Edm.Double',
	'Edm.Single',
]);

/**
 * Compiles a filter tree against an entity set, as BC evaluates it (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/odata-known-limitations):
 * unknown property → 400 `BadRequest` "Could not find a property named …"; `or` across distinct
 * properties → 400 "The 'OR' operator is not supported on distinct fields on an OData filter.";
 * literal/property type mismatch → 400 `BadRequest` with OData's incompatible-types text; enums are
 * compared by member name (and ordinal for gt/lt); string matches are case-sensitive unless wrapped
 * in `tolower`/`toupper`, except that literals for AL Code fields are upper-cased first (AL SetFilter
 * on a Code field does that).
 */
export function compileFilter(node: FilterNode, def: EntitySetDef, catalog: Catalog): RowPredicate {
	switch (node.kind) {
		case 'and': {
			const l = compileFilter(node.left, def, catalog);
			const r = compileFilter(node.right, def, catalog);
			return (row) => l(row) && r(row);
		}
		case 'or': {
			const names = new Set<string>();
			collectProperties(node, names);
			const l = compileFilter(node.left, def, catalog);
			const r = compileFilter(node.right, def, catalog);
			if (names.size > 1)
				throw new BcRequestError(
					400,
					'BadRequest',
					"The 'OR' operator is not supported on distinct fields on an OData filter.",
				);
			return (row) => l(row) || r(row);
		}
		case 'not': {
			const e = compileFilter(node.expr, def, catalog);
			return (row) => !e(row);
		}
		case 'property': {
			const field = resolve(node.property, def, catalog);
			if (field.type !== 'boolean') throw BcErrors.querySyntax();
			return (row) => row[field.name] === true;
		}
		case 'fn':
			return compileFunction(node.fn, resolve(node.property, def, catalog), node.property, node.literal);
		case 'cmp':
			return compileComparison(node.op, resolve(node.property, def, catalog), node.property, node.literal, catalog);
	}
}

function collectProperties(node: FilterNode, out: Set<string>): void {
	if (node.kind === 'and' || node.kind === 'or') {
		collectProperties(node.left, out);
		collectProperties(node.right, out);
	} else if (node.kind === 'not') collectProperties(node.expr, out);
	else if (node.kind === 'cmp' || node.kind === 'fn' || node.kind === 'property') out.add(node.property.name);
}

function resolve(ref: PropertyRef, def: EntitySetDef, catalog: Catalog): FieldDef {
	const field = catalog.field(def, ref.name);
	if (!field || field.type === 'stream') throw BcErrors.propertyNotFound(ref.name, def.entityName);
	return field;
}

/** Decoded text of a string literal: strips the quotes and un-doubles `''`. */
export function stringLiteralValue(lit: Literal): string {
	return lit.raw.slice(1, -1).replace(/''/g, "'");
}

function incompatible(field: FieldDef, lit: Literal, op: ComparisonOperator): BcRequestError {
	const litType =
		NUMERIC_LITERALS.has(lit.edm) && !['Edm.Decimal', 'Edm.Double', 'Edm.Single', 'Edm.Int64'].includes(lit.edm)
			? 'Edm.Int32'
			: lit.edm;
	return new BcRequestError(
		400,
		'BadRequest',
		`A binary operator with incompatible types was detected. Found operand types '${edmType(field)}' and '${litType}' for operator kind '${OPERATOR_KIND[op]}'.`,
	);
}

function compileComparison(
	op: ComparisonOperator,
	field: FieldDef,
	ref: PropertyRef,
	lit: Literal,
	catalog: Catalog,
): RowPredicate {
	const name = field.name;
	if (lit.edm === 'null') {
		if (op !== 'eq' && op !== 'ne') throw incompatible(field, lit, op);
		const blank = (v: unknown) => v === null || v === undefined || v === '';
		return op === 'eq' ? (row) => blank(row[name]) : (row) => !blank(row[name]);
	}
	const members = field.type === 'enum' ? catalog.enumMembers(field.enumType!) : undefined;
	const keyOf = sortKeyOf(field, members);
	let target: SortKey;
	switch (field.type) {
		case 'string':
			if (lit.edm !== 'Edm.String') throw incompatible(field, lit, op);
			target = isCodeField(field) ? stringLiteralValue(lit).toUpperCase() : stringLiteralValue(lit);
			break;
		case 'enum': {
			if (lit.edm !== 'Edm.String') throw incompatible(field, lit, op);
			const text = stringLiteralValue(lit);
			const member = members ? matchEnumMember(text, members) : escapeEnumMember(text);
			if (member === undefined)
				throw new BcRequestError(400, 'BadRequest', `The string '${text}' is not a valid enumeration type constant.`);
			target = keyOf(member);
			break;
		}
		case 'GUID':
			if (lit.edm !== 'Edm.Guid') throw incompatible(field, lit, op);
			target = lit.raw.toLowerCase();
			break;
		case 'decimal':
		case 'integer':
		case 'int64':
			if (!NUMERIC_LITERALS.has(lit.edm)) throw incompatible(field, lit, op);
			target = Number(lit.raw);
			break;
		case 'boolean':
			if (lit.edm !== 'Edm.Boolean') throw incompatible(field, lit, op);
			target = lit.raw === 'true' ? 1 : 0;
			break;
		case 'date':
			if (lit.edm !== 'Edm.Date') throw incompatible(field, lit, op);
			target = lit.raw;
			break;
		case 'datetime':
			if (lit.edm !== 'Edm.DateTimeOffset') throw incompatible(field, lit, op);
			target = Date.parse(lit.raw);
			break;
		default:
			throw incompatible(field, lit, op);
	}
	const ci = ref.caseInsensitive && typeof target === 'string';
	const t = ci ? (target as string).toLowerCase() : target;
	const get = ci ? (row: Row) => String(keyOf(row[name])).toLowerCase() : (row: Row) => keyOf(row[name]);
	const plain = field.type === 'string' || field.type === 'date' || field.type === 'GUID';
	const cmp = plain ? (a: SortKey) => (a === t ? 0 : a < t ? -1 : 1) : (a: SortKey) => compareKeys(a, t);
	switch (op) {
		case 'eq':
			return (row) => get(row) === t;
		case 'ne':
			return (row) => get(row) !== t;
		case 'gt':
			return (row) => cmp(get(row)) > 0;
		case 'ge':
			return (row) => cmp(get(row)) >= 0;
		case 'lt':
			return (row) => cmp(get(row)) < 0;
		case 'le':
			return (row) => cmp(get(row)) <= 0;
	}
}

function compileFunction(
	fn: 'startswith' | 'endswith' | 'contains',
	field: FieldDef,
	ref: PropertyRef,
	lit: Literal,
): RowPredicate {
	if (field.type !== 'string' || lit.edm !== 'Edm.String') {
		throw new BcRequestError(
			400,
			'BadRequest',
			`No function signature for the function with name '${fn}' matches the specified arguments. The function signatures considered are: ${fn}(Edm.String Nullable=true, Edm.String Nullable=true).`,
		);
	}
	const name = field.name;
	const ci = ref.caseInsensitive;
	const text = isCodeField(field) ? stringLiteralValue(lit).toUpperCase() : stringLiteralValue(lit);
	const needle = ci ? text.toLowerCase() : text;
	const get = ci ? (row: Row) => String(row[name]).toLowerCase() : (row: Row) => String(row[name]);
	switch (fn) {
		case 'startswith':
			return (row) => get(row).startsWith(needle);
		case 'endswith':
			return (row) => get(row).endsWith(needle);
		case 'contains':
			return (row) => get(row).includes(needle);
	}
}
