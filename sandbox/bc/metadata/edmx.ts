/**
 * The `$metadata` (EDMX, OData CSDL 4.0 XML) of one API route, generated from the catalog. Shape as BC writes it
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api):
 * one schema `Microsoft.NAV`; an `EntityType` per entity (key, properties with `MaxLength`, `Nullable="false"` on keys
 * and NotBlank fields, `Scale="Variable"` on decimals, enum properties typed `Microsoft.NAV.<enum>`), `NavigationProperty`
 * per part (`Collection(...)` with `ContainsTarget="true"` for Many), `EnumType` with members escaped `_x0020_`, bound
 * `Action`s, and an `EntityContainer` whose entity sets carry the OData Capabilities vocabulary's Insert/Update/Delete
 * restrictions (https://github.com/oasis-tcs/odata-vocabularies/blob/main/vocabularies/Org.OData.Capabilities.V1.md).
 * BC's exact annotation terms are UNVERIFIED: the standard vocabulary's are used.
 * System sets present on every route (`entityDefinitions`, `apicategoryroutes`) are added.
 */
import type { Catalog, EntitySetDef, FieldDef } from '../catalog';
import { maxLength } from '../catalog/field-rules';
import { edmType } from '../odata/values';
import { escapeEnumMember } from '../store/formats';
import { SYSTEM_SETS } from './system-sets';

/** Escapes text for an XML attribute value. */
export function xmlAttr(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function propertyXml(def: EntitySetDef, f: FieldDef): string {
	const facets: string[] = [];
	if ((def.keyFields ?? [def.keyField]).includes(f.name) || f.notBlank) facets.push('Nullable="false"');
	if (f.type === 'string') facets.push(`MaxLength="${maxLength(def, f)}"`);
	if (f.type === 'decimal') facets.push('Scale="Variable"');
	return `<Property Name="${xmlAttr(f.name)}" Type="${xmlAttr(edmType(f))}"${facets.length ? ' ' + facets.join(' ') : ''}/>`;
}

function entityTypeXml(def: EntitySetDef, catalog: Catalog, companySets: EntitySetDef[]): string {
	const keys = (def.keyFields ?? [def.keyField]).map((k) => `<PropertyRef Name="${k}"/>`).join('');
	const lines = [`<EntityType Name="${xmlAttr(def.entityName)}">`, `<Key>${keys}</Key>`];
	for (const f of def.fields) lines.push(propertyXml(def, f));
	for (const nav of def.navigation) {
		const target = catalog.entitySet(nav.targetRoute, nav.targetSet);
		if (!target) continue;
		const type = `Microsoft.NAV.${target.entityName}`;
		lines.push(
			nav.multiplicity === 'Many'
				? `<NavigationProperty Name="${nav.name}" Type="Collection(${type})" ContainsTarget="true"/>`
				: `<NavigationProperty Name="${nav.name}" Type="${type}" ContainsTarget="true"/>`,
		);
	}
	if (def.companyContainer) {
		for (const s of companySets)
			lines.push(
				`<NavigationProperty Name="${s.entitySet}" Type="Collection(Microsoft.NAV.${s.entityName})" ContainsTarget="true"/>`,
			);
	}
	lines.push('</EntityType>');
	return lines.join('\n');
}

function capability(term: string, property: string, value: boolean): string {
	return `<Annotation Term="Org.OData.Capabilities.V1.${term}"><Record><PropertyValue Property="${property}" Bool="${value}"/></Record></Annotation>`;
}

/** Entity types reachable from the route's sets (navigation targets on other routes included). */
function typesOf(catalog: Catalog, sets: EntitySetDef[]): EntitySetDef[] {
	const byName = new Map<string, EntitySetDef>();
	const queue = [...sets];
	while (queue.length) {
		const def = queue.shift()!;
		if (byName.has(def.entityName)) continue;
		byName.set(def.entityName, def);
		for (const nav of def.navigation) {
			const target = catalog.entitySet(nav.targetRoute, nav.targetSet);
			if (target) queue.push(target);
		}
	}
	return [...byName.values()];
}

/**
 * The EDMX document of `route` (every entity set served on it, `companies` included).
 * @param namespace schema namespace: `Microsoft.NAV` on API routes, `NAV` on OData V4 web services
 *   (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/return-obtain-service-metadata-edmx-document)
 * @returns XML text (UTF-8), about 180 KB for `v2.0`
 */
export function buildEdmx(catalog: Catalog, route: string, namespace = 'Microsoft.NAV'): string {
	const xml = buildMicrosoftNavEdmx(catalog, route);
	return namespace === 'Microsoft.NAV'
		? xml
		: xml
				.replace(/"(Collection\()?Microsoft\.NAV\./g, `"$1${namespace}.`)
				.replace('Namespace="Microsoft.NAV"', `Namespace="${namespace}"`);
}

function buildMicrosoftNavEdmx(catalog: Catalog, route: string): string {
	const sets = catalog.entitySetsOf(route);
	const companySets = sets.filter((s) => s.scope === 'company');
	const types = typesOf(catalog, sets);
	const enums = new Set<string>();
	for (const def of types) for (const f of def.fields) if (f.type === 'enum' && f.enumType) enums.add(f.enumType);
	const out: string[] = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
		'<edmx:DataServices>',
		'<Schema Namespace="Microsoft.NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
	];
	for (const def of types) out.push(entityTypeXml(def, catalog, companySets));
	out.push(SYSTEM_SETS.types);
	for (const name of [...enums].sort()) {
		const members = catalog.enumMembers(name) ?? [' '];
		out.push(`<EnumType Name="${xmlAttr(name)}">`);
		members.forEach((m, i) => out.push(`<Member Name="${xmlAttr(escapeEnumMember(m))}" Value="${i}"/>`));
		out.push('</EnumType>');
	}
	const actions = new Set<string>();
	for (const def of types) {
		for (const action of def.actions) {
			const name = action.replace(/^Microsoft\.NAV\./, '');
			const key = `${name}|${def.entityName}`;
			if (actions.has(key)) continue;
			actions.add(key);
			out.push(
				`<Action Name="${xmlAttr(name)}" IsBound="true"><Parameter Name="${def.entityName}" Type="Microsoft.NAV.${def.entityName}"/></Action>`,
			);
		}
	}
	out.push('<EntityContainer Name="NAV">');
	for (const def of sets) {
		out.push(`<EntitySet Name="${def.entitySet}" EntityType="Microsoft.NAV.${def.entityName}">`);
		out.push(capability('InsertRestrictions', 'Insertable', def.insertAllowed && def.kind === 'page'));
		out.push(capability('UpdateRestrictions', 'Updatable', def.modifyAllowed && def.kind === 'page'));
		out.push(capability('DeleteRestrictions', 'Deletable', def.deleteAllowed && def.kind === 'page'));
		out.push('</EntitySet>');
	}
	out.push(SYSTEM_SETS.entitySets);
	out.push('</EntityContainer>', '</Schema>', '</edmx:DataServices>', '</edmx:Edmx>');
	return out.join('\n');
}
