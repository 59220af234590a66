/**
 * The trigger's entity-set list: the sets BC accepts subscriptions for, from the runtime API's
 * `webhookSupportedResources` (`GET api/microsoft/runtime/beta/companies(<id>)/webhookSupportedResources`
 * `?$filter=resource eq '<route>*'`, rows `{"resource":"v2.0/customers"}`; Base Application page 5460 "Webhook
 * Supported Resources"). When that cannot be read (no company chosen yet, on-premises without the page, API
 * subscriptions disabled) the catalog's entity sets of the route are offered; any name can be typed in.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeParameterResourceLocator } from 'n8n-workflow';

import { GUID_PATTERN } from '../../../core/odata';
import { checkedCredentials, sendOptionsOf } from '../actions/settings';
import { entitySetsFor } from '../catalog';
import { bcRequest } from '../transport';

/** The runtime API route serving `webhookSupportedResources`. */
const RUNTIME_ROUTE = 'microsoft/runtime/beta';

function currentRoute(ctx: ILoadOptionsFunctions): string {
	const route = (ctx.getCurrentNodeParameter('apiRoute') as string | undefined) ?? 'v2.0';
	if (route === 'discovered') return String(ctx.getCurrentNodeParameter('customApiRoute') ?? '');
	if (route !== 'custom') return route;
	const parts = ['apiPublisher', 'apiGroup', 'apiVersion'].map((n) => String(ctx.getCurrentNodeParameter(n) ?? ''));
	return parts.join('/');
}

async function supportedFromBc(ctx: ILoadOptionsFunctions, route: string): Promise<string[] | undefined> {
	const company = ctx.getCurrentNodeParameter('company') as INodeParameterResourceLocator | undefined;
	const companyId = String(company?.value ?? '');
	if (!GUID_PATTERN.test(companyId)) return undefined;
	try {
		const credentials = await checkedCredentials(ctx);
		const environmentUrl = String(credentials.environmentUrl ?? '').replace(/\/+$/, '');
		const response = await bcRequest(
			ctx,
			{
				method: 'GET',
				url: `/api/${RUNTIME_ROUTE}/companies(${companyId.toLowerCase()})/webhookSupportedResources`,
				baseURL: environmentUrl,
				qs: { $filter: `resource eq '${route.replace(/'/g, "''")}*'` },
			},
			sendOptionsOf(ctx, environmentUrl),
		);
		const rows = (response.body as { value?: Array<{ resource?: string }> }).value ?? [];
		const prefix = `${route}/`;
		const sets = rows
			.map((r) => String(r.resource ?? ''))
			.filter((r) => r.startsWith(prefix))
			.map((r) => r.slice(prefix.length));
		return sets.length ? sets : undefined;
	} catch {
		return undefined;
	}
}

/** Entity sets to watch, filtered by `filter` (name or caption contains it). */
export async function searchWebhookEntitySets(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const route = currentRoute(this);
	const needle = (filter ?? '').toLowerCase();
	const catalog = entitySetsFor(route, 'read');
	const captions = new Map(catalog.map((e) => [e.entitySet, e.caption]));
	const names = (await supportedFromBc(this, route)) ?? catalog.map((e) => e.entitySet);
	const results = names
		.map((name) => ({ name: captions.has(name) ? `${captions.get(name)} (${name})` : name, value: name }))
		.filter((r) => !needle || r.name.toLowerCase().includes(needle));
	return { results };
}
