/** The query-option tree the sandbox evaluates, produced from `@odata/parser` tokens by `parse.ts`. */

/** A literal as written in the URL: its EDM type as the parser classified it and its raw text. */
export interface Literal {
	/** `Edm.String`, `Edm.Guid`, `Edm.Date`, `Edm.DateTimeOffset`, `Edm.Boolean`, numeric types or `null`. */
	edm: string;
	raw: string;
}

/** `$filter` comparison operators BC supports (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris). */
export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
/** `$filter` string functions BC supports (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris). */
export type StringFunction = 'startswith' | 'endswith' | 'contains';

/** A property reference, optionally wrapped in `tolower(...)`/`toupper(...)` (BC: case-insensitive match). */
export interface PropertyRef {
	name: string;
	caseInsensitive: boolean;
}

/** A `$filter` expression tree. */
export type FilterNode =
	| { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
	| { kind: 'not'; expr: FilterNode }
	| { kind: 'cmp'; op: ComparisonOperator; property: PropertyRef; literal: Literal }
	| { kind: 'fn'; fn: StringFunction; property: PropertyRef; literal: Literal }
	| { kind: 'property'; property: PropertyRef };

/** One `$orderby` key. */
export interface OrderByItem {
	name: string;
	descending: boolean;
}

/** One `$expand` item with its nested options. */
export interface ExpandItem {
	/** Navigation property name. */
	name: string;
	options: QueryOptions;
}

/** System query options of a request or of an `$expand` item. */
export interface QueryOptions {
	filter?: FilterNode;
	/** Selected property names; undefined = all. */
	select?: string[];
	expand?: ExpandItem[];
	orderby?: OrderByItem[];
	top?: number;
	skip?: number;
	count?: boolean;
}
