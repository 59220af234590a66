import type { BcOperation } from '../operation';
import { readJsonBody } from '../shared/readBody';
import { companySegment, jsonBodyProperty, ODATAV4_PATH, readService, serviceProperties } from '../shared/webService';

/** Web Service → Create: `POST /ODataV4/Company(…)/<service>` with a JSON body; outputs the new record. */
export const create: BcOperation = {
	value: 'create',
	name: 'Create',
	description: 'Create a record through a published page',
	action: 'Create a web service record',
	method: 'POST',
	properties: [...serviceProperties, jsonBodyProperty],
	async preSend(requestOptions) {
		const company = companySegment(this);
		const service = readService(this);
		requestOptions.body = readJsonBody(this, 'serviceRecord', 'Record (JSON)');
		requestOptions.url = `${ODATAV4_PATH}/${company}/${service}`;
		return requestOptions;
	},
};
