import type { INodeProperties } from 'n8n-workflow';

import { API_ROUTES } from '../../../../core/constants';
import { readCollection } from '../../transport';
import type { BcOperation } from '../operation';
import { applyQueryOptions, readLimit, type QueryOption } from '../shared/target';
import { rawFilterOption, returnAllAndLimit, selectOption } from '../shared/queryOptions';
import { readRawFilter } from '../shared/readQuery';

const properties: INodeProperties[] = [
	...returnAllAndLimit('companies'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ ...rawFilterOption, placeholder: "e.g. startswith(name,'CRONUS')" }, selectOption],
	},
];

/** The query options this operation offers. */
const OFFERED: QueryOption[] = ['select', 'limit'];

/** Company → Get Many: `GET /api/v2.0/companies` with `$filter` and `$select`, every page or up to Limit. */
export const getAll: BcOperation = {
	value: 'getAll',
	name: 'Get Many',
	description: 'List the companies of the environment',
	action: 'Get many companies',
	method: 'GET',
	properties,
	async preSend(requestOptions) {
		applyQueryOptions(this, requestOptions, OFFERED);
		const raw = readRawFilter(this);
		if (raw) requestOptions.qs!.$filter = raw;
		requestOptions.url = `/api/${API_ROUTES.standard}/companies`;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		return await readCollection(ctx, request, readLimit(ctx), send);
	},
};
