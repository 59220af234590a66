import { defaultParser } from '@odata/parser';
import { BcErrors, BcRequestError } from '../request-error';
import type {
	ComparisonOperator,
	ExpandItem,
	FilterNode,
	Literal,
	OrderByItem,
	PropertyRef,
	QueryOptions,
} from './ast';
import type { QueryParam } from './query-string';

/**
 * Turns decoded system query options into a {@link QueryOptions} tree using `@odata/parser` (which
 * accepts BC's bare literal forms: `2024-01-31`, `2019-08-18T20:05:51.603Z`, GUIDs, `'O''Neil'`).
 * Syntax errors → 400 `BadRequest_NotFound` "Bad Request - Error in query syntax." (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes).
 */
export function parseQueryOptions(system: Map<string, QueryParam>): QueryOptions {
	const options: QueryOptions = {};
	const filter = system.get('$filter');
	if (filter) options.filter = parseFilter(filter.value);
	for (const name of ['$select', '$expand', '$orderby'] as const) {
		const p = system.get(name);
		if (!p) continue;
		if (!p.value.trim()) throw BcErrors.querySyntax();
		applyOptionToken(options, parseOption(`${name}=${p.value}`));
	}
	const top = system.get('$top');
	if (top) options.top = nonNegativeInteger('$top', top.value);
	const skip = system.get('$skip');
	if (skip) options.skip = nonNegativeInteger('$skip', skip.value);
	const count = system.get('$count');
	if (count) {
		const v = count.value.trim().toLowerCase();
		if (v !== 'true' && v !== 'false') throw BcErrors.querySyntax();
		options.count = v === 'true';
	}
	return options;
}

/**
 * The query option text arrives decoded once (`query-string.ts`), as BC decodes it. `@odata/parser` reads
 * percent-encoded syntax itself (`%27` is a quote, `%20` a space, per the OData ABNF), which would decode a second
 * time: `'x%27y'` (a client's `%2527`) would end the string. So every `%` is shielded as `%25` before parsing, and
 * literals get their `%` back in {@link literal}: the value `x%27y` is matched literally.
 */
function shield(text: string): string {
	return text.replace(/%/g, '%25');
}

/** Undoes {@link shield} in a token's raw text. */
function unshield(raw: string): string {
	return raw.replace(/%25/g, '%');
}

/** Parses a `$filter` expression text (decoded once, as received from {@link parseQueryOptions}). */
export function parseFilter(text: string): FilterNode {
	return toFilter(parseWhole((t) => defaultParser.filter(t), text));
}

function nonNegativeInteger(name: string, text: string): number {
	const t = text.trim();
	if (!/^-?\d+$/.test(t)) throw BcErrors.querySyntax();
	const n = Number(t);
	if (n < 0)
		throw new BcRequestError(
			400,
			'BadRequest',
			`Invalid value '${t}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
		);
	return n;
}

interface Token {
	type: string;
	value: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	raw: string;
	next?: number;
}

/** Runs one @odata/parser rule over the whole of `text`; a parse error or unparsed rest → "Error in query syntax". */
function parseWhole(rule: (text: string) => unknown, text: string): Token {
	const shielded = shield(text);
	let token: Token;
	try {
		token = rule(shielded) as Token;
	} catch {
		throw BcErrors.querySyntax();
	}
	if (!token || token.next !== shielded.length) throw BcErrors.querySyntax();
	return token;
}

function parseOption(text: string): Token {
	const token = parseWhole((t) => defaultParser.query(t), text);
	if (token.value?.options?.length !== 1) throw BcErrors.querySyntax();
	return token.value.options[0] as Token;
}

function applyOptionToken(options: QueryOptions, t: Token): void {
	switch (t.type) {
		case 'Filter':
			options.filter = toFilter(t.value);
			return;
		case 'Select':
			options.select = (t.value.items as Token[]).map((i) => selectName(i));
			return;
		case 'Expand':
			options.expand = (t.value.items as Token[]).map((i) => toExpand(i));
			return;
		case 'OrderBy':
			options.orderby = (t.value.items as Token[]).map((i): OrderByItem => ({
				name: propertyName(i.value.expr),
				descending: i.value.direction === -1,
			}));
			return;
		case 'Top':
			options.top = nonNegativeInteger('$top', t.value.raw);
			return;
		case 'Skip':
			options.skip = nonNegativeInteger('$skip', t.value.raw);
			return;
		case 'InlineCount':
			options.count = t.value.raw === 'true';
			return;
		default:
			throw BcErrors.querySyntax();
	}
}

function selectName(item: Token): string {
	const path = item.value;
	if (path?.value === '*') return '*';
	if (path?.type !== 'SelectPath' || path.raw.includes('/')) throw BcErrors.querySyntax();
	return path.value.value.name as string;
}

function toExpand(item: Token): ExpandItem {
	const segments = item.value.path.value as Token[];
	if (segments.length !== 1) throw BcErrors.querySyntax();
	const options: QueryOptions = {};
	for (const o of (item.value.options ?? []) as Token[]) applyOptionToken(options, o);
	return { name: segments[0].value.name as string, options };
}

const COMPARISONS: Record<string, ComparisonOperator> = {
	EqualsExpression: 'eq',
	NotEqualsExpression: 'ne',
	GreaterThanExpression: 'gt',
	GreaterOrEqualsExpression: 'ge',
	LesserThanExpression: 'lt',
	LesserOrEqualsExpression: 'le',
};
const MIRRORED: Record<ComparisonOperator, ComparisonOperator> = {
	eq: 'eq',
	ne: 'ne',
	gt: 'lt',
	ge: 'le',
	lt: 'gt',
	le: 'ge',
};

function toFilter(t: Token): FilterNode {
	switch (t.type) {
		case 'AndExpression':
			return { kind: 'and', left: toFilter(t.value.left), right: toFilter(t.value.right) };
		case 'OrExpression':
			return { kind: 'or', left: toFilter(t.value.left), right: toFilter(t.value.right) };
		case 'BoolParenExpression':
		case 'ParenExpression':
		case 'CommonExpression':
			return toFilter(t.value);
		case 'NotExpression':
			return { kind: 'not', expr: toFilter(t.value) };
		case 'MethodCallExpression': {
			const fn = t.value.method as string;
			const params = t.value.parameters as Token[];
			if ((fn === 'startswith' || fn === 'endswith' || fn === 'contains') && params.length === 2) {
				const [p, l] = params[0].type === 'Literal' ? [params[1], params[0]] : [params[0], params[1]];
				return { kind: 'fn', fn, property: propertyRef(p), literal: literal(l) };
			}
			throw new BcRequestError(
				501,
				'BadRequest_MethodNotImplemented',
				`The function '${fn}' is not supported in a filter on this entity.`,
			);
		}
		case 'FirstMemberExpression':
		case 'MemberExpression':
			return { kind: 'property', property: propertyRef(t) };
		default: {
			const op = COMPARISONS[t.type];
			if (!op) throw BcErrors.querySyntax();
			const { left, right } = t.value as { left: Token; right: Token };
			if (left.type === 'Literal' && right.type !== 'Literal')
				return { kind: 'cmp', op: MIRRORED[op], property: propertyRef(right), literal: literal(left) };
			if (right.type !== 'Literal') throw BcErrors.querySyntax();
			return { kind: 'cmp', op, property: propertyRef(left), literal: literal(right) };
		}
	}
}

function literal(t: Token): Literal {
	if (t.type !== 'Literal') throw BcErrors.querySyntax();
	return { edm: String(t.value), raw: unshield(t.raw) };
}

function propertyRef(t: Token): PropertyRef {
	if (
		t.type === 'MethodCallExpression' &&
		(t.value.method === 'tolower' || t.value.method === 'toupper') &&
		t.value.parameters.length === 1
	) {
		return { name: propertyName(t.value.parameters[0]), caseInsensitive: true };
	}
	return { name: propertyName(t), caseInsensitive: false };
}

/** Name of a single-segment property path token (`displayName`); navigation paths are not supported. */
function propertyName(t: Token): string {
	let cur: Token | undefined = t;
	while (cur && typeof cur.value === 'object' && cur.value !== null && !('name' in cur.value)) {
		if (cur.type === 'Literal' || cur.type === 'MethodCallExpression') throw BcErrors.querySyntax();
		cur = cur.value as Token;
	}
	if (!cur || typeof cur.value?.name !== 'string') throw BcErrors.querySyntax();
	if (t.raw.includes('/'))
		throw new BcRequestError(
			501,
			'BadRequest_MethodNotImplemented',
			`Navigation paths such as '${unshield(t.raw)}' are not supported in query options.`,
		);
	return cur.value.name as string;
}
