import { API_ROUTES } from '../../../../core/constants';
import type { BcOperation } from '../operation';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';
import { companyIdOf, checkQueryOptions } from '../shared/target';

/** Company → Get: `GET /api/v2.0/companies(<id>)`; a company given by name is looked up first. */
export const get: BcOperation = {
	value: 'get',
	name: 'Get',
	description: 'Get a company',
	action: 'Get a company',
	method: 'GET',
	properties: [companyLocator],
	async preSend(requestOptions) {
		checkQueryOptions(this, requestOptions);
		const id = await companyIdOf(this, readCompany(this), requestOptions);
		requestOptions.url = `/api/${API_ROUTES.standard}/companies(${id})`;
		return requestOptions;
	},
};
