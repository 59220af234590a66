import type { BcOperation } from '../operation';
import { applyDataAccessIntent, dataAccessIntentOption } from '../shared/readOptions';
import { readCollection } from '../../transport';
import {
	orderByOption,
	pageSizeOption,
	rawFilterOption,
	returnAllAndLimit,
	selectOption,
} from '../shared/queryOptions';
import { applyQueryOptions, readLimit, type QueryOption } from '../shared/target';
import { readRawFilter } from '../shared/readQuery';
import { companySegment, ODATAV4_PATH, readService, serviceProperties } from '../shared/webService';

const OFFERED: QueryOption[] = ['select', 'orderBy', 'pageSize', 'limit'];

/**
 * Web Service → Get Many: `GET /ODataV4/Company(…)/<service>` with `$filter`, `$select`, `$orderby` and a page size
 * (`Prefer: odata.maxpagesize`, at most 20,000); follows `@odata.nextLink` (`$skiptoken`) for Return All.
 */
export const getAll: BcOperation = {
	value: 'getAll',
	name: 'Get Many',
	description: 'Get many records of a published page or query',
	action: 'Get many web service records',
	method: 'GET',
	properties: [
		...serviceProperties,
		...returnAllAndLimit('records'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [dataAccessIntentOption, rawFilterOption, orderByOption, pageSizeOption, selectOption],
		},
	],
	async preSend(requestOptions) {
		const company = companySegment(this);
		const service = readService(this);
		applyQueryOptions(this, requestOptions, OFFERED);
		applyDataAccessIntent(this, requestOptions);
		const filter = readRawFilter(this);
		if (filter) requestOptions.qs!.$filter = filter;
		delete requestOptions.body;
		requestOptions.url = `${ODATAV4_PATH}/${company}/${service}`;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		return await readCollection(ctx, request, readLimit(ctx), send);
	},
};
