import { customerBehaviour } from './customers';
import { dueDateBehaviour } from './due-date';
import { employeeBehaviour, itemBehaviour } from './master-data';
import { documentHeaderCascade, documentLineBehaviour, type LineSetConfig } from './document-lines';
import { documentPartyBehaviour, PURCHASE_PARTY, SALES_PARTY } from './document-party';
import { NUMBER_SERIES, numberSeriesBehaviour } from './number-series';
import { REFERENCES, referenceBehaviour } from './references';
import type { BehaviourRegistration } from '../plugins/types';
import type { EntityBehaviour } from './types';
import { uniqueFieldBehaviour } from './unique-field';

export { BehaviourRegistry } from './types';
export type { EntityBehaviour, BehaviourContext, QueryInfo } from './types';

/** Document header/line pairs of API v2.0 (parts in microsoft/ALAppExtensions `Apps/W1/APIV2/app/src/pages`, e.g. `APIV2SalesOrders.Page.al`). */
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
 * The sandbox's built-in entity behaviours, in the order they run: number series, unique keys, master-data
 * defaults, document party resolution, header/line cascades and totals, id↔code references, due dates. Loaded by
 * the `core` plugin (`plugins/core.ts`).
 */
export function coreBehaviours(): BehaviourRegistration[] {
	const out: BehaviourRegistration[] = [];
	const add = (entitySet: string, behaviour: EntityBehaviour) => out.push({ route: 'v2.0', entitySet, behaviour });
	for (const [set, series] of Object.entries(NUMBER_SERIES)) add(set, numberSeriesBehaviour(series));
	for (const [set, field, caption, table] of UNIQUE_KEYS) add(set, uniqueFieldBehaviour(field, caption, table));
	add('customers', customerBehaviour);
	add('employees', employeeBehaviour);
	add('items', itemBehaviour);
	for (const d of DOCUMENTS) {
		add(d.headerSet, documentPartyBehaviour(d.sales ? SALES_PARTY : PURCHASE_PARTY, d.dates));
		add(d.headerSet, documentHeaderCascade(d));
		add(d.lineSet, documentLineBehaviour(d));
	}
	for (const [set, pairs] of Object.entries(REFERENCES)) add(set, referenceBehaviour(pairs));
	for (const d of DOCUMENTS) if (d.dates.includes('dueDate')) add(d.headerSet, dueDateBehaviour(d.dates[0]));
	return out;
}
