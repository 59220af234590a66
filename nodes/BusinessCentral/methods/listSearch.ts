import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_ROUTES } from '../../../core/constants';
import { quoteString } from '../../../core/odata';
import { checkedCredentials, environmentUrlOf, sendOptionsOf } from '../actions/settings';
import { accessOf, entitySetsFor } from '../catalog';
import { bcRequest } from '../transport';
import { editorRoute, editorSource } from './metadata';

/** The origin of an absolute URL; undefined when the text is not one. */
function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/**
 * Companies of the credential's environment whose name contains `filter`
 * (`contains(name,'…')`, quotes doubled), 100 per page; the next page is the `@odata.nextLink`.
 */
export async function searchCompanies(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await checkedCredentials(this);
	const environmentUrl = environmentUrlOf(this, credentials);
	// The token comes back from the editor: only follow it to the environment's own host, never send credentials elsewhere.
	if (paginationToken && originOf(paginationToken) !== originOf(environmentUrl)) {
		throw new NodeOperationError(this.getNode(), 'The next-page link does not belong to this environment');
	}
	const response = await bcRequest(
		this,
		paginationToken
			? { method: 'GET', url: paginationToken }
			: {
					method: 'GET',
					url: `/api/${API_ROUTES.standard}/companies`,
					baseURL: environmentUrl,
					qs: {
						$select: 'id,name,displayName',
						...(filter ? { $filter: `contains(name,${quoteString(filter)})` } : {}),
					},
					headers: { Prefer: 'odata.maxpagesize=100' },
				},
		sendOptionsOf(this, environmentUrl),
	);
	const body = response.body as {
		value?: Array<{ id: string; name: string; displayName?: string }>;
		'@odata.nextLink'?: string;
	};
	return {
		results: (body.value ?? []).map((company) => ({
			name:
				company.displayName && company.displayName !== company.name
					? `${company.name} (${company.displayName})`
					: company.name,
			value: company.id,
		})),
		paginationToken: body['@odata.nextLink'],
	};
}

/**
 * Entity sets of the chosen API (any route, custom ones included) from its live `$metadata`, or from the shipped
 * catalog when BC cannot be asked; sets whose capability annotations forbid the write are left out for Create,
 * Update and Delete.
 */
export async function searchEntitySets(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const route = editorRoute(this);
	if (!route) return { results: [] };
	const operation = (this.getCurrentNodeParameter('operation') as string | undefined) ?? 'getAll';
	const needle = (filter ?? '').toLowerCase();
	const { source } = await editorSource(this, route);
	const results = entitySetsFor(route, accessOf(operation), source)
		.filter((e) => !needle || e.entitySet.toLowerCase().includes(needle) || e.caption.toLowerCase().includes(needle))
		.map((e) => ({ name: `${e.caption} (${e.entitySet})`, value: e.entitySet }));
	return { results };
}
