import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogData, EntitySetDef, FieldDef } from './types';

export type { CatalogData, EntitySetDef, FieldDef, NavigationDef, FieldType, LinkCondition } from './types';

/**
 * The entity-set catalog with lookups. Routes are `v2.0` and the Microsoft routes found in the APIV2 AL pages
 * (e.g. `microsoft/automation/v2.0`); URL shapes: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api
 */
export interface Catalog {
	data: CatalogData;
	routes(): string[];
	/**
	 * Entity set of a route, or undefined. Names are case-sensitive like BC's OData segments. Sets flagged
	 * `allRoutes` (`companies`) are found on every route.
	 */
	entitySet(route: string, name: string): EntitySetDef | undefined;
	/** Entity sets served on a route: its own plus the `allRoutes` sets, in catalog order. */
	entitySetsOf(route: string): EntitySetDef[];
	/** The set whose rows are the environment's companies (flag `companyContainer`). @throws Error when the catalog has none */
	companyContainer(): EntitySetDef;
	field(set: EntitySetDef, name: string): FieldDef | undefined;
	/** Enum members (unescaped) or undefined when the catalog has no member list for the type. */
	enumMembers(enumType: string): string[] | undefined;
}

/** Loads the checked-in catalog (`data/api-v2.json`) and indexes it for lookups. */
export function loadCatalog(data: CatalogData = readCatalogFile()): Catalog {
	const sets = new Map<string, EntitySetDef>();
	const everywhere = new Map<string, EntitySetDef>();
	const fields = new Map<EntitySetDef, Map<string, FieldDef>>();
	for (const s of data.entitySets) {
		sets.set(`${s.route}|${s.entitySet}`, s);
		if (s.allRoutes) everywhere.set(s.entitySet, s);
		fields.set(s, new Map(s.fields.map((f) => [f.name, f])));
	}
	const routes = [...new Set(data.entitySets.map((s) => s.route))];
	const container = data.entitySets.find((s) => s.companyContainer);
	return {
		data,
		routes: () => routes,
		entitySet: (route, name) => sets.get(`${route}|${name}`) ?? everywhere.get(name),
		entitySetsOf: (route) => data.entitySets.filter((s) => s.route === route || s.allRoutes),
		companyContainer: () => {
			if (!container) throw new Error('the catalog has no entity set flagged companyContainer');
			return container;
		},
		field: (set, name) => fields.get(set)?.get(name),
		enumMembers: (t) => data.enums[t],
	};
}

/** Entity sets and enum types a plugin adds to the catalog (an extension's API pages, e.g. a custom API route). */
export interface CatalogExtension {
	/** Entity sets in the catalog's shape; `route` is usually a custom `publisher/group/version`. */
	entitySets: EntitySetDef[];
	/** Enum type → member names before `_x0020_` escaping. */
	enums?: Record<string, string[]>;
}

/**
 * The catalog data with the extensions' entity sets and enums appended (a new object; `base` is not changed).
 * @throws Error when an extension redefines an entity set (same route and name) or an enum type of the base
 */
export function extendCatalogData(base: CatalogData, extensions: readonly CatalogExtension[]): CatalogData {
	if (extensions.length === 0) return base;
	const keys = new Set(base.entitySets.map((s) => `${s.route}|${s.entitySet}`));
	const entitySets = [...base.entitySets];
	const enums = { ...base.enums };
	for (const extension of extensions) {
		for (const set of extension.entitySets) {
			const key = `${set.route}|${set.entitySet}`;
			if (keys.has(key)) throw new Error(`the catalog already has the entity set ${key}`);
			keys.add(key);
			entitySets.push(set);
		}
		for (const [name, members] of Object.entries(extension.enums ?? {})) {
			if (enums[name]) throw new Error(`the catalog already has the enum type ${name}`);
			enums[name] = members;
		}
	}
	return { ...base, entitySets, enums };
}

let cached: CatalogData | undefined;

/** Reads `data/api-v2.json` once per process. */
export function readCatalogFile(): CatalogData {
	cached ??= JSON.parse(readFileSync(join(__dirname, 'data', 'api-v2.json'), 'utf8')) as CatalogData;
	return cached;
}
