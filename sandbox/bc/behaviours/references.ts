import { BcErrors } from '../request-error';
import { EMPTY_GUID } from '../store/guid';
import type { Row } from '../store/table';
import type { BehaviourContext, EntityBehaviour } from './types';

/** An id/code pair pointing at master data, e.g. `currencyId` + `currencyCode` → `currencies`. */
export interface ReferencePair {
	idField: string;
	/** The code property shown next to the id, if the entity has one. */
	codeField?: string;
	targetSet: string;
	/** AL error labels (name, fallback text) for: unknown id, unknown code, id and code disagreeing. */
	idLabel: [string, string];
	codeLabel?: [string, string];
	mismatchLabel?: [string, string];
}

const CURRENCY: ReferencePair = {
	idField: 'currencyId',
	codeField: 'currencyCode',
	targetSet: 'currencies',
	idLabel: ['CurrencyIdDoesNotMatchACurrencyErr', 'The "currencyId" does not match to a Currency.'],
	codeLabel: ['CurrencyCodeDoesNotMatchACurrencyErr', 'The "currencyCode" does not match to a Currency.'],
	mismatchLabel: ['CurrencyValuesDontMatchErr', 'The currency values do not match to a specific Currency.'],
};
const PAYMENT_TERMS: ReferencePair = {
	idField: 'paymentTermsId',
	targetSet: 'paymentTerms',
	idLabel: ['PaymentTermsIdDoesNotMatchAPaymentTermsErr', 'The "paymentTermsId" does not match to a Payment Terms.'],
};
const SHIPMENT_METHOD: ReferencePair = {
	idField: 'shipmentMethodId',
	targetSet: 'shipmentMethods',
	idLabel: [
		'ShipmentMethodIdDoesNotMatchAShipmentMethodErr',
		'The "shipmentMethodId" does not match to a Shipment Method.',
	],
};
const PAYMENT_METHOD: ReferencePair = {
	idField: 'paymentMethodId',
	targetSet: 'paymentMethods',
	idLabel: [
		'PaymentMethodIdDoesNotMatchAPaymentMethodErr',
		'The "paymentMethodId" does not match to a Payment Method.',
	],
};

/** Reference pairs per entity set (AL APIV2 pages' `...DoesNotMatch...Err` labels). */
export const REFERENCES: Record<string, ReferencePair[]> = {
	customers: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD, PAYMENT_METHOD],
	vendors: [CURRENCY, PAYMENT_TERMS, PAYMENT_METHOD],
	items: [
		{
			idField: 'itemCategoryId',
			codeField: 'itemCategoryCode',
			targetSet: 'itemCategories',
			idLabel: [
				'ItemCategoryIdDoesNotMatchAnItemCategoryGroupErr',
				'The "itemCategoryId" does not match to a specific Item Category group.',
			],
			codeLabel: [
				'ItemCategoryCodeDoesNotMatchATaxGroupErr',
				'The "itemCategoryCode" does not match to a Item Category.',
			],
			mismatchLabel: [
				'ItemCategoriesValuesDontMatchErr',
				'The item categories values do not match to a specific item category.',
			],
		},
		{
			idField: 'baseUnitOfMeasureId',
			codeField: 'baseUnitOfMeasureCode',
			targetSet: 'unitsOfMeasure',
			idLabel: [
				'UnitOfMeasureIdDoesNotMatchAUnitOfMeasureErr',
				'The "baseUnitOfMeasureId" does not match to a Unit of Measure.',
			],
			mismatchLabel: [
				'UnitOfMeasureValuesDontMatchErr',
				'The unit of measure values do not match to a specific Unit of Measure.',
			],
		},
		{
			idField: 'taxGroupId',
			codeField: 'taxGroupCode',
			targetSet: 'taxGroups',
			idLabel: ['TaxGroupIdDoesNotMatchATaxGroupErr', 'The "taxGroupId" does not match to a Tax Group.'],
			codeLabel: ['TaxGroupCodeDoesNotMatchATaxGroupErr', 'The "taxGroupCode" does not match to a Tax Group.'],
			mismatchLabel: ['TaxGroupValuesDontMatchErr', 'The tax group values do not match to a specific Tax Group.'],
		},
	],
	salesOrders: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
	salesInvoices: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
	salesQuotes: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
	salesCreditMemos: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
	purchaseOrders: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
	purchaseInvoices: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
	purchaseCreditMemos: [CURRENCY, PAYMENT_TERMS, SHIPMENT_METHOD],
};

function fail(ctx: BehaviourContext, [name, fallback]: [string, string]): never {
	throw BcErrors.dialog(ctx.def.errorLabels[name] ?? fallback);
}

function resolve(ctx: BehaviourContext, pair: ReferencePair, row: Row, provided: Set<string>): void {
	const fields = new Set(ctx.def.fields.map((f) => f.name));
	if (!fields.has(pair.idField)) return;
	const code = pair.codeField && fields.has(pair.codeField) ? pair.codeField : undefined;
	const target = ctx.company.tableOf(pair.targetSet);
	const idGiven = provided.has(pair.idField);
	const codeGiven = code !== undefined && provided.has(code);
	if (idGiven && row[pair.idField] !== EMPTY_GUID) {
		const found = target.get(String(row[pair.idField]));
		if (!found) fail(ctx, pair.idLabel);
		if (code) {
			if (codeGiven && row[code] !== '' && row[code] !== found.code) fail(ctx, pair.mismatchLabel ?? pair.idLabel);
			row[code] = found.code;
		}
	} else if (codeGiven) {
		if (row[code] === '') {
			row[pair.idField] = EMPTY_GUID;
			return;
		}
		const key = target.findKeyBy('code', String(row[code]));
		if (!key) fail(ctx, pair.codeLabel ?? pair.idLabel);
		row[pair.idField] = target.get(key)!.id;
	} else if (idGiven && code) row[code] = '';
}

/**
 * Resolves id ↔ code pairs on insert and update like the AL pages: an unknown id or code, or an id
 * and code naming different records → 400 `Application_DialogException` with the page's label; a
 * given code fills the id and a given id fills the code.
 */
export function referenceBehaviour(pairs: ReferencePair[]): EntityBehaviour {
	return {
		beforeInsert(ctx, row, provided) {
			for (const p of pairs) resolve(ctx, p, row, provided);
		},
		beforeUpdate(ctx, row, _old, provided) {
			for (const p of pairs) resolve(ctx, p, row, provided);
		},
	};
}
