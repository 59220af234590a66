/**
 * OData V4 web services (published pages, queries and codeunits) at `<environment URL>/ODataV4/`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/publish-web-service):
 * the parameters of the Web Service resource and how its URLs are written. Company by id as `Company(Id=<guid>)`
 * (immutable, recommended by Microsoft), by name as `Company('<name>')` with quotes doubled and the segment
 * percent-encoded (space `%20`, `&` `%26`, `'` `%27`, non-ASCII as UTF-8); keys as OData literals, composite keys as
 * `(Document_Type='Order',No='101005')`. Works the same online and on-premises (the credential's environment URL is
 * the instance URL there).
 */
import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { GUID_PATTERN, IDENTIFIER_PATTERN, NUMBER_PATTERN, quoteString } from '../../../../core/odata';
import { fail, readEntries, readOption, shown } from './parameters';
import { companyLocator } from './properties';
import { readCompany, readLocator } from './validation';

/** The path prefix of OData V4 web services under the environment (or instance) URL. */
export const ODATAV4_PATH = '/ODataV4';

/** The published service (page or query) to work on. */
export const serviceLocator: INodeProperties = {
	displayName: 'Web Service',
	name: 'service',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Service Name of a published page or query (Web Services page in Business Central)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchWebServices', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. ContosoCustomerCard',
			validation: [
				{
					type: 'regex',
					properties: { regex: '[A-Za-z_][A-Za-z0-9_]*', errorMessage: 'Enter a service name (letters, digits and _)' },
				},
			],
		},
	],
};

/** The record key: one value, or the named parts of a composite key. */
export const keyProperty: INodeProperties = {
	displayName: 'Key',
	name: 'key',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	required: true,
	placeholder: 'Add Key Field',
	description:
		"The page's key: one value (field name optional), or every field of a composite key, e.g. Document_Type = Order and No = 101005",
	options: [
		{
			displayName: 'Key Field',
			name: 'field',
			values: [
				{ displayName: 'Field', name: 'name', type: 'string', default: '', placeholder: 'e.g. No' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 10000' },
				{
					displayName: 'Value Type',
					name: 'valueType',
					type: 'options',
					options: [
						{ name: 'Text, Code or Option', value: 'string', description: "Written quoted: 'value'" },
						{ name: 'Number', value: 'number', description: 'Written bare, e.g. an Entry No' },
						{ name: 'GUID', value: 'guid', description: 'Written bare' },
					],
					default: 'string',
				},
			],
		},
	],
};

/** The record or the action's parameters as a JSON object. */
export const jsonBodyProperty: INodeProperties = {
	displayName: 'Record (JSON)',
	name: 'serviceRecord',
	type: 'json',
	default: '{\n  "Name": ""\n}',
	required: true,
	description: "The record as a JSON object with the web service's field names (as in its $metadata, e.g. Phone_No)",
};

/** Company + service, shown by every operation on one service. */
export const serviceProperties: INodeProperties[] = [companyLocator, serviceLocator];

/** The company path segment: `Company(Id=<guid>)` or `Company('<name>')`, percent-encoded. */
export function companySegment(ctx: IExecuteSingleFunctions): string {
	const company = readCompany(ctx);
	if ('id' in company) return `Company(Id=${company.id})`;
	return `Company(${encodeURIComponent(quoteString(company.name))})`;
}

/** The company as the `company` query option of unbound actions: the id, or the quoted name. */
export function companyQuery(ctx: IExecuteSingleFunctions): string {
	const company = readCompany(ctx);
	return 'id' in company ? company.id : quoteString(company.name);
}

/** The checked service name. */
export function readService(ctx: IExecuteSingleFunctions): string {
	const { value } = readLocator(ctx, 'service', 'Web Service', ['list', 'name'], 128);
	if (!value) fail(ctx, 'Web Service: choose a service', 'Pick it from the list or enter its Service Name.');
	if (!IDENTIFIER_PATTERN.test(value))
		fail(ctx, `Web Service: ${shown(value)} is not a service name`, 'Use the Service Name: letters, digits and _.');
	return value;
}

/**
 * The key predicate `('10000')` or `(Document_Type='Order',No='101005')`, percent-encoded.
 * @throws NodeOperationError naming the key field for a missing value, a bad name or a value of the wrong type
 */
export function readKeyPredicate(ctx: IExecuteSingleFunctions): string {
	const fields = readEntries(ctx, 'key.field', 'Key');
	if (fields.length === 0) fail(ctx, 'Key: add the key value', "Enter the record's key, e.g. No = 10000.");
	const parts = fields.map((f, index) => {
		const name = typeof f.name === 'string' ? f.name.trim() : '';
		const value = typeof f.value === 'number' ? String(f.value) : typeof f.value === 'string' ? f.value : '';
		const type = readOption(
			ctx,
			`key.field[${index}].valueType`,
			'Key → Value Type',
			['string', 'number', 'guid'] as const,
			'string',
		);
		if (name && !IDENTIFIER_PATTERN.test(name))
			fail(
				ctx,
				`Key: ${shown(name)} is not a field name`,
				'Use the field name as the web service shows it, e.g. Document_Type.',
			);
		if (!name && fields.length > 1)
			fail(ctx, `Key: key field ${index + 1} has no name`, 'A composite key names every field.');
		if (value === '' && type !== 'string') fail(ctx, `Key: ${name || 'the key'} has no value`);
		if (type === 'number' && !NUMBER_PATTERN.test(value)) fail(ctx, `Key: ${shown(value)} is not a number`);
		if (type === 'guid' && !GUID_PATTERN.test(value)) fail(ctx, `Key: ${shown(value)} is not a GUID`);
		const literal = type === 'string' ? quoteString(value) : value;
		return `${name ? `${name}=` : ''}${encodeURIComponent(literal)}`;
	});
	return `(${parts.join(',')})`;
}
