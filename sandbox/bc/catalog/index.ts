import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogData, EntitySetDef, FieldDef } from './types';

export type { CatalogData, EntitySetDef, FieldDef, NavigationDef, FieldType, LinkCondition } from './types';

/** API routes served (reference §1.1, §2.2): `v2.0` and the Microsoft routes found in the AL pages. */
export interface Catalog {
	data: CatalogData;
	routes(): string[];
	/** Entity set of a route, or undefined. Names are case-sensitive like BC's OData segments. */
	entitySet(route: string, name: string): EntitySetDef | undefined;
	field(set: EntitySetDef, name: string): FieldDef | undefined;
	/** Enum members (unescaped) or undefined when the catalog has no member list for the type. */
	enumMembers(enumType: string): string[] | undefined;
}

/** Loads the checked-in catalog (`data/api-v2.json`) and indexes it for lookups. */
export function loadCatalog(data: CatalogData = readCatalogFile()): Catalog {
	const sets = new Map<string, EntitySetDef>();
	const fields = new Map<EntitySetDef, Map<string, FieldDef>>();
	for (const s of data.entitySets) {
		sets.set(`${s.route}|${s.entitySet}`, s);
		fields.set(s, new Map(s.fields.map((f) => [f.name, f])));
	}
	const routes = [...new Set(data.entitySets.map((s) => s.route))];
	return {
		data,
		routes: () => routes,
		entitySet: (route, name) =>
			sets.get(`${route}|${name}`) ??
			(route !== 'v2.0' && name === 'companies' ? sets.get(`v2.0|companies`) : undefined),
		field: (set, name) => fields.get(set)?.get(name),
		enumMembers: (t) => data.enums[t],
	};
}

let cached: CatalogData | undefined;

/** Reads `data/api-v2.json` once per process. */
function readCatalogFile(): CatalogData {
	cached ??= JSON.parse(readFileSync(join(__dirname, 'data', 'api-v2.json'), 'utf8')) as CatalogData;
	return cached;
}
