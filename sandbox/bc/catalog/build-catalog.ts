/**
 * Builds `sandbox/bc/catalog/data/api-v2.json`, the entity-set catalog the sandbox serves, from the
 * team's reference fixtures (which a fresh clone does not have, hence the checked-in output):
 *
 * - `../shared/fixtures/apiv2_pages_from_al.json` — the 108 API v2.0 AL pages/queries
 *   (microsoft/ALAppExtensions @1842876a `Apps/W1/APIV2/app/src/pages`): routes, entity/set names,
 *   keys, Insert/Modify/Delete/Editable flags, fields with `editable=false`, parts, actions, error labels.
 * - `../shared/fixtures/apiv2_resources_from_docs.json` — 87 docs resource pages
 *   (MicrosoftDocs/dynamics365smb-devitpro-pb @5dc00b6a `dev-itpro/api-reference/v2.0/resources/`):
 *   property types and enum members written in the descriptions.
 *
 * Run: `npx tsx sandbox/bc/catalog/build-catalog.ts [fixturesDir]` (default `../shared/fixtures`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogData, EntitySetDef, FieldDef, FieldType, LinkCondition, NavigationDef } from './types';
import { ENUM_OVERRIDES } from './enum-overrides';

interface AlField {
	name: string;
	source: string;
	caption?: string;
	editable?: boolean;
}
interface AlNavigation {
	navigationProperty: string;
	entityName: string;
	entitySetName: string;
	multiplicity: string;
	subPageLink: string;
}
interface AlPage {
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
	ODataKeyFields?: string;
	InsertAllowed?: string;
	ModifyAllowed?: string;
	DeleteAllowed?: string;
	Editable?: string;
	SourceTable?: string;
	SourceTableTemporary?: string;
	fields: AlField[];
	navigation: AlNavigation[];
	boundActions: Array<{ odataName: string }>;
	errorLabels: Record<string, string>;
}
interface DocsResource {
	source: string;
	methods: string[];
	properties: Array<{ name: string; type: string; description: string }>;
}

const fixturesDir = resolve(process.argv[2] ?? join(__dirname, '../../../../shared/fixtures'));
const al = JSON.parse(readFileSync(join(fixturesDir, 'apiv2_pages_from_al.json'), 'utf8')) as {
	source: string;
	pages: AlPage[];
};
const docs = JSON.parse(readFileSync(join(fixturesDir, 'apiv2_resources_from_docs.json'), 'utf8')) as Record<
	string,
	DocsResource
>;
const docsByLowerName = new Map(Object.entries(docs).map(([k, v]) => [k.toLowerCase(), v]));

const enums: Record<string, string[]> = {};

/** Enum members as written in a docs description: `It can be " ", "Ship", "Invoice" or "All".` */
function enumMembersFromDescription(description: string): string[] | undefined {
	const tail = description.split(/can be/i)[1];
	if (!tail) return undefined;
	const members = [...tail.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
	return members.length ? members : undefined;
}

/** Adds enum members (union over all docs pages that use the type, in first-seen order). */
function addMembers(enumType: string, members: string[]): void {
	const list = (enums[enumType] ??= []);
	for (const m of members) if (!list.includes(m)) list.push(m);
}

function inferType(name: string): FieldType {
	if (name === 'id' || /Id$/.test(name)) return 'GUID';
	if (/DateTime$/.test(name) || /^system(Created|Modified)At$/.test(name)) return 'datetime';
	if (/Date$/.test(name)) return 'date';
	return 'string';
}

function docsTypeToField(type: string, description: string): { type: FieldType; enumType?: string } {
	if (type.startsWith('NAV.')) {
		const enumType = type.slice(4);
		const members = ENUM_OVERRIDES[enumType] ?? enumMembersFromDescription(description);
		if (members) addMembers(enumType, members);
		return { type: 'enum', enumType };
	}
	const map: Record<string, FieldType> = {
		GUID: 'GUID',
		string: 'string',
		decimal: 'decimal',
		integer: 'integer',
		int64: 'int64',
		boolean: 'boolean',
		date: 'date',
		datetime: 'datetime',
		stream: 'stream',
	};
	return { type: map[type] ?? 'string' };
}

/** AL `Rec."Document Id"` / `Rec.SystemId` → `Document Id` / `SystemId` (the table field name). */
function alFieldName(source: string): string {
	return source.replace(/^Rec\./, '').replace(/^"(.*)"$/, '$1');
}

function parseLink(subPageLink: string): Array<{ childAl: string; parentAl?: string; constValue?: string }> {
	const parts: Array<{ childAl: string; parentAl?: string; constValue?: string }> = [];
	const re = /\s*("[^"]+"|[A-Za-z0-9_]+)\s*=\s*(field|const)\(("[^"]+"|'[^']*'|[^)]*)\)\s*,?/g;
	for (const m of subPageLink.matchAll(re)) {
		const childAl = m[1].replace(/^"(.*)"$/, '$1');
		const arg = m[3].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
		parts.push(m[2] === 'field' ? { childAl, parentAl: arg } : { childAl, constValue: arg });
	}
	return parts;
}

function routeOf(p: AlPage): string {
	return p.APIPublisher ? `${p.APIPublisher}/${p.APIGroup}/${p.APIVersion}` : (p.APIVersion ?? 'v2.0');
}

const apiPages = al.pages.filter((p) => (p.PageType === 'API' || p.QueryType === 'API') && p.EntitySetName);
const sets: EntitySetDef[] = [];

for (const p of apiPages) {
	const doc = docsByLowerName.get(p.EntityName!.toLowerCase());
	const docProps = new Map((doc?.properties ?? []).map((d) => [d.name, d]));
	const pageReadOnly = p.Editable === 'false';
	const fields: FieldDef[] = [];
	for (const f of p.fields) {
		if (fields.some((x) => x.name === f.name)) continue;
		const d = docProps.get(f.name);
		const t = d ? docsTypeToField(d.type, d.description) : { type: inferType(f.name) };
		const readOnly = pageReadOnly || f.editable === false || f.name === 'id' || f.name === 'lastModifiedDateTime';
		fields.push({ name: f.name, ...t, readOnly, caption: f.caption ?? f.name, alField: alFieldName(f.source) });
	}
	const keyAl = (p.ODataKeyFields ?? 'SystemId')
		.split(',')[0]
		.trim()
		.replace(/^"(.*)"$/, '$1');
	const keyField =
		fields.find((f) => f.alField === keyAl || (keyAl === 'SystemId' && f.name === 'id'))?.name ??
		(fields.some((f) => f.name === 'id') ? 'id' : (fields[0]?.name ?? 'id'));
	const isQuery = p.objectType === 'query';
	const flag = (v: string | undefined) => !isQuery && !pageReadOnly && v !== 'false';
	sets.push({
		route: routeOf(p),
		entitySet: p.EntitySetName!,
		entityName: p.EntityName!,
		caption: p.EntityCaption ?? p.EntityName!,
		sourceTable: (p.SourceTable ?? '').replace(/^"(.*)"$/, '$1'),
		temporary: p.SourceTableTemporary === 'true',
		kind: isQuery ? 'query' : 'page',
		keyField,
		companyScoped: true,
		insertAllowed: flag(p.InsertAllowed),
		modifyAllowed: flag(p.ModifyAllowed),
		deleteAllowed: flag(p.DeleteAllowed),
		fields,
		navigation: [],
		actions: p.boundActions.map((a) => a.odataName),
		errorLabels: p.errorLabels,
		docs: doc?.source,
	});
}

// Navigation parts: exposed under the EntitySetName for Many, the EntityName for ZeroOrOne (reference §2.1).
for (const p of apiPages) {
	const set = sets.find((s) => s.entitySet === p.EntitySetName && s.route === routeOf(p))!;
	for (const n of p.navigation) {
		const target =
			sets.find((s) => s.entitySet === n.entitySetName && s.route === set.route) ??
			sets.find((s) => s.entitySet === n.entitySetName);
		if (!target) continue;
		const toOData = (def: EntitySetDef, alName: string) =>
			def.fields.find((f) => f.alField === alName)?.name ??
			(alName === 'SystemId' || alName === 'Id' ? 'id' : undefined);
		const link: LinkCondition[] = [];
		let resolvable = true;
		for (const c of parseLink(n.subPageLink)) {
			const child = toOData(target, c.childAl);
			if (!child) {
				resolvable = false;
				continue;
			}
			if (c.parentAl !== undefined) {
				const parent = toOData(set, c.parentAl);
				if (!parent) {
					resolvable = false;
					continue;
				}
				link.push({ childField: child, parentField: parent });
			} else {
				link.push({ childField: child, constValue: c.constValue });
				// SubPageLink constants are members of the child's enum even where the docs list fewer (e.g. documentAttachments.parentType = Customer).
				const f = target.fields.find((x) => x.name === child);
				if (f?.type === 'enum' && c.constValue) addMembers(f.enumType!, [c.constValue]);
			}
		}
		const nav: NavigationDef = {
			name: n.multiplicity === 'ZeroOrOne' ? n.entityName : n.entitySetName,
			targetSet: target.entitySet,
			targetRoute: target.route,
			multiplicity: n.multiplicity === 'ZeroOrOne' ? 'ZeroOrOne' : 'Many',
			link,
			linkResolved: resolvable,
		};
		set.navigation.push(nav);
	}
}

// `companies` (not an AL page; docs dynamics_company.md, reference §1.5): GET only, company-independent.
const companyDoc = docs['company'];
sets.push({
	route: 'v2.0',
	entitySet: 'companies',
	entityName: 'company',
	caption: 'Company',
	sourceTable: 'Company',
	temporary: false,
	kind: 'page',
	keyField: 'id',
	companyScoped: false,
	insertAllowed: false,
	modifyAllowed: false,
	deleteAllowed: false,
	fields: companyDoc.properties.map((d) => ({
		name: d.name,
		...docsTypeToField(d.type, d.description),
		readOnly: true,
		caption: d.name,
		alField: d.name,
	})),
	navigation: [],
	actions: [],
	errorLabels: {},
	docs: companyDoc.source,
});

sets.sort((a, b) => (a.route + '/' + a.entitySet).localeCompare(b.route + '/' + b.entitySet));
for (const [name, members] of Object.entries(ENUM_OVERRIDES)) if (!enums[name]) enums[name] = members;

const out: CatalogData = {
	source: {
		al: al.source,
		docs: 'MicrosoftDocs/dynamics365smb-devitpro-pb@5dc00b6a dev-itpro/api-reference/v2.0/resources/*.md (via ../shared/fixtures/apiv2_resources_from_docs.json)',
		generatedBy: 'sandbox/bc/catalog/build-catalog.ts',
	},
	entitySets: sets,
	enums,
};
const target = join(__dirname, 'data', 'api-v2.json');
writeFileSync(target, JSON.stringify(out, null, '\t') + '\n');
console.log(`wrote ${target}: ${sets.length} entity sets, ${Object.keys(enums).length} enums`);
