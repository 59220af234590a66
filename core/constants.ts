/**
 * Names and limits shared by the credentials, the transport and the node: the lowest layer of the package, importing
 * nothing of it. Credential type names and option values are public API (saved workflows store them).
 */

/** Credential type names; they are also the values of the node's `authentication` parameter. */
export const CREDENTIAL_TYPES = {
	delegated: 'businessCentralOAuth2Api',
	clientCredentials: 'businessCentralClientCredentialsApi',
	accessKey: 'businessCentralAccessKeyApi',
} as const;

/** One of the {@link CREDENTIAL_TYPES}. */
export type CredentialType = (typeof CREDENTIAL_TYPES)[keyof typeof CREDENTIAL_TYPES];

/**
 * API routes (the part between `/api/` and the resource path) of Microsoft's own APIs.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics
 * and https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication
 */
export const API_ROUTES = {
	standard: 'v2.0',
	automation: 'microsoft/automation/v2.0',
} as const;

/** Microsoft Entra ID authority host of the global cloud. */
export const GLOBAL_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/**
 * Business Central online API base of the global cloud; the environment URL is `<base>/<tenant>/<environment>`.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics
 */
export const GLOBAL_API_BASE_URL = 'https://api.businesscentral.dynamics.com/v2.0';

/**
 * Scope for BC online; `.default` = the permissions granted to the app.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication
 */
export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

/**
 * BC online's resource (application ID URI, the token's `aud`), which managed-identity token endpoints take instead of a
 * scope (`resource=` query parameter). Source: the scope above without `/.default`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication).
 */
export const BC_RESOURCE = 'https://api.businesscentral.dynamics.com';

/**
 * BC online's largest (and default) server-driven page, in records.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/Server-Driven-Paging-in-OData-Web-Services
 * (and the "Max page size" row of https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online)
 */
export const MAX_PAGE_SIZE = 20_000;

/**
 * Requests BC online processes at once per user or app; up to 95 more wait in its queue before it answers 429.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online#query-limits
 */
export const MAX_CONCURRENT_REQUESTS = 5;

/**
 * Requests the node keeps in flight per credential and environment in one n8n process by default (Retry Options →
 * Requests in Flight): BC's 5 processing slots ({@link MAX_CONCURRENT_REQUESTS}) plus a queue of 3 at BC, far below
 * the 95 after which BC answers 429. Why more than 5: n8n's request helpers open a new TLS connection for every
 * request, so with exactly 5 in flight BC's slots idle during each connection set-up. Chosen by measurement
 * (`npm run bench`, 1,000 single-record Gets at 20 ms latency, real n8n 2.41.1): 5 in flight 10.4 s, 6 9.5 s,
 * 8 6.7 s, 10 6.7 s; n8n's HTTP Request node 5.8 s.
 */
export const DEFAULT_REQUESTS_IN_FLIGHT = 8;

/**
 * Longest request URL the node sends, in characters. Business Central on-premises serves HTTP through Windows
 * HTTP.sys, whose default request-line and header limit (`MaxRequestBytes`) is 16,384 bytes; BC online sits behind
 * Azure front ends with limits of the same order. A longer URL gets "414 URI Too Long" or a bare 400 that names
 * nothing, so the node refuses it first, naming the field that made it long.
 * Source: https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/httpsys-registry-windows
 */
export const MAX_URL_LENGTH = 16_000;

/**
 * Longest single path segment (e.g. `customers('<key>')`), in characters: HTTP.sys's default `UrlSegmentMaxLength`.
 * Source: https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/iisadmin-service-inetinfo/httpsys-registry-windows
 */
export const MAX_URL_SEGMENT_LENGTH = 260;

/**
 * Exclusive bound of the decimals Business Central stores (`Decimal` fields hold ±999,999,999,999,999.99, so every
 * value's magnitude is below 10^15).
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/methods-auto/decimal/decimal-data-type
 */
export const DECIMAL_MAGNITUDE_LIMIT = 1e15;
