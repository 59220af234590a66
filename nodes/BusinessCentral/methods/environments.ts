import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { checkedCredentials, sendOptionsOf } from '../actions/settings';
import { environmentSourceOf } from '../actions/shared/environments';
import { listEnvironments } from '../transport';

/** Environments of the tenant whose name contains `filter` (Admin Center API for app-only, v1.2 for delegated). */
export async function searchEnvironments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await checkedCredentials(this);
	const environmentUrl = String(credentials.environmentUrl ?? '');
	const source = environmentSourceOf(this, 'auto');
	const list = await listEnvironments(
		this,
		new URL(environmentUrl).origin,
		source,
		sendOptionsOf(this, environmentUrl),
	);
	const needle = (filter ?? '').toLowerCase();
	return {
		results: list
			.filter((e) => !needle || e.name.toLowerCase().includes(needle))
			.map((e) => ({ name: `${e.name} (${e.type}${e.version ? `, ${e.version}` : ''})`, value: e.name })),
	};
}
