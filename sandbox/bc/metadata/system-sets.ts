/**
 * Two of the system entity sets BC lists in every route's `$metadata`, at the route root without a company:
 * `entityDefinitions` (type `entityMetadata`: entity and set names, captions, properties, actions, enum members) and
 * `apicategoryroutes` (`route`, `publisher`, `group`, `version`). Field names follow the Base Application's system
 * pages (StefanMaron/MSDyn365BC.Code.History, Base Application); that they answer at the route root for every
 * principal is UNVERIFIED (the sandbox's own choice: they do).
 */
import type { Catalog, EntitySetDef } from '../catalog';
import { escapeEnumMember } from '../store/formats';

/** EDMX fragments of the two system sets: their types (inside the schema) and entity sets (inside the container). */
export const SYSTEM_SETS = {
	types: [
		'<ComplexType Name="entityMetadataLabel"><Property Name="languageCode" Type="Edm.Int32"/><Property Name="caption" Type="Edm.String"/></ComplexType>',
		'<ComplexType Name="entityMetadataField"><Property Name="name" Type="Edm.String"/><Property Name="captions" Type="Collection(Microsoft.NAV.entityMetadataLabel)"/></ComplexType>',
		'<ComplexType Name="entityMetadataAction"><Property Name="name" Type="Edm.String"/><Property Name="captions" Type="Collection(Microsoft.NAV.entityMetadataLabel)"/></ComplexType>',
		'<ComplexType Name="entityMetadataEnumMember"><Property Name="name" Type="Edm.String"/><Property Name="value" Type="Edm.Int32"/><Property Name="captions" Type="Collection(Microsoft.NAV.entityMetadataLabel)"/></ComplexType>',
		'<EntityType Name="entityMetadata"><Key><PropertyRef Name="entityName"/></Key><Property Name="entityName" Type="Edm.String" Nullable="false" MaxLength="250"/><Property Name="entitySetName" Type="Edm.String" MaxLength="250"/><Property Name="entityCaptions" Type="Collection(Microsoft.NAV.entityMetadataLabel)"/><Property Name="entitySetCaptions" Type="Collection(Microsoft.NAV.entityMetadataLabel)"/><Property Name="properties" Type="Collection(Microsoft.NAV.entityMetadataField)"/><Property Name="actions" Type="Collection(Microsoft.NAV.entityMetadataAction)"/><Property Name="enumMembers" Type="Collection(Microsoft.NAV.entityMetadataEnumMember)"/></EntityType>',
		'<EntityType Name="apiCategoryRoute"><Key><PropertyRef Name="route"/></Key><Property Name="route" Type="Edm.String" Nullable="false" MaxLength="250"/><Property Name="publisher" Type="Edm.String" MaxLength="40"/><Property Name="group" Type="Edm.String" MaxLength="40"/><Property Name="version" Type="Edm.String" MaxLength="10"/></EntityType>',
	].join('\n'),
	entitySets: [
		'<EntitySet Name="entityDefinitions" EntityType="Microsoft.NAV.entityMetadata"/>',
		'<EntitySet Name="apicategoryroutes" EntityType="Microsoft.NAV.apiCategoryRoute">',
		'<Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false"/></Record></Annotation>',
		'<Annotation Term="Org.OData.Capabilities.V1.UpdateRestrictions"><Record><PropertyValue Property="Updatable" Bool="false"/></Record></Annotation>',
		'<Annotation Term="Org.OData.Capabilities.V1.DeleteRestrictions"><Record><PropertyValue Property="Deletable" Bool="false"/></Record></Annotation>',
		'</EntitySet>',
	].join('\n'),
};

/** English (United States), the language id BC reports captions in. */
const ENU = 1033;

const label = (caption: string) => [{ languageCode: ENU, caption }];

/** One `entityDefinitions` row of an entity set. */
export function entityDefinition(def: EntitySetDef, catalog: Catalog): Record<string, unknown> {
	const enumMembers = def.fields
		.filter((f) => f.type === 'enum' && f.enumType)
		.flatMap((f) =>
			(catalog.enumMembers(f.enumType!) ?? []).map((m, value) => ({
				name: escapeEnumMember(m),
				value,
				captions: label(m),
			})),
		);
	return {
		entityName: def.entityName,
		entitySetName: def.entitySet,
		entityCaptions: label(def.caption.replace(/s$/, '')),
		entitySetCaptions: label(def.caption),
		properties: def.fields.map((f) => ({ name: f.name, captions: label(f.caption) })),
		actions: def.actions.map((a) => ({ name: a.replace(/^Microsoft\.NAV\./, ''), captions: label(a) })),
		enumMembers,
	};
}

/** The `apicategoryroutes` rows: every route the catalog serves (`v2.0` has no publisher and group). */
export function apiCategoryRoutes(catalog: Catalog): Array<Record<string, string>> {
	return catalog
		.routes()
		.filter((route) => route === 'v2.0' || route.split('/').length === 3)
		.map((route) => {
			const parts = route.split('/');
			return parts.length === 3
				? { route, publisher: parts[0], group: parts[1], version: parts[2] }
				: { route, publisher: '', group: '', version: route };
		});
}
