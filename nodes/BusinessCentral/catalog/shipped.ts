import catalogFile from './entitySets.json';
import type {
	CatalogEntitySet,
	CatalogFieldType,
	CatalogSource,
	ODataValueType,
	ShippedCatalogFile,
	ShippedEntitySet,
} from './types';

const VALUE_TYPES: Record<CatalogFieldType, ODataValueType | undefined> = {
	GUID: 'guid',
	string: 'string',
	decimal: 'number',
	integer: 'number',
	int64: 'number',
	boolean: 'boolean',
	date: 'date',
	datetime: 'datetime',
	enum: 'enum',
	stream: undefined,
};

/** The filter builder's value type of a catalog type (`decimal`/`integer`/`int64` → `number`, `GUID` → `guid`); undefined for `stream`. */
export function valueTypeOf(type: CatalogFieldType | undefined): ODataValueType | undefined {
	return type === undefined ? undefined : VALUE_TYPES[type];
}

function toEntitySet(stored: ShippedEntitySet): CatalogEntitySet {
	return {
		entitySet: stored.entitySet,
		caption: stored.caption,
		route: stored.route,
		create: stored.create,
		update: stored.update,
		delete: stored.delete,
		fields: stored.fields.map((f) => {
			const type = valueTypeOf(f.type);
			return {
				name: f.name,
				...(type ? { type } : {}),
				...(f.type ? { catalogType: f.type } : {}),
				...(f.enumType ? { enumType: f.enumType } : {}),
				readOnly: f.readOnly === true,
			};
		}),
		navigation: stored.navigation.map((n) => ({ ...n })),
		actions: [...stored.actions],
	};
}

/**
 * A {@link CatalogSource} over a catalog file in the shape of `entitySets.json`.
 * @param file the parsed file (default: the one shipped with the node)
 */
export function fileCatalog(file: ShippedCatalogFile, name = 'shipped catalog'): CatalogSource {
	const all = file.entitySets.map(toEntitySet);
	const byRoute = new Map<string, CatalogEntitySet[]>();
	const byKey = new Map<string, CatalogEntitySet>();
	for (const e of all) {
		byRoute.set(e.route, [...(byRoute.get(e.route) ?? []), e]);
		byKey.set(`${e.route}|${e.entitySet}`, e);
	}
	const routes = [...byRoute.keys()];
	return {
		name,
		routes: () => routes,
		entitySets: (route) => byRoute.get(route) ?? [],
		entitySet: (route, entitySet) => byKey.get(`${route}|${entitySet}`),
	};
}

let shipped: CatalogSource | undefined;

/** The catalog shipped with the node (`entitySets.json`: APIV2 AL pages + API v2.0 reference types), built once. */
export function shippedCatalog(): CatalogSource {
	shipped ??= fileCatalog(catalogFile as ShippedCatalogFile, 'shipped catalog');
	return shipped;
}
