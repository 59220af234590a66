/**
 * Shapes of the entity-set catalog (`data/api-v2.json`, built by `build-catalog.ts` from the AL pages
 * and docs fixtures; reference §2.1–§2.5).
 */

/** Field types as the docs write them (reference §2.5); `enum` fields carry `enumType`. */
export type FieldType =
	'GUID' | 'string' | 'decimal' | 'integer' | 'int64' | 'boolean' | 'date' | 'datetime' | 'enum' | 'stream';

/** One OData property of an entity. */
export interface FieldDef {
	/** OData property name, e.g. `displayName`. */
	name: string;
	type: FieldType;
	/** Enum type name without namespace, e.g. `customerBlocked` (EDM `Microsoft.NAV.customerBlocked`). */
	enumType?: string;
	/** AL `Editable = false`, page-level read-only, `id` or `lastModifiedDateTime`. */
	readOnly: boolean;
	/** AL control caption, used in "Control 'X' is read-only". */
	caption: string;
	/** AL source field name (`Document Id`), used to resolve part links. */
	alField: string;
}

/** One part of a page's SubPageLink: child field equals the parent field or a constant. */
export interface LinkCondition {
	childField: string;
	parentField?: string;
	constValue?: string;
}

/** A navigation property (AL `part`). */
export interface NavigationDef {
	/** Property name: EntitySetName for Many, EntityName for ZeroOrOne (reference §2.1). */
	name: string;
	targetSet: string;
	targetRoute: string;
	multiplicity: 'Many' | 'ZeroOrOne';
	link: LinkCondition[];
	/** False when a link field could not be mapped to an OData property (the part then expands empty). */
	linkResolved: boolean;
}

/** One entity set of an API route. */
export interface EntitySetDef {
	/** `v2.0` or `publisher/group/version`. */
	route: string;
	entitySet: string;
	entityName: string;
	caption: string;
	sourceTable: string;
	temporary: boolean;
	kind: 'page' | 'query';
	/** OData key property (usually `id`). */
	keyField: string;
	companyScoped: boolean;
	insertAllowed: boolean;
	modifyAllowed: boolean;
	deleteAllowed: boolean;
	fields: FieldDef[];
	navigation: NavigationDef[];
	/** Bound actions, e.g. `Microsoft.NAV.post`. */
	actions: string[];
	errorLabels: Record<string, string>;
	/** Docs resource page the field types came from. */
	docs?: string;
}

/** The catalog file. */
export interface CatalogData {
	source: Record<string, string>;
	entitySets: EntitySetDef[];
	/** Enum type → member names as BC writes them before `_x0020_` escaping (`" "`, `"In Review"`). */
	enums: Record<string, string[]>;
}
