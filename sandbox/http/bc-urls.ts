/**
 * Parsing of BC API URL shapes (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/api-endpoint-structure,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics):
 * - online `/v2.0/{tenant}/{environment}/api/{apiRoute}/{resource…}` and `/v2.0/{environment}/api/{apiRoute}/{resource…}`
 *   (tenant from the token);
 * - on-premises `/{instance}/api/{apiRoute}/{resource…}`;
 * where `apiRoute` is `vX.Y`/`beta` (standard API) or `{publisher}/{group}/{version}` (custom, automation, runtime …).
 * Segments stay percent-encoded as received.
 */

/**
 * The last segment of a resource path without its key and decoded, e.g. `customers` for
 * `companies(<id>)/customers(<id>)`, `salesOrderLines` for a nested path, `Microsoft.NAV.post` for a bound action,
 * `$count` for a count; empty for the service document. Used to match fault rules.
 */
export function lastResourceSegment(resourcePath: string): string {
	const last = resourcePath.replace(/\/+$/, '').split('/').pop() ?? '';
	const name = last.replace(/\(.*$/s, '');
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}

/** A BC API URL split into its parts. */
export interface ParsedBcUrl {
	kind: 'online' | 'onprem';
	/** Tenant segment as sent (online with tenant only). */
	tenant?: string;
	/** Environment segment as sent (online) or the instance name (on-prem). */
	environment: string;
	apiRoute: string;
	/** Path after the API route, no leading/trailing slash, still percent-encoded. */
	resourcePath: string;
	/** Path of the API root as the client addressed it, e.g. `/v2.0/<tenant>/production/api/v2.0`. */
	rootPath: string;
	/** Raw query string without `?`. */
	rawQuery: string;
}

const VERSION = /^(v\d+\.\d+|beta)$/i;

function splitRaw(rawUrl: string): { segments: string[]; rawQuery: string } {
	const question = rawUrl.indexOf('?');
	const path = question < 0 ? rawUrl : rawUrl.slice(0, question);
	const rawQuery = question < 0 ? '' : rawUrl.slice(question + 1);
	return {
		segments: path
			.split('/')
			.filter((segment, index) => index > 0 || segment !== '')
			.filter(Boolean),
		rawQuery,
	};
}

/** Parses `api/{route}/{resource…}` starting at `apiIndex` (the `api` segment). */
function parseApiPart(
	segments: string[],
	apiIndex: number,
): { apiRoute: string; resourcePath: string; rootSegments: string[] } | undefined {
	if (segments[apiIndex]?.toLowerCase() !== 'api') return undefined;
	const first = segments[apiIndex + 1];
	if (first === undefined) return undefined;
	let routeLength: number;
	if (VERSION.test(first)) routeLength = 1;
	else if (segments.length >= apiIndex + 4 && VERSION.test(segments[apiIndex + 3])) routeLength = 3;
	else return undefined;
	const routeSegments = segments.slice(apiIndex + 1, apiIndex + 1 + routeLength);
	return {
		apiRoute: routeSegments.join('/'),
		resourcePath: segments.slice(apiIndex + 1 + routeLength).join('/'),
		rootSegments: segments.slice(0, apiIndex + 1 + routeLength),
	};
}

/** Parses an online URL (path starting with `/v2.0/`); undefined when it is no API URL. */
export function parseOnlineUrl(rawUrl: string): ParsedBcUrl | undefined {
	const { segments, rawQuery } = splitRaw(rawUrl);
	if (segments[0] !== 'v2.0') return undefined;
	// `/v2.0/{environment}/api/…` when segment 2 is `api`, else `/v2.0/{tenant}/{environment}/api/…`.
	if (segments[2]?.toLowerCase() === 'api') {
		const api = parseApiPart(segments, 2);
		if (!api) return undefined;
		return {
			kind: 'online',
			environment: segments[1],
			apiRoute: api.apiRoute,
			resourcePath: api.resourcePath,
			rootPath: `/${api.rootSegments.join('/')}`,
			rawQuery,
		};
	}
	const api = parseApiPart(segments, 3);
	if (!api) return undefined;
	return {
		kind: 'online',
		tenant: segments[1],
		environment: segments[2],
		apiRoute: api.apiRoute,
		resourcePath: api.resourcePath,
		rootPath: `/${api.rootSegments.join('/')}`,
		rawQuery,
	};
}

/** Parses an on-prem URL `/{instance}/api/…`; undefined when it is no API URL. */
export function parseOnPremUrl(rawUrl: string): ParsedBcUrl | undefined {
	const { segments, rawQuery } = splitRaw(rawUrl);
	const api = parseApiPart(segments, 1);
	if (!api) return undefined;
	return {
		kind: 'onprem',
		environment: segments[0],
		apiRoute: api.apiRoute,
		resourcePath: api.resourcePath,
		rootPath: `/${api.rootSegments.join('/')}`,
		rawQuery,
	};
}

/** The pseudo API route under which OData V4 web service requests reach the data layer. */
export const ODATAV4_ROUTE = 'ODataV4';

/**
 * Parses an OData V4 web service URL (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/publish-web-service):
 * online `/v2.0/{tenant}/{environment}/ODataV4/{resource…}` or `/v2.0/{environment}/ODataV4/…`, on-premises
 * `/{instance}/ODataV4/…`. The data layer sees it as API route {@link ODATAV4_ROUTE}; undefined for other URLs.
 */
export function parseODataV4Url(rawUrl: string, kind: 'online' | 'onprem'): ParsedBcUrl | undefined {
	const { segments, rawQuery } = splitRaw(rawUrl);
	const at = segments.findIndex((segment) => segment.toLowerCase() === 'odatav4');
	if (kind === 'onprem' ? at !== 1 : segments[0] !== 'v2.0' || (at !== 2 && at !== 3)) return undefined;
	return {
		kind,
		...(kind === 'online' && at === 3 ? { tenant: segments[1] } : {}),
		environment: segments[at - 1],
		apiRoute: ODATAV4_ROUTE,
		resourcePath: segments.slice(at + 1).join('/'),
		rootPath: `/${segments.slice(0, at + 1).join('/')}`,
		rawQuery,
	};
}
