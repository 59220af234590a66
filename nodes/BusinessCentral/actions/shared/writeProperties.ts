import type { INodeProperties } from 'n8n-workflow';

import { ROUTE_PARAMETERS } from './properties';

/** How updates and deletes handle optimistic concurrency
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-to-modify-data). */
export const concurrencyProperties: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'options',
		options: [
			{
				name: 'Use ETag',
				value: 'etag',
				description: 'Only change the record if nobody changed it since it was read (If-Match: &lt;ETag&gt;)',
			},
			{
				name: 'Overwrite',
				value: 'overwrite',
				description: 'Change the record whatever its current version (If-Match: *)',
			},
		],
		default: 'etag',
	},
	{
		displayName: 'ETag',
		name: 'etag',
		type: 'string',
		default: '={{ $json["@odata.etag"] }}',
		required: true,
		placeholder: 'e.g. W/"JzE5OzgzMTM5MjY4MTQ1NzY2MDMzNDIxOzAwOyc="',
		description: 'The @odata.etag of the record from an earlier Get',
		displayOptions: { show: { concurrency: ['etag'] } },
	},
];

/** Create/Update body: a JSON object or field by field. */
export const bodyProperties: INodeProperties[] = [
	{
		displayName: 'Send Body As',
		name: 'bodyMode',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'Fields Below', value: 'fields' },
			{
				name: 'Field Mapper',
				value: 'mapper',
				description: "The entity set's fields from Business Central's metadata, typed, or mapped from the input",
			},
		],
		default: 'json',
	},
	{
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['entitySet.value', 'operation', ...ROUTE_PARAMETERS],
			resourceMapper: {
				resourceMapperMethod: 'getMappingColumns',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError: 'No writable fields: choose the API and the entity set first',
			},
		},
		displayOptions: { show: { bodyMode: ['mapper'] } },
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{\n  "displayName": ""\n}',
		required: true,
		description: "The record as a JSON object with the entity set's property names",
		displayOptions: { show: { bodyMode: ['json'] } },
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Field',
		displayOptions: { show: { bodyMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getEntityFields',
							loadOptionsDependsOn: ['entitySet.value', ...ROUTE_PARAMETERS],
						},
						default: '',
						description:
							'Property to set. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'The value; numbers and true/false are sent as JSON numbers and booleans when the field type says so',
					},
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto' },
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Number', value: 'number' },
							{ name: 'String', value: 'string' },
						],
						default: 'auto',
						description: 'Auto uses the documented type of standard fields and sends text otherwise',
					},
				],
			},
		],
	},
];
