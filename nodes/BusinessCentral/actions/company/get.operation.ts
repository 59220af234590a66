import { API_ROUTES } from '../../../../core/constants';
import type { BcOperation } from '../operation';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';
import { applyQueryOptions, companyIdOf, type QueryOption } from '../shared/target';

/** The query options this operation offers. */
const OFFERED: QueryOption[] = [];

/** Company → Get: `GET /api/v2.0/companies(<id>)`; a company given by name is looked up first. */
export const get: BcOperation = {
	value: 'get',
	name: 'Get',
	description: 'Get a company',
	action: 'Get a company',
	method: 'GET',
	properties: [companyLocator],
	async preSend(requestOptions) {
		applyQueryOptions(this, requestOptions, OFFERED);
		const id = await companyIdOf(this, readCompany(this), requestOptions);
		requestOptions.url = `/api/${API_ROUTES.standard}/companies(${id})`;
		return requestOptions;
	},
};
