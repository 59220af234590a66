import type { INodeProperties } from 'n8n-workflow';

import type { BcOperation } from '../operation';
import { readCollection, readPage } from '../../transport';
import { entitySetProperties, ROUTE_PARAMETERS } from '../shared/properties';
import {
	expandOption,
	orderByFieldsOption,
	orderByOption,
	pageSizeOption,
	rawFilterOption,
	returnAllAndLimit,
	selectFieldsOption,
	selectOption,
} from '../shared/queryOptions';
import { ALL_COMPANIES, readAllCompanies } from '../shared/allCompanies';
import {
	allCompaniesOption,
	applyDataAccessIntent,
	dataAccessIntentOption,
	readAllCompanies as allCompaniesOn,
} from '../shared/readOptions';
import { readFilter } from '../shared/readQuery';
import { readApiRoute, readEntitySet } from '../shared/validation';
import { fail } from '../shared/parameters';
import {
	continueAt,
	pageItem,
	pageProperties,
	readContinuation,
	readOutputMode,
	returnAllCeiling,
} from '../shared/pages';
import { applyQueryOptions, readLimit, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';

const properties: INodeProperties[] = [
	...entitySetProperties,
	...returnAllAndLimit('records'),
	...pageProperties,
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
							loadOptionsDependsOn: ['entitySet.value', ...ROUTE_PARAMETERS],
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
			allCompaniesOption,
			dataAccessIntentOption,
			expandOption,
			rawFilterOption,
			orderByOption,
			orderByFieldsOption,
			pageSizeOption,
			selectOption,
			selectFieldsOption,
		],
	},
];

/** The query options this operation offers. */
const OFFERED: QueryOption[] = ['select', 'expand', 'orderBy', 'pageSize', 'limit'];
/** The query options of one page (Output: One Item per Page): no `$top`, or BC would answer without a next link. */
const OFFERED_PER_PAGE: QueryOption[] = ['select', 'expand', 'orderBy', 'pageSize'];

/**
 * Record → Get Many: `GET companies(<id>)/<entitySet>` with `$filter` (raw filter and conditions), `$select` (text
 * and/or picked from the field list), `$expand`, `$orderby` (text and/or fields from the list) and a page size. Output One Item per Record: reads every page (Return All, up to
 * {@link returnAllCeiling} records per input item) or up to Limit, one output item per record. Output One Item per
 * Page: reads one page (the first, or the Continue From link) and outputs `{ records, recordCount, nextLink }`.
 * Options → All Companies reads the set in every company (records carry `companyId`, `companyName`; one item per
 * record only); Options → Data Access Intent sends `Data-Access-Intent`.
 */
export const getAll: BcOperation = {
	value: 'getAll',
	name: 'Get Many',
	description: 'Get many records of an entity set',
	action: 'Get many records',
	method: 'GET',
	properties,
	async preSend(requestOptions) {
		const all = allCompaniesOn(this);
		const pages = readOutputMode(this) === 'pages';
		if (all && pages)
			fail(
				this,
				'Options → All Companies: not with one output item per page',
				'Output one item per record, or read page by page with one node per company.',
			);
		const target = all ? undefined : readRecordTarget(this, 'read', false);
		const route = target?.route ?? readApiRoute(this);
		const entitySet = target?.entitySet ?? readEntitySet(this, route, 'read');
		applyQueryOptions(this, requestOptions, pages ? OFFERED_PER_PAGE : OFFERED);
		applyDataAccessIntent(this, requestOptions);
		const filter = readFilter(this, route, entitySet);
		if (filter) requestOptions.qs!.$filter = filter;
		delete requestOptions.body;
		if (!target) {
			requestOptions.url = `/api/${route}/companies(${ALL_COMPANIES})/${entitySet}`;
			return requestOptions;
		}
		const link = pages ? readContinuation(this, String(requestOptions.baseURL ?? '')) : '';
		if (link) return continueAt(requestOptions, link);
		return await recordUrl(this, requestOptions, target);
	},
	async execute({ ctx, request, send }) {
		if (readOutputMode(ctx) === 'pages') {
			const origin = (): string => new URL(String(request.baseURL ?? request.url)).origin;
			const absolute = /^https?:\/\//i.test(request.url);
			const page = await readPage(ctx, { ...request, ...(absolute ? { baseURL: undefined } : {}) }, send, origin);
			return [pageItem(page.records, page.nextLink)];
		}
		const limit = readLimit(ctx);
		const ceiling = limit === undefined ? returnAllCeiling(ctx) : undefined;
		if (request.url.includes(ALL_COMPANIES)) return await readAllCompanies(ctx, request, limit, send, ceiling);
		return await readCollection(ctx, request, limit, send, ceiling);
	},
};
