import type { INodeProperties } from 'n8n-workflow';

import { ROUTE_PARAMETERS } from './properties';

/** The entity set's fields for a dropdown: the same list as the filter builder's (`getEntityFields`: live `$metadata`,
 * shipped catalog as fallback), reloaded when the API route or the entity set changes. */
const FIELD_LIST = {
	loadOptionsMethod: 'getEntityFields',
	loadOptionsDependsOn: ['entitySet.value', ...ROUTE_PARAMETERS],
};

/** `$select` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filter-expressions-in-odata-uris). */
export const selectOption: INodeProperties = {
	displayName: 'Select',
	name: 'select',
	type: 'string',
	default: '',
	placeholder: 'e.g. ID,number,displayName',
	description: 'Comma-separated properties to return ($select); empty returns all',
	routing: { send: { type: 'query', property: '$select', value: '={{ $value.replace(/\\s+/g, "") || undefined }}' } },
};

/**
 * Select picked from the entity set's field list; merged with Select (its names first, duplicates dropped). Names are
 * checked like Select's (property names only) before any request.
 */
export const selectFieldsOption: INodeProperties = {
	displayName: 'Select Field Names or IDs',
	name: 'selectFields',
	type: 'multiOptions',
	typeOptions: FIELD_LIST,
	default: [],
	description:
		'Fields to return ($select), from the entity set\'s metadata; combined with Select. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * Order By picked from the entity set's field list, each with a direction; appended to Order By (a field in both
 * keeps Order By's entry when the directions agree, and is refused when they differ).
 */
export const orderByFieldsOption: INodeProperties = {
	displayName: 'Order By Fields',
	name: 'orderByFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Sort Field',
	default: {},
	description: "Sort order ($orderby) from the entity set's field list, after the Order By text",
	options: [
		{
			displayName: 'Sort',
			name: 'sort',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'field',
					type: 'options',
					typeOptions: FIELD_LIST,
					default: '',
					description:
						'Property to sort by. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Direction',
					name: 'direction',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: 'asc',
				},
			],
		},
	],
};

/** `$expand`, e.g. `salesOrderLines` or `salesOrderLines($select=id,quantity)`. */
export const expandOption: INodeProperties = {
	displayName: 'Expand',
	name: 'expand',
	type: 'string',
	default: '',
	placeholder: 'e.g. salesOrderLines,customer',
	description: 'Related entities to include ($expand), comma-separated; nested options in parentheses',
	routing: { send: { type: 'query', property: '$expand', value: '={{ $value.trim() || undefined }}' } },
};

/** `$orderby`. */
export const orderByOption: INodeProperties = {
	displayName: 'Order By',
	name: 'orderBy',
	type: 'string',
	default: '',
	placeholder: 'e.g. displayName asc,number desc',
	description: 'Sort order ($orderby): properties, each optionally followed by asc or desc',
	routing: { send: { type: 'query', property: '$orderby', value: '={{ $value.trim() || undefined }}' } },
};

/** `Prefer: odata.maxpagesize` (at most 20,000 online;
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/Server-Driven-Paging-in-OData-Web-Services). */
export const pageSizeOption: INodeProperties = {
	displayName: 'Page Size',
	name: 'pageSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20000 },
	default: 1000,
	description:
		'Records per page Business Central returns (Prefer: odata.maxpagesize); smaller pages help against timeouts',
	routing: { request: { headers: { Prefer: '=odata.maxpagesize={{ $value }}' } } },
};

/** Raw `$filter`. */
export const rawFilterOption: INodeProperties = {
	displayName: 'Filter',
	name: 'filter',
	type: 'string',
	default: '',
	placeholder: "e.g. displayName eq 'O''Neil & Söhne' and balanceDue gt 0",
	description:
		'OData $filter expression; text values in single quotes with inner quotes doubled. Combined with the Filter Conditions by "and".',
};

/** Return All + Limit for Get Many. */
export function returnAllAndLimit(noun: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
			routing: { send: { type: 'query', property: '$top' }, output: { maxResults: '={{ $value }}' } },
			hint: `Reads at most this many ${noun}`,
		},
	];
}
