/**
 * A {@link CatalogSource} over a route's live `$metadata` (read by the transport, parsed by `./edmx.ts`): entity sets,
 * fields with types, enum members, max lengths, keys and navigation of ANY route, and Insert/Update/Delete from BC's
 * capability annotations. What `$metadata` lacks comes from the shipped catalog (the `fallback`): captions and
 * read-only fields (BC's metadata has no per-property read-only flag). On routes the shipped catalog does not know,
 * the platform's system fields (`id` = SystemId, `lastModifiedDateTime` = SystemModifiedAt, `system*`) count as
 * read-only, as BC fills them itself (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 */
import type { ParsedEdmx } from './edmx';
import { shippedCatalog } from './shipped';
import type { CatalogEntitySet, CatalogField, CatalogSource } from './types';

/** Fields BC fills itself on every table (SystemId and the audit fields), read-only in every API page. */
const SYSTEM_FIELDS = new Set([
	'id',
	'systemId',
	'lastModifiedDateTime',
	'systemCreatedAt',
	'systemCreatedBy',
	'systemModifiedAt',
	'systemModifiedBy',
	'systemRowVersion',
]);

/**
 * System entity sets of every route's `$metadata` that hold no business records (route and entity discovery,
 * business-event plumbing); left out of the entity-set list. `subscriptions` (webhooks) stays.
 */
export const SYSTEM_ENTITY_SETS = new Set([
	'entityDefinitions',
	'apicategoryroutes',
	'externaleventsubscriptions',
	'externalbusinesseventdefinitions',
]);

function mergeField(field: CatalogField, known: CatalogField | undefined): CatalogField {
	return { ...field, readOnly: known ? known.readOnly : SYSTEM_FIELDS.has(field.name) };
}

/**
 * The catalog source of one route's `$metadata`.
 * @param parsed the parsed document (`parseEdmx`)
 * @param route the API route it describes
 * @param fallback where captions and read-only flags come from (default: the shipped catalog)
 */
export function liveCatalog(
	parsed: ParsedEdmx,
	route: string,
	fallback: CatalogSource = shippedCatalog(),
	name = `$metadata of ${route}`,
): CatalogSource {
	const sets = parsed.entitySets
		.filter((s) => !SYSTEM_ENTITY_SETS.has(s.entitySet))
		.map((set): CatalogEntitySet => {
			const known = fallback.entitySet(route, set.entitySet);
			return {
				...set,
				caption: known?.caption ?? set.caption,
				fields: set.fields.map((f) =>
					mergeField(
						f,
						known?.fields.find((k) => k.name === f.name),
					),
				),
			};
		});
	const byName = new Map(sets.map((s) => [s.entitySet, s]));
	return {
		name,
		routes: () => [route],
		entitySets: (r) => (r === route ? sets : []),
		entitySet: (r, entitySet) => (r === route ? byName.get(entitySet) : undefined),
	};
}
