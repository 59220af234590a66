import { formatDateTime } from '../store/formats';
import { derivedGuid } from '../store/guid';
import type { Row } from '../store/table';

const FIRST = [
	'Northwind',
	'Contoso',
	'Litware',
	'Tailspin',
	'Proseware',
	'Fourth Coffee',
	'Woodgrove',
	'Lucerne',
	'Margie’s',
	'Bellows',
	'Datum',
	'Humongous',
	'Wingtip',
	'Blue Yonder',
	'Consolidated',
	'Lamna',
	'Öresund',
	'Château',
	'São Paulo',
	'Kraków',
];
const SECOND = [
	'Traders',
	'Supplies',
	'Outfitters',
	'Logistics',
	'Design',
	'Holdings',
	'Furniture',
	'Systems',
	'Partners',
	'Industries',
];
const SUFFIX = ['Ltd.', 'Inc.', 'GmbH', '& Co.', 'S.A.', 'AB', 'LLC', 'Sp. z o.o.'];
const CITIES: Array<[string, string, string, string]> = [
	['Atlanta', 'GA', '31772', 'US'],
	['Chicago', 'IL', '61236', 'US'],
	['Miami', 'FL', '37125', 'US'],
	['Seattle', 'WA', '98101', 'US'],
	['Toronto', 'ON', 'M5H 2N2', 'CA'],
	['London', '', 'W2 8HG', 'GB'],
	['Malmö', '', '211 20', 'SE'],
	['Lyon', '', '69002', 'FR'],
];

const prefixes = new Map<string, string>();

/** `xxxxxxxx-xxxx-5xxx-yxxx-` of a derived GUID per company, so each generated id costs no hashing. */
function idPrefix(companyId: string): string {
	let p = prefixes.get(companyId);
	if (!p) prefixes.set(companyId, (p = derivedGuid(`${companyId}/customers/generated`).slice(0, 24)));
	return p;
}

/**
 * The i-th generated customer for large seeds (benchmarks): number `10000 × (i + 1)`, a deterministic
 * name from fixed word lists, id = a per-company derived GUID prefix + `i` as the last 12 hex digits.
 * Built by spreading a blank template
 * so 100,000 rows take well under a second.
 */
export function generatedCustomer(template: Row, companyId: string, i: number, baseTime: number): Row {
	const number = String(10000 * (i + 1));
	const [city, state, postalCode, country] = CITIES[i % CITIES.length];
	const displayName = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${SUFFIX[i % SUFFIX.length]} ${i}`;
	return {
		...template,
		id: idPrefix(companyId) + i.toString(16).padStart(12, '0'),
		number,
		displayName,
		type: i % 7 === 0 ? 'Person' : 'Company',
		addressLine1: `${(i % 900) + 1} Commerce Street`,
		city,
		state,
		country,
		postalCode,
		phoneNumber: `+1 555 ${String(i % 10000).padStart(4, '0')}`,
		email: `customer${i}@example.com`,
		balanceDue: (i * 37) % 5000,
		creditLimit: (i % 4) * 2500,
		taxLiable: country === 'US',
		blocked: i % 50 === 0 ? 'Invoice' : '_x0020_',
		lastModifiedDateTime: formatDateTime(baseTime + 86_400_000 + i * 1000 + (i % 10) * 10),
	};
}
