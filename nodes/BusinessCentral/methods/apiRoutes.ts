/**
 * The API routes of the environment for "Custom API (From Environment)". Two discovery endpoints exist and both are
 * UNVERIFIED against a live tenant, so the node asks in this order and uses the first that answers:
 * 1. `GET /api/v2.0/apicategoryroutes` (system entity set listed in every route's `$metadata`; fields `route`,
 *    `publisher`, `group`, `version`);
 * 2. `GET /api/microsoft/runtime/beta/companies(<id>)/apiRoutes` (BaseApp page 5462 "API Routes", computed from
 *    "Api Webhook Entity"; the version `beta` is a guess, the page declares none), for the chosen company.
 * Source of both: the Base Application's system pages (StefanMaron/MSDyn365BC.Code.History, Base Application).
 */
import type { ILoadOptionsFunctions, INodeParameterResourceLocator, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_ROUTES } from '../../../core/constants';
import { GUID_PATTERN } from '../../../core/odata';
import { checkedCredentials, environmentUrlOf, sendOptionsOf } from '../actions/settings';
import { bcRequest, resolveCompanyId, type SendOptions } from '../transport';

/** The discovery route of the Base Application's "API Routes" page (version UNVERIFIED). */
export const RUNTIME_ROUTES_PATH = '/api/microsoft/runtime/beta';

const CUSTOM_ROUTE = /^[A-Za-z0-9_]{1,40}\/[A-Za-z0-9_]{1,40}\/(v\d+\.\d+|beta)$/;

async function fromCategoryRoutes(ctx: ILoadOptionsFunctions, baseURL: string, send: SendOptions): Promise<string[]> {
	const response = await bcRequest(
		ctx,
		{ method: 'GET', url: `/api/${API_ROUTES.standard}/apicategoryroutes`, baseURL },
		send,
	);
	return ((response.body as { value?: Array<{ route?: string }> }).value ?? []).map((r) => String(r.route ?? ''));
}

async function fromRuntimeRoutes(ctx: ILoadOptionsFunctions, baseURL: string, send: SendOptions): Promise<string[]> {
	const locator = ctx.getCurrentNodeParameter('company') as INodeParameterResourceLocator | undefined;
	const value = String(locator?.value ?? '').trim();
	if (!value) throw new NodeOperationError(ctx.getNode(), 'Choose the company first: routes are listed per company');
	const id =
		locator?.mode === 'name' || !GUID_PATTERN.test(value) ? await resolveCompanyId(ctx, baseURL, value, send) : value;
	const response = await bcRequest(
		ctx,
		{ method: 'GET', url: `${RUNTIME_ROUTES_PATH}/companies(${id})/apiRoutes`, baseURL },
		send,
	);
	return ((response.body as { value?: Array<{ route?: string }> }).value ?? []).map((r) => String(r.route ?? ''));
}

/**
 * Custom API routes (`<publisher>/<group>/<version>`) of the environment, sorted; Microsoft's standard and automation
 * routes are left out (they have their own options).
 * @throws NodeApiError when neither discovery endpoint answers (the second one's error)
 */
export async function getApiRoutes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const credentials = await checkedCredentials(this);
	const baseURL = environmentUrlOf(this, credentials);
	const send = sendOptionsOf(this, baseURL);
	let routes: string[];
	try {
		routes = await fromCategoryRoutes(this, baseURL, send);
	} catch {
		routes = await fromRuntimeRoutes(this, baseURL, send);
	}
	return [...new Set(routes)]
		.filter((r) => CUSTOM_ROUTE.test(r) && r !== API_ROUTES.automation)
		.sort((a, b) => a.localeCompare(b))
		.map((route) => {
			const [publisher, group, version] = route.split('/');
			return { name: `${publisher} / ${group} / ${version}`, value: route, description: `/api/${route}` };
		});
}
