/**
 * The OData V4 web services published in every sandbox company: two pages of an extension (BC v30 stops exposing
 * Microsoft's own pages as OData, so custom pages are the target:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/upgrade/deprecated-features-platform),
 * a query and a codeunit. Field names are mangled as BC does for OData V4 (`No.` → `No`, spaces → `_`,
 * `(LCY)` → `LCY`: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/return-obtain-service-metadata-edmx-document).
 * Rows are copied from the company's API tables when the company is first used (the sandbox's own data).
 */
import type { EntitySetDef, FieldDef } from '../../catalog';
import type { CompanyData } from '../../store/store';
import { escapeEnumMember } from '../../store/formats';

/** The pseudo API route OData V4 requests arrive under (see `sandbox/http/bc-urls.ts`). */
export const ODATAV4_ROUTE = 'ODataV4';

function field(name: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef {
	return { name, type, readOnly: false, caption: name.replace(/_/g, ' '), alField: name.replace(/_/g, ' '), ...extra };
}

const page = (entitySet: string, extra: Partial<EntitySetDef>): EntitySetDef => ({
	route: ODATAV4_ROUTE,
	entitySet,
	entityName: entitySet,
	caption: entitySet,
	sourceTable: entitySet,
	temporary: false,
	kind: 'page',
	keyField: 'No',
	scope: 'company',
	allRoutes: false,
	companyContainer: false,
	etag: true,
	defaultOrderBy: [],
	insertAllowed: true,
	modifyAllowed: true,
	deleteAllowed: true,
	fields: [],
	navigation: [],
	actions: [],
	errorLabels: {},
	...extra,
});

/** Page service `ContosoCustomerCard` (key `No`, a Code[20]). */
export const CUSTOMER_CARD = page('ContosoCustomerCard', {
	caption: 'Contoso Customer Card',
	sourceTable: 'Customer',
	defaultOrderBy: ['No'],
	fields: [
		field('No', 'string', { maxLength: 20, notBlank: true }),
		field('Name', 'string', { maxLength: 100 }),
		field('Address', 'string', { maxLength: 100 }),
		field('City', 'string', { maxLength: 30 }),
		field('Phone_No', 'string', { maxLength: 30 }),
		field('Credit_Limit_LCY', 'decimal'),
		field('Blocked', 'enum', { enumType: 'customerBlocked' }),
		field('Balance_LCY', 'decimal', { readOnly: true }),
	],
});

/** Page service `ContosoSalesOrders`, keyed by `Document_Type` + `No` like table Sales Header; bound action `Release`. */
export const SALES_ORDERS = page('ContosoSalesOrders', {
	caption: 'Contoso Sales Orders',
	sourceTable: 'Sales Header',
	keyFields: ['Document_Type', 'No'],
	defaultOrderBy: ['No'],
	fields: [
		field('Document_Type', 'enum', { enumType: 'salesDocumentType', notBlank: true }),
		field('No', 'string', { maxLength: 20, notBlank: true }),
		field('Sell_to_Customer_No', 'string', { maxLength: 20 }),
		field('Order_Date', 'date'),
		field('Status', 'enum', { enumType: 'salesDocumentStatus', readOnly: true }),
		field('Amount', 'decimal', { readOnly: true }),
	],
	actions: ['NAV.Release'],
});

/** Query service `TopCustomerSales` (read-only; queries have no key, the table is keyed by `Customer_No`). */
export const TOP_CUSTOMER_SALES = page('TopCustomerSales', {
	caption: 'Top Customer Sales',
	sourceTable: 'Top Customer Sales (query)',
	kind: 'query',
	keyField: 'Customer_No',
	insertAllowed: false,
	modifyAllowed: false,
	deleteAllowed: false,
	fields: [
		field('Customer_No', 'string', { maxLength: 20, readOnly: true }),
		field('Customer_Name', 'string', { maxLength: 100, readOnly: true }),
		field('Sales_LCY', 'decimal', { readOnly: true }),
	],
});

/** Enums of the services (members before `_x0020_` escaping). */
export const SERVICE_ENUMS: Record<string, string[]> = {
	salesDocumentType: ['Quote', 'Order', 'Invoice', 'Credit Memo', 'Blanket Order', 'Return Order'],
	salesDocumentStatus: ['Open', 'Released', 'Pending Approval', 'Pending Prepayment'],
};

/** The codeunit published as a web service: `POST /ODataV4/ShippingCalc_GetRate?company=…` (unbound action). */
export const CODEUNIT = { service: 'ShippingCalc', procedures: ['GetRate'] };

/** Copies the company's customers and sales orders into the services' tables. */
export function seedServices(company: CompanyData): void {
	const customers = [...company.tableOf('customers').rows()];
	company.table(CUSTOMER_CARD).load(
		customers.map((c) => ({
			No: c.number,
			Name: c.displayName,
			Address: c.addressLine1,
			City: c.city,
			Phone_No: c.phoneNumber,
			Credit_Limit_LCY: c.creditLimit,
			Blocked: c.blocked,
			Balance_LCY: c.balanceDue,
		})),
	);
	const orders = [...company.tableOf('salesOrders').rows()];
	company.table(SALES_ORDERS).load(
		orders.map((o) => ({
			Document_Type: 'Order',
			No: o.number,
			Sell_to_Customer_No: o.customerNumber,
			Order_Date: o.orderDate,
			Status: escapeEnumMember(String(o.status) === 'Released' ? 'Released' : 'Open'),
			Amount: o.totalAmountExcludingTax,
		})),
	);
	const sales = new Map<string, number>();
	for (const o of orders)
		sales.set(String(o.customerNumber), (sales.get(String(o.customerNumber)) ?? 0) + Number(o.totalAmountExcludingTax));
	company
		.table(TOP_CUSTOMER_SALES)
		.load(
			customers
				.filter((c) => sales.has(String(c.number)))
				.map((c) => ({ Customer_No: c.number, Customer_Name: c.displayName, Sales_LCY: sales.get(String(c.number)) })),
		);
}
