/**
 * The environments of the tenant, from BC online's two lists:
 * - the Admin Center API `GET /admin/{version}/applications/BusinessCentral/environments`
 *   (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api_environments):
 *   app-only needs the `AdminCenter.ReadWrite.All` application permission and the app authorized on the admin
 *   center's "Authorized Microsoft Entra apps" page; delegated needs an admin (or a partner in AdminAgents);
 * - `GET /environments/v1.2` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/api-get-environments),
 *   meant for delegated (user) tokens; with app tokens UNVERIFIED.
 * Both live on the host of the API base URL (`https://api.businesscentral.dynamics.com`).
 */
import type { IDataObject } from 'n8n-workflow';

import { bcRequest, type BcContext, type SendOptions } from './request';

/** Admin Center API version the node calls by default (older versions stay served; UNVERIFIED how long). */
export const DEFAULT_ADMIN_API_VERSION = 'v2.24';

/** Which list to read: the Admin Center API or `environments/v1.2`. */
export type EnvironmentSource = 'admin' | 'v1.2';

/** One environment in the node's output shape. */
export interface EnvironmentSummary extends IDataObject {
	name: string;
	type: string;
	/** `Active`, `Upgrading`, … (Admin Center API only; empty from v1.2). */
	status: string;
	/** BC version, e.g. `27.1.41698.43175` (Admin Center API only; empty from v1.2). */
	version: string;
	countryCode: string;
	applicationFamily: string;
	webServiceUrl: string;
}

/**
 * Lists the environments.
 * @param apiOrigin origin of the credential's API base URL, e.g. `https://api.businesscentral.dynamics.com`
 * @param adminApiVersion Admin Center API version (`v2.x`)
 * @returns environments with name, type, status, version, country, family and web service URL (the raw item too)
 * @throws NodeApiError for BC errors (403 when the app is not authorized in the admin center)
 */
export async function listEnvironments(
	ctx: BcContext,
	apiOrigin: string,
	source: EnvironmentSource,
	send: SendOptions,
	adminApiVersion = DEFAULT_ADMIN_API_VERSION,
): Promise<EnvironmentSummary[]> {
	const url =
		source === 'admin'
			? `${apiOrigin}/admin/${adminApiVersion}/applications/BusinessCentral/environments`
			: `${apiOrigin}/environments/v1.2`;
	const response = await bcRequest(ctx, { method: 'GET', url }, send);
	const items = ((response.body as { value?: IDataObject[] }).value ?? []) as IDataObject[];
	return items.map((e) => ({
		name: String(e.name ?? ''),
		type: String(e.type ?? ''),
		status: String(e.status ?? ''),
		version: String((e.versionDetails as IDataObject | undefined)?.version ?? ''),
		countryCode: String(e.countryCode ?? ''),
		applicationFamily: String(e.applicationFamily ?? ''),
		webServiceUrl: String(e.webServiceUrl ?? ''),
		...(e.friendlyName !== undefined ? { friendlyName: String(e.friendlyName) } : {}),
		...(e.ringName !== undefined ? { ringName: String(e.ringName) } : {}),
	}));
}
