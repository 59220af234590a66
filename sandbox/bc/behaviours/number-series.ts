import type { CompanyData } from '../store/store';
import type { EntityBehaviour } from './types';

/** A number series (BC "No. Series"): `prefix` + counter left-padded to `width` digits. */
export interface NumberSeries {
	code: string;
	prefix: string;
	start: number;
	step: number;
	width: number;
}

/** Series used when a client creates a record without a `number` (CRONUS-like codes). */
export const NUMBER_SERIES: Record<string, NumberSeries> = {
	customers: { code: 'CUST', prefix: 'C', start: 10, step: 10, width: 5 },
	vendors: { code: 'VEND', prefix: 'V', start: 10, step: 10, width: 5 },
	items: { code: 'ITEM', prefix: '', start: 1000, step: 1, width: 4 },
	contacts: { code: 'CONT', prefix: 'CT', start: 100, step: 1, width: 6 },
	employees: { code: 'EMP', prefix: 'E', start: 10, step: 10, width: 4 },
	salesOrders: { code: 'S-ORD', prefix: 'S-ORD', start: 101001, step: 1, width: 6 },
	salesInvoices: { code: 'S-INV', prefix: 'S-INV', start: 102001, step: 1, width: 6 },
	salesQuotes: { code: 'S-QUO', prefix: 'S-QUO', start: 1001, step: 1, width: 4 },
	salesCreditMemos: { code: 'S-CR', prefix: 'S-CR', start: 104001, step: 1, width: 6 },
	purchaseOrders: { code: 'P-ORD', prefix: '', start: 106001, step: 1, width: 6 },
	purchaseInvoices: { code: 'P-INV', prefix: '', start: 107001, step: 1, width: 6 },
	purchaseCreditMemos: { code: 'P-CR', prefix: '', start: 109001, step: 1, width: 6 },
};

/** Issues the next number of a series for a company. */
export function nextNumber(company: CompanyData, series: NumberSeries): string {
	const last = company.numberSeries.get(series.code);
	const n = last === undefined ? series.start : last + series.step;
	company.numberSeries.set(series.code, n);
	return series.prefix + String(n).padStart(series.width, '0');
}

/** Fills a blank `number` on insert from the set's series (header documents always get one: their number is read-only). */
export function numberSeriesBehaviour(series: NumberSeries): EntityBehaviour {
	return {
		beforeInsert(ctx, row) {
			if (!row.number) row.number = nextNumber(ctx.company, series);
		},
	};
}
