/**
 * Contracts between the sandbox's HTTP layer (`sandbox/http`, `sandbox/entra`, `sandbox/control`)
 * and its Business Central data layer (`sandbox/bc`: catalog → store → OData query engine → routes).
 *
 * The HTTP layer owns URL shapes, TLS, authentication, limits, faults and counters; it hands every
 * API request that passed authentication to {@link BcApi.handle}. The data layer is framework-free:
 * it sees a {@link BcApiRequest} and returns a {@link BcApiResponse}.
 *
 * Sources for the URL shapes: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/api-endpoint-structure and
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics (online and on-premises).
 */

/** Who is calling, as established by the HTTP layer from a Bearer token or Basic credentials. */
export interface BcPrincipal {
	/** Stable id used for per-principal limits and counters: the app id (S2S), the user object id (delegated) or the on-prem user name. */
	id: string;
	kind: 'app' | 'user' | 'basic';
	/** Display name for logs (never a secret). */
	name: string;
}

/** One API request after routing and authentication. */
export interface BcApiRequest {
	/** Upper-case HTTP method. */
	method: string;
	/** Environment name as given in the URL, lower-cased (`production`, `sandbox`, or the on-prem instance's environment key). */
	environment: string;
	/** API route between `/api/` and the resource path: `v2.0`, or `publisher/group/version` such as `microsoft/automation/v2.0`. */
	apiRoute: string;
	/** Resource path after the API route without leading slash, still percent-encoded as received, e.g. `companies(5d1c…)/customers`. Empty string for the service document. */
	resourcePath: string;
	/** Raw query string without the leading `?`, percent-encoded as received (may be empty). */
	rawQuery: string;
	/** Request headers with lower-cased names. */
	headers: Record<string, string | undefined>;
	/** Parsed JSON body (undefined when there was none). The HTTP layer rejects non-JSON bodies on the API with BC's `BadRequest` "Invalid Request Body". */
	body: unknown;
	/** Absolute URL of the API root exactly as the client addressed it, without trailing slash, e.g. `https://127.0.0.1:7048/v2.0/<tenant>/production/api/v2.0`. Used for `@odata.context` and `@odata.nextLink`. */
	serviceRootUrl: string;
	principal: BcPrincipal;
	/** Correlation id the HTTP layer assigned to this request; error messages end with it. */
	correlationId: string;
}

/** What the data layer answers. `body` is a JSON value, or a string for non-JSON bodies (then `content-type` is set in headers). */
export interface BcApiResponse {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

/** A company as listed by `/sandbox/info`. */
export interface BcCompanySummary {
	id: string;
	name: string;
}

/** The data layer's surface as used by the HTTP layer. Implemented by `sandbox/bc/index.ts` (`createBcApi`). */
export interface BcApi {
	/** Environment names (lower-case) that exist. Unknown ones get BC's XML `NoEnvironment` 404 from the HTTP layer. */
	environments(): string[];
	/** Companies of an environment. */
	companies(environment: string): BcCompanySummary[];
	/** Serve one API request. Never throws for request errors: they become BC error responses. */
	handle(request: BcApiRequest): Promise<BcApiResponse>;
	/** Drop all changes and re-seed the deterministic demo data (same ids, same ETags as a fresh start). */
	reset(): void;
}

/** Options of the data layer. */
export interface BcApiOptions {
	/** Number of customers to seed in the first company of every environment (default: the demo's small set; benchmarks use 100000). */
	customerCount?: number;
	/** Server-driven page size when the client sends no `Prefer: odata.maxpagesize` (default 20000, BC online's fixed value). */
	maxPageSize?: number;
	/** Whether DELETE requires `If-Match` like PATCH (default true: the documented behaviour, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_delete). */
	deleteRequiresIfMatch?: boolean;
	/** Environment names (lower-case) that exist; each gets the same demo companies (default `['production', 'sandbox', 'onprem']`). */
	environments?: string[];
	/** Company names per environment (lower-case key); environments not named get the demo companies. */
	companyNames?: Record<string, string[]>;
}
