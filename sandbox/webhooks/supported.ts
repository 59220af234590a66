/**
 * `webhookSupportedResources`: the entity sets a subscription can watch, as `{"resource":"v2.0/customers"}` rows.
 * BC computes them from the "Api Webhook Entity" virtual table (Base Application page 5460, excluding temporary
 * source tables, Job Queue Entry and composite keys); the sandbox offers the company-scoped, non-temporary,
 * single-key pages of its catalog that have `lastModifiedDateTime`.
 */
import type { Catalog } from '../bc/catalog';

/**
 * The supported resources, optionally filtered by `$filter=resource eq '<prefix>*'` (BC's wildcard form) or an exact
 * `resource eq '<value>'`.
 */
export function supportedResources(catalog: Catalog, rawQuery: string): Array<{ resource: string }> {
	const all: Array<{ resource: string }> = [];
	for (const route of catalog.routes()) {
		if (route === 'microsoft/runtime/beta') continue;
		for (const set of catalog.entitySetsOf(route)) {
			if (set.route !== route || set.scope !== 'company' || set.temporary || set.kind !== 'page') continue;
			if (!catalog.field(set, 'lastModifiedDateTime')) continue;
			all.push({ resource: `${route}/${set.entitySet}` });
		}
	}
	const filter = new URLSearchParams(rawQuery.replace(/\+/g, '%2B')).get('$filter');
	const m = filter ? /^\s*resource\s+eq\s+'([^']*)'\s*$/.exec(filter) : null;
	if (!m) return all;
	const pattern = m[1];
	return pattern.endsWith('*')
		? all.filter((r) => r.resource.startsWith(pattern.slice(0, -1)))
		: all.filter((r) => r.resource === pattern);
}
