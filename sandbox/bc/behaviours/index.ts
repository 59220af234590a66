import { customerBehaviour } from './customers';
import { dueDateBehaviour } from './due-date';
import { employeeBehaviour, itemBehaviour } from './master-data';
import { documentHeaderCascade, documentLineBehaviour, type LineSetConfig } from './document-lines';
import { documentPartyBehaviour, PURCHASE_PARTY, SALES_PARTY } from './document-party';
import { NUMBER_SERIES, numberSeriesBehaviour } from './number-series';
import { REFERENCES, referenceBehaviour } from './references';
import { BehaviourRegistry } from './types';
import { uniqueFieldBehaviour } from './unique-field';

export { BehaviourRegistry } from './types';
export type { EntityBehaviour, BehaviourContext, QueryInfo } from './types';

/** Document header/line pairs of API v2.0 (reference §2.2). */
export const DOCUMENTS: Array<LineSetConfig & { sales: boolean; dates: string[] }> = [
	{
		headerSet: 'salesOrders',
		lineSet: 'salesOrderLines',
		priceField: 'unitPrice',
		sales: true,
		dates: ['orderDate', 'postingDate'],
	},
	{
		headerSet: 'salesInvoices',
		lineSet: 'salesInvoiceLines',
		priceField: 'unitPrice',
		sales: true,
		dates: ['invoiceDate', 'postingDate', 'dueDate'],
	},
	{
		headerSet: 'salesQuotes',
		lineSet: 'salesQuoteLines',
		priceField: 'unitPrice',
		sales: true,
		dates: ['documentDate', 'postingDate', 'dueDate'],
	},
	{
		headerSet: 'salesCreditMemos',
		lineSet: 'salesCreditMemoLines',
		priceField: 'unitPrice',
		sales: true,
		dates: ['creditMemoDate', 'postingDate', 'dueDate'],
	},
	{
		headerSet: 'purchaseOrders',
		lineSet: 'purchaseOrderLines',
		priceField: 'directUnitCost',
		sales: false,
		dates: ['orderDate', 'postingDate'],
	},
	{
		headerSet: 'purchaseInvoices',
		lineSet: 'purchaseInvoiceLines',
		priceField: 'directUnitCost',
		sales: false,
		dates: ['invoiceDate', 'postingDate', 'dueDate'],
	},
	{
		headerSet: 'purchaseCreditMemos',
		lineSet: 'purchaseCreditMemoLines',
		priceField: 'directUnitCost',
		sales: false,
		dates: ['creditMemoDate', 'postingDate', 'dueDate'],
	},
];

/** Master-data sets whose `number`/`code` is the table's primary key (AL caption of the key field, table caption). */
const UNIQUE_KEYS: Array<[string, string, string, string]> = [
	['customers', 'number', 'No.', 'Customer'],
	['vendors', 'number', 'No.', 'Vendor'],
	['items', 'number', 'No.', 'Item'],
	['contacts', 'number', 'No.', 'Contact'],
	['employees', 'number', 'No.', 'Employee'],
	['currencies', 'code', 'Code', 'Currency'],
	['paymentTerms', 'code', 'Code', 'Payment Terms'],
	['paymentMethods', 'code', 'Code', 'Payment Method'],
	['shipmentMethods', 'code', 'Code', 'Shipment Method'],
	['unitsOfMeasure', 'code', 'Code', 'Unit of Measure'],
	['itemCategories', 'code', 'Code', 'Item Category'],
	['countriesRegions', 'code', 'Code', 'Country/Region'],
	['locations', 'code', 'Code', 'Location'],
];

/**
 * The default behaviour table. Later features add entries here (or on the registry passed to
 * `createBcApi`) without touching the request pipeline.
 */
export function defaultBehaviours(): BehaviourRegistry {
	const r = new BehaviourRegistry();
	for (const [set, series] of Object.entries(NUMBER_SERIES)) r.register('v2.0', set, numberSeriesBehaviour(series));
	for (const [set, field, caption, table] of UNIQUE_KEYS)
		r.register('v2.0', set, uniqueFieldBehaviour(field, caption, table));
	r.register('v2.0', 'customers', customerBehaviour);
	r.register('v2.0', 'employees', employeeBehaviour);
	r.register('v2.0', 'items', itemBehaviour);
	for (const d of DOCUMENTS) {
		r.register('v2.0', d.headerSet, documentPartyBehaviour(d.sales ? SALES_PARTY : PURCHASE_PARTY, d.dates));
		r.register('v2.0', d.headerSet, documentHeaderCascade(d));
		r.register('v2.0', d.lineSet, documentLineBehaviour(d));
	}
	for (const [set, pairs] of Object.entries(REFERENCES)) r.register('v2.0', set, referenceBehaviour(pairs));
	for (const d of DOCUMENTS)
		if (d.dates.includes('dueDate')) r.register('v2.0', d.headerSet, dueDateBehaviour(d.dates[0]));
	return r;
}
