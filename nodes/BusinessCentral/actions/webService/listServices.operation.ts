import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { ODATAV4_PATH } from '../shared/webService';

/**
 * Web Service → List Services: `GET /ODataV4/` (the OData service document: published pages and queries), one item
 * per service `{ name, kind, url }`.
 */
export const listServices: BcOperation = {
	value: 'listServices',
	name: 'List Services',
	description: 'List the published pages and queries (OData V4 service document)',
	action: 'List OData V4 web services',
	method: 'GET',
	properties: [],
	async preSend(requestOptions) {
		requestOptions.url = `${ODATAV4_PATH}/`;
		delete requestOptions.body;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		const response = await bcRequest(ctx, request, send);
		return ((response.body as { value?: Array<Record<string, string>> }).value ?? []).map((s) => ({ ...s }));
	},
};
