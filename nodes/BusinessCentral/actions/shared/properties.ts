import type { INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../../../core/constants';
import { GUID_PATTERN } from '../../../../core/odata';

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

/** The parameters that together choose the API route (dependent dropdowns reload when one changes). */
export const ROUTE_PARAMETERS = ['apiRoute', 'apiPublisher', 'apiGroup', 'apiVersion', 'customApiRoute'];

/**
 * Standard, automation or custom API route
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 */
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
			{
				name: 'Custom API (From Environment)',
				value: 'discovered',
				description: 'Pick the publisher, group and version from the API routes Business Central lists',
			},
		],
		default: 'v2.0',
	},
	{
		displayName: 'Custom API Name or ID',
		name: 'customApiRoute',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getApiRoutes' },
		default: '',
		required: true,
		description:
			'The API route (&lt;publisher&gt;/&lt;group&gt;/&lt;version&gt;) of the environment. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { apiRoute: ['discovered'] } },
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

/** Where a record operation works: the company, the API route and the entity set, in this order. */
export const entitySetProperties: INodeProperties[] = [companyLocator, ...apiRouteProperties, entitySetLocator];

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
