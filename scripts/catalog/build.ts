/**
 * Builds the sandbox's catalog (`sandbox/bc/catalog/data/api-v2.json`) and the node's projection
 * (`nodes/BusinessCentral/catalog/entitySets.json`) from the same sources in one pass, with one type vocabulary.
 * Pure and deterministic: the same sources give byte-identical output.
 */
import type { CatalogData, EntitySetDef, FieldDef } from '../../sandbox/bc/catalog/types';
import type { ShippedCatalogFile, ShippedEntitySet } from '../../nodes/BusinessCentral/catalog/types';
import { docsType, EnumCollector, inferredType } from './fields';
import { navigationOf } from './navigation';
import type { AlPage, CatalogSources, DocsResource } from './sources';

/** Both generated files. */
export interface GeneratedCatalogs {
	sandbox: CatalogData;
	node: ShippedCatalogFile;
}

/** A set being built, with what only the node projection needs. */
interface Built {
	def: EntitySetDef;
	page?: AlPage;
	/** Fields whose type Microsoft's API reference documents. */
	documented: Set<string>;
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');

function routeOf(p: AlPage): string {
	return p.APIPublisher ? `${p.APIPublisher}/${p.APIGroup}/${p.APIVersion}` : (p.APIVersion ?? 'v2.0');
}

/**
 * The sandbox's default order (its own choice; BC documents none): the source table's primary key as far as the page
 * exposes it — `documentId` + `sequence` for document lines, else the first of `number`, `entryNumber`, `code`,
 * `lineNumber` — then the OData key. Empty: key order.
 */
export function defaultOrderBy(fields: FieldDef[]): string[] {
	const has = (n: string) => fields.some((f) => f.name === n);
	if (has('documentId') && has('sequence')) return ['documentId', 'sequence'];
	for (const n of ['number', 'entryNumber', 'code', 'lineNumber']) if (has(n)) return [n];
	return [];
}

/**
 * A page is read-only when it is a query, has `Editable = false` or `DataAccessIntent = ReadOnly`; otherwise each of
 * Insert/Modify/DeleteAllowed is allowed unless set to false (AL page property defaults).
 */
function access(p: AlPage): Pick<EntitySetDef, 'insertAllowed' | 'modifyAllowed' | 'deleteAllowed'> {
	const readOnly = p.objectType === 'query' || p.Editable === 'false' || p.DataAccessIntent === 'ReadOnly';
	const allowed = (v: string | undefined) => !readOnly && v !== 'false';
	return {
		insertAllowed: allowed(p.InsertAllowed),
		modifyAllowed: allowed(p.ModifyAllowed),
		deleteAllowed: allowed(p.DeleteAllowed),
	};
}

function buildPage(p: AlPage, docsByName: Map<string, DocsResource>, enums: EnumCollector): Built {
	const doc = docsByName.get(p.EntityName!.toLowerCase());
	const docProps = new Map((doc?.properties ?? []).map((d) => [d.name, d]));
	const pageReadOnly = p.Editable === 'false';
	const fields: FieldDef[] = [];
	const documented = new Set<string>();
	for (const f of p.fields) {
		if (fields.some((x) => x.name === f.name)) continue;
		const d = docProps.get(f.name);
		const { documented: isDocumented, ...typed } = d ? docsType(d.type, d.description, enums) : inferredType(f.name);
		if (isDocumented) documented.add(f.name);
		const readOnly = pageReadOnly || f.editable === false || f.name === 'id' || f.name === 'lastModifiedDateTime';
		fields.push({
			name: f.name,
			...typed,
			readOnly,
			caption: f.caption ?? f.name,
			alField: unquote(f.source.replace(/^Rec\./, '')),
		});
	}
	const keyAl = unquote((p.ODataKeyFields ?? 'SystemId').split(',')[0].trim());
	const keyField =
		fields.find((f) => f.alField === keyAl || (keyAl === 'SystemId' && f.name === 'id'))?.name ??
		(fields.some((f) => f.name === 'id') ? 'id' : (fields[0]?.name ?? 'id'));
	const def: EntitySetDef = {
		route: routeOf(p),
		entitySet: p.EntitySetName!,
		entityName: p.EntityName!,
		caption: p.EntityCaption ?? p.EntityName!,
		sourceTable: unquote(p.SourceTable ?? ''),
		temporary: p.SourceTableTemporary === 'true',
		kind: p.objectType === 'query' ? 'query' : 'page',
		keyField,
		scope: 'company',
		allRoutes: false,
		companyContainer: false,
		etag: true,
		defaultOrderBy: defaultOrderBy(fields),
		...access(p),
		fields,
		navigation: [],
		actions: p.boundActions.map((a) => a.odataName),
		errorLabels: p.errorLabels,
		docs: doc?.source,
	};
	return { def, page: p, documented };
}

/**
 * `companies` is not an AL page: its fields come from the docs page `dynamics_company.md`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_company):
 * GET only, outside any company, on every API route. Rows carry no `@odata.etag` and are listed by name (real
 * responses: test/fixtures/bc-companies-list-sandbox.json; the order is the sandbox's own choice).
 */
function companiesSet(docs: CatalogSources['docs'], enums: EnumCollector): EntitySetDef {
	const doc = docs['company'];
	return {
		route: 'v2.0',
		entitySet: 'companies',
		entityName: 'company',
		caption: 'Company',
		sourceTable: 'Company',
		temporary: false,
		kind: 'page',
		keyField: 'id',
		scope: 'environment',
		allRoutes: true,
		companyContainer: true,
		etag: false,
		defaultOrderBy: ['name'],
		insertAllowed: false,
		modifyAllowed: false,
		deleteAllowed: false,
		fields: doc.properties.map((d) => {
			const { documented: _documented, ...typed } = docsType(d.type, d.description, enums);
			return { name: d.name, ...typed, readOnly: true, caption: d.name, alField: d.name };
		}),
		navigation: [],
		actions: [],
		errorLabels: {},
		docs: doc.source,
	};
}

/** The node's projection of one AL page: set caption, access, documented field types, read-only flags, parts, actions. */
function projectForNode(b: Built): ShippedEntitySet {
	const { def, page } = b;
	return {
		entitySet: def.entitySet,
		caption: page!.EntitySetCaption ?? def.entitySet,
		route: def.route,
		create: def.insertAllowed,
		update: def.modifyAllowed,
		delete: def.deleteAllowed,
		fields: def.fields.map((f) => ({
			name: f.name,
			...(b.documented.has(f.name) ? { type: f.type } : {}),
			...(b.documented.has(f.name) && f.enumType ? { enumType: f.enumType } : {}),
			...(f.readOnly ? { readOnly: true as const } : {}),
		})),
		navigation: def.navigation.map((n) => ({ name: n.name, entitySet: n.targetSet, multiplicity: n.multiplicity })),
		actions: def.actions.map((a) => a.replace(/^Microsoft\.NAV\./, '')),
	};
}

/** Builds both catalogs from the sources. */
export function buildCatalogs(sources: CatalogSources): GeneratedCatalogs {
	const { al, docs } = sources;
	const docsByName = new Map(Object.entries(docs).map(([k, v]) => [k.toLowerCase(), v]));
	const enums = new EnumCollector();
	const pages = al.pages.filter((p) => (p.PageType === 'API' || p.QueryType === 'API') && p.EntitySetName);
	const built = pages.map((p) => buildPage(p, docsByName, enums));
	const sets = built.map((b) => b.def);
	for (const b of built) {
		for (const part of b.page!.navigation) {
			const nav = navigationOf(b.def, part, sets, enums);
			if (nav) b.def.navigation.push(nav);
		}
	}
	const all = [...sets, companiesSet(docs, enums)];
	all.sort((a, b) => (a.route + '/' + a.entitySet).localeCompare(b.route + '/' + b.entitySet));
	enums.addUnusedOverrides();
	const nodeSets = built
		.filter((b) => b.page!.APIVersion === 'v2.0')
		.map(projectForNode)
		.sort((a, b) => a.route.localeCompare(b.route) || a.entitySet.localeCompare(b.entitySet));
	return {
		sandbox: {
			source: {
				al: al.source,
				docs: 'MicrosoftDocs/dynamics365smb-devitpro-pb@5dc00b6a dev-itpro/api-reference/v2.0/resources/*.md (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/)',
				generatedBy: 'scripts/generate-catalog.ts (npm run catalog:generate) from scripts/catalog/sources/',
			},
			entitySets: all,
			enums: enums.enums,
		},
		node: {
			source: `Generated by scripts/generate-catalog.ts (npm run catalog:generate) from the APIV2 AL pages (${al.source}) and the property types of Microsoft's API v2.0 reference (MicrosoftDocs/dynamics365smb-devitpro-pb@5dc00b6a dev-itpro/api-reference/v2.0/resources). Field types use the catalog vocabulary (GUID, string, decimal, integer, int64, boolean, date, datetime, enum, stream) and are present only where the reference documents them. Do not edit by hand.`,
			entitySets: nodeSets,
		},
	};
}
