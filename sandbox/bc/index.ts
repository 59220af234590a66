import type { BcApi, BcApiOptions, BcApiRequest, BcApiResponse, BcCompanySummary } from '../contracts';
import { extendCatalogData, loadCatalog, readCatalogFile } from './catalog';
import { companyRows } from './data/companies';
import { createSeeder } from './data/seed';
import { bcError } from './errors';
import { splitQuery } from './odata/query-string';
import { corePlugin } from './plugins/core';
import { documentsPlugin } from './plugins/documents';
import { loadPlugins } from './plugins/load';
import type { BcPlugin, DispatchRecord, InnerRequest, RecordChange } from './plugins/types';
import { BcRequestError } from './request-error';
import { defaultRoutes, type ApiState, type RequestContext } from './routes';
import { parsePath } from './routes/path';
import { Store, toDataChange, type DataChange } from './store/store';

export type { DataChange } from './store/store';
export type * from './plugins/types';
export { corePlugin } from './plugins/core';

/** Default environments: BC online's `production` and `sandbox`, plus an on-prem instance key. */
export const DEFAULT_ENVIRONMENTS = ['production', 'sandbox', 'onprem'];
/** BC online's fixed server-driven page size (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
export const DEFAULT_MAX_PAGE_SIZE = 20000;
/** Deepest allowed nesting of {@link RequestContext.dispatch} (a route dispatching a request that dispatches …). */
const MAX_DISPATCH_DEPTH = 4;

/** {@link BcApiOptions} plus the extension points for later features and tests. */
export interface BcApiExtendedOptions extends BcApiOptions {
	/** Plugins loaded after the built-in `core` plugin, in order (routes, behaviours, derived sets, change listeners). */
	plugins?: BcPlugin[];
	/** Clock in ms since epoch (default `Date.now`), for deterministic `lastModifiedDateTime` in tests. */
	clock?: () => number;
	/** Called synchronously after every row insert/update/delete made through the API (not for seeding), in the older {@link DataChange} shape; plugins get `RecordChange` through `onChange`. */
	onChange?: (change: DataChange) => void;
	/** Called after every inner request a route dispatched (`ctx.dispatch`); the HTTP layer counts and logs them. */
	onDispatch?: (record: DispatchRecord) => void;
}

/**
 * Creates the sandbox's Business Central data layer (framework-free; the HTTP layer calls
 * {@link BcApi.handle}). Serves API v2.0 and the Microsoft routes from the catalog
 * (`sandbox/bc/catalog/data/api-v2.json`) over deterministic CRONUS-like demo data per environment
 * and company, with BC's OData query options, paging, ETags, validation and error bodies. Request errors never
 * throw: they become BC error responses with the request's correlation id; unexpected failures become 500
 * `Internal_ServerError`.
 * @throws Error when two plugins share a name, derive the same entity set, or add an entity set or enum twice
 */
export function createBcApi(options: BcApiExtendedOptions = {}): BcApi {
	const plugins = loadPlugins([corePlugin(), ...(options.plugins ?? []), documentsPlugin()]);
	const catalog = loadCatalog(extendCatalogData(readCatalogFile(), plugins.catalog));
	const environments = (options.environments ?? DEFAULT_ENVIRONMENTS).map((e) => e.toLowerCase());
	const now = options.clock ?? Date.now;
	const legacy = options.onChange;
	const listeners = [plugins.onChange, legacy && ((c: RecordChange) => legacy(toDataChange(c)))].filter(
		(l): l is (c: RecordChange) => void => l !== undefined,
	);
	const onChange = listeners.length ? (c: RecordChange) => listeners.forEach((l) => l(c)) : undefined;
	const demoSeeder = createSeeder(catalog, { customerCount: options.customerCount });
	const seeder: typeof demoSeeder = (company, environment, index) => {
		demoSeeder(company, environment, index);
		for (const seed of plugins.seeders) seed(company, environment, index);
	};
	const names = new Map(Object.entries(options.companyNames ?? {}).map(([e, n]) => [e.toLowerCase(), n]));
	const rows = (environment: string) => companyRows(environment, names.get(environment));
	const store = new Store(catalog, environments, rows, seeder, onChange, plugins.derivedSets, now);
	const state: ApiState = {
		catalog,
		store,
		behaviours: plugins.behaviours,
		maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
		deleteRequiresIfMatch: options.deleteRequiresIfMatch ?? true,
		now,
	};
	const routes = [...plugins.routes, ...defaultRoutes()];
	const routeSet = new Set([...catalog.routes(), ...plugins.apiRoutes]);

	function notFound(request: BcApiRequest): BcApiResponse {
		return bcError(
			404,
			'BadRequest_NotFound',
			`No HTTP resource was found that matches the request URI '${request.serviceRootUrl}/${request.resourcePath}'.`,
			request.correlationId,
		);
	}

	async function dispatch(outer: BcApiRequest, inner: InnerRequest, depth: number): Promise<BcApiResponse> {
		const q = inner.url.indexOf('?');
		const request: BcApiRequest = {
			...outer,
			method: inner.method.toUpperCase(),
			resourcePath: (q < 0 ? inner.url : inner.url.slice(0, q)).replace(/^\/+/, ''),
			rawQuery: q < 0 ? '' : inner.url.slice(q + 1),
			headers: Object.fromEntries(Object.entries(inner.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
			body: inner.body,
		};
		const started = performance.now();
		const response =
			depth > MAX_DISPATCH_DEPTH
				? bcError(400, 'BadRequest', 'Inner requests are nested too deeply.', outer.correlationId)
				: await serve(request, depth);
		options.onDispatch?.({ request, response, ms: Math.round(performance.now() - started) });
		return response;
	}

	async function serve(request: BcApiRequest, depth: number): Promise<BcApiResponse> {
		try {
			if (!store.hasEnvironment(request.environment) || !routeSet.has(request.apiRoute)) return notFound(request);
			const ctx: RequestContext = {
				state,
				request: { ...request, method: request.method.toUpperCase() },
				segments: parsePath(request.resourcePath.replace(/\/+$/, '')),
				query: splitQuery(request.rawQuery),
				dispatch: (inner) => dispatch(ctx.request, inner, depth + 1),
			};
			const route = routes.find((r) => r.match(ctx))!;
			return await route.handle(ctx);
		} catch (e) {
			if (e instanceof BcRequestError) return bcError(e.status, e.code, e.message, request.correlationId, e.headers);
			return bcError(
				500,
				'Internal_ServerError',
				`An unexpected error occurred in the sandbox: ${(e as Error).message}`,
				request.correlationId,
			);
		}
	}

	return {
		environments: () => [...environments],
		companies: (environment: string): BcCompanySummary[] =>
			store.companies(environment.toLowerCase()).map((c) => ({ id: String(c.id), name: String(c.name) })),
		handle: (request) => serve(request, 0),
		reset: () => store.reset(),
	};
}
