/**
 * CRONUS-like master data for the demo companies (values modelled on the CRONUS USA demo
 * company; names with quotes and non-ASCII letters on purpose). Plain data, no logic.
 */

export const CURRENCIES = [
	{ code: 'CAD', displayName: 'Canadian dollar', symbol: '$' },
	{ code: 'EUR', displayName: 'Euro', symbol: '€' },
	{ code: 'GBP', displayName: 'Pound Sterling', symbol: '£' },
	{ code: 'MXN', displayName: 'Mexican peso', symbol: '$' },
	{ code: 'DKK', displayName: 'Danish krone', symbol: 'kr' },
];

export const PAYMENT_TERMS = [
	{
		code: '1M(8D)',
		displayName: '1 Month/2% 8 days',
		dueDateCalculation: '1M',
		discountDateCalculation: '8D',
		discountPercent: 2,
	},
	{
		code: '14 DAYS',
		displayName: 'Net 14 days',
		dueDateCalculation: '14D',
		discountDateCalculation: '',
		discountPercent: 0,
	},
	{
		code: '30 DAYS',
		displayName: 'Net 30 days',
		dueDateCalculation: '30D',
		discountDateCalculation: '',
		discountPercent: 0,
	},
	{
		code: 'CM',
		displayName: 'Current Month',
		dueDateCalculation: 'CM',
		discountDateCalculation: '',
		discountPercent: 0,
	},
	{
		code: 'COD',
		displayName: 'Cash on delivery',
		dueDateCalculation: '0D',
		discountDateCalculation: '',
		discountPercent: 0,
	},
];

export const PAYMENT_METHODS = [
	{ code: 'BANK', displayName: 'Bank Transfer' },
	{ code: 'CASH', displayName: 'Cash payment' },
	{ code: 'CHECK', displayName: 'Check payment' },
];

export const SHIPMENT_METHODS = [
	{ code: 'CIF', displayName: 'Cost Insurance and Freight' },
	{ code: 'EXW', displayName: 'Ex Warehouse' },
	{ code: 'PICKUP', displayName: 'Pickup at Location' },
];

export const UNITS_OF_MEASURE = [
	{ code: 'PCS', displayName: 'Piece', internationalStandardCode: 'EA', symbol: '' },
	{ code: 'BOX', displayName: 'Box', internationalStandardCode: 'BX', symbol: '' },
	{ code: 'HOUR', displayName: 'Hour', internationalStandardCode: 'HUR', symbol: '' },
];

export const ITEM_CATEGORIES = [
	{ code: 'CHAIR', displayName: 'Office Chair' },
	{ code: 'DESK', displayName: 'Office Desk' },
	{ code: 'MISC', displayName: 'Miscellaneous' },
	{ code: 'TABLE', displayName: 'Assorted Tables' },
];

export const DIMENSIONS: Array<{ code: string; displayName: string; values: Array<[string, string]> }> = [
	{
		code: 'AREA',
		displayName: 'Area',
		values: [
			['10', 'Europe'],
			['20', 'Europe North'],
			['30', 'Europe South'],
			['40', 'America'],
			['50', 'America North'],
		],
	},
	{
		code: 'BUSINESSGROUP',
		displayName: 'Business Group',
		values: [
			['HOME', 'Home'],
			['INDUSTRIAL', 'Industrial'],
			['OFFICE', 'Office'],
		],
	},
	{
		code: 'CUSTOMERGROUP',
		displayName: 'Customer Group',
		values: [
			['LARGE', 'Large Business'],
			['MEDIUM', 'Medium Business'],
			['SMALL', 'Small Business'],
		],
	},
	{
		code: 'DEPARTMENT',
		displayName: 'Department',
		values: [
			['ADM', 'Administration'],
			['PROD', 'Production'],
			['SALES', 'Sales'],
		],
	},
	{
		code: 'SALESCAMPAIGN',
		displayName: 'Sales campaign',
		values: [
			['SUMMER', 'Summer Campaign'],
			['WINTER', 'Winter Campaign'],
		],
	},
];

/** [number, displayName, type, city, state, postal, country, email, currency, blocked, creditLimit] */
export const CUSTOMERS: Array<{
	number: string;
	displayName: string;
	type: 'Company' | 'Person';
	addressLine1: string;
	city: string;
	state: string;
	postalCode: string;
	country: string;
	phoneNumber: string;
	email: string;
	website: string;
	currencyCode: string;
	blocked: string;
	creditLimit: number;
	taxLiable: boolean;
	paymentTerms: string;
}> = [
	{
		number: '10000',
		displayName: 'Adatum Corporation',
		type: 'Company',
		addressLine1: 'Station Road, 21',
		city: 'Atlanta',
		state: 'GA',
		postalCode: '31772',
		country: 'US',
		phoneNumber: '+1 425 555 0100',
		email: 'robert.townes@contoso.com',
		website: '',
		currencyCode: '',
		blocked: ' ',
		creditLimit: 0,
		taxLiable: true,
		paymentTerms: '1M(8D)',
	},
	{
		number: '20000',
		displayName: 'Trey Research',
		type: 'Company',
		addressLine1: '153 Thomas Drive',
		city: 'Chicago',
		state: 'IL',
		postalCode: '61236',
		country: 'US',
		phoneNumber: '+1 312 555 0101',
		email: 'helen.ray@contoso.com',
		website: '',
		currencyCode: '',
		blocked: ' ',
		creditLimit: 0,
		taxLiable: true,
		paymentTerms: '14 DAYS',
	},
	{
		number: '30000',
		displayName: 'School of Fine Art',
		type: 'Company',
		addressLine1: '10 High Tower Green',
		city: 'Miami',
		state: 'FL',
		postalCode: '37125',
		country: 'US',
		phoneNumber: '+1 305 555 0102',
		email: 'meagan.bond@contoso.com',
		website: '',
		currencyCode: '',
		blocked: ' ',
		creditLimit: 5000,
		taxLiable: true,
		paymentTerms: '30 DAYS',
	},
	{
		number: '40000',
		displayName: 'Alpine Ski House',
		type: 'Company',
		addressLine1: '10 Deerfield Road',
		city: 'Atlanta',
		state: 'GA',
		postalCode: '31772',
		country: 'US',
		phoneNumber: '+1 404 555 0103',
		email: 'ian.deberry@contoso.com',
		website: '',
		currencyCode: '',
		blocked: ' ',
		creditLimit: 0,
		taxLiable: true,
		paymentTerms: '1M(8D)',
	},
	{
		number: '50000',
		displayName: 'Relecloud',
		type: 'Company',
		addressLine1: '25 Water Way',
		city: 'Miami',
		state: 'FL',
		postalCode: '37125',
		country: 'US',
		phoneNumber: '+1 305 555 0104',
		email: 'jesse.homer@contoso.com',
		website: '',
		currencyCode: '',
		blocked: ' ',
		creditLimit: 0,
		taxLiable: true,
		paymentTerms: '1M(8D)',
	},
	{
		number: '60000',
		displayName: "O'Neil & Söhne",
		type: 'Company',
		addressLine1: 'Königsallee 12',
		city: 'Düsseldorf',
		state: '',
		postalCode: '40212',
		country: 'DE',
		phoneNumber: '+49 211 555 0105',
		email: 'info@oneil-soehne.example',
		website: 'www.oneil-soehne.example',
		currencyCode: 'EUR',
		blocked: ' ',
		creditLimit: 10000,
		taxLiable: false,
		paymentTerms: '14 DAYS',
	},
	{
		number: '70000',
		displayName: 'Søren "Sunny" Åkesson',
		type: 'Person',
		addressLine1: 'Nørregade 7',
		city: 'København',
		state: '',
		postalCode: '1165',
		country: 'DK',
		phoneNumber: '+45 33 55 01 06',
		email: 'soren.akesson@example.dk',
		website: '',
		currencyCode: 'DKK',
		blocked: ' ',
		creditLimit: 0,
		taxLiable: false,
		paymentTerms: 'CM',
	},
	{
		number: '80000',
		displayName: 'Coho Winery',
		type: 'Company',
		addressLine1: '2 Vineyard Lane',
		city: 'Napa',
		state: 'CA',
		postalCode: '94558',
		country: 'US',
		phoneNumber: '+1 707 555 0107',
		email: 'ap@cohowinery.example',
		website: '',
		currencyCode: '',
		blocked: 'Ship',
		creditLimit: 2500,
		taxLiable: true,
		paymentTerms: 'COD',
	},
];

export const VENDORS = [
	{
		number: '10000',
		displayName: 'Fabrikam, Inc.',
		addressLine1: '10 North Lake Avenue',
		city: 'Atlanta',
		state: 'GA',
		postalCode: '31772',
		country: 'US',
		email: 'sales@fabrikam.example',
		currencyCode: '',
	},
	{
		number: '20000',
		displayName: 'First Up Consultants',
		addressLine1: '100 Day Drive',
		city: 'Chicago',
		state: 'IL',
		postalCode: '61236',
		country: 'US',
		email: 'office@firstup.example',
		currencyCode: '',
	},
	{
		number: '30000',
		displayName: 'Graphic Design Institute',
		addressLine1: '51 Radcroft Road',
		city: 'Miami',
		state: 'FL',
		postalCode: '37125',
		country: 'US',
		email: 'billing@gdi.example',
		currencyCode: '',
	},
	{
		number: '40000',
		displayName: 'Wide World Importers',
		addressLine1: '2 Harbour Street',
		city: 'Seattle',
		state: 'WA',
		postalCode: '98101',
		country: 'US',
		email: 'orders@wwi.example',
		currencyCode: '',
	},
	{
		number: '50000',
		displayName: 'Nod Publishers',
		addressLine1: '8 Market Square',
		city: 'Atlanta',
		state: 'GA',
		postalCode: '31772',
		country: 'US',
		email: 'ap@nod.example',
		currencyCode: '',
	},
	{
		number: '60000',
		displayName: "Brauerei Weiß & Söhne 'Alt'",
		addressLine1: 'Bräuhausgasse 3',
		city: 'München',
		state: '',
		postalCode: '80331',
		country: 'DE',
		email: 'einkauf@weiss-soehne.example',
		currencyCode: 'EUR',
	},
];

export const ITEMS: Array<{
	number: string;
	displayName: string;
	type: string;
	category: string;
	unitPrice: number;
	unitCost: number;
	inventory: number;
	taxGroupCode: string;
	uom: string;
}> = [
	{
		number: '1896-S',
		displayName: 'ATHENS Desk',
		type: 'Inventory',
		category: 'DESK',
		unitPrice: 1000.8,
		unitCost: 780.7,
		inventory: 4,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1900-S',
		displayName: 'PARIS Guest Chair, black',
		type: 'Inventory',
		category: 'CHAIR',
		unitPrice: 192.8,
		unitCost: 150.4,
		inventory: 100,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1906-S',
		displayName: 'ATHENS Mobile Pedestal',
		type: 'Inventory',
		category: 'MISC',
		unitPrice: 281.4,
		unitCost: 219.5,
		inventory: 12,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1908-S',
		displayName: 'LONDON Swivel Chair, blue',
		type: 'Inventory',
		category: 'CHAIR',
		unitPrice: 190.1,
		unitCost: 148.3,
		inventory: 50,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1920-S',
		displayName: 'ANTWERP Conference Table',
		type: 'Inventory',
		category: 'TABLE',
		unitPrice: 649.4,
		unitCost: 506.6,
		inventory: 8,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1928-S',
		displayName: 'AMSTERDAM Lamp',
		type: 'Inventory',
		category: 'MISC',
		unitPrice: 54.9,
		unitCost: 42.8,
		inventory: 40,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1936-S',
		displayName: 'BERLIN Guest Chair, yellow',
		type: 'Inventory',
		category: 'CHAIR',
		unitPrice: 192.8,
		unitCost: 150.4,
		inventory: 25,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1960-S',
		displayName: 'ROME Guest Chair, green',
		type: 'Inventory',
		category: 'CHAIR',
		unitPrice: 192.8,
		unitCost: 150.4,
		inventory: 25,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1968-S',
		displayName: 'MEXICO Swivel Chair, black',
		type: 'Inventory',
		category: 'CHAIR',
		unitPrice: 190.1,
		unitCost: 148.3,
		inventory: 30,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '1996-S',
		displayName: 'ATLANTA Whiteboard, base',
		type: 'Inventory',
		category: 'MISC',
		unitPrice: 1397.3,
		unitCost: 1089.9,
		inventory: 3,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: '2000-S',
		displayName: 'SYDNEY Swivel Chair, green',
		type: 'Inventory',
		category: 'CHAIR',
		unitPrice: 190.1,
		unitCost: 148.3,
		inventory: 30,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: 'GRÜN-01',
		displayName: 'Grüner Bürostuhl "Öko"',
		type: 'Non-Inventory',
		category: 'CHAIR',
		unitPrice: 99.5,
		unitCost: 60,
		inventory: 0,
		taxGroupCode: 'FURNITURE',
		uom: 'PCS',
	},
	{
		number: 'SERV-INST',
		displayName: 'Installation service',
		type: 'Service',
		category: 'MISC',
		unitPrice: 75,
		unitCost: 40,
		inventory: 0,
		taxGroupCode: 'LABOR',
		uom: 'HOUR',
	},
];

export const EMPLOYEES = [
	{
		number: 'AH',
		givenName: 'Annette',
		middleName: '',
		surname: 'Hill',
		jobTitle: 'Secretary',
		city: 'Atlanta',
		email: 'annette.hill@cronus.example',
	},
	{
		number: 'EH',
		givenName: 'Esther',
		middleName: '',
		surname: 'Huntington',
		jobTitle: 'Production Assistant',
		city: 'Chicago',
		email: 'esther.huntington@cronus.example',
	},
	{
		number: 'JO',
		givenName: 'Jim',
		middleName: '',
		surname: "O'Brien",
		jobTitle: 'Production Manager',
		city: 'Miami',
		email: 'jim.obrien@cronus.example',
	},
	{
		number: 'OF',
		givenName: 'Otis',
		middleName: '',
		surname: 'Falls',
		jobTitle: 'Sales Manager',
		city: 'Atlanta',
		email: 'otis.falls@cronus.example',
	},
	{
		number: 'JÖ',
		givenName: 'Jürgen',
		middleName: 'K.',
		surname: 'Öztürk',
		jobTitle: 'Designer',
		city: 'Atlanta',
		email: 'juergen.oeztuerk@cronus.example',
	},
];

export const ACCOUNTS: Array<{ number: string; displayName: string; category: string; subCategory: string }> = [
	{ number: '10100', displayName: 'Checking account', category: 'Assets', subCategory: 'Cash' },
	{ number: '13100', displayName: 'Accounts Receivable', category: 'Assets', subCategory: 'Accounts Receivable' },
	{ number: '20100', displayName: 'Accounts Payable', category: 'Liabilities', subCategory: 'Current Liabilities' },
	{ number: '40100', displayName: 'Income, Product Sales', category: 'Income', subCategory: 'Income, Product Sales' },
	{ number: '50100', displayName: 'Cost of Materials', category: 'Cost of Goods Sold', subCategory: 'Cost of Goods' },
	{ number: '60100', displayName: 'Rent Expense', category: 'Expense', subCategory: 'Rent Expense' },
];

export const GEN_PRODUCT_POSTING_GROUPS = [
	{ code: 'RETAIL', description: 'Retail', defaultVATProductPostingGroup: '', autoInsertDefault: true },
	{ code: 'SERVICES', description: 'Resources, etc.', defaultVATProductPostingGroup: '', autoInsertDefault: true },
];

export const INVENTORY_POSTING_GROUPS = [{ code: 'RESALE', description: 'Resale items' }];

export const TAX_GROUPS = [
	{ code: 'FURNITURE', displayName: 'Taxable Olympic Furniture', taxType: 'Sales Tax' },
	{ code: 'LABOR', displayName: 'Labor on Job', taxType: 'Sales Tax' },
	{ code: 'MATERIALS', displayName: 'Taxable Olympic Materials', taxType: 'Sales Tax' },
	{ code: 'NONTAXABLE', displayName: 'Nontaxable', taxType: 'Sales Tax' },
];

export const LOCATIONS = [
	{ code: 'EAST', displayName: 'East Warehouse', city: 'Atlanta', state: 'GA', country: 'US', postalCode: '31772' },
	{ code: 'MAIN', displayName: 'Main Warehouse', city: 'Chicago', state: 'IL', country: 'US', postalCode: '61236' },
	{ code: 'WEST', displayName: 'West Warehouse', city: 'Seattle', state: 'WA', country: 'US', postalCode: '98101' },
];

export const SALESPEOPLE = [
	{ code: 'JO', displayName: "Jim O'Brien", email: 'jim.obrien@cronus.example', jobTitle: 'Production Manager' },
	{ code: 'OF', displayName: 'Otis Falls', email: 'otis.falls@cronus.example', jobTitle: 'Sales Manager' },
];

export const COUNTRIES = [
	{ code: 'US', displayName: 'USA' },
	{ code: 'CA', displayName: 'Canada' },
	{ code: 'DE', displayName: 'Germany' },
	{ code: 'DK', displayName: 'Denmark' },
	{ code: 'GB', displayName: 'Great Britain' },
];
