import type { Catalog } from '../catalog';
import type { Row, Table } from '../store/table';
import type { BoundOptions } from './bind';
import type { RowPredicate } from './filter';
import { compareKeys, sortKeyOf } from './values';

/** One page of a collection. */
export interface PageResult {
	rows: Row[];
	/** Key of the last row when more rows follow (→ `$skiptoken`); undefined on the last page or with `$top`. */
	nextSkiptoken?: string;
	/** Number of matching rows before `$top`/`$skip`, when `$count=true`. */
	count?: number;
}

/**
 * Runs a collection query over a table with server-driven paging (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/Server-Driven-Paging-in-OData-Web-Services): rows in key
 * order unless `$orderby` (then by the given keys, ties by key); `$skiptoken` resumes after the row
 * with that key (a binary search in the key index, no re-sort); `$skip` applies to the first page only
 * (next links do not repeat it); with `$top` there is no next link.
 *
 * @param scope extra predicate (e.g. the parent link of a nested path), applied before `$filter`
 * @param pageSize maximum rows per page (items)
 */
export function queryTable(
	table: Table,
	bound: BoundOptions,
	catalog: Catalog,
	pageSize: number,
	skiptoken?: string,
	scope?: RowPredicate,
): PageResult {
	const filter = bound.predicate;
	const pred: RowPredicate | undefined = scope && filter ? (r) => scope(r) && filter(r) : (scope ?? filter);
	const limit = bound.top ?? pageSize;
	const keyField = table.def.keyField;
	const result: PageResult = { rows: [] };
	if (bound.count) {
		let n = 0;
		if (!pred) n = table.size;
		else for (const r of table.rows()) if (pred(r)) n++;
		result.count = n;
	}
	if (bound.orderby?.length) {
		const all: Row[] = [];
		for (const r of table.rows()) if (!pred || pred(r)) all.push(r);
		const compare = rowComparator(bound, catalog);
		all.sort(compare);
		let start = bound.skip ?? 0;
		if (skiptoken !== undefined) {
			const last = table.getOrDeleted(skiptoken);
			start = last ? firstAfter(all, last, compare) : 0;
		}
		result.rows = all.slice(start, start + limit);
		if (bound.top === undefined && start + limit < all.length)
			result.nextSkiptoken = String(result.rows[result.rows.length - 1][keyField]);
		return result;
	}
	const keys = table.keys();
	let i = skiptoken !== undefined ? table.positionAfter(skiptoken) : 0;
	let toSkip = skiptoken !== undefined ? 0 : (bound.skip ?? 0);
	let more = false;
	for (; i < keys.length; i++) {
		const row = table.get(keys[i])!;
		if (pred && !pred(row)) continue;
		if (toSkip > 0) {
			toSkip--;
			continue;
		}
		if (result.rows.length === limit) {
			more = true;
			break;
		}
		result.rows.push(row);
	}
	if (more && bound.top === undefined && result.rows.length)
		result.nextSkiptoken = String(result.rows[result.rows.length - 1][keyField]);
	return result;
}

/** Index of the first row sorting strictly after `last` (binary search; `last` need not be in `rows`). */
function firstAfter(rows: Row[], last: Row, compare: (a: Row, b: Row) => number): number {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compare(rows[mid], last) <= 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Sorts rows in place by `$orderby` (ties broken by the key, like BC's clustered key order). */
export function sortRows(rows: Row[], bound: BoundOptions, catalog: Catalog): void {
	rows.sort(rowComparator(bound, catalog));
}

/** Comparator for `$orderby` keys, then the entity key. */
function rowComparator(bound: BoundOptions, catalog: Catalog): (a: Row, b: Row) => number {
	const def = bound.def;
	const keys = (bound.orderby ?? []).map((o) => {
		const field = catalog.field(def, o.name)!;
		return {
			name: o.name,
			dir: o.descending ? -1 : 1,
			key: sortKeyOf(field, field.enumType ? catalog.enumMembers(field.enumType) : undefined),
		};
	});
	const keyField = def.keyField;
	return (a, b) => {
		for (const k of keys) {
			const c = compareKeys(k.key(a[k.name]), k.key(b[k.name]));
			if (c !== 0) return c * k.dir;
		}
		const ka = String(a[keyField]).toLowerCase();
		const kb = String(b[keyField]).toLowerCase();
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	};
}
