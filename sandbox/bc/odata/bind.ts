import type { Catalog, EntitySetDef, NavigationDef } from '../catalog';
import { BcErrors } from '../request-error';
import type { QueryOptions } from './ast';
import { compileFilter, type RowPredicate } from './filter';

/**
 * Query options checked against an entity set, with the filter compiled and `$expand` targets resolved;
 * `$orderby`, `$top`, `$skip` and `$count` as parsed.
 */
export interface BoundOptions extends Pick<QueryOptions, 'orderby' | 'top' | 'skip' | 'count'> {
	def: EntitySetDef;
	predicate?: RowPredicate;
	/** Selected field names in catalog order; undefined = all fields. */
	select?: string[];
	expand: BoundExpand[];
}

/** An `$expand` item bound to its navigation property and target entity set. */
export interface BoundExpand {
	nav: NavigationDef;
	options: BoundOptions;
}

/**
 * Validates query options against an entity set (unknown properties and navigation properties →
 * 400 `BadRequest` "Could not find a property named 'x' on type 'Microsoft.NAV.<entity>'.") and
 * compiles `$filter`, recursively for `$expand` items.
 */
export function bindOptions(options: QueryOptions, def: EntitySetDef, catalog: Catalog): BoundOptions {
	const bound: BoundOptions = {
		def,
		expand: [],
		orderby: options.orderby,
		top: options.top,
		skip: options.skip,
		count: options.count,
	};
	if (options.filter) bound.predicate = compileFilter(options.filter, def, catalog);
	if (options.select && !options.select.includes('*')) {
		const wanted = new Set<string>();
		for (const name of options.select) {
			const field = catalog.field(def, name);
			if (field && field.type !== 'stream') wanted.add(name);
			else if (!def.navigation.some((n) => n.name === name)) throw BcErrors.propertyNotFound(name, def.entityName);
		}
		bound.select = def.fields.filter((f) => wanted.has(f.name)).map((f) => f.name);
	}
	for (const o of options.orderby ?? []) {
		const field = catalog.field(def, o.name);
		if (!field || field.type === 'stream') throw BcErrors.propertyNotFound(o.name, def.entityName);
	}
	for (const item of options.expand ?? []) {
		const nav = def.navigation.find((n) => n.name === item.name);
		if (!nav) throw BcErrors.propertyNotFound(item.name, def.entityName);
		const target = catalog.entitySet(nav.targetRoute, nav.targetSet)!;
		bound.expand.push({ nav, options: bindOptions(item.options, target, catalog) });
	}
	return bound;
}
