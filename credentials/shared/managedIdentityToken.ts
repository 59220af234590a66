// The one runtime dependency of this package (see the README, "Install"); see clientCredentialsToken.ts.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { ManagedIdentityApplication } from '@azure/msal-node';

import { BcTokenError } from '../../core/errors';
import { translateTokenError } from './tokenErrors';

/**
 * App-only Business Central tokens of an Azure managed identity, from `@azure/msal-node`'s `ManagedIdentityApplication`
 * (https://learn.microsoft.com/en-us/entra/msal/javascript/node/managed-identity).
 *
 * Where the token comes from is MSAL's choice, made once per process on the first token request from the environment
 * variables the Azure platform sets, in this order (msal-node 3.x, `ManagedIdentityClient.selectManagedIdentitySource`):
 * Service Fabric (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER` + `IDENTITY_SERVER_THUMBPRINT`), App Service, Azure Functions
 * and Container Apps (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`), Azure Machine Learning (`MSI_ENDPOINT` + `MSI_SECRET`),
 * Cloud Shell (`MSI_ENDPOINT`), Azure Arc (`IDENTITY_ENDPOINT` + `IMDS_ENDPOINT`, or its agent on disk), and otherwise the
 * Azure Instance Metadata Service at 169.254.169.254 (VMs, scale sets, AKS nodes; `AZURE_POD_IDENTITY_AUTHORITY_HOST`
 * replaces that address). n8n must be restarted after the identity or these variables change.
 */

/** What a managed-identity token request needs; nothing in it is secret. */
export interface ManagedIdentitySettings {
	/** Client ID GUID of a user-assigned identity; empty for the system-assigned identity. */
	clientId: string;
	/** Resource (application ID URI) the token is for, e.g. `https://api.businesscentral.dynamics.com`. */
	resource: string;
}

/** One MSAL application per identity, with the single-flight state (MSAL's token cache is shared by all of them). */
interface IdentityClient {
	app: ManagedIdentityApplication;
	/** The acquisition in progress; every concurrent caller awaits it. */
	inFlight?: Promise<string>;
	/** The last token handed out. */
	lastToken?: string;
	/** A token obtained by a forced refresh after a 401; a 401 with it is not refreshed again. */
	forcedToken?: string;
}

const clients = new Map<string, IdentityClient>();

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Display name of the credential field holding the client ID of a user-assigned identity. */
export const MANAGED_IDENTITY_CLIENT_ID_FIELD = 'Managed Identity Client ID';

/** Environment variables holding a secret that MSAL sends to an endpoint named by another variable. */
const SECRET_ENDPOINTS: Array<{ endpoint: string; secret: string }> = [
	{ endpoint: 'IDENTITY_ENDPOINT', secret: 'IDENTITY_HEADER' },
	{ endpoint: 'MSI_ENDPOINT', secret: 'MSI_SECRET' },
];

/**
 * Whether an `http://` identity endpoint on `hostname` keeps its secret header on this machine or the host's own
 * virtual network: loopback (`localhost`, 127.0.0.0/8, ::1), link-local (169.254.0.0/16, fe80::/10) and private
 * addresses (10/8, 172.16/12, 192.168/16, fc00::/7). Azure's platforms use exactly these: App Service and Container Apps
 * `http://localhost:<port>/msi/token` or `http://127.0.0.1:<port>/msi/token`, App Service custom containers the host's
 * bridge address such as `http://172.16.5.3:8081/msi/token` (github.com/Azure/azure-cli issue #20196).
 */
export function isHostLocalAddress(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost') return true;
	// WHATWG URL parsing has already normalised IPv4 hosts to dotted decimal and IPv6 hosts to lower-case hex.
	if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
		const [a, b] = host.split('.').map(Number);
		return (
			a === 127 || a === 10 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
		);
	}
	if (host.includes(':')) return host === '::1' || /^fe[89ab]/.test(host) || /^f[cd]/.test(host);
	return false;
}

/** `text` parsed as a URL, or undefined. */
function urlOrUndefined(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** The process environment, where the Azure platform puts the identity endpoint variables. */
function platformEnvironment(): NodeJS.ProcessEnv {
	// MSAL reads these variables from process.env itself (that is how Azure hands a process its identity); reading them
	// here too lets the credential refuse an identity header bound for a remote http:// URL before MSAL sends it, and
	// name the variables in its messages.
	// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals
	return process.env;
}

/**
 * Checks the settings and the platform's environment variables before MSAL is asked (no request is sent).
 * @throws BcTokenError naming the field or variable and the fix; never showing a secret header value
 */
function validate(settings: ManagedIdentitySettings, env: NodeJS.ProcessEnv): void {
	const clientId = settings.clientId.trim();
	if (clientId && !GUID.test(clientId)) {
		throw new BcTokenError(
			`${MANAGED_IDENTITY_CLIENT_ID_FIELD} must be a GUID or empty`,
			'Leave it empty for the system-assigned identity, or enter the Client ID of a user-assigned identity (Azure portal → Managed Identities → the identity → Overview → Client ID; not its Object (principal) ID).',
		);
	}
	for (const { endpoint, secret } of SECRET_ENDPOINTS) {
		const url = env[endpoint];
		if (!url || !env[secret]) continue;
		const parsed = urlOrUndefined(url);
		if (!parsed) {
			throw new BcTokenError(
				`The environment variable ${endpoint} is not a URL`,
				`${endpoint} is set by the Azure platform (e.g. http://localhost:42356/msi/token); remove a value set by hand from n8n's environment and restart n8n.`,
			);
		}
		if (parsed.protocol === 'http:' && !isHostLocalAddress(parsed.hostname)) {
			throw new BcTokenError(
				`Refused to send ${secret} to ${endpoint} (host ${parsed.hostname}) over plain http://`,
				`An identity endpoint over http:// must be on this machine or its host (localhost, a link-local or private address), as Azure sets it; ${parsed.hostname} is neither, so the header would cross the network unencrypted. Check ${endpoint} in n8n's environment: the platform sets it, do not set it by hand. Nothing was sent.`,
			);
		}
	}
	if (env.IDENTITY_ENDPOINT && !env.IDENTITY_HEADER && !env.IMDS_ENDPOINT) {
		throw new BcTokenError(
			'IDENTITY_ENDPOINT is set but IDENTITY_HEADER is not',
			"App Service, Azure Functions and Container Apps set both variables when the resource has a managed identity. Make sure both reach n8n's process (a container started by hand or a process manager may drop them; with Docker pass -e IDENTITY_ENDPOINT -e IDENTITY_HEADER), or remove IDENTITY_ENDPOINT. Nothing was sent.",
		);
	}
}

/** The MSAL application of an identity, created on first use. */
function clientFor(clientId: string): IdentityClient {
	const existing = clients.get(clientId);
	if (existing) return existing;
	const app = new ManagedIdentityApplication(
		clientId ? { managedIdentityIdParams: { userAssignedClientId: clientId } } : undefined,
	);
	const client: IdentityClient = { app };
	clients.set(clientId, client);
	return client;
}

/** Where MSAL looks for the identity, for messages (from the environment, as MSAL decides). */
function sourceDescription(app: ManagedIdentityApplication, env: NodeJS.ProcessEnv): string {
	const endpointHost = (name: string) => {
		const url = urlOrUndefined(String(env[name]));
		return url ? `${url.protocol}//${url.host}${url.pathname}` : 'its endpoint';
	};
	switch (app.getManagedIdentitySource()) {
		case 'AppService':
			return `the App Service / Container Apps identity endpoint (IDENTITY_ENDPOINT ${endpointHost('IDENTITY_ENDPOINT')})`;
		case 'ServiceFabric':
			return `the Service Fabric identity endpoint (IDENTITY_ENDPOINT ${endpointHost('IDENTITY_ENDPOINT')})`;
		case 'MachineLearning':
		case 'CloudShell':
			return `the identity endpoint in MSI_ENDPOINT (${endpointHost('MSI_ENDPOINT')})`;
		case 'AzureArc':
			return 'the Azure Arc agent (IDENTITY_ENDPOINT / IMDS_ENDPOINT)';
		default:
			return env.AZURE_POD_IDENTITY_AUTHORITY_HOST
				? `the instance metadata endpoint in AZURE_POD_IDENTITY_AUTHORITY_HOST (${endpointHost('AZURE_POD_IDENTITY_AUTHORITY_HOST')})`
				: 'the Azure Instance Metadata Service (http://169.254.169.254, used when none of IDENTITY_ENDPOINT, MSI_ENDPOINT is set)';
	}
}

/**
 * Turns what MSAL threw into a {@link BcTokenError} with the fix; the identity header and tokens are scrubbed.
 * Shapes: a network failure is MSAL's `network_error`; an endpoint's answer is a `ServerError` with `status` and the
 * endpoint's `message` in `errorMessage` (App Service: 400 `{"statusCode":400,"message":"Unable to load the proper
 * Managed Identity.","correlationId":…}` for an identity not assigned, github.com/Azure/azure-sdk-for-net issue #43691).
 */
function translateManagedIdentityError(
	error: unknown,
	settings: ManagedIdentitySettings,
	app: ManagedIdentityApplication,
	env: NodeJS.ProcessEnv,
): BcTokenError {
	const e = (error ?? {}) as { errorCode?: string; errorMessage?: string; message?: string; status?: number };
	const secrets = [env.IDENTITY_HEADER, env.MSI_SECRET].filter((s): s is string => !!s && s.length >= 4);
	const scrub = (text: string) => {
		let out = text;
		for (const secret of secrets) out = out.split(secret).join('***');
		return out.replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***');
	};
	const text = scrub(`${e.errorCode ?? ''} ${e.errorMessage ?? ''} ${e.message ?? ''}`);
	// MSAL wraps the endpoint's message: "Error(s): … - Timestamp: … - Description: <message> - Correlation ID: <id> - Trace ID: …".
	const wrapped = /Description: (.*?) - Correlation ID: (\S+)/.exec(scrub(e.errorMessage || ''));
	const detail = wrapped
		? `${wrapped[1]}${/^[0-9a-f-]{36}$/i.test(wrapped[2]) ? ` (correlation ID ${wrapped[2]})` : ''}`
		: scrub(e.errorMessage || e.message || '')
				.split(/\r?\n/)[0]
				.trim();
	const source = sourceDescription(app, env);
	const clientId = settings.clientId.trim();
	const identity = clientId ? `the user-assigned identity with client ID ${clientId}` : 'the system-assigned identity';
	if (
		e.errorCode === 'network_error' ||
		/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET/.test(text)
	) {
		return new BcTokenError(
			`Could not reach ${source}`,
			"This n8n does not run on Azure with a managed identity, or IDENTITY_ENDPOINT / IDENTITY_HEADER are not set in n8n's environment. Run n8n on an Azure VM, App Service, Container Apps or AKS node with the identity assigned (and restart n8n after assigning it), or choose Client Secret or Certificate as Client Authentication.",
			e.errorCode,
		);
	}
	if (/unable_to_create_azure_arc|unable_to_create_cloud_shell/.test(text)) {
		return new BcTokenError(
			'This Azure environment supports only the system-assigned identity',
			`Azure Arc and Cloud Shell cannot use a user-assigned identity: leave ${MANAGED_IDENTITY_CLIENT_ID_FIELD} empty.`,
			e.errorCode,
		);
	}
	if (/url_malformed/.test(text)) {
		return new BcTokenError(
			'An identity endpoint environment variable is not a URL',
			`MSAL said: ${detail}. The Azure platform sets these variables; remove values set by hand from n8n's environment and restart n8n.`,
			e.errorCode,
		);
	}
	const status = typeof e.status === 'number' ? e.status : undefined;
	if (status === 401 || status === 403) {
		return new BcTokenError(
			`${source} refused the request (${status})`,
			`The identity header n8n sent (IDENTITY_HEADER) was not accepted. The platform rotates it: restart n8n so that it reads the current value, and do not set IDENTITY_HEADER by hand. The endpoint said: ${detail || 'no details'}`,
			String(status),
		);
	}
	if (
		status === 400 &&
		/managed identity|identity not found|not found|no managed identity/i.test(detail) &&
		!/AADSTS/.test(text)
	) {
		return new BcTokenError(
			`${identity} is not assigned to this Azure resource`,
			clientId
				? `Assign the user-assigned identity to the VM / App Service / container app (Identity → User assigned → Add), or correct ${MANAGED_IDENTITY_CLIENT_ID_FIELD}: it is the identity's Client ID, not its Object (principal) ID. The endpoint said: ${detail}`
				: `Turn on the system-assigned identity (Identity → System assigned → On), or enter the client ID of a user-assigned identity in ${MANAGED_IDENTITY_CLIENT_ID_FIELD}. The endpoint said: ${detail}`,
			'400',
		);
	}
	const translated = translateTokenError(error, source, secrets);
	return new BcTokenError(translated.message, scrub(translated.description), translated.aadsts);
}

/**
 * Returns a Business Central access token of an Azure managed identity (system-assigned, or user-assigned by client ID).
 *
 * One `ManagedIdentityApplication` per identity per process (this module's map); MSAL keeps the tokens in its in-memory
 * cache and renews them before they expire, so an n8n process asks the identity endpoint once per token lifetime per
 * identity, however many items and executions. Concurrent callers share one acquisition (single flight).
 *
 * @param settings the identity (client ID, or empty) and the resource
 * @param failedToken a token Business Central just answered 401 to: replaced once with a fresh one (`forceRefresh`),
 *   unless it already came from such a forced refresh or another caller already replaced it
 * @param env the environment MSAL reads (default `process.env`; only used for checks and messages here)
 * @returns the access token (a JWT string)
 * @throws BcTokenError with the fix: a bad client ID, an identity endpoint over plain http:// to a remote host, or an
 *   incomplete environment (before any request); an unreachable endpoint, an identity not assigned, a refused
 *   identity header, or an Entra ID error (AADSTS codes). Messages never contain the identity header or a token.
 */
export async function acquireManagedIdentityToken(
	settings: ManagedIdentitySettings,
	failedToken?: string,
	env: NodeJS.ProcessEnv = platformEnvironment(),
): Promise<string> {
	validate(settings, env);
	const clientId = settings.clientId.trim().toLowerCase();
	const client = clientFor(clientId);
	if (client.inFlight) return await client.inFlight;
	const force = failedToken !== undefined && failedToken === client.lastToken && failedToken !== client.forcedToken;
	const acquisition = (async () => {
		try {
			const result = await client.app.acquireToken({ resource: settings.resource, forceRefresh: force });
			if (!result?.accessToken) throw new Error('The identity endpoint returned no access token');
			client.lastToken = result.accessToken;
			if (force) client.forcedToken = result.accessToken;
			return result.accessToken;
		} catch (error) {
			throw translateManagedIdentityError(error, settings, client.app, env);
		} finally {
			client.inFlight = undefined;
		}
	})();
	client.inFlight = acquisition;
	return await acquisition;
}
