/**
 * Shapes of the entity-set catalog (`data/api-v2.json`), written by `scripts/generate-catalog.ts` from the APIV2 AL
 * pages (microsoft/ALAppExtensions `Apps/W1/APIV2/app/src/pages`) and Microsoft's API v2.0 reference
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/).
 */
import type { CatalogFieldType } from '../../../nodes/BusinessCentral/catalog/types';

/**
 * Field types as Microsoft's API v2.0 reference writes them; the same vocabulary as the node's catalog
 * (`CatalogFieldType`). `enum` fields carry `enumType`.
 */
export type FieldType = CatalogFieldType;

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
	/** Text length of a string field (AL `Text[n]`/`Code[n]`); when absent the sandbox's field rules decide. */
	maxLength?: number;
	/** AL `NotBlank = true`: written as `Nullable="false"` in `$metadata`. */
	notBlank?: boolean;
}

/** One part of a page's SubPageLink: child field equals the parent field or a constant. */
export interface LinkCondition {
	childField: string;
	parentField?: string;
	constValue?: string;
}

/** A navigation property (AL `part`). */
export interface NavigationDef {
	/** Property name: EntitySetName for Many, EntityName for ZeroOrOne (see `scripts/catalog/navigation.ts`). */
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
	/**
	 * All key properties when the key is composite (OData V4 page web services, e.g. `Document_Type` + `No`); the
	 * table is still keyed by `keyField`, which must be unique on its own. Absent: `[keyField]`.
	 */
	keyFields?: string[];
	/**
	 * `company`: the set lives in a company (`companies(<id>)/<set>` or `<set>?company=`); `environment`: at the API
	 * root of the environment, outside any company (`companies` itself).
	 */
	scope: 'company' | 'environment';
	/** Served on every API route, not only its own (`companies`: `api/<publisher>/<group>/<version>/companies`). */
	allRoutes: boolean;
	/** Its rows are the environment's companies: `<set>(<id>)/<company-scoped set>` addresses that company's data. */
	companyContainer: boolean;
	/** Whether rows carry `@odata.etag` (false for `companies`, as real responses show). */
	etag: boolean;
	/**
	 * Fields of BC's default order, before the OData key: the source table's primary key as far as the page exposes
	 * it (e.g. `number`, `code`, `documentId` + `sequence`; `name` for companies). Empty: key order.
	 */
	defaultOrderBy: string[];
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
