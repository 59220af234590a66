import type { INodeProperties } from 'n8n-workflow';

import { GLOBAL_API_BASE_URL, GLOBAL_AUTHORITY_HOST } from '../../core/constants';

/** Expression: whether the credential allows plain http:// (its local-testing switch, honoured for Cloud = Custom only). */
const ALLOW_HTTP_EXPRESSION = '($self["cloud"] === "custom" && $self["allowUnencryptedHttp"] === true)';

/**
 * Expression turning an `http://` URL into `https://` unless {@link ALLOW_HTTP_EXPRESSION}: a secret the OAuth2
 * machinery or the credential Test sends to it then never travels unencrypted. The field checks
 * (core/credentialChecks.ts) name the http:// field when the credential is used.
 */
function httpsUnlessAllowed(url: string): string {
	return `${url}.replace(/^http:\\/\\//i, ${ALLOW_HTTP_EXPRESSION} ? "http://" : "https://")`;
}

/**
 * Expression for the authority host chosen by the `cloud` field, without trailing slash; `http://` only with the
 * local-testing switch.
 */
export const AUTHORITY_HOST_EXPRESSION = httpsUnlessAllowed(
	`($self["cloud"] === "custom" ? String($self["authorityHost"] || "") : "${GLOBAL_AUTHORITY_HOST}").trim().replace(/\\/+$/, "")`,
);

/**
 * Expression for a field value written as one URL path segment: trimmed and percent-encoded, so `/`, `?` and `#`
 * cannot split it; `fallback` when the trimmed value is empty.
 */
export function pathSegmentExpression(property: string, fallback?: string): string {
	const value = `String($self["${property}"] || "").trim()`;
	return `encodeURIComponent(${fallback === undefined ? value : `${value} || "${fallback}"`})`;
}

/**
 * Expression for the environment URL, under which `/api/<route>/…` lives:
 * `<API base>/<tenant>/<environment>`. For `common`/`organizations` (multi-tenant delegated apps) the tenant
 * segment is left out and BC takes the tenant from the token
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics).
 * Tenant and environment are percent-encoded, so no value can add path segments, a query or a fragment; what
 * encoding cannot neutralise (`.`/`..`, an empty environment) is refused by `checkEnvironmentUrl` and the field checks
 * before a request is sent.
 */
export const ENVIRONMENT_URL_EXPRESSION =
	'={{ ' +
	httpsUnlessAllowed(
		`($self["cloud"] === "custom" ? String($self["apiBaseUrl"] || "") : "${GLOBAL_API_BASE_URL}").trim().replace(/\\/+$/, "")`,
	) +
	` + (["common", "organizations", ""].includes(String($self["tenantId"] || "").trim().toLowerCase()) ? "" : "/" + ${pathSegmentExpression('tenantId')}) + "/" + ${pathSegmentExpression('environment')} }}`;

/**
 * The switch that lets the credential send its token or key over plain `http://`, for a local test server only
 * (e.g. the sandbox started with `--http`). Off by default; every secret-bearing request is refused over `http://`
 * otherwise.
 * @param displayOptions when the dialog shows it (online types: only for Cloud = Custom)
 */
export function allowUnencryptedHttpProperty(displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Allow Unencrypted HTTP (Local Testing Only)',
		name: 'allowUnencryptedHttp',
		type: 'boolean',
		default: false,
		description:
			'Whether to allow http:// URLs, which send the token or access key unencrypted. Only for a local test server; never turn it on for a real Business Central.',
		...(displayOptions ? { displayOptions } : {}),
	};
}

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
	allowUnencryptedHttpProperty({ show: { cloud: ['custom'] } }),
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
