/**
 * The sandbox data layer's plug-in point. A {@link BcPlugin} adds BC API routes, entity behaviours, derived
 * (computed) entity sets and record-change listeners to `createBcApi({ plugins })` without touching the request
 * pipeline. The sandbox's own behaviours load the same way, as the `core` plugin (`./core.ts`). HTTP routes on the
 * server are the HTTP layer's part of a plugin (`SandboxPlugin` in `sandbox/plugins.ts`).
 */
import type { BcApiRequest, BcApiResponse } from '../../contracts';
import type { EntityBehaviour } from '../behaviours/types';
import type { RequestContext, Route } from '../routes/context';
import type { Row } from '../store/table';
import type { DerivedSet } from '../store/views';
import type { CatalogExtension } from '../catalog';
import type { CompanyData } from '../store/store';

export type { Route, RequestContext, EntityBehaviour, DerivedSet, CatalogExtension, CompanyData };

/** Entity behaviour hooks for one entity set (run in plugin order, then registration order within a plugin). */
export interface BehaviourRegistration {
	/** API route of the entity set, e.g. `v2.0` or `microsoft/automation/v2.0`. */
	route: string;
	/** Entity set name, e.g. `customers`. */
	entitySet: string;
	behaviour: EntityBehaviour;
}

/** A read-only entity set computed from other tables of the same company (e.g. `customerFinancialDetails`). */
export interface DerivedSetRegistration {
	route: string;
	entitySet: string;
	set: DerivedSet;
}

/**
 * One record change, emitted by the store after every successful insert, update or delete made through the API
 * (including rows a behaviour changes, e.g. header totals refreshed by a line write, and cascaded deletes; never for
 * seeding, and never for a write that failed and was undone). Webhooks build on it.
 */
export interface RecordChange {
	type: 'created' | 'updated' | 'deleted';
	/** Environment name, lower-case (`production`, `sandbox`, `onprem`). */
	environment: string;
	/** Company id (lower-case GUID). */
	companyId: string;
	/** API route of the entity set (`v2.0`, `microsoft/automation/v2.0`, …). */
	apiRoute: string;
	entitySet: string;
	/** The row's key (lower-case for GUID keys), e.g. a customer's `id`. */
	id: string;
	/** When the write happened, by the sandbox clock, in BC's datetime format (UTC, ms, trailing zeros trimmed). */
	at: string;
	/** The row after the change (before it, for `deleted`) in BC's JSON wire form. Do not mutate. */
	row: Row;
}

/**
 * An inner request a route dispatches through the whole pipeline (e.g. one operation of a future `$batch`), with the
 * outer request's environment, API route, principal, service root and correlation id.
 */
export interface InnerRequest {
	/** HTTP method (any case). */
	method: string;
	/** Resource path relative to the API root, percent-encoded, with an optional query: `companies(<id>)/customers?$top=1`. */
	url: string;
	/** Headers of the inner request (names in any case; the outer request's headers are not inherited). */
	headers?: Record<string, string | undefined>;
	/** Parsed JSON body, or undefined. */
	body?: unknown;
}

/** A dispatched inner request and its answer, as reported to `createBcApi({ onDispatch })` (the HTTP layer counts it). */
export interface DispatchRecord {
	request: BcApiRequest;
	response: BcApiResponse;
	/** Time the inner request took, in ms. */
	ms: number;
}

/** A data-layer plugin. Every part is optional; `name` identifies it in errors and warnings. */
export interface BcPlugin {
	/** Unique name, e.g. `core`, `webhooks`, `batch`. */
	name: string;
	/**
	 * BC API routes, tried in plugin order before the built-in ones (service document, bound-action placeholder,
	 * entity sets). A route's `handle(ctx)` gets the parsed path and query, the shared state (catalog, store, clock)
	 * and `ctx.dispatch(inner)`; it returns a response or throws `BcRequestError` for a BC error body.
	 */
	routes?: Route[];
	/** Entity behaviour hooks (defaults, derived fields, number series, document lines and totals, …). */
	behaviours?: BehaviourRegistration[];
	/** Computed read-only entity sets. */
	derivedSets?: DerivedSetRegistration[];
	/**
	 * API routes this plugin serves beyond the catalog's (e.g. `microsoft/runtime/beta` for
	 * `webhookSupportedResources`); requests on them reach the plugin's routes instead of a 404.
	 */
	apiRoutes?: string[];
	/**
	 * Entity sets and enum types added to the catalog (an extension's API pages): their routes become served routes,
	 * with tables, query options, validation, `$metadata` and change events like Microsoft's sets.
	 */
	catalog?: CatalogExtension;
	/**
	 * Seeds the plugin's tables of one company after the built-in demo data (deterministic: same rows on every start
	 * and after a reset). Use `company.table(def).load(rows)`.
	 */
	seed?(company: CompanyData, environment: string, companyIndex: number): void;
	/**
	 * Called once per {@link RecordChange}, after the write has completed, synchronously and in plugin order. Must not
	 * throw: an exception is reported with `process.emitWarning` (type `SandboxPluginWarning`) and does not undo the write.
	 */
	onChange?(change: RecordChange): void;
}
