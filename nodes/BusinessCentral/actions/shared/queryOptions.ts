import type { INodeProperties } from 'n8n-workflow';

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
