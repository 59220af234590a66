/**
 * The catalog generator (scripts/generate-catalog.ts) and the node's catalog interface
 * (nodes/BusinessCentral/catalog/index.ts) over the shipped projection.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	accessOf,
	boundActions,
	entitySetsFor,
	fieldType,
	fileCatalog,
	findEntitySet,
	isReadOnlyField,
	navigationProperties,
	shippedCatalog,
	type ShippedCatalogFile,
} from '../../nodes/BusinessCentral/catalog';
import { loadCatalog } from '../../sandbox/bc/catalog';
import { generatedFiles } from '../../scripts/generate-catalog';

const repo = join(__dirname, '..', '..');

describe('catalog generator', () => {
	it('is deterministic and the checked-in files are what the sources give (else: npm run catalog:generate)', () => {
		const first = generatedFiles();
		expect(generatedFiles()).toEqual(first);
		for (const [path, text] of Object.entries(first)) expect(readFileSync(join(repo, path), 'utf8')).toBe(text);
	});

	it('writes one type vocabulary into both files', () => {
		const vocabulary = [
			'GUID',
			'string',
			'decimal',
			'integer',
			'int64',
			'boolean',
			'date',
			'datetime',
			'enum',
			'stream',
		];
		const sandbox = loadCatalog();
		for (const set of sandbox.data.entitySets) for (const f of set.fields) expect(vocabulary).toContain(f.type);
		const node = JSON.parse(readFileSync(join(repo, 'nodes/BusinessCentral/catalog/entitySets.json'), 'utf8'));
		for (const set of node.entitySets as ShippedCatalogFile['entitySets'])
			for (const f of set.fields) if (f.type) expect(vocabulary).toContain(f.type);
		const creditLimit = sandbox.field(sandbox.entitySet('v2.0', 'customers')!, 'creditLimit');
		expect(creditLimit?.type).toBe('decimal');
		expect(findEntitySet('v2.0', 'customers')?.fields.find((f) => f.name === 'creditLimit')?.catalogType).toBe(
			'decimal',
		);
	});

	it('flags what is special about companies instead of code branches', () => {
		const companies = loadCatalog().entitySet('microsoft/automation/v2.0', 'companies')!;
		expect(companies).toMatchObject({
			scope: 'environment',
			allRoutes: true,
			companyContainer: true,
			etag: false,
			defaultOrderBy: ['name'],
		});
		expect(loadCatalog().entitySet('v2.0', 'salesOrderLines')?.defaultOrderBy).toEqual(['documentId', 'sequence']);
		expect(loadCatalog().entitySet('v2.0', 'customers')?.scope).toBe('company');
	});
});

describe('node catalog interface', () => {
	it('keeps the filter builder value types and access flags', () => {
		expect(fieldType('v2.0', 'customers', 'creditLimit')).toBe('number');
		expect(fieldType('v2.0', 'customers', 'id')).toBe('guid');
		expect(fieldType('v2.0', 'customers', 'blocked')).toBe('enum');
		expect(fieldType('v2.0', 'customers', 'nope')).toBeUndefined();
		expect(accessOf('create')).toBe('create');
		expect(accessOf('getAll')).toBe('read');
		expect(entitySetsFor('v2.0', 'create').some((e) => e.entitySet === 'generalLedgerEntries')).toBe(false);
		expect(entitySetsFor('v2.0', 'read').some((e) => e.entitySet === 'generalLedgerEntries')).toBe(true);
	});

	it('keeps bound actions, navigation properties and read-only flags', () => {
		expect(boundActions('v2.0', 'salesInvoices')).toEqual(
			expect.arrayContaining(['post', 'send', 'cancel', 'makeCorrectiveCreditMemo']),
		);
		expect(navigationProperties('v2.0', 'salesInvoices')).toContainEqual({
			name: 'salesInvoiceLines',
			entitySet: 'salesInvoiceLines',
			multiplicity: 'Many',
		});
		expect(navigationProperties('v2.0', 'customers')).toContainEqual({
			name: 'customerFinancialDetail',
			entitySet: 'customerFinancialDetails',
			multiplicity: 'ZeroOrOne',
		});
		expect(isReadOnlyField('v2.0', 'customers', 'id')).toBe(true);
		expect(isReadOnlyField('v2.0', 'salesInvoices', 'number')).toBe(true);
		expect(isReadOnlyField('v2.0', 'customers', 'displayName')).toBe(false);
		expect(shippedCatalog().routes()).toEqual(expect.arrayContaining(['v2.0', 'microsoft/automation/v2.0']));
	});

	it('reads any CatalogSource, e.g. a later live $metadata one', () => {
		const source = fileCatalog({
			source: 'test',
			entitySets: [
				{
					entitySet: 'cars',
					caption: 'Cars',
					route: 'contoso/fleet/v1.0',
					create: true,
					update: false,
					delete: false,
					fields: [
						{ name: 'id', type: 'GUID', readOnly: true },
						{ name: 'power', type: 'int64' },
					],
					navigation: [],
					actions: ['retire'],
				},
			],
		});
		expect(findEntitySet('contoso/fleet/v1.0', 'cars', source)?.caption).toBe('Cars');
		expect(fieldType('contoso/fleet/v1.0', 'cars', 'power', source)).toBe('number');
		expect(entitySetsFor('contoso/fleet/v1.0', 'update', source)).toEqual([]);
		expect(boundActions('contoso/fleet/v1.0', 'cars', source)).toEqual(['retire']);
		expect(findEntitySet('contoso/fleet/v1.0', 'cars')).toBeUndefined();
	});
});
