import type { EntitySetDef } from '../catalog';
import { formatEtag } from './etag';

/** A row in BC's JSON wire form (GUIDs lower-case, dates `YYYY-MM-DD`, enums escaped). */
export type Row = Record<string, unknown>;

interface Entry {
	row: Row;
	version: number;
	/** Cached ETag of this version. */
	etag?: string;
}

/** A row change, reported after every insert/update/delete (not for seeding). */
export interface TableChange {
	changeType: 'created' | 'updated' | 'deleted';
	/** Normalised key of the row. */
	key: string;
	/** The row after the change (before it, for deletes). */
	row: Row;
}

/** Normalises a key for lookups: GUIDs are case-insensitive in BC. */
export function normaliseKey(key: unknown): string {
	return String(key).toLowerCase();
}

function compareValues(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = String(a);
	const y = String(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One entity set's rows for one environment + company. Rows are kept by key (the set's OData key
 * field) plus an index sorted in BC's default order (the catalog's `defaultOrderBy` fields, then the key) so
 * server-driven paging can resume after a `$skiptoken` (the last row's key) with a binary search
 * instead of re-sorting. Every write bumps the row's version, which changes its ETag.
 */
export class Table {
	private readonly entries = new Map<string, Entry>();
	private sortedKeys: string[] = [];
	private sortedDirty = false;
	private readonly indexes = new Map<string, Map<string, string>>();
	private readonly orderFields: string[];
	/** Incremented on every change (derived views use it to know when to rebuild). */
	revision = 0;
	/** Sort values of recently deleted rows, so a `$skiptoken` naming a deleted row still resumes in place. */
	private readonly tombstones = new Map<string, Row>();

	/**
	 * @param onChange called after each insert/replace/delete (e.g. for webhook notifications)
	 */
	constructor(
		readonly def: EntitySetDef,
		private readonly onChange?: (change: TableChange) => void,
	) {
		this.orderFields = def.defaultOrderBy;
	}

	/** Default-order comparison of two rows (order fields, then key). */
	private compareRows(a: Row, ka: string, b: Row, kb: string): number {
		for (const f of this.orderFields) {
			const c = compareValues(a[f], b[f]);
			if (c !== 0) return c;
		}
		return ka < kb ? -1 : ka > kb ? 1 : 0;
	}

	get size(): number {
		return this.entries.size;
	}

	/** Bulk load for seeding (no version bump; keys are sorted once at the end). */
	load(rows: Row[]): void {
		for (const row of rows) this.entries.set(normaliseKey(row[this.def.keyField]), { row, version: 1 });
		this.sortedDirty = true;
		this.indexes.clear();
		this.revision++;
	}

	get(key: string): Row | undefined {
		return this.entries.get(normaliseKey(key))?.row;
	}

	/** The row with `key`, or its last state if it was deleted recently (used to resume paging after it). */
	getOrDeleted(key: string): Row | undefined {
		const k = normaliseKey(key);
		return this.entries.get(k)?.row ?? this.tombstones.get(k);
	}

	has(key: string): boolean {
		return this.entries.has(normaliseKey(key));
	}

	/** ETag of the row's current version, or undefined for a missing row. */
	etag(key: string): string | undefined {
		const k = normaliseKey(key);
		const e = this.entries.get(k);
		if (!e) return undefined;
		e.etag ??= formatEtag(k, e.version);
		return e.etag;
	}

	/**
	 * Replaces all rows with `rows` (derived views): rows whose values did not change keep their version
	 * and ETag, changed rows get a new version. No change events.
	 */
	sync(rows: Row[]): void {
		const next = new Map<string, Entry>();
		for (const row of rows) {
			const k = normaliseKey(row[this.def.keyField]);
			const old = this.entries.get(k);
			const same = old !== undefined && Object.keys(row).every((f) => old.row[f] === row[f]);
			next.set(k, same ? old : { row, version: old ? old.version + 1 : 1 });
		}
		this.entries.clear();
		for (const [k, e] of next) this.entries.set(k, e);
		this.sortedDirty = true;
		this.indexes.clear();
		this.tombstones.clear();
		this.revision++;
	}

	/** Inserts a new row; the caller checks for duplicates first. */
	insert(row: Row): void {
		this.revision++;
		const k = normaliseKey(row[this.def.keyField]);
		this.ensureSorted();
		this.entries.set(k, { row, version: 1 });
		this.tombstones.delete(k);
		this.sortedKeys.splice(this.lowerBound(row, k), 0, k);
		for (const [field, index] of this.indexes) index.set(String(row[field]), k);
		this.onChange?.({ changeType: 'created', key: k, row });
	}

	/** Replaces a row's values (key unchanged) and bumps its version. */
	replace(key: string, row: Row): void {
		const k = normaliseKey(key);
		const e = this.entries.get(k);
		if (!e) return;
		this.revision++;
		for (const [field, index] of this.indexes) {
			if (e.row[field] !== row[field]) {
				index.delete(String(e.row[field]));
				index.set(String(row[field]), k);
			}
		}
		const moved = this.orderFields.some((f) => e.row[f] !== row[f]);
		if (moved) {
			this.ensureSorted();
			const i = this.lowerBound(e.row, k);
			if (this.sortedKeys[i] === k) this.sortedKeys.splice(i, 1);
		}
		e.row = row;
		e.version++;
		e.etag = undefined;
		if (moved) this.sortedKeys.splice(this.lowerBound(row, k), 0, k);
		this.onChange?.({ changeType: 'updated', key: k, row });
	}

	delete(key: string): boolean {
		const k = normaliseKey(key);
		const e = this.entries.get(k);
		if (!e) return false;
		this.revision++;
		this.ensureSorted();
		const i = this.lowerBound(e.row, k);
		if (this.sortedKeys[i] === k) this.sortedKeys.splice(i, 1);
		this.entries.delete(k);
		if (this.tombstones.size > 10000) this.tombstones.clear();
		this.tombstones.set(k, e.row);
		for (const [field, index] of this.indexes) index.delete(String(e.row[field]));
		this.onChange?.({ changeType: 'deleted', key: k, row: e.row });
		return true;
	}

	/** Key of the row whose `field` equals `value` (exact), via a lazily built index kept up to date on writes. */
	findKeyBy(field: string, value: string): string | undefined {
		let index = this.indexes.get(field);
		if (!index) {
			index = new Map();
			for (const [k, e] of this.entries) index.set(String(e.row[field]), k);
			this.indexes.set(field, index);
		}
		return index.get(value);
	}

	/** Keys in BC's default order (do not mutate). */
	keys(): readonly string[] {
		this.ensureSorted();
		return this.sortedKeys;
	}

	/** Index in {@link keys} of the first row after the row with `key` (also for recently deleted rows; 0 when unknown). */
	positionAfter(key: string): number {
		this.ensureSorted();
		const k = normaliseKey(key);
		const row = this.entries.get(k)?.row ?? this.tombstones.get(k);
		if (!row) return 0;
		const i = this.lowerBound(row, k);
		return this.sortedKeys[i] === k ? i + 1 : i;
	}

	/** All rows in default order. */
	*rows(): IterableIterator<Row> {
		for (const k of this.keys()) yield this.entries.get(k)!.row;
	}

	/** Drops all rows. */
	clear(): void {
		this.revision++;
		this.entries.clear();
		this.sortedKeys = [];
		this.indexes.clear();
		this.tombstones.clear();
	}

	private ensureSorted(): void {
		if (!this.sortedDirty) return;
		if (this.orderFields.length === 0) {
			this.sortedKeys = [...this.entries.keys()].sort();
		} else {
			const items = [...this.entries].map(([k, e]) => ({ k, row: e.row }));
			items.sort((a, b) => this.compareRows(a.row, a.k, b.row, b.k));
			this.sortedKeys = items.map((i) => i.k);
		}
		this.sortedDirty = false;
	}

	/** First index whose row sorts at or after (row, k). */
	private lowerBound(row: Row, k: string): number {
		let lo = 0;
		let hi = this.sortedKeys.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			const mk = this.sortedKeys[mid];
			if (this.compareRows(this.entries.get(mk)?.row ?? this.tombstones.get(mk)!, mk, row, k) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
