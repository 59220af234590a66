/**
 * The OData literal and filter writer (core/odata.ts): the rules of
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris.
 */
import {
	combineFilters,
	conditionToFilter,
	keyPredicate,
	odataLiteral,
	quoteString,
	toQueryString,
} from '../../core/odata';

describe('odataLiteral', () => {
	it.each([
		["O'Neil & Söhne", 'string', "'O''Neil & Söhne'"],
		["''", 'string', "''''''"],
		['Open', 'enum', "'Open'"],
		['10000', 'string', "'10000'"],
		['10000', 'auto', "'10000'"],
		['-12.5', 'number', '-12.5'],
		['TRUE', 'boolean', 'true'],
		['2024-05-01', 'date', '2024-05-01'],
		['2024-05-01T10:00:00.123Z', 'datetime', '2024-05-01T10:00:00.123Z'],
		['5D1C6F2E-1C4B-EF11-BFE4-6045BDC8C1A2', 'guid', '5d1c6f2e-1c4b-ef11-bfe4-6045bdc8c1a2'],
	])('%s as %s → %s', (value, type, expected) => {
		expect(odataLiteral(value, type as never)).toBe(expected);
	});

	it('auto keeps JavaScript numbers and booleans bare and uses a known field type', () => {
		expect(odataLiteral(42, 'auto')).toBe('42');
		expect(odataLiteral(false, 'auto')).toBe('false');
		expect(odataLiteral('2500', 'auto', 'number')).toBe('2500');
		expect(odataLiteral('2024-01-31', 'auto', 'date')).toBe('2024-01-31');
	});

	it.each([
		['abc', 'number'],
		['yes', 'boolean'],
		['01.05.2024', 'date'],
		['2024-05-01T10:00:00', 'datetime'],
		['not-a-guid', 'guid'],
	])('rejects %s as %s', (value, type) => {
		expect(() => odataLiteral(value, type as never)).toThrow(/is not/);
	});
});

describe('filters', () => {
	it('writes comparisons and string functions', () => {
		expect(conditionToFilter({ field: 'displayName', operator: 'eq', value: "O'Neil", valueType: 'string' })).toBe(
			"displayName eq 'O''Neil'",
		);
		expect(conditionToFilter({ field: 'displayName', operator: 'startswith', value: 'Mü', valueType: 'auto' })).toBe(
			"startswith(displayName,'Mü')",
		);
		expect(
			conditionToFilter({
				field: 'lastModifiedDateTime',
				operator: 'gt',
				value: '2024-01-01T00:00:00Z',
				valueType: 'datetime',
			}),
		).toBe('lastModifiedDateTime gt 2024-01-01T00:00:00Z');
	});

	it('rejects field names that would inject OData', () => {
		expect(() => conditionToFilter({ field: 'x eq 1 or y', operator: 'eq', value: '1', valueType: 'number' })).toThrow(
			/not a field name/,
		);
	});

	it('combines parts with parentheses', () => {
		expect(combineFilters(['a eq 1', '', 'b eq 2'], 'and')).toBe('(a eq 1) and (b eq 2)');
		expect(combineFilters(['a eq 1'], 'or')).toBe('a eq 1');
		expect(combineFilters([], 'or')).toBe('');
	});
});

describe('URLs', () => {
	it('writes key predicates and %20-encoded query strings', () => {
		expect(keyPredicate('5D1C6F2E-1C4B-EF11-BFE4-6045BDC8C1A2')).toBe('(5d1c6f2e-1c4b-ef11-bfe4-6045bdc8c1a2)');
		expect(keyPredicate("A'B")).toBe(`(${encodeURIComponent("'A''B'")})`);
		expect(toQueryString({ $filter: "name eq 'O''Neil & Söhne'", $top: 5, $select: '' })).toBe(
			"$filter=name%20eq%20'O''Neil%20%26%20S%C3%B6hne'&$top=5",
		);
		expect(quoteString("'")).toBe("''''");
	});
});
