import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { checkedCredentials, environmentUrlOf, sendOptionsOf } from '../actions/settings';
import { ODATAV4_PATH } from '../actions/shared/webService';
import { bcRequest } from '../transport';

/**
 * Published pages and queries of the environment from the OData V4 service document (`GET /ODataV4/`) whose name
 * contains `filter` (any case). Codeunits are not listed there (they are called as unbound actions).
 */
export async function searchWebServices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await checkedCredentials(this);
	const baseURL = environmentUrlOf(this, credentials);
	const response = await bcRequest(
		this,
		{ method: 'GET', url: `${ODATAV4_PATH}/`, baseURL },
		sendOptionsOf(this, baseURL),
	);
	const needle = (filter ?? '').toLowerCase();
	const services = (response.body as { value?: Array<{ name?: string; kind?: string }> }).value ?? [];
	return {
		results: services
			.filter((s) => s.name && s.name !== 'Company' && (!needle || s.name.toLowerCase().includes(needle)))
			.map((s) => ({ name: String(s.name), value: String(s.name) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}
