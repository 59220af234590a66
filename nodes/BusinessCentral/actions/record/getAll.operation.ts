import type { INodeProperties } from 'n8n-workflow';

import type { BcOperation } from '../operation';
import { readCollection } from '../../transport';
import { entitySetProperties } from '../shared/properties';
import {
	expandOption,
	orderByOption,
	pageSizeOption,
	rawFilterOption,
	returnAllAndLimit,
	selectOption,
} from '../shared/queryOptions';
import { readFilter } from '../shared/readQuery';
import { applyQueryOptions, readLimit, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';

const properties: INodeProperties[] = [
	...entitySetProperties,
	...returnAllAndLimit('records'),
	{
		displayName: 'Filter Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Condition',
		default: {},
		description: 'Conditions written as an OData $filter with correctly quoted values',
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getEntityFields',
							loadOptionsDependsOn: ['entitySet.value', 'apiRoute'],
						},
						default: '',
						description:
							'Property to compare. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Ends With', value: 'endswith' },
							{ name: 'Equals', value: 'eq' },
							{ name: 'Greater Than', value: 'gt' },
							{ name: 'Greater Than or Equal', value: 'ge' },
							{ name: 'Less Than', value: 'lt' },
							{ name: 'Less Than or Equal', value: 'le' },
							{ name: 'Not Equals', value: 'ne' },
							{ name: 'Starts With', value: 'startswith' },
						],
						default: 'eq',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Value to compare with; quotes are handled for you',
					},
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						options: [
							{ name: 'Auto', value: 'auto', description: 'The documented type of standard fields; text otherwise' },
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Date', value: 'date', description: 'YYYY-MM-DD, written bare' },
							{ name: 'Date-Time', value: 'datetime', description: 'ISO 8601 with time zone, written bare' },
							{ name: 'Enum', value: 'enum', description: 'An option value such as Open, written quoted' },
							{ name: 'GUID', value: 'guid', description: 'An ID, written bare' },
							{ name: 'Number', value: 'number' },
							{ name: 'String', value: 'string' },
						],
						default: 'auto',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Combine Conditions',
				name: 'combineConditions',
				type: 'options',
				options: [
					{ name: 'All (And)', value: 'and' },
					{
						name: 'Any (Or)',
						value: 'or',
						description: 'Business Central allows "or" only between conditions on the same field',
					},
				],
				default: 'and',
			},
			expandOption,
			rawFilterOption,
			orderByOption,
			pageSizeOption,
			selectOption,
		],
	},
];

/** The query options this operation offers. */
const OFFERED: QueryOption[] = ['select', 'expand', 'orderBy', 'pageSize', 'limit'];

/**
 * Record → Get Many: `GET companies(<id>)/<entitySet>` with `$filter` (raw filter and conditions), `$select`,
 * `$expand`, `$orderby` and a page size; reads every page (Return All) or up to Limit, one output item per record.
 */
export const getAll: BcOperation = {
	value: 'getAll',
	name: 'Get Many',
	description: 'Get many records of an entity set',
	action: 'Get many records',
	method: 'GET',
	properties,
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'read', false);
		applyQueryOptions(this, requestOptions, OFFERED);
		const filter = readFilter(this, target.route, target.entitySet);
		if (filter) requestOptions.qs!.$filter = filter;
		delete requestOptions.body;
		return await recordUrl(this, requestOptions, target);
	},
	async execute({ ctx, request, send }) {
		return await readCollection(ctx, request, readLimit(ctx), send);
	},
};
