/**
 * Sandbox defaults, demo identities and environment-variable parsing.
 *
 * Every identifier here is fixed on purpose: docs, example workflows and tests name them.
 * None of these secrets protect anything real; they only exist inside the local sandbox.
 */
import * as path from 'node:path';

/**
 * Operational limits per principal (user, service principal or on-prem user).
 * Defaults are BC online's documented values (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online).
 */
export interface LimitSettings {
	/** Requests processed at once per principal (BC online: 5). */
	maxConcurrentRequests: number;
	/** Requests waiting behind the processing ones per principal (BC online: 95); beyond → 429 immediately. */
	maxQueueSize: number;
	/** Requests admitted per sliding window per principal (BC online: 6,000). */
	requestsPerWindow: number;
	/** Sliding window length in seconds (BC online: 300 = 5 minutes). */
	windowSeconds: number;
	/** A queued request waiting longer than this (seconds) gets 503 (BC online: 8 minutes = 480). */
	queueTimeoutSeconds: number;
	/** `Retry-After` (seconds) sent with a 429 caused by a full queue. UNVERIFIED, the sandbox's own choice: BC documents no value. */
	queueFullRetryAfterSeconds: number;
	/** Send `Retry-After` on 429s (default true, the sandbox's own choice). BC documents it only for 502/503 (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes); turn it off to test clients without it. */
	retryAfterOn429: boolean;
	/**
	 * How a JSON `$batch` counts against `requestsPerWindow`: `'request'` (default) as one request, `'operations'` as
	 * one per operation it carries. Either way it takes one concurrency slot. UNVERIFIED: Microsoft documents batching
	 * as a way to cut the request count (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-connect-apps-tips#batching)
	 * but not how throttling counts it.
	 */
	batchCountsAs: 'request' | 'operations';
}

/**
 * "Apply, then lose the answer": a request matching the rule is served (a valid write is applied, change events
 * fire) and then its answer is lost — the connection is destroyed, or a 504 comes back instead of the real answer —
 * so a client cannot tell whether its write happened. The sandbox's own fault mode (BC documents 504 after the
 * gateway's execution limit, https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online,
 * without saying whether the request completed).
 */
export interface LostAnswerRule {
	/** HTTP methods the rule applies to, any case (default the writes: `POST`, `PATCH`, `DELETE`). */
	methods?: string[];
	/**
	 * Last segment of the resource path without its key, e.g. an entity set (`customers`, `salesOrderLines`) or a
	 * bound action (`Microsoft.NAV.post`); default any.
	 */
	resources?: string[];
	/** Probability 0..1 that a matching request loses its answer (drawn from the seeded generator). */
	share: number;
	/** How the answer is lost: `drop` (connection destroyed, the default) or `gateway-timeout` (504 `Internal_GatewayTimeout`). */
	outcome?: 'drop' | 'gateway-timeout';
}

/**
 * Fault injection on BC API requests (not on the token endpoint). Each share is a probability 0..1,
 * drawn in this order for every admitted request: dropped connection, 503, 504; then, for requests that get through
 * and match a `lostAnswers` rule, whether the answer is lost after the request was served.
 */
export interface FaultSettings {
	/** Share of requests answered 503 Service Unavailable with `Retry-After` (503 includes `retry-after`: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes). */
	serviceUnavailable?: number;
	/** Share of requests answered 504 Gateway Timeout (the gateway's request execution limit: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
	gatewayTimeout?: number;
	/** Share of requests whose TCP connection is destroyed without an answer. */
	dropConnection?: number;
	/** Seed of the pseudo-random generator so a run is reproducible (default 1). Changing settings re-seeds. */
	seed?: number;
	/** `Retry-After` in seconds on injected 503s (default 1). */
	retryAfterSeconds?: number;
	/** "Apply, then lose the answer" rules; the first rule matching a request's method and resource decides. */
	lostAnswers?: LostAnswerRule[];
}

/** BC online's documented limits (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
export const DEFAULT_LIMITS: LimitSettings = {
	maxConcurrentRequests: 5,
	maxQueueSize: 95,
	requestsPerWindow: 6000,
	windowSeconds: 300,
	queueTimeoutSeconds: 480,
	queueFullRetryAfterSeconds: 1,
	retryAfterOn429: true,
	batchCountsAs: 'request',
};

/** Default port: BC on-premises' default OData/API port (example `https://nav.contoso.com:7048/bc/api/v2.0` in https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics). */
export const DEFAULT_PORT = 7048;
export const DEFAULT_HOST = '127.0.0.1';
/** Entra's usual access token lifetime in seconds as seen in real responses (`expires_in` 3599: test/fixtures/entra-token-success-client-credentials.json, from an Azure/azure-sdk-for-js test recording). */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3599;
/** Refresh tokens die after 90 days of inactivity (https://learn.microsoft.com/en-us/entra/identity-platform/refresh-tokens; AADSTS700082 "inactive for 90.00:00:00" in github.com/Azure/azure-cli issue #14244). */
export const DEFAULT_REFRESH_TOKEN_INACTIVITY_SECONDS = 90 * 24 * 3600;
/** Authorization codes live about 10 minutes (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow). */
export const AUTHORIZATION_CODE_LIFETIME_SECONDS = 600;
/** Max request body: 350 MB (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
export const MAX_BODY_BYTES = 350 * 1024 * 1024;

/** BC's token audience and the resource part of its scopes (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication). */
export const BC_AUDIENCE = 'https://api.businesscentral.dynamics.com';
/** BC's resource application id, accepted in scopes in place of the audience URI (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api). */
export const BC_RESOURCE_APP_ID = '996def3d-b36c-4153-8607-a6fd3c01b89f';
/** The S2S scope (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication). */
export const BC_DEFAULT_SCOPE = `${BC_AUDIENCE}/.default`;
/** App roles granted to S2S tokens (API.ReadWrite.All, Automation.ReadWrite.All: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication). */
export const BC_APP_ROLES = ['API.ReadWrite.All', 'Automation.ReadWrite.All'];
/** Delegated permissions of the demo app on BC (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-connect-apps). */
export const BC_DELEGATED_SCOPES = ['Financials.ReadWrite.All', 'user_impersonation'];

/** The n8n OAuth2 callback URL, registered on the demo app by default. */
export const N8N_OAUTH_CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

/** Fixed demo identities of the sandbox's Entra tenant and BC environments. */
export const DEMO = {
	tenantId: '5f0c2a6e-3b1d-4c8e-9a7f-1e2d3c4b5a60',
	tenantDomain: 'cronus-demo.onmicrosoft.com',
	tenantName: 'CRONUS Demo',
	/** S2S + delegated app, registered and enabled on BC's "Microsoft Entra Applications" page. */
	app: {
		clientId: '8a1f3c2d-5b6e-4f70-9a81-b2c3d4e5f601',
		clientSecret: 'sbx8Q~DemoClientSecret-OnlyValidInTheLocalSandbox',
		displayName: 'n8n Business Central (demo)',
		objectId: '2b7d5e90-4c1a-4f3e-8d62-a9b0c1d2e3f4',
	},
	/** App that authenticates with a certificate (client assertion); enabled on BC. */
	certificateApp: {
		clientId: '6e2d9b14-3f5a-4c8e-a7d1-92b0c3e4f512',
		displayName: 'n8n Business Central certificate (demo)',
		objectId: '7c1e4a2b-9d3f-4b5a-8e6c-0f1a2b3c4d5e',
	},
	/** App that is valid in Entra but not on BC's Microsoft Entra Applications page → BC answers 401 (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication). */
	disabledApp: {
		clientId: 'f0c4a7e2-1b3d-4e59-8c6a-7d2e9f1b3a40',
		clientSecret: 'dis8Q~DisabledAppSecret-NotEnabledInBusinessCentral',
		displayName: 'Not registered in Business Central (demo)',
		objectId: '3e9a1c5b-2d4f-4a6e-b8c0-d1e2f3a4b5c6',
	},
	/** Delegated sign-in user. */
	user: {
		userName: 'admin@cronus-demo.onmicrosoft.com',
		password: 'Sandbox-Demo-Passw0rd!',
		objectId: '9d4b2f61-8e3a-4c7d-a5b9-6f0e1d2c3b4a',
		displayName: 'Demo Admin',
	},
	/** On-premises server instance with web service access key (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics). */
	onPrem: {
		instance: 'BC',
		userName: 'ADMIN',
		accessKey: 'SbxAccessKey0DemoOnlyNotASecret4LocalUse0123=',
		objectId: '00000000-0000-0000-0000-0000000000ad',
	},
} as const;

/**
 * A customer's tenant: the partner scenario of one multi-tenant app registration (home: {@link DEMO}'s tenant) used
 * in many customers' directories. Entra: a multi-tenant app gets a service principal in another tenant only through
 * consent (https://learn.microsoft.com/en-us/entra/identity-platform/howto-convert-app-to-be-multi-tenant); BC: the
 * app must also be on that tenant's own "Microsoft Entra Applications" page
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication).
 */
export interface CustomerTenantData {
	tenantId: string;
	/** Verified domain, accepted wherever the tenant id is. */
	tenantDomain: string;
	tenantName: string;
	/** The tenant's BC online environments: name in URLs (lower-case) → the data layer's environment key. */
	environments: Record<string, string>;
	/** Company names in each of the tenant's environments. */
	companies: string[];
	/** Multi-tenant apps (client ids) with a service principal here at start, i.e. admin consent already given. */
	consentedApps: string[];
	/** Apps on this tenant's BC "Microsoft Entra Applications" page with State Enabled, at start. */
	businessCentralApps: string[];
}

/**
 * Customer tenants of the sandbox. Fabrikam has not consented to the demo app at start (token requests answer
 * AADSTS700016 until `GET /{tenant}/adminconsent` or the control API grants consent); its BC already lists the app.
 */
export const CUSTOMER_TENANTS: CustomerTenantData[] = [
	{
		tenantId: '3c9e7b21-6d4a-4f8e-b1c5-0a9d8e7f6c54',
		tenantDomain: 'fabrikam-demo.onmicrosoft.com',
		tenantName: 'Fabrikam Demo',
		environments: { production: 'fabrikam-production' },
		companies: ['Fabrikam, Inc.', 'Fabrikam Canada Ltd.'],
		consentedApps: [],
		businessCentralApps: [DEMO.app.clientId],
	},
];

/** App registrations of the home tenant that are multi-tenant ("Accounts in any organizational directory"). */
export const MULTI_TENANT_APPS: string[] = [DEMO.app.clientId];

/** Online environment names of the home tenant accepted in URLs (case-insensitive); also their data keys. */
export const ONLINE_ENVIRONMENTS = ['production', 'sandbox'];
/** The data layer's environment key behind the on-prem instance. */
export const ONPREM_ENVIRONMENT = 'onprem';
/** Data keys of the customer tenants' environments. */
export const CUSTOMER_ENVIRONMENTS = CUSTOMER_TENANTS.flatMap((t) => Object.values(t.environments));
/** Environments the data layer is created with. */
export const ALL_ENVIRONMENTS = [...ONLINE_ENVIRONMENTS, ONPREM_ENVIRONMENT, ...CUSTOMER_ENVIRONMENTS];
/** Company names per data key where they differ from the demo companies (the customer tenants' environments). */
export const COMPANY_NAMES_BY_ENVIRONMENT: Record<string, string[]> = Object.fromEntries(
	CUSTOMER_TENANTS.flatMap((t) => Object.values(t.environments).map((key) => [key, t.companies])),
);

/** Default state directory: `<repo>/.sandbox` (git-ignored). */
export function defaultStateDir(): string {
	return path.resolve(__dirname, '..', '.sandbox');
}

/** Settings read from environment variables; unset ones are omitted. */
export interface EnvSettings {
	port?: number;
	tls?: boolean;
	stateDir?: string;
}

/**
 * Reads `BC_SANDBOX_PORT`, `BC_SANDBOX_TLS` (`false`/`0`/`no` = plain HTTP) and `BC_SANDBOX_STATE_DIR`.
 * @throws Error naming the variable when a value is malformed
 */
export function readEnvSettings(env: NodeJS.ProcessEnv = process.env): EnvSettings {
	const settings: EnvSettings = {};
	if (env.BC_SANDBOX_PORT !== undefined && env.BC_SANDBOX_PORT !== '') {
		const port = Number(env.BC_SANDBOX_PORT);
		if (!Number.isInteger(port) || port < 0 || port > 65535) {
			throw new Error(`BC_SANDBOX_PORT must be a port number 0..65535, got '${env.BC_SANDBOX_PORT}'`);
		}
		settings.port = port;
	}
	if (env.BC_SANDBOX_TLS !== undefined && env.BC_SANDBOX_TLS !== '') {
		const value = env.BC_SANDBOX_TLS.toLowerCase();
		if (!['true', 'false', '1', '0', 'yes', 'no'].includes(value)) {
			throw new Error(`BC_SANDBOX_TLS must be true or false, got '${env.BC_SANDBOX_TLS}'`);
		}
		settings.tls = ['true', '1', 'yes'].includes(value);
	}
	if (env.BC_SANDBOX_STATE_DIR) settings.stateDir = path.resolve(env.BC_SANDBOX_STATE_DIR);
	return settings;
}
