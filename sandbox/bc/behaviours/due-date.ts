import { EMPTY_GUID } from '../store/guid';
import type { Row } from '../store/table';
import type { BehaviourContext, EntityBehaviour } from './types';

/**
 * Applies a BC date formula from payment terms to a `YYYY-MM-DD` date. Supported terms: `<n>D`,
 * `<n>W`, `<n>M`, `<n>Y`, `CM` (end of the current month) and sums such as `1M+CM`; anything else
 * leaves the date unchanged.
 */
export function applyDateFormula(date: string, formula: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	if (Number.isNaN(d.getTime())) return date;
	for (const term of formula.toUpperCase().replace(/\s/g, '').split('+').filter(Boolean)) {
		const m = /^(\d+)([DWMY])$/.exec(term);
		if (term === 'CM') d.setUTCDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate());
		else if (m) {
			const n = Number(m[1]);
			if (m[2] === 'D') d.setUTCDate(d.getUTCDate() + n);
			else if (m[2] === 'W') d.setUTCDate(d.getUTCDate() + 7 * n);
			else if (m[2] === 'M') d.setUTCMonth(d.getUTCMonth() + n);
			else d.setUTCFullYear(d.getUTCFullYear() + n);
		}
	}
	return d.toISOString().slice(0, 10);
}

/**
 * Document headers with a `dueDate`: when the client does not send one, it is the document date
 * (`invoiceDate`, `documentDate`, `creditMemoDate`) plus the payment terms' due date calculation,
 * as BC's Sales/Purchase Header does.
 */
export function dueDateBehaviour(documentDateField: string): EntityBehaviour {
	const compute = (ctx: BehaviourContext, row: Row) => {
		if (!('dueDate' in row) || row.paymentTermsId === EMPTY_GUID) return;
		const terms = ctx.company.tableOf('paymentTerms').get(String(row.paymentTermsId));
		if (terms) row.dueDate = applyDateFormula(String(row[documentDateField]), String(terms.dueDateCalculation));
	};
	return {
		beforeInsert(ctx, row, provided) {
			if (!provided.has('dueDate')) compute(ctx, row);
		},
		beforeUpdate(ctx, row, old, provided) {
			const changed = row[documentDateField] !== old[documentDateField] || row.paymentTermsId !== old.paymentTermsId;
			if (changed && !provided.has('dueDate')) compute(ctx, row);
		},
	};
}
