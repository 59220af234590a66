import type { BcApi, BcApiOptions, BcApiRequest, BcApiResponse, BcCompanySummary } from '../contracts';
import { defaultBehaviours, type BehaviourRegistry } from './behaviours';
import { loadCatalog } from './catalog';
import { companyRows } from './data/companies';
import { createSeeder } from './data/seed';
import { defaultViews } from './data/views';
import { bcError } from './errors';
import { splitQuery } from './odata/query-string';
import { BcRequestError } from './request-error';
import { defaultRoutes, type ApiState, type RequestContext, type Route } from './routes';
import { parsePath } from './routes/path';
import { Store, type DataChange } from './store/store';

export type { DataChange } from './store/store';

/** Default environments: BC online's `production` and `sandbox`, plus an on-prem instance key. */
export const DEFAULT_ENVIRONMENTS = ['production', 'sandbox', 'onprem'];
/** BC online's fixed server-driven page size (reference §3.2). */
export const DEFAULT_MAX_PAGE_SIZE = 20000;

/** {@link BcApiOptions} plus the extension points for later features and tests. */
export interface BcApiExtendedOptions extends BcApiOptions {
	/** Entity behaviour table (default {@link defaultBehaviours}); add hooks per entity set without touching the pipeline. */
	behaviours?: BehaviourRegistry;
	/** Extra routes tried before the built-in ones (e.g. `$metadata`, `$batch`, bound actions). */
	routes?: Route[];
	/** Clock in ms since epoch (default `Date.now`), for deterministic `lastModifiedDateTime` in tests. */
	clock?: () => number;
	/** Called synchronously after every row insert/update/delete made through the API (not for seeding); webhooks build on it. */
	onChange?: (change: DataChange) => void;
}

/**
 * Creates the sandbox's Business Central data layer (framework-free; the HTTP layer calls
 * {@link BcApi.handle}). Serves API v2.0 and the Microsoft routes from the AL catalog
 * (`sandbox/bc/catalog/data/api-v2.json`) over deterministic CRONUS-like demo data per environment
 * and company, with BC's OData query options, paging, ETags, validation and error bodies
 * (reference §1–§4). Request errors never throw: they become BC error responses with the request's
 * correlation id; unexpected failures become 500 `Internal_ServerError`.
 */
export function createBcApi(options: BcApiExtendedOptions = {}): BcApi {
	const catalog = loadCatalog();
	const environments = (options.environments ?? DEFAULT_ENVIRONMENTS).map((e) => e.toLowerCase());
	const now = options.clock ?? Date.now;
	const seeder = createSeeder(catalog, { customerCount: options.customerCount });
	const store = new Store(catalog, environments, companyRows, seeder, options.onChange, defaultViews(), now);
	const behaviours = options.behaviours ?? defaultBehaviours();
	const state: ApiState = {
		catalog,
		store,
		behaviours,
		maxPageSize: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE,
		deleteRequiresIfMatch: options.deleteRequiresIfMatch ?? true,
		now,
	};
	const routes = [...(options.routes ?? []), ...defaultRoutes()];
	const routeSet = new Set(catalog.routes());

	async function handle(request: BcApiRequest): Promise<BcApiResponse> {
		try {
			if (!store.hasEnvironment(request.environment)) {
				return bcError(
					404,
					'BadRequest_NotFound',
					`No HTTP resource was found that matches the request URI '${request.serviceRootUrl}/${request.resourcePath}'.`,
					request.correlationId,
				);
			}
			if (!routeSet.has(request.apiRoute)) {
				return bcError(
					404,
					'BadRequest_NotFound',
					`No HTTP resource was found that matches the request URI '${request.serviceRootUrl}/${request.resourcePath}'.`,
					request.correlationId,
				);
			}
			const ctx: RequestContext = {
				state,
				request: { ...request, method: request.method.toUpperCase() },
				segments: parsePath(request.resourcePath.replace(/\/+$/, '')),
				query: splitQuery(request.rawQuery),
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
		handle,
		reset: () => store.reset(),
	};
}
