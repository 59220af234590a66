import type { BcOperation } from '../operation';
import { readJsonBody } from '../shared/readBody';
import { readIfMatch } from '../shared/validation';
import { concurrencyProperties } from '../shared/writeProperties';
import {
	companySegment,
	jsonBodyProperty,
	keyProperty,
	ODATAV4_PATH,
	readKeyPredicate,
	readService,
	serviceProperties,
} from '../shared/webService';

/** Web Service → Update: `PATCH /ODataV4/Company(…)/<service>(<key>)` with `If-Match` and a JSON body. */
export const update: BcOperation = {
	value: 'update',
	name: 'Update',
	description: 'Update a record through a published page',
	action: 'Update a web service record',
	method: 'PATCH',
	properties: [...serviceProperties, keyProperty, ...concurrencyProperties, jsonBodyProperty],
	async preSend(requestOptions) {
		const company = companySegment(this);
		const service = readService(this);
		const key = readKeyPredicate(this);
		const ifMatch = readIfMatch(this);
		requestOptions.body = readJsonBody(this, 'serviceRecord', 'Record (JSON)');
		requestOptions.headers!['If-Match'] = ifMatch;
		requestOptions.url = `${ODATAV4_PATH}/${company}/${service}${key}`;
		return requestOptions;
	},
};
