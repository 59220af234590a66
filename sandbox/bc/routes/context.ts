import type { BcApiRequest, BcApiResponse } from '../../contracts';
import type { BehaviourContext, BehaviourRegistry } from '../behaviours';
import type { Catalog, EntitySetDef } from '../catalog';
import type { InnerRequest } from '../plugins/types';
import type { SplitQuery } from '../odata/query-string';
import { formatDateTime } from '../store/formats';
import type { CompanyData, Store } from '../store/store';
import type { Table } from '../store/table';
import type { PathSegment } from './path';

/** Long-lived state shared by all requests of one `createBcApi` instance. */
export interface ApiState {
	catalog: Catalog;
	store: Store;
	behaviours: BehaviourRegistry;
	/** Server-driven page size (items). */
	maxPageSize: number;
	deleteRequiresIfMatch: boolean;
	/** Clock (ms since epoch), injectable for tests. */
	now(): number;
}

/** One request after path and query splitting. */
export interface RequestContext {
	state: ApiState;
	/** The request with an upper-case method. */
	request: BcApiRequest;
	/** The decoded resource path (empty for the service document). */
	segments: PathSegment[];
	/** Query options, split into system (`$filter`…) and custom (`company`…) ones. */
	query: SplitQuery;
	/**
	 * Serves an inner request through the same pipeline as an outer one — environment and route checks, path and
	 * query parsing, the route table (plugin routes included), validation, behaviours, change events — with this
	 * request's principal and correlation id, and reports it to the HTTP layer's counters. Never rejects for BC errors:
	 * they come back as error responses. Nesting deeper than 4 levels answers 400 `BadRequest`.
	 */
	dispatch(inner: InnerRequest): Promise<BcApiResponse>;
}

/** A route: the first whose `match` returns true serves the request (`match` must not throw). */
export interface Route {
	/** Name for errors and logs, e.g. `entity-set`. */
	name: string;
	match(ctx: RequestContext): boolean;
	/** Serves the request; throw `BcRequestError` (or use `BcErrors`) for a BC error body. */
	handle(ctx: RequestContext): BcApiResponse | Promise<BcApiResponse>;
}

/** JSON content type BC's OData stack answers with. */
export const JSON_CONTENT_TYPE =
	'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8';

/** A JSON response with BC's OData headers. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): BcApiResponse {
	return { status, headers: { 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0', ...headers }, body };
}

/** Builds the hook context for an entity set in a company. */
export function behaviourContext(
	state: ApiState,
	company: CompanyData,
	def: EntitySetDef,
	table: Table,
): BehaviourContext {
	return {
		company,
		catalog: state.catalog,
		def,
		table,
		now: () => formatDateTime(state.now()),
		today: () => new Date(state.now()).toISOString().slice(0, 10),
	};
}
