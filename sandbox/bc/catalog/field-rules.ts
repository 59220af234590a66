import type { EntitySetDef, FieldDef } from './types';

/**
 * Max lengths of writable string fields, after the AL table fields behind the API pages (e.g.
 * Customer."No." Code[20], Name Text[100], "E-Mail" Text[80], City Text[30]). Fields not listed get 250.
 */
const MAX_LENGTH: Record<string, number> = {
	number: 20,
	displayName: 100,
	displayName2: 50,
	description: 100,
	description2: 50,
	email: 80,
	personalEmail: 80,
	website: 80,
	addressLine1: 100,
	addressLine2: 50,
	city: 30,
	state: 30,
	country: 10,
	postalCode: 20,
	phoneNumber: 30,
	mobilePhoneNumber: 30,
	mobilePhone: 30,
	faxNumber: 30,
	salespersonCode: 20,
	salesperson: 20,
	purchaser: 20,
	taxRegistrationNumber: 20,
	externalDocumentNumber: 35,
	vendorInvoiceNumber: 35,
	customerNumber: 20,
	vendorNumber: 20,
	billToCustomerNumber: 20,
	payToVendorNumber: 20,
	lineObjectNumber: 20,
	shipToName: 100,
	shipToContact: 100,
	jobTitle: 30,
	givenName: 30,
	middleName: 30,
	surname: 30,
	searchName: 100,
	companyName: 100,
	companyNumber: 20,
	gtin: 14,
	iban: 50,
	symbol: 10,
	currencyCode: 10,
	taxCode: 20,
	unitOfMeasureCode: 10,
	itemCategoryCode: 20,
	baseUnitOfMeasureCode: 10,
	taxGroupCode: 20,
	shortcutDimension1Code: 20,
	shortcutDimension2Code: 20,
	dueDateCalculation: 32,
	discountDateCalculation: 32,
	amountDecimalPlaces: 5,
	irs1099Code: 10,
	statisticsGroupCode: 10,
	bankBranchNumber: 20,
	bankAccountNumber: 30,
	customerPurchaseOrderReference: 35,
};

/** Sets whose `code` is Code[10] (Currency, Payment Terms/Method, Shipment Method, Unit of Measure); other `code` fields are Code[20]. */
const CODE10_SETS = new Set([
	'currencies',
	'paymentTerms',
	'paymentMethods',
	'shipmentMethods',
	'unitsOfMeasure',
	'countriesRegions',
	'locations',
]);

/** Maximum string length (characters) BC accepts for a field. */
export function maxLength(def: EntitySetDef, field: FieldDef): number {
	if (field.maxLength !== undefined) return field.maxLength;
	if (field.name === 'code') return CODE10_SETS.has(def.entitySet) ? 10 : 20;
	if (/(AddressLine1)$/.test(field.name)) return 100;
	if (/(AddressLine2)$/.test(field.name)) return 50;
	if (/(City|State)$/.test(field.name)) return 30;
	if (/(Country)$/.test(field.name)) return 10;
	if (/(PostCode)$/.test(field.name)) return 20;
	return MAX_LENGTH[field.name] ?? 250;
}

const CODE_FIELDS = new Set([
	'number',
	'code',
	'customerNumber',
	'vendorNumber',
	'billToCustomerNumber',
	'payToVendorNumber',
	'lineObjectNumber',
	'postalCode',
	'country',
	'currencyCode',
	'externalDocumentNumber',
	'salespersonCode',
	'salesperson',
	'purchaser',
	'taxCode',
	'itemCategoryCode',
	'baseUnitOfMeasureCode',
	'unitOfMeasureCode',
	'taxGroupCode',
	'vendorInvoiceNumber',
	'shortcutDimension1Code',
	'shortcutDimension2Code',
	'companyNumber',
]);

/** True for AL `Code` fields, which BC stores upper-cased (e.g. customer `number` "c00010" → "C00010"). */
export function isCodeField(field: FieldDef): boolean {
	return field.type === 'string' && (CODE_FIELDS.has(field.name) || /(PostCode|Country)$/.test(field.name));
}
