/**
 * The two Microsoft sources the catalog is generated from, as extracted into `scripts/catalog/sources/` (checked in,
 * so a fresh clone can regenerate; see `sources/README.md`):
 *
 * - `apiv2_pages_from_al.json`: the API v2.0 AL pages and queries of microsoft/ALAppExtensions
 *   `Apps/W1/APIV2/app/src/pages/*.al` (commit 1842876a, app 29.0.0.0): routes, entity/set names, captions, keys,
 *   Insert/Modify/Delete/Editable flags, fields (with `Editable = false`), parts, bound actions, error labels.
 * - `apiv2_resources_from_docs.json`: the API v2.0 resource pages of MicrosoftDocs/dynamics365smb-devitpro-pb
 *   `dev-itpro/api-reference/v2.0/resources/*.md` (commit 5dc00b6a), published at
 *   https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/: property types and
 *   the enum members written in the descriptions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One control of an AL API page. */
export interface AlField {
	/** OData property name (the control name). */
	name: string;
	/** AL source expression, e.g. `Rec."Document Id"`. */
	source: string;
	caption?: string;
	/** False for controls with `Editable = false`. */
	editable?: boolean;
}

/** One AL `part` of an API page. */
export interface AlNavigation {
	navigationProperty: string;
	entityName: string;
	entitySetName: string;
	multiplicity: string;
	/** AL SubPageLink, e.g. `"Document Id" = field(Id)`. */
	subPageLink: string;
}

/** One AL API page or query with its properties as written in AL (strings, `"quoted"` names kept). */
export interface AlPage {
	objectType: string;
	objectName: string;
	PageType?: string;
	QueryType?: string;
	APIPublisher?: string;
	APIGroup?: string;
	APIVersion?: string;
	EntityName?: string;
	EntitySetName?: string;
	EntityCaption?: string;
	EntitySetCaption?: string;
	ODataKeyFields?: string;
	InsertAllowed?: string;
	ModifyAllowed?: string;
	DeleteAllowed?: string;
	Editable?: string;
	DataAccessIntent?: string;
	SourceTable?: string;
	SourceTableTemporary?: string;
	fields: AlField[];
	navigation: AlNavigation[];
	boundActions: Array<{ odataName: string }>;
	errorLabels: Record<string, string>;
}

/** One docs resource page (`dynamics_<entity>.md`). */
export interface DocsResource {
	/** Repository path of the page. */
	source: string;
	methods: string[];
	/** Properties with the type as the page writes it (`GUID`, `decimal`, `NAV.customerBlocked`, …). */
	properties: Array<{ name: string; type: string; description: string }>;
}

/** Both sources, parsed. */
export interface CatalogSources {
	al: { source: string; pages: AlPage[] };
	/** Docs resources by entity name as the docs file names it (`customer`, `salesInvoice`, …). */
	docs: Record<string, DocsResource>;
}

/** Directory of the checked-in sources. */
export const SOURCES_DIR = join(__dirname, 'sources');

/**
 * Reads both source files.
 * @throws Error (ENOENT / SyntaxError) when a file is missing or not JSON
 */
export function readSources(dir = SOURCES_DIR): CatalogSources {
	const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
	return {
		al: read('apiv2_pages_from_al.json') as CatalogSources['al'],
		docs: read('apiv2_resources_from_docs.json') as CatalogSources['docs'],
	};
}
