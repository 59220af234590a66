import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { readIfMatch } from '../shared/validation';
import { concurrencyProperties } from '../shared/writeProperties';
import {
	companySegment,
	keyProperty,
	ODATAV4_PATH,
	readKeyPredicate,
	readService,
	serviceProperties,
} from '../shared/webService';

/** Web Service → Delete: `DELETE /ODataV4/Company(…)/<service>(<key>)` with `If-Match`; outputs `{ deleted: true }`. */
export const del: BcOperation = {
	value: 'delete',
	name: 'Delete',
	description: 'Delete a record through a published page',
	action: 'Delete a web service record',
	method: 'DELETE',
	properties: [...serviceProperties, keyProperty, ...concurrencyProperties],
	async preSend(requestOptions) {
		const company = companySegment(this);
		const service = readService(this);
		const key = readKeyPredicate(this);
		requestOptions.headers!['If-Match'] = readIfMatch(this);
		delete requestOptions.body;
		requestOptions.url = `${ODATAV4_PATH}/${company}/${service}${key}`;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		await bcRequest(ctx, request, send);
		return [{ deleted: true }];
	},
};
