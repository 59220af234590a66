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
		if (!property || !/^[A-Za-z_][A-Za-z0-9_/]*$/.test(property) || !okDirection || extra !== undefined) {
			fail(
				ctx,
				`${label}: ${shown(part)} is not a property name${allowDirection ? ' (optionally followed by asc or desc)' : ''}`,
				'Separate names with commas, e.g. id,displayName.',
			);
		}
	}
	return allowDirection ? parts.map((part) => part.split(/\s+/).join(' ')).join(',') : parts.join(',');
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
