import type { Catalog, EntitySetDef } from '../catalog';
import type { RecordChange } from '../plugins/types';
import { formatDateTime } from './formats';
import { normaliseKey, Table, type Row, type TableChange } from './table';
import type { DerivedSet, DerivedSets } from './views';

export type { RecordChange };

/**
 * The change shape of `createBcApi({ onChange })` (kept for existing listeners; plugins get {@link RecordChange}):
 * `changeType`, `key` and `route` name what {@link RecordChange} calls `type`, `id` and `apiRoute`.
 */
export interface DataChange extends TableChange {
	environment: string;
	companyId: string;
	/** API route of the entity set (`v2.0`, `microsoft/automation/v2.0`, …). */
	route: string;
	entitySet: string;
}

/** The legacy {@link DataChange} view of a {@link RecordChange}. */
export function toDataChange(c: RecordChange): DataChange {
	return {
		changeType: c.type,
		key: c.id,
		row: c.row,
		environment: c.environment,
		companyId: c.companyId,
		route: c.apiRoute,
		entitySet: c.entitySet,
	};
}

/** Fills a freshly created company's tables with demo data (see `data/seed.ts`). */
export type CompanySeeder = (company: CompanyData, environment: string, companyIndex: number) => void;

/** Tables and counters of one company in one environment. */
export class CompanyData {
	private readonly tables = new Map<string, Table>();
	private readonly viewSignatures = new Map<string, string>();
	/** Last number issued per number series code (e.g. `CUST` → 10). */
	readonly numberSeries = new Map<string, number>();

	constructor(
		readonly row: Row,
		private readonly catalog: Catalog,
		readonly environment = '',
		private readonly listener?: (change: RecordChange) => void,
		private readonly views: DerivedSets = new Map(),
		private readonly now: () => number = Date.now,
	) {}

	get id(): string {
		return String(this.row.id);
	}

	/** The table of an entity set (created empty on first use). */
	table(def: EntitySetDef): Table {
		const k = `${def.route}|${def.entitySet}`;
		let t = this.tables.get(k);
		if (!t) {
			const listener = this.listener;
			const onChange = listener
				? (c: TableChange) =>
						listener({
							type: c.changeType,
							environment: this.environment,
							companyId: this.id,
							apiRoute: def.route,
							entitySet: def.entitySet,
							id: c.key,
							at: formatDateTime(this.now()),
							row: c.row,
						})
				: undefined;
			t = new Table(def, onChange);
			this.tables.set(k, t);
		}
		const view = this.views.get(k);
		if (view) this.refreshView(k, t, view, def);
		return t;
	}

	private refreshView(k: string, t: Table, view: DerivedSet, def: EntitySetDef): void {
		const today = new Date(this.now()).toISOString().slice(0, 10);
		const signature = `${view.sources.map((s) => this.tableOf(s).revision).join(',')}|${today}`;
		if (this.viewSignatures.get(k) === signature) return;
		t.sync(view.build(this, def, today));
		this.viewSignatures.set(k, signature);
	}

	/** The table of a `v2.0` (or other route) entity set by name; throws for names not in the catalog. */
	tableOf(entitySet: string, route = 'v2.0'): Table {
		const def = this.catalog.entitySet(route, entitySet);
		if (!def) throw new Error(`entity set ${route}/${entitySet} is not in the catalog`);
		return this.table(def);
	}
}

interface EnvironmentData {
	companies: Row[];
	data: Map<string, CompanyData>;
	/** Tables of environment-scoped entity sets by `route|entitySet`. */
	tables: Map<string, Table>;
}

/**
 * All sandbox data: per environment its companies, and per company its tables. Company data is
 * seeded lazily on first access so start-up stays instant even with 100,000 seeded customers.
 */
export class Store {
	private envs = new Map<string, EnvironmentData>();
	/** Companies added at run time without data (`environment|id`): not seeded on first access. */
	private unseeded = new Set<string>();
	/** Change events held back while a write runs (see {@link atomic}). */
	private pending: RecordChange[] | undefined;
	private readonly emit: ((change: RecordChange) => void) | undefined;

	constructor(
		private readonly catalog: Catalog,
		private readonly environmentNames: string[],
		private readonly companyRows: (environment: string) => Row[],
		private readonly seeder: CompanySeeder,
		listener?: (change: RecordChange) => void,
		private readonly views: DerivedSets = new Map(),
		private readonly now: () => number = Date.now,
	) {
		this.emit = listener
			? (change) => {
					if (this.pending) this.pending.push(change);
					else listener(change);
				}
			: undefined;
		this.reset();
	}

	/**
	 * Runs one write (synchronous) so that its change events reach the listener only when it
	 * succeeds; a write that throws (and undoes its rows) reports nothing — like BC's transaction.
	 */
	atomic<T>(write: () => T): T {
		if (this.pending || !this.emit) return write();
		this.pending = [];
		let events: RecordChange[] = [];
		try {
			const result = write();
			events = this.pending;
			return result;
		} finally {
			this.pending = undefined;
			for (const e of events) this.emit(e);
		}
	}

	environments(): string[] {
		return [...this.environmentNames];
	}

	hasEnvironment(environment: string): boolean {
		return this.envs.has(environment);
	}

	companies(environment: string): Row[] {
		return this.envs.get(environment)?.companies ?? [];
	}

	/** Finds a company by id (any case) or exact name. */
	findCompany(environment: string, idOrName: string): Row | undefined {
		const rows = this.companies(environment);
		const k = normaliseKey(idOrName);
		return rows.find((c) => normaliseKey(c.id) === k) ?? rows.find((c) => c.name === idOrName);
	}

	/**
	 * The table of an environment-scoped entity set (catalog `scope: 'environment'`), created on first use; the
	 * company container's table (`companies`) holds the environment's company rows. Changes to these tables are not
	 * reported to change listeners (none is writable today).
	 * @throws Error for an unknown environment
	 */
	environmentTable(environment: string, def: EntitySetDef): Table {
		const env = this.envs.get(environment);
		if (!env) throw new Error(`unknown environment ${environment}`);
		const k = `${def.route}|${def.entitySet}`;
		let table = env.tables.get(k);
		if (!table) {
			table = new Table(def);
			if (def.companyContainer) table.load(env.companies);
			env.tables.set(k, table);
		}
		return table;
	}

	/** The company's data, seeding it on first access. */
	company(environment: string, companyId: string): CompanyData {
		const env = this.envs.get(environment);
		if (!env) throw new Error(`unknown environment ${environment}`);
		const k = normaliseKey(companyId);
		let data = env.data.get(k);
		if (!data) {
			const index = env.companies.findIndex((c) => normaliseKey(c.id) === k);
			if (index < 0) throw new Error(`unknown company ${companyId}`);
			data = new CompanyData(env.companies[index], this.catalog, environment, this.emit, this.views, this.now);
			env.data.set(k, data);
			if (!this.unseeded.has(`${environment}|${k}`)) this.seeder(data, environment, index);
		}
		return data;
	}

	/**
	 * Adds a company to an environment at run time (what BC's automation API `POST automationCompanies` does): listed by
	 * `companies` on every route at once; `seed` false leaves it without data (a new company), true gives it the demo
	 * data (an evaluation company). Gone after {@link reset}.
	 * @throws Error for an unknown environment
	 */
	addCompany(environment: string, row: Row, seed: boolean): void {
		const env = this.envs.get(environment);
		if (!env) throw new Error(`unknown environment ${environment}`);
		env.companies.push(row);
		for (const table of env.tables.values()) if (table.def.companyContainer) table.insert(row);
		if (!seed) this.unseeded.add(`${environment}|${normaliseKey(row.id)}`);
	}

	/** Drops all data; companies are re-seeded lazily with the same ids and ETags. */
	reset(): void {
		this.unseeded.clear();
		this.envs = new Map(
			this.environmentNames.map((e) => [
				e,
				{ companies: this.companyRows(e), data: new Map<string, CompanyData>(), tables: new Map<string, Table>() },
			]),
		);
	}
}
