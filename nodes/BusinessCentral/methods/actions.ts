import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { boundActions } from '../catalog';
import { locatorValue } from '../actions/shared/validation';

/**
 * The bound actions of the chosen entity set from the shipped catalog (`post`, `shipAndInvoice`, …). Custom APIs
 * have no catalog: enter the action by name.
 */
export async function searchBoundActions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const route = (this.getCurrentNodeParameter('apiRoute') as string | undefined) ?? 'v2.0';
	const entitySet = locatorValue(this.getCurrentNodeParameter('entitySet') as never);
	const needle = (filter ?? '').toLowerCase();
	const results = boundActions(route, entitySet)
		.map((action) => action.replace(/^Microsoft\.NAV\./, ''))
		.filter((action) => !needle || action.toLowerCase().includes(needle))
		.map((action) => ({ name: action, value: action }));
	return { results };
}
