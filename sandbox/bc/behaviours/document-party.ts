import { BcErrors } from '../request-error';
import { EMPTY_GUID } from '../store/guid';
import type { Row } from '../store/table';
import type { BehaviourContext, EntityBehaviour } from './types';

/** How a document header names and copies its customer (sales) or vendor (purchase). */
export interface PartyConfig {
	partySet: 'customers' | 'vendors';
	idField: string;
	numberField: string;
	/** Error labels of the AL page (with fallbacks). */
	notProvided: [string, string];
	mismatch: [string, string];
	notFound: [string, string];
	/** Header field ← party field, copied on resolution; `always` also overwrites client values (read-only fields). */
	copy: Array<{ to: string; from: string; always?: boolean }>;
}

const address = (prefix: string, always = false) => [
	{ to: `${prefix}AddressLine1`, from: 'addressLine1', always },
	{ to: `${prefix}AddressLine2`, from: 'addressLine2', always },
	{ to: `${prefix}City`, from: 'city', always },
	{ to: `${prefix}Country`, from: 'country', always },
	{ to: `${prefix}State`, from: 'state', always },
	{ to: `${prefix}PostCode`, from: 'postalCode', always },
];

/** Sales headers: `customerNumber` or `customerId` (AL APIV2 Sales Orders/Invoices/Quotes/Credit Memos). */
export const SALES_PARTY: PartyConfig = {
	partySet: 'customers',
	idField: 'customerId',
	numberField: 'customerNumber',
	notProvided: ['SellToCustomerNotProvidedErr', 'A "customerNumber" or a "customerId" must be provided.'],
	mismatch: ['SellToCustomerValuesDontMatchErr', 'The sell-to customer values do not match to a specific Customer.'],
	notFound: ['CouldNotFindSellToCustomerErr', 'The sell-to customer cannot be found.'],
	copy: [
		{ to: 'customerName', from: 'displayName', always: true },
		{ to: 'billToName', from: 'displayName', always: true },
		{ to: 'billToCustomerId', from: 'id' },
		{ to: 'billToCustomerNumber', from: 'number' },
		{ to: 'shipToName', from: 'displayName' },
		...address('sellTo'),
		...address('billTo', true),
		...address('shipTo'),
		{ to: 'currencyId', from: 'currencyId' },
		{ to: 'currencyCode', from: 'currencyCode' },
		{ to: 'paymentTermsId', from: 'paymentTermsId' },
		{ to: 'shipmentMethodId', from: 'shipmentMethodId' },
		{ to: 'salesperson', from: 'salespersonCode' },
		{ to: 'phoneNumber', from: 'phoneNumber' },
		{ to: 'email', from: 'email' },
	],
};

/** Purchase headers: `vendorNumber` or `vendorId`. */
export const PURCHASE_PARTY: PartyConfig = {
	partySet: 'vendors',
	idField: 'vendorId',
	numberField: 'vendorNumber',
	notProvided: ['BuyFromVendorNotProvidedErr', 'A "vendorNumber" or a "vendorId" must be provided.'],
	mismatch: ['BuyFromVendorValuesDontMatchErr', 'The buy-from vendor values do not match to a specific Vendor.'],
	notFound: ['CouldNotFindBuyFromVendorErr', 'The buy-from vendor cannot be found.'],
	copy: [
		{ to: 'vendorName', from: 'displayName', always: true },
		{ to: 'payToName', from: 'displayName', always: true },
		{ to: 'payToVendorId', from: 'id' },
		{ to: 'payToVendorNumber', from: 'number' },
		...address('buyFrom'),
		...address('payTo', true),
		{ to: 'currencyId', from: 'currencyId' },
		{ to: 'currencyCode', from: 'currencyCode' },
		{ to: 'paymentTermsId', from: 'paymentTermsId' },
	],
};

function text(ctx: BehaviourContext, [name, fallback]: [string, string]): string {
	return ctx.def.errorLabels[name] ?? fallback;
}

/** Finds the party by id and/or number; both given must agree (BC's "values do not match"). */
function resolveParty(ctx: BehaviourContext, cfg: PartyConfig, row: Row, provided: Set<string>): Row {
	const parties = ctx.company.tableOf(cfg.partySet);
	const byId =
		provided.has(cfg.idField) && row[cfg.idField] !== EMPTY_GUID ? parties.get(String(row[cfg.idField])) : undefined;
	const numberKey =
		provided.has(cfg.numberField) && row[cfg.numberField]
			? parties.findKeyBy('number', String(row[cfg.numberField]))
			: undefined;
	const byNumber = numberKey ? parties.get(numberKey) : undefined;
	if (provided.has(cfg.idField) && provided.has(cfg.numberField) && byId && byNumber && byId !== byNumber)
		throw BcErrors.dialog(text(ctx, cfg.mismatch));
	const party = byId ?? byNumber;
	if (!party) throw BcErrors.dialog(text(ctx, cfg.notFound));
	return party;
}

function copyFrom(cfg: PartyConfig, row: Row, party: Row, provided: Set<string>, fieldNames: Set<string>): void {
	row[cfg.idField] = party.id;
	row[cfg.numberField] = party.number;
	for (const c of cfg.copy) {
		if (!fieldNames.has(c.to)) continue;
		if (c.always || !provided.has(c.to)) row[c.to] = party[c.from];
	}
}

/**
 * Document header behaviour: requires and resolves the customer/vendor (by number ↔ id), fills
 * the name, bill-to/pay-to and addresses, and defaults dates and status. AL labels per page
 * (`SellToCustomerNotProvidedErr` …), raised as `Application_DialogException` (labels: microsoft/ALAppExtensions
 * `Apps/W1/APIV2/app/src/pages/APIV2SalesOrders.Page.al` and its siblings; error code: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes).
 */
export function documentPartyBehaviour(cfg: PartyConfig, dateFields: string[]): EntityBehaviour {
	return {
		beforeInsert(ctx, row, provided) {
			if (!provided.has(cfg.idField) && !provided.has(cfg.numberField))
				throw BcErrors.dialog(text(ctx, cfg.notProvided));
			const fieldNames = new Set(ctx.def.fields.map((f) => f.name));
			copyFrom(cfg, row, resolveParty(ctx, cfg, row, provided), provided, fieldNames);
			for (const f of dateFields) if (fieldNames.has(f) && !provided.has(f)) row[f] = ctx.today();
			if (fieldNames.has('status')) row.status = 'Draft';
		},
		beforeUpdate(ctx, row, old, provided) {
			const changed =
				(provided.has(cfg.idField) &&
					String(row[cfg.idField]).toLowerCase() !== String(old[cfg.idField]).toLowerCase()) ||
				(provided.has(cfg.numberField) && row[cfg.numberField] !== old[cfg.numberField]);
			if (!changed) return;
			const fieldNames = new Set(ctx.def.fields.map((f) => f.name));
			copyFrom(cfg, row, resolveParty(ctx, cfg, row, provided), provided, fieldNames);
		},
	};
}
