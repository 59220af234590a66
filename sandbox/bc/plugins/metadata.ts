/**
 * The `metadata` plugin: what a client reads to discover an environment's API surface.
 *
 * - `GET {route root}/$metadata`: EDMX generated from the catalog for every route (`../metadata/edmx.ts`);
 *   per environment, not per company (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 * - `GET {route root}/entityDefinitions[('<entityName>')]` with `$filter=entityName eq '<name>'`.
 * - `GET {route root}/apicategoryroutes`: the routes of the environment (route, publisher, group, version).
 * - `GET /api/microsoft/runtime/beta/companies(<id>)/apiRoutes`: BaseApp page 5462 "API Routes" (`{"route": …}` rows;
 *   the version `beta` is UNVERIFIED, the page declares none).
 *
 * Where these system sets answer (route root, any principal) is UNVERIFIED; the sandbox serves them as documented above.
 */
import type { BcApiResponse } from '../../contracts';
import type { EntitySetDef } from '../catalog';
import { buildEdmx } from '../metadata/edmx';
import { apiCategoryRoutes, entityDefinition } from '../metadata/system-sets';
import { BcErrors } from '../request-error';
import { jsonResponse, type RequestContext, type Route } from '../routes/context';
import { resolveTarget } from '../routes/resolve';
import { ODATAV4_ROUTE } from './odatav4/services';
import type { BcPlugin } from './types';

/** The runtime route of BaseApp's "API Routes" page. UNVERIFIED version (`beta`). */
export const RUNTIME_ROUTE = 'microsoft/runtime/beta';

const API_ROUTES_SET: EntitySetDef = {
	route: RUNTIME_ROUTE,
	entitySet: 'apiRoutes',
	entityName: 'apiRoute',
	caption: 'API Routes',
	sourceTable: 'Api Webhook Entity',
	temporary: true,
	kind: 'page',
	keyField: 'route',
	scope: 'company',
	allRoutes: false,
	companyContainer: false,
	etag: false,
	defaultOrderBy: [],
	insertAllowed: false,
	modifyAllowed: false,
	deleteAllowed: false,
	fields: [{ name: 'route', type: 'string', readOnly: true, caption: 'Route', alField: 'Route', maxLength: 250 }],
	navigation: [],
	actions: [],
	errorLabels: {},
};

/** EDMX per route, built once per catalog (the catalog does not change while the sandbox runs). */
const documents = new WeakMap<object, Map<string, string>>();

function edmxOf(ctx: RequestContext): string {
	let byRoute = documents.get(ctx.state.catalog);
	if (!byRoute) documents.set(ctx.state.catalog, (byRoute = new Map()));
	let xml = byRoute.get(ctx.request.apiRoute);
	if (xml === undefined) {
		const namespace = ctx.request.apiRoute === ODATAV4_ROUTE ? 'NAV' : 'Microsoft.NAV';
		xml = buildEdmx(ctx.state.catalog, ctx.request.apiRoute, namespace);
		byRoute.set(ctx.request.apiRoute, xml);
	}
	return xml;
}

const only = (name: string) => (ctx: RequestContext) => ctx.segments.length === 1 && ctx.segments[0].name === name;

function requireGet(ctx: RequestContext, set: string): void {
	if (ctx.request.method !== 'GET') throw BcErrors.methodNotAllowed(ctx.request.method, set);
}

const metadataRoute: Route = {
	name: '$metadata',
	match: only('$metadata'),
	handle(ctx): BcApiResponse {
		requireGet(ctx, '$metadata');
		return { status: 200, headers: { 'content-type': 'application/xml', 'odata-version': '4.0' }, body: edmxOf(ctx) };
	},
};

const entityDefinitionsRoute: Route = {
	name: 'entityDefinitions',
	match: only('entityDefinitions'),
	handle(ctx) {
		requireGet(ctx, 'entityDefinitions');
		const { catalog } = ctx.state;
		let rows = catalog.entitySetsOf(ctx.request.apiRoute).map((d) => entityDefinition(d, catalog));
		const key = ctx.segments[0].key;
		const filter = ctx.query.system.get('$filter')?.value;
		const wanted =
			key !== undefined
				? key.replace(/^'(.*)'$/s, '$1').replace(/''/g, "'")
				: filter
					? /^entityName eq '((?:[^']|'')*)'$/.exec(filter.trim())?.[1]?.replace(/''/g, "'")
					: undefined;
		if (filter && wanted === undefined) throw BcErrors.querySyntax();
		if (wanted !== undefined) rows = rows.filter((r) => r.entityName === wanted);
		const context = `${ctx.request.serviceRootUrl}/$metadata#entityDefinitions`;
		if (key !== undefined) {
			if (!rows[0]) throw BcErrors.segmentNotFound(`entityDefinitions(${key})`);
			return jsonResponse(200, { '@odata.context': `${context}/$entity`, ...rows[0] });
		}
		return jsonResponse(200, { '@odata.context': context, value: rows });
	},
};

const apiCategoryRoutesRoute: Route = {
	name: 'apicategoryroutes',
	match: only('apicategoryroutes'),
	handle(ctx) {
		requireGet(ctx, 'apicategoryroutes');
		return jsonResponse(200, {
			'@odata.context': `${ctx.request.serviceRootUrl}/$metadata#apicategoryroutes`,
			value: apiCategoryRoutes(ctx.state.catalog),
		});
	},
};

const apiRoutesRoute: Route = {
	name: 'apiRoutes',
	match: (ctx) => ctx.request.apiRoute === RUNTIME_ROUTE && ctx.segments.at(-1)?.name === 'apiRoutes',
	handle(ctx) {
		const target = resolveTarget(ctx);
		requireGet(ctx, 'apiRoutes');
		return jsonResponse(200, {
			'@odata.context': `${ctx.request.serviceRootUrl}/$metadata#${target.contextPath}`,
			value: ctx.state.catalog
				.routes()
				.filter((r) => r !== RUNTIME_ROUTE && r !== ODATAV4_ROUTE)
				.map((route) => ({ route })),
		});
	},
};

/** Options of {@link metadataPlugin}. */
export interface MetadataPluginOptions {
	/**
	 * Serve `apicategoryroutes` (default true). Whether BC answers it at the route root is UNVERIFIED: turn it off to
	 * act as a BC that only has the runtime `apiRoutes` page.
	 */
	categoryRoutes?: boolean;
}

/** The `metadata` plugin (see the file comment). */
export function metadataPlugin(options: MetadataPluginOptions = {}): BcPlugin {
	const routes = [metadataRoute, entityDefinitionsRoute, apiRoutesRoute];
	if (options.categoryRoutes !== false) routes.push(apiCategoryRoutesRoute);
	return { name: 'metadata', catalog: { entitySets: [API_ROUTES_SET] }, routes };
}
