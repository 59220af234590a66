import type { INodeProperties } from 'n8n-workflow';

import { GLOBAL_API_BASE_URL, GLOBAL_AUTHORITY_HOST } from '../../core/constants';

/** Expression for the authority host chosen by the `cloud` field, without trailing slash. */
export const AUTHORITY_HOST_EXPRESSION = `($self["cloud"] === "custom" ? String($self["authorityHost"] || "") : "${GLOBAL_AUTHORITY_HOST}").trim().replace(/\\/+$/, "")`;

/**
 * Expression for the environment URL, under which `/api/<route>/…` lives:
 * `<API base>/<tenant>/<environment>`. For `common`/`organizations` (multi-tenant delegated apps) the tenant
 * segment is left out and BC takes the tenant from the token
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics).
 */
export const ENVIRONMENT_URL_EXPRESSION =
	'={{ ($self["cloud"] === "custom" ? String($self["apiBaseUrl"] || "") : "' +
	GLOBAL_API_BASE_URL +
	'").trim().replace(/\\/+$/, "") + (["common", "organizations", ""].includes(String($self["tenantId"] || "").trim().toLowerCase()) ? "" : "/" + String($self["tenantId"]).trim()) + "/" + String($self["environment"] || "").trim() }}';

/** Cloud selection plus the custom authority host and API base URL (sovereign clouds, a local sandbox). */
export const cloudProperties: INodeProperties[] = [
	{
		displayName: 'Cloud',
		name: 'cloud',
		type: 'options',
		options: [
			{
				name: 'Global (login.microsoftonline.com, api.businesscentral.dynamics.com)',
				value: 'global',
			},
			{ name: 'Custom (Enter Authority Host and API Base URL)', value: 'custom' },
		],
		default: 'global',
		description: 'Which Microsoft cloud hosts the Business Central tenant',
	},
	{
		displayName: 'Authority Host',
		name: 'authorityHost',
		type: 'string',
		default: GLOBAL_AUTHORITY_HOST,
		placeholder: 'https://login.microsoftonline.com',
		description: 'Microsoft Entra ID host that issues tokens, with https:// and without the tenant',
		displayOptions: { show: { cloud: ['custom'] } },
	},
	{
		displayName: 'API Base URL',
		name: 'apiBaseUrl',
		type: 'string',
		default: GLOBAL_API_BASE_URL,
		placeholder: 'https://api.businesscentral.dynamics.com/v2.0',
		description: 'Business Central API base, up to and including the endpoint version segment v2.0',
		displayOptions: { show: { cloud: ['custom'] } },
	},
];

/** The environment name field (shared by both cloud credentials). */
export const environmentProperty: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'string',
	default: 'production',
	required: true,
	placeholder: 'production',
	description: 'Name of the Business Central environment as shown in the admin center (e.g. production, sandbox)',
};

/** Hidden, computed environment URL used by the node as its base URL. */
export const environmentUrlProperty: INodeProperties = {
	displayName: 'Environment URL',
	name: 'environmentUrl',
	type: 'hidden',
	default: ENVIRONMENT_URL_EXPRESSION,
};
