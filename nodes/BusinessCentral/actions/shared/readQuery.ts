/**
 * The query parameters of reads, read and checked before any request: the raw `$filter` and the filter builder's
 * conditions (closed sets of operators, combinators and value types; values written as OData literals), `$select`,
 * `$orderby` and `$expand`.
 */
import {
	combineFilters,
	FILTER_OPERATORS,
	rawFilterProblem,
	tryConditionToFilter,
	type FilterCondition,
} from '../../../../core/odata';
import { fail, readEntries, readOption, readText, shown, type ParameterContext } from './parameters';
import { documentedType } from './validation';

type Ctx = ParameterContext;

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

/** A property name in `$select`/`$orderby`: an identifier, or a path of them (`address/city`). */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_/]*$/;

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
		if (!property || !PROPERTY_NAME.test(property) || !okDirection || extra !== undefined) {
			fail(
				ctx,
				`${label}: ${shown(part)} is not a property name${allowDirection ? ' (optionally followed by asc or desc)' : ''}`,
				'Separate names with commas, e.g. id,displayName.',
			);
		}
	}
	return allowDirection ? parts.map((part) => part.split(/\s+/).join(' ')).join(',') : parts.join(',');
}

/** Checks one property name picked from a field list (or given by an expression in its place). */
function checkedFieldName(ctx: Ctx, value: unknown, label: string): string {
	const name = typeof value === 'string' ? value.trim() : value;
	if (typeof name !== 'string' || name.length > 256 || !PROPERTY_NAME.test(name)) {
		fail(ctx, `${label}: ${shown(value)} is not a property name`, 'Choose a field from the list.');
	}
	return name;
}

/**
 * Options → Select Field Names or IDs: a list of names (an expression may also give comma-separated text), each
 * checked like Select's names.
 * @throws NodeOperationError naming the option for anything but property names
 */
export function readSelectFields(ctx: Ctx): string[] {
	const label = 'Options → Select Field Names or IDs';
	const raw = ctx.getNodeParameter('options.selectFields', []) as unknown;
	if (raw === undefined || raw === null || raw === '') return [];
	const list = typeof raw === 'string' ? raw.split(',') : raw;
	if (!Array.isArray(list)) return fail(ctx, `${label}: expected a list of fields, got ${shown(raw)}`);
	if (list.length > 1000) fail(ctx, `${label}: ${list.length} fields, at most 1,000 are allowed`);
	return list.map((name) => checkedFieldName(ctx, name, label));
}

/**
 * The `$select` of the Options collection: Select's names, then the picked fields not already among them (names
 * compared without case, as BC resolves them); '' for none.
 */
export function readSelect(ctx: Ctx): string {
	const raw = readPropertyList(ctx, 'options.select', 'Options → Select');
	const names = raw ? raw.split(',') : [];
	const seen = new Set(names.map((n) => n.toLowerCase()));
	for (const name of readSelectFields(ctx)) {
		if (seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		names.push(name);
	}
	return names.join(',');
}

/**
 * The `$orderby` of the Options collection: Order By's entries, then Order By Fields' (field + asc/desc). A field
 * given twice with the same direction is sent once; with opposite directions it is refused.
 * @throws NodeOperationError naming the option for a bad name or direction, or conflicting directions
 */
export function readOrderBy(ctx: Ctx): string {
	const raw = readPropertyList(ctx, 'options.orderBy', 'Options → Order By', true);
	const entries = raw ? raw.split(',').map((part) => part.split(' ') as [string, string?]) : [];
	const sorts = readEntries(ctx, 'options.orderByFields.sort', 'Options → Order By Fields');
	for (const [index, sort] of sorts.entries()) {
		const label = `Options → Order By Fields: field ${index + 1}`;
		const field = checkedFieldName(ctx, sort.field, label);
		const direction = sort.direction ?? 'asc';
		if (direction !== 'asc' && direction !== 'desc') {
			fail(ctx, `${label} (${field}): ${shown(direction)} is not a direction`, 'Use asc or desc.');
		}
		entries.push([field, direction]);
	}
	const byName = new Map<string, string>();
	const kept: string[] = [];
	for (const [field, direction] of entries) {
		const dir = (direction ?? 'asc').toLowerCase();
		const known = byName.get(field.toLowerCase());
		if (known === undefined) {
			byName.set(field.toLowerCase(), dir);
			kept.push(direction ? `${field} ${direction}` : field);
		} else if (known !== dir) {
			fail(
				ctx,
				`Options → Order By Fields: ${field} is sorted both ${known} and ${dir}`,
				'Sort each field once: remove it from Order By or from Order By Fields.',
			);
		}
	}
	return kept.join(',');
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
