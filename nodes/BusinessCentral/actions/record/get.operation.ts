import type { INodeProperties } from 'n8n-workflow';

import type { BcOperation } from '../operation';
import { entitySetProperties, recordIdProperty } from '../shared/properties';
import { expandOption, selectFieldsOption, selectOption } from '../shared/queryOptions';
import { applyDataAccessIntent, dataAccessIntentOption } from '../shared/readOptions';
import { applyQueryOptions, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';

const properties: INodeProperties[] = [
	...entitySetProperties,
	recordIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [dataAccessIntentOption, expandOption, selectOption, selectFieldsOption],
	},
];

/** The query options this operation offers. */
const OFFERED: QueryOption[] = ['select', 'expand'];

/** Record → Get: `GET companies(<id>)/<entitySet>(<key>)`, with `$select` (text and/or field list) and `$expand`. */
export const get: BcOperation = {
	value: 'get',
	name: 'Get',
	description: 'Get a record by ID',
	action: 'Get a record',
	method: 'GET',
	properties,
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'read', true);
		applyQueryOptions(this, requestOptions, OFFERED);
		applyDataAccessIntent(this, requestOptions);
		delete requestOptions.body;
		return await recordUrl(this, requestOptions, target);
	},
};
