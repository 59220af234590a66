import type { BcOperation } from '../operation';
import { applyDataAccessIntent, dataAccessIntentOption } from '../shared/readOptions';
import { applyQueryOptions, type QueryOption } from '../shared/target';
import { selectOption } from '../shared/queryOptions';
import {
	companySegment,
	keyProperty,
	ODATAV4_PATH,
	readKeyPredicate,
	readService,
	serviceProperties,
} from '../shared/webService';

const OFFERED: QueryOption[] = ['select'];

/** Web Service → Get: `GET /ODataV4/Company(…)/<service>(<key>)`. */
export const get: BcOperation = {
	value: 'get',
	name: 'Get',
	description: 'Get one record of a published page by its key',
	action: 'Get a web service record',
	method: 'GET',
	properties: [
		...serviceProperties,
		keyProperty,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [dataAccessIntentOption, selectOption],
		},
	],
	async preSend(requestOptions) {
		const company = companySegment(this);
		const service = readService(this);
		const key = readKeyPredicate(this);
		applyQueryOptions(this, requestOptions, OFFERED);
		applyDataAccessIntent(this, requestOptions);
		delete requestOptions.body;
		requestOptions.url = `${ODATAV4_PATH}/${company}/${service}${key}`;
		return requestOptions;
	},
};
