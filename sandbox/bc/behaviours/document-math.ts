import { roundAmount } from '../store/formats';
import type { Row } from '../store/table';

/** Sales-tax rate (%) per tax group code used by the demo items (CRONUS USA style tax groups). */
export const TAX_RATES: Record<string, number> = { FURNITURE: 10, MATERIALS: 10, LABOR: 0, NONTAXABLE: 0 };

/**
 * Recomputes a document line's read-only amounts from quantity, unit price (sales) or direct unit
 * cost (purchase), discount and tax code — the "Sales Invoice Line Aggregate" calculation reduced to
 * what the API shows: amountExcludingTax = qty × price − line discount; tax = amount × rate.
 */
export function computeLine(line: Row): void {
	const price = Number(line.unitPrice ?? line.directUnitCost ?? 0);
	const qty = Number(line.quantity ?? 0);
	const gross = roundAmount(qty * price);
	if (Number(line.discountPercent) > 0) line.discountAmount = roundAmount((gross * Number(line.discountPercent)) / 100);
	else if (gross > 0 && Number(line.discountAmount) > 0)
		line.discountPercent = roundAmount((Number(line.discountAmount) / gross) * 100);
	const amount = roundAmount(gross - Number(line.discountAmount ?? 0));
	const rate = line.lineType === 'Comment' ? 0 : (TAX_RATES[String(line.taxCode ?? '')] ?? 0);
	const tax = roundAmount((amount * rate) / 100);
	line.amountExcludingTax = amount;
	line.taxPercent = rate;
	line.totalTaxAmount = tax;
	line.amountIncludingTax = roundAmount(amount + tax);
	line.invoiceDiscountAllocation = 0;
	line.netAmount = amount;
	line.netTaxAmount = tax;
	line.netAmountIncludingTax = roundAmount(amount + tax);
}

/** Sets a document header's totals from its lines (header fields present on the entity only). */
export function computeTotals(header: Row, lines: Row[]): void {
	const excl = roundAmount(lines.reduce((s, l) => s + Number(l.netAmount ?? 0), 0));
	const tax = roundAmount(lines.reduce((s, l) => s + Number(l.netTaxAmount ?? 0), 0));
	header.totalAmountExcludingTax = excl;
	header.totalTaxAmount = tax;
	header.totalAmountIncludingTax = roundAmount(excl + tax);
	if ('remainingAmount' in header) header.remainingAmount = roundAmount(excl + tax);
}
