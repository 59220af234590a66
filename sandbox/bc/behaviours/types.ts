import type { Catalog, EntitySetDef } from '../catalog';
import type { CompanyData } from '../store/store';
import type { Row, Table } from '../store/table';

/** What a behaviour hook can reach: the company's tables, the catalog and the clock. */
export interface BehaviourContext {
	company: CompanyData;
	catalog: Catalog;
	def: EntitySetDef;
	/** The entity set's table. */
	table: Table;
	/** Current time in BC's datetime format (UTC, ms-trimmed). */
	now(): string;
	/** Today as `YYYY-MM-DD` (BC's work date). */
	today(): string;
}

/** A collection read: the field filters that the request's `$filter` or path pins to single values. */
export interface QueryInfo {
	/** True when reached through a parent path (`salesOrders(<id>)/salesOrderLines`). */
	nested: boolean;
	/** Property names referenced in `$filter` with `eq` (lines need `documentId` or `id`). */
	filteredFields: Set<string>;
	/** True when a single entity is addressed by key. */
	byKey: boolean;
}

/**
 * Entity behaviour hooks: what BC's API pages do in AL triggers (OnInsertRecord, OnModifyRecord, OnDeleteRecord in
 * microsoft/ALAppExtensions `Apps/W1/APIV2/app/src/pages`), registered per entity set through plugins
 * (`BehaviourRegistration`; the built-in ones in `behaviours/index.ts`, loaded by the `core` plugin) and
 * run by the write and read pipelines in registration order. Hooks throw `BcRequestError` to reject.
 * `provided` holds the property names the client sent.
 */
export interface EntityBehaviour {
	beforeQuery?(ctx: BehaviourContext, info: QueryInfo): void;
	beforeInsert?(ctx: BehaviourContext, row: Row, provided: Set<string>): void;
	afterInsert?(ctx: BehaviourContext, row: Row): void;
	beforeUpdate?(ctx: BehaviourContext, row: Row, old: Row, provided: Set<string>): void;
	afterUpdate?(ctx: BehaviourContext, row: Row, old: Row): void;
	beforeDelete?(ctx: BehaviourContext, row: Row): void;
	afterDelete?(ctx: BehaviourContext, row: Row): void;
}

/** Behaviours by `route|entitySet`. */
export class BehaviourRegistry {
	private readonly map = new Map<string, EntityBehaviour[]>();

	/** Adds a behaviour for an entity set (several may be registered; they run in order). */
	register(route: string, entitySet: string, behaviour: EntityBehaviour): this {
		const k = `${route}|${entitySet}`;
		this.map.set(k, [...(this.map.get(k) ?? []), behaviour]);
		return this;
	}

	for(def: EntitySetDef): EntityBehaviour[] {
		return this.map.get(`${def.route}|${def.entitySet}`) ?? [];
	}
}
