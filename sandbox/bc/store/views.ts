import type { EntitySetDef } from '../catalog';
import type { CompanyData } from './store';
import type { Row } from './table';

/**
 * A read-only entity set computed from other tables of the same company (BC pages over buffer
 * tables or flow fields, e.g. `customerFinancialDetails` over Customer). Rebuilt when a source table
 * changes or the day changes; unchanged rows keep their ETags.
 */
export interface DerivedSet {
	/** Source entity sets (route `v2.0`). */
	sources: string[];
	/** Builds all rows. `today` is `YYYY-MM-DD` of the sandbox clock. */
	build(company: CompanyData, def: EntitySetDef, today: string): Row[];
}

/** Derived sets by `route|entitySet`. */
export type DerivedSets = ReadonlyMap<string, DerivedSet>;
