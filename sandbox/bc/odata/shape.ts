import type { Catalog, NavigationDef } from '../catalog';
import { escapeEnumMember } from '../store/formats';
import type { Row, Table } from '../store/table';
import type { BoundExpand, BoundOptions } from './bind';
import { sortRows } from './execute';

/** What projection needs from the caller: the company's tables. */
export interface ShapeContext {
	catalog: Catalog;
	/** Table of an entity set in the same company. */
	table(route: string, entitySet: string): Table;
}

/**
 * Projects rows to BC's JSON: `@odata.etag` first, then the fields in page order (`$select`
 * narrows them), then expanded navigation properties — `Many` parts as arrays, `ZeroOrOne` parts as
 * an object or null (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/transition-to-api-v2.0, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 */
export function shapeRows(
	rows: Row[],
	bound: BoundOptions,
	table: Table,
	ctx: ShapeContext,
): Record<string, unknown>[] {
	const fields = bound.select ?? bound.def.fields.filter((f) => f.type !== 'stream').map((f) => f.name);
	const withEtag = bound.def.etag;
	const keyField = bound.def.keyField;
	const out = rows.map((row) => {
		const o: Record<string, unknown> = {};
		if (withEtag) o['@odata.etag'] = table.etag(String(row[keyField]));
		for (const f of fields) o[f] = row[f];
		return o;
	});
	for (const e of bound.expand) expandInto(out, rows, e, ctx);
	return out;
}

function expandInto(out: Record<string, unknown>[], parents: Row[], e: BoundExpand, ctx: ShapeContext): void {
	const nav = e.nav;
	const target = ctx.table(nav.targetRoute, nav.targetSet);
	const groups = groupChildren(target, nav, e.options);
	parents.forEach((parent, i) => {
		let children = groups ? (groups.get(parentKey(parent, nav)) ?? []) : [];
		if (e.options.orderby?.length) {
			children = [...children];
			sortRows(children, e.options, ctx.catalog);
		}
		const skip = e.options.skip ?? 0;
		children = children.slice(skip, e.options.top !== undefined ? skip + e.options.top : undefined);
		const shaped = shapeRows(children, e.options, target, ctx);
		out[i][nav.name] = nav.multiplicity === 'ZeroOrOne' ? (shaped[0] ?? null) : shaped;
	});
}

function parentKey(parent: Row, nav: NavigationDef): string {
	return nav.link
		.filter((l) => l.parentField)
		.map((l) => String(parent[l.parentField!]).toLowerCase())
		.join('|');
}

/** Children of the target table grouped by their link values (one scan per expand per page). */
function groupChildren(target: Table, nav: NavigationDef, inner: BoundOptions): Map<string, Row[]> | undefined {
	const fieldLinks = nav.link.filter((l) => l.parentField);
	if (!nav.linkResolved || fieldLinks.length === 0) return undefined;
	const consts = nav.link
		.filter((l) => l.constValue !== undefined)
		.map((l) => ({ field: l.childField, values: [l.constValue!, escapeEnumMember(l.constValue!)] }));
	const groups = new Map<string, Row[]>();
	for (const row of target.rows()) {
		if (!consts.every((c) => c.values.includes(String(row[c.field])))) continue;
		if (inner.predicate && !inner.predicate(row)) continue;
		const k = fieldLinks.map((l) => String(row[l.childField]).toLowerCase()).join('|');
		let g = groups.get(k);
		if (!g) groups.set(k, (g = []));
		g.push(row);
	}
	return groups;
}

/** Predicate selecting the children of one parent row through a navigation property (nested paths). */
export function linkPredicate(nav: NavigationDef, parent: Row): (row: Row) => boolean {
	if (!nav.linkResolved || !nav.link.some((l) => l.parentField)) return () => false;
	const conds = nav.link.map((l) =>
		l.parentField
			? { field: l.childField, values: [String(parent[l.parentField]).toLowerCase()], lower: true }
			: { field: l.childField, values: [l.constValue!, escapeEnumMember(l.constValue!)], lower: false },
	);
	return (row) =>
		conds.every((c) => c.values.includes(c.lower ? String(row[c.field]).toLowerCase() : String(row[c.field])));
}
