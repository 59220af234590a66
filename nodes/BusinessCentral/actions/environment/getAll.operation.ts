import { DEFAULT_ADMIN_API_VERSION, listEnvironments } from '../../transport';
import type { BcOperation } from '../operation';
import { environmentSourceProperty } from '../shared/environmentProperties';
import { readEnvironmentListOptions } from '../shared/environments';

/**
 * Environment → Get Many: the tenant's environments (name, type, status, version, country, family, web service URL)
 * from the Admin Center API or `environments/v1.2` (see `transport/environments.ts`).
 */
export const getAll: BcOperation = {
	value: 'getAll',
	name: 'Get Many',
	description: 'List the environments of the tenant',
	action: 'Get many environments',
	method: 'GET',
	properties: [
		environmentSourceProperty,
		{
			displayName: 'Admin API Version',
			name: 'adminApiVersion',
			type: 'string',
			default: DEFAULT_ADMIN_API_VERSION,
			placeholder: 'e.g. v2.24',
			description: 'Version of the Admin Center API (v2.x)',
			displayOptions: { hide: { environmentSource: ['v1.2'] } },
		},
	],
	async preSend(requestOptions) {
		const { source, version } = readEnvironmentListOptions(this);
		const origin = new URL(String(requestOptions.baseURL)).origin;
		requestOptions.url =
			source === 'admin'
				? `${origin}/admin/${version}/applications/BusinessCentral/environments`
				: `${origin}/environments/v1.2`;
		delete requestOptions.baseURL;
		delete requestOptions.body;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		const origin = new URL(request.url).origin;
		const source = request.url.includes('/admin/') ? 'admin' : 'v1.2';
		const version = /\/admin\/(v2\.\d+)\//.exec(request.url)?.[1];
		return await listEnvironments(ctx, origin, source, send, version);
	},
};
