import type { INodeProperties } from 'n8n-workflow';

import { GUID_PATTERN } from '../helpers/odata';

/** Credential type names; they are also the values of the `authentication` parameter. */
export const CREDENTIAL_TYPES = {
	delegated: 'businessCentralOAuth2Api',
	clientCredentials: 'businessCentralClientCredentialsApi',
	accessKey: 'businessCentralAccessKeyApi',
} as const;

/** Selects one of the three credential types (RoutingNode picks the credential by this parameter). */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'App-Only (Client Credentials, S2S)', value: CREDENTIAL_TYPES.clientCredentials },
		{ name: 'Delegated (OAuth2 Sign-In)', value: CREDENTIAL_TYPES.delegated },
		{ name: 'On-Premises (Web Service Access Key)', value: CREDENTIAL_TYPES.accessKey },
	],
	default: 'businessCentralClientCredentialsApi',
};

const GUID_REGEX_SOURCE = GUID_PATTERN.source.replace(/^\^|\$$/g, '');

/** The company a request runs in: searchable list, GUID, or name (resolved to the id). */
export const companyLocator: INodeProperties = {
	displayName: 'Company',
	name: 'company',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Business Central company (every record belongs to one)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCompanies', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 5d1c6f2e-1c4b-ef11-bfe4-6045bdc8c1a2',
			validation: [
				{
					type: 'regex',
					properties: { regex: GUID_REGEX_SOURCE, errorMessage: 'Enter a company ID (a GUID)' },
				},
			],
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. CRONUS International Ltd.',
			hint: 'The exact company name; it is looked up once and replaced by the company ID',
		},
	],
};

/** Standard, automation or custom API route (business-central-api.md §1.1). */
export const apiRouteProperties: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'apiRoute',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Standard API v2.0', value: 'v2.0', description: 'Microsoft API v2.0 (/api/v2.0)' },
			{
				name: 'Automation API v2.0',
				value: 'microsoft/automation/v2.0',
				description: 'Administration entity sets (/api/microsoft/automation/v2.0)',
			},
			{
				name: 'Custom API',
				value: 'custom',
				description: 'An API page of an extension: /api/&lt;publisher&gt;/&lt;group&gt;/&lt;version&gt;',
			},
		],
		default: 'v2.0',
	},
	{
		displayName: 'API Publisher',
		name: 'apiPublisher',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. contoso',
		description: 'APIPublisher of the custom API page',
		displayOptions: { show: { apiRoute: ['custom'] } },
	},
	{
		displayName: 'API Group',
		name: 'apiGroup',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. app1',
		description: 'APIGroup of the custom API page',
		displayOptions: { show: { apiRoute: ['custom'] } },
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'string',
		default: 'v2.0',
		required: true,
		placeholder: 'e.g. v1.0',
		description: 'APIVersion of the custom API page (vX.Y or beta)',
		displayOptions: { show: { apiRoute: ['custom'] } },
	},
];

/**
 * The entity set: picked from the catalog of the chosen API (read-only sets are left out of Create/Update/Delete)
 * or typed in (custom APIs, sets newer than the catalog).
 */
export const entitySetLocator: INodeProperties = {
	displayName: 'Entity Set',
	name: 'entitySet',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The entity set (table) to work on, e.g. customers',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchEntitySets', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. customers',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '[A-Za-z_][A-Za-z0-9_]*',
						errorMessage: 'Enter an entity set name (letters, digits and _)',
					},
				},
			],
		},
	],
};

/** The id (key) of one record. */
export const recordIdProperty: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5d1c6f2e-1c4b-ef11-bfe4-6045bdc8c1a2',
	description: 'The ID of the record (a GUID). Custom APIs keyed by a code also accept that code.',
};

/** How updates and deletes handle optimistic concurrency (business-central-api.md §3.3). */
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
		],
		default: 'json',
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{\n  "displayName": ""\n}',
		required: true,
		description: 'The record as a JSON object with the entity set\'s property names',
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
						typeOptions: { loadOptionsMethod: 'getEntityFields', loadOptionsDependsOn: ['entitySet.value', 'apiRoute'] },
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

/** Retry behaviour for throttling (429) and unavailability (503/504); business-central-api.md §5. */
export const retryOptions: INodeProperties = {
	displayName: 'Retry Options',
	name: 'retryOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description: 'How often one request is tried in total when Business Central answers 429, 503 or 504',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'Longest single wait before a retry; when Business Central asks (Retry-After) for longer, the request fails instead',
		},
	],
};
