import type { Catalog } from '../catalog';
import { computeLine, computeTotals } from '../behaviours/document-math';
import { NUMBER_SERIES, nextNumber } from '../behaviours/number-series';
import { blankRow } from '../store/defaults';
import { escapeEnumMember, formatDateTime, roundAmount } from '../store/formats';
import { derivedGuid } from '../store/guid';
import type { CompanyData, CompanySeeder } from '../store/store';
import type { Row } from '../store/table';
import {
	ACCOUNTS,
	COUNTRIES,
	CURRENCIES,
	CUSTOMERS,
	DIMENSIONS,
	EMPLOYEES,
	GEN_PRODUCT_POSTING_GROUPS,
	INVENTORY_POSTING_GROUPS,
	ITEM_CATEGORIES,
	ITEMS,
	LOCATIONS,
	PAYMENT_METHODS,
	PAYMENT_TERMS,
	SALESPEOPLE,
	SHIPMENT_METHODS,
	TAX_GROUPS,
	UNITS_OF_MEASURE,
	VENDORS,
} from './demo-master';
import { generatedCustomer } from './generated-customers';

/** Seeding options. */
export interface SeedOptions {
	/** Customers in the first company of every environment (default: the named demo customers only). */
	customerCount?: number;
}

const BASE_TIME = Date.UTC(2024, 5, 6, 8, 0, 0);

/** Tick ranges pinned for sets whose timestamps examples and tests rely on. */
const SET_TICK_BASE: Record<string, number> = { customers: 68 };

/** A stable tick base for other sets, derived from the name (spread over ~8 hours of 2024-06-06). */
function tickBase(set: string): number {
	let h = 0;
	for (const c of set) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return 200 + (h % 40) * 10;
}

/**
 * Deterministic demo data (same ids and ETags on every start): master data, sales orders and
 * invoices with lines, purchase orders, G/L entries. Ids are derived from company id + entity set +
 * a natural key; `lastModifiedDateTime` values are fixed times in June 2024.
 */
export function createSeeder(catalog: Catalog, options: SeedOptions): CompanySeeder {
	return (company, _environment, companyIndex) =>
		new DemoSeeder(company, catalog).seed(companyIndex === 0 ? options.customerCount : undefined);
}

class DemoSeeder {
	private readonly ticks = new Map<string, number>();
	private readonly pending = new Map<string, Row[]>();

	constructor(
		private readonly company: CompanyData,
		private readonly catalog: Catalog,
	) {}

	/**
	 * Next `lastModifiedDateTime` of an entity set: BASE_TIME + tick × 61 s (+ varying ms), with a fixed
	 * tick range per set so adding demo rows elsewhere never moves existing values (examples filter on
	 * them: the named customers are 2024-06-06T09:10:09.453Z … 09:17:16.412Z).
	 */
	private stamp(set: string): string {
		const tick = (this.ticks.get(set) ?? SET_TICK_BASE[set] ?? tickBase(set)) + 1;
		this.ticks.set(set, tick);
		return formatDateTime(BASE_TIME + tick * 61_000 + ((tick * 137) % 1000));
	}

	private put(set: string, naturalKey: string, values: Row): Row {
		const def = this.catalog.entitySet('v2.0', set)!;
		const row: Row = blankRow(def, this.catalog);
		for (const [k, v] of Object.entries(values)) if (k in row && v !== undefined) row[k] = v;
		row.id = derivedGuid(`${this.company.id}/${set}/${naturalKey}`);
		if ('lastModifiedDateTime' in row) row.lastModifiedDateTime = this.stamp(set);
		for (const f of def.fields)
			if (f.type === 'enum' && typeof values[f.name] === 'string')
				row[f.name] = escapeEnumMember(values[f.name] as string);
		let list = this.pending.get(set);
		if (!list) this.pending.set(set, (list = []));
		list.push(row);
		return row;
	}

	private byCode(set: string, code: string, field = 'code'): Row | undefined {
		return this.pending.get(set)?.find((r) => r[field] === code);
	}

	seed(customerCount: number | undefined): void {
		const c = this.company.row;
		this.put('companyInformation', 'main', {
			displayName: c.name,
			addressLine1: '7122 South Ashford Street',
			addressLine2: 'Westminster',
			city: 'Atlanta',
			state: 'GA',
			country: 'US',
			postalCode: '31772',
			phoneNumber: '+1 425 555 0100',
			email: 'info@cronus.example',
			website: 'www.cronus.example',
			taxRegistrationNumber: '',
			currencyCode: 'USD',
			currentFiscalYearStartDate: '2024-01-01',
			industry: '',
			experience: 'Essential',
		});
		for (const x of CURRENCIES)
			this.put('currencies', x.code, { ...x, amountDecimalPlaces: '2:2', amountRoundingPrecision: 0.01 });
		for (const x of PAYMENT_TERMS) this.put('paymentTerms', x.code, { ...x, calculateDiscountOnCreditMemos: false });
		for (const x of PAYMENT_METHODS) this.put('paymentMethods', x.code, x);
		for (const x of SHIPMENT_METHODS) this.put('shipmentMethods', x.code, x);
		for (const x of UNITS_OF_MEASURE) this.put('unitsOfMeasure', x.code, x);
		for (const x of ITEM_CATEGORIES) this.put('itemCategories', x.code, x);
		for (const x of GEN_PRODUCT_POSTING_GROUPS) this.put('generalProductPostingGroups', x.code, x);
		for (const x of INVENTORY_POSTING_GROUPS) this.put('inventoryPostingGroups', x.code, x);
		for (const x of TAX_GROUPS) this.put('taxGroups', x.code, x);
		for (const x of LOCATIONS) this.put('locations', x.code, x);
		for (const x of SALESPEOPLE) this.put('salespeoplePurchasers', x.code, x);
		for (const x of COUNTRIES) this.put('countriesRegions', x.code, x);
		for (const d of DIMENSIONS) {
			const dim = this.put('dimensions', d.code, { code: d.code, displayName: d.displayName, consolidationCode: '' });
			for (const [code, name] of d.values)
				this.put('dimensionValues', `${d.code}/${code}`, {
					code,
					dimensionId: dim.id,
					displayName: name,
					consolidationCode: '',
				});
		}
		for (const a of ACCOUNTS)
			this.put('accounts', a.number, { ...a, accountType: 'Posting', directPosting: true, blocked: false });
		this.seedParties(customerCount);
		for (const i of ITEMS) {
			const uom = this.byCode('unitsOfMeasure', i.uom)!;
			const cat = this.byCode('itemCategories', i.category)!;
			const genProd = this.byCode('generalProductPostingGroups', i.type === 'Service' ? 'SERVICES' : 'RETAIL')!;
			this.put('items', i.number, {
				taxGroupId: this.byCode('taxGroups', i.taxGroupCode)!.id,
				generalProductPostingGroupId: genProd.id,
				generalProductPostingGroupCode: genProd.code,
				inventoryPostingGroupId:
					i.type === 'Inventory' ? this.byCode('inventoryPostingGroups', 'RESALE')!.id : undefined,
				inventoryPostingGroupCode: i.type === 'Inventory' ? 'RESALE' : '',
				number: i.number,
				displayName: i.displayName,
				type: i.type,
				itemCategoryId: cat.id,
				itemCategoryCode: cat.code,
				inventory: i.inventory,
				unitPrice: i.unitPrice,
				unitCost: i.unitCost,
				taxGroupCode: i.taxGroupCode,
				baseUnitOfMeasureId: uom.id,
				baseUnitOfMeasureCode: uom.code,
			});
		}
		EMPLOYEES.forEach((e, n) =>
			this.put('employees', e.number, {
				...e,
				displayName: [e.givenName, e.middleName, e.surname].filter(Boolean).join(' '),
				addressLine1: `${100 + n} Main Street`,
				country: 'US',
				employmentDate: `201${n}-0${n + 1}-01`,
				status: 'Active',
				birthDate: `198${n}-1${n % 3}-15`,
			}),
		);
		this.seedDefaultDimensions();
		this.seedDocuments();
		for (const [set, rows] of this.pending) this.company.tableOf(set).load(rows);
	}

	private seedParties(customerCount: number | undefined): void {
		const terms = (code: string) => this.byCode('paymentTerms', code)!.id;
		const named = customerCount === undefined ? CUSTOMERS : CUSTOMERS.slice(0, customerCount);
		for (const x of named) {
			const currency = x.currencyCode ? this.byCode('currencies', x.currencyCode)!.id : undefined;
			this.put('customers', x.number, {
				...x,
				addressLine2: '',
				paymentTermsId: terms(x.paymentTerms),
				currencyId: currency,
				salespersonCode: 'JO',
				balanceDue: 0,
				taxAreaDisplayName: x.taxLiable ? 'ATLANTA, GA' : '',
				shipmentMethodId: this.byCode('shipmentMethods', 'EXW')!.id,
				paymentMethodId: this.byCode('paymentMethods', 'BANK')!.id,
			});
		}
		if (customerCount !== undefined && customerCount > CUSTOMERS.length) {
			const def = this.catalog.entitySet('v2.0', 'customers')!;
			const template = { ...blankRow(def, this.catalog), paymentTermsId: terms('30 DAYS') };
			const list = this.pending.get('customers')!;
			for (let i = CUSTOMERS.length; i < customerCount; i++)
				list.push(generatedCustomer(template, this.company.id, i, BASE_TIME));
		}
		for (const v of VENDORS) {
			const currency = v.currencyCode ? this.byCode('currencies', v.currencyCode)!.id : undefined;
			this.put('vendors', v.number, {
				...v,
				currencyId: currency,
				paymentTermsId: terms('30 DAYS'),
				taxLiable: v.country === 'US',
				blocked: ' ',
			});
		}
		CUSTOMERS.slice(0, 6).forEach((x, n) => {
			const number = `CT${String(n + 1).padStart(6, '0')}`;
			this.put('contacts', number, {
				number,
				type: x.type,
				displayName: x.displayName,
				companyNumber: number,
				companyName: x.displayName,
				contactBusinessRelation: 'Customer',
				addressLine1: x.addressLine1,
				city: x.city,
				state: x.state,
				country: x.country,
				postalCode: x.postalCode,
				phoneNumber: x.phoneNumber,
				email: x.email,
				searchName: x.displayName.toUpperCase(),
			});
		});
		this.put('contacts', 'CT000100', {
			number: 'CT000100',
			type: 'Person',
			displayName: 'Renée "René" Dubois-Müller',
			jobTitle: 'Purchasing Manager',
			companyNumber: 'CT000006',
			companyName: "O'Neil & Söhne",
			contactBusinessRelation: 'Customer',
			city: 'Düsseldorf',
			country: 'DE',
			email: 'rene.dubois@oneil-soehne.example',
			searchName: 'RENÉE "RENÉ" DUBOIS-MÜLLER',
		});
	}

	/** Default dimensions of a few customers and items (`customers(<id>)/defaultDimensions`). */
	private seedDefaultDimensions(): void {
		const rows: Array<[string, string, string, string, string]> = [
			['customers', '10000', 'Customer', 'CUSTOMERGROUP', 'MEDIUM'],
			['customers', '10000', 'Customer', 'AREA', '40'],
			['customers', '20000', 'Customer', 'CUSTOMERGROUP', 'LARGE'],
			['customers', '60000', 'Customer', 'AREA', '10'],
			['items', '1896-S', 'Item', 'BUSINESSGROUP', 'OFFICE'],
		];
		for (const [set, number, parentType, dimCode, valueCode] of rows) {
			const parent = this.byCode(set, number, 'number');
			if (!parent) continue;
			const dim = this.byCode('dimensions', dimCode)!;
			const value = this.pending.get('dimensionValues')!.find((v) => v.dimensionId === dim.id && v.code === valueCode)!;
			this.put('defaultDimensions', `${set}/${number}/${dimCode}`, {
				parentType,
				parentId: parent.id,
				dimensionId: dim.id,
				dimensionCode: dimCode,
				dimensionValueId: value.id,
				dimensionValueCode: valueCode,
				postingValidation: ' ',
			});
		}
	}

	private line(
		set: string,
		header: Row,
		seq: number,
		itemNumber: string,
		quantity: number,
		priceField: 'unitPrice' | 'directUnitCost',
	): Row {
		const item = this.byCode('items', itemNumber, 'number')!;
		const line = this.put(set, `${header.number}/${seq}`, {
			documentId: header.id,
			sequence: seq * 10000,
			itemId: item.id,
			lineType: 'Item',
			lineObjectNumber: item.number,
			description: item.displayName,
			unitOfMeasureId: item.baseUnitOfMeasureId,
			unitOfMeasureCode: item.baseUnitOfMeasureCode,
			quantity,
			[priceField]: priceField === 'unitPrice' ? item.unitPrice : item.unitCost,
			taxCode: item.taxGroupCode,
			shipmentDate: header.orderDate ?? header.invoiceDate,
		});
		computeLine(line);
		return line;
	}

	private salesHeader(set: 'salesOrders' | 'salesInvoices', customerNumber: string, date: string, extra: Row): Row {
		const cust = this.byCode('customers', customerNumber, 'number')!;
		const number = nextNumber(this.company, NUMBER_SERIES[set]);
		return this.put(set, number, {
			number,
			customerId: cust.id,
			customerNumber: cust.number,
			customerName: cust.displayName,
			billToName: cust.displayName,
			billToCustomerId: cust.id,
			billToCustomerNumber: cust.number,
			shipToName: cust.displayName,
			sellToAddressLine1: cust.addressLine1,
			sellToCity: cust.city,
			sellToState: cust.state,
			sellToPostCode: cust.postalCode,
			sellToCountry: cust.country,
			billToAddressLine1: cust.addressLine1,
			billToCity: cust.city,
			billToState: cust.state,
			billToPostCode: cust.postalCode,
			billToCountry: cust.country,
			shipToAddressLine1: cust.addressLine1,
			shipToCity: cust.city,
			shipToState: cust.state,
			shipToPostCode: cust.postalCode,
			shipToCountry: cust.country,
			currencyId: cust.currencyId,
			currencyCode: cust.currencyCode,
			paymentTermsId: cust.paymentTermsId,
			shipmentMethodId: cust.shipmentMethodId,
			salesperson: 'JO',
			phoneNumber: cust.phoneNumber,
			email: cust.email,
			postingDate: date,
			...extra,
		});
	}

	private seedDocuments(): void {
		const orders: Array<[string, string, Array<[string, number]>]> = [
			[
				'10000',
				'2024-06-03',
				[
					['1896-S', 2],
					['1900-S', 8],
				],
			],
			[
				'20000',
				'2024-06-04',
				[
					['1920-S', 1],
					['1908-S', 6],
					['SERV-INST', 3],
				],
			],
			['30000', '2024-06-05', [['1928-S', 12]]],
			[
				'60000',
				'2024-06-06',
				[
					['GRÜN-01', 4],
					['1936-S', 2],
				],
			],
		];
		for (const [cust, date, lines] of orders) {
			const h = this.salesHeader('salesOrders', cust, date, {
				orderDate: date,
				requestedDeliveryDate: '0001-01-01',
				status: 'Open',
				partialShipping: true,
			});
			computeTotals(
				h,
				lines.map(([item, q], i) => this.line('salesOrderLines', h, i + 1, item, q, 'unitPrice')),
			);
		}
		const invoices: Array<[string, string, string, Array<[string, number]>]> = [
			[
				'40000',
				'2024-05-20',
				'Open',
				[
					['1996-S', 1],
					['1906-S', 2],
				],
			],
			['50000', '2024-05-28', 'Paid', [['1960-S', 10]]],
			[
				'10000',
				'2024-06-05',
				'Draft',
				[
					['1968-S', 4],
					['2000-S', 4],
				],
			],
			['60000', '2024-06-06', 'Draft', [['1900-S', 2]]],
		];
		for (const [cust, date, status, lines] of invoices) {
			const due = new Date(Date.parse(date) + 30 * 86_400_000).toISOString().slice(0, 10);
			const h = this.salesHeader('salesInvoices', cust, date, { invoiceDate: date, dueDate: due, status });
			computeTotals(
				h,
				lines.map(([item, q], i) => this.line('salesInvoiceLines', h, i + 1, item, q, 'unitPrice')),
			);
			if (status === 'Paid') h.remainingAmount = 0;
			if (status === 'Open') {
				const c = this.byCode('customers', cust, 'number')!;
				c.balanceDue = roundAmount(Number(c.balanceDue) + Number(h.remainingAmount));
			}
			if (status !== 'Draft') this.glForInvoice(h);
		}
		const purchases: Array<[string, string, Array<[string, number]>]> = [
			[
				'10000',
				'2024-06-02',
				[
					['1896-S', 5],
					['1906-S', 5],
				],
			],
			['60000', '2024-06-05', [['GRÜN-01', 20]]],
		];
		for (const [vend, date, lines] of purchases) {
			const v = this.byCode('vendors', vend, 'number')!;
			const number = nextNumber(this.company, NUMBER_SERIES.purchaseOrders);
			const h = this.put('purchaseOrders', number, {
				number,
				orderDate: date,
				postingDate: date,
				vendorId: v.id,
				vendorNumber: v.number,
				vendorName: v.displayName,
				payToName: v.displayName,
				payToVendorId: v.id,
				payToVendorNumber: v.number,
				buyFromAddressLine1: v.addressLine1,
				buyFromCity: v.city,
				buyFromState: v.state,
				buyFromPostCode: v.postalCode,
				buyFromCountry: v.country,
				payToAddressLine1: v.addressLine1,
				payToCity: v.city,
				payToState: v.state,
				payToPostCode: v.postalCode,
				payToCountry: v.country,
				currencyId: v.currencyId,
				currencyCode: v.currencyCode,
				paymentTermsId: v.paymentTermsId,
				purchaser: 'OF',
				status: 'Open',
			});
			computeTotals(
				h,
				lines.map(([item, q], i) => this.line('purchaseOrderLines', h, i + 1, item, q, 'directUnitCost')),
			);
		}
	}

	private glEntry = 0;

	private glForInvoice(h: Row): void {
		const post = (accountNumber: string, debit: number, credit: number) => {
			const acc = this.byCode('accounts', accountNumber, 'number')!;
			this.glEntry++;
			this.put('generalLedgerEntries', String(this.glEntry), {
				entryNumber: this.glEntry,
				postingDate: h.postingDate,
				documentNumber: h.number,
				documentType: 'Invoice',
				accountId: acc.id,
				accountNumber,
				description: `Invoice ${String(h.number)}`,
				debitAmount: debit,
				creditAmount: credit,
			});
		};
		post('13100', Number(h.totalAmountIncludingTax), 0);
		post('40100', 0, Number(h.totalAmountExcludingTax));
		if (Number(h.totalTaxAmount) > 0) post('20100', 0, Number(h.totalTaxAmount));
	}
}
