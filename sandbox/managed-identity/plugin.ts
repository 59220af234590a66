/**
 * The `managedIdentity` plugin: the identity endpoint Azure App Service, Azure Functions and Container Apps give a
 * process with a managed identity, on a loopback port of its own, so code using `@azure/msal-node`'s
 * `ManagedIdentityApplication` gets tokens of the sandbox's tenant that the sandbox's BC accepts.
 *
 * Protocol (https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity#rest-endpoint-reference):
 * the platform sets `IDENTITY_ENDPOINT` (a local `http://` URL) and `IDENTITY_HEADER` (a secret against server-side
 * request forgery, rotated by the platform) in the process's environment; a client sends
 * `GET <IDENTITY_ENDPOINT>?resource=<uri>&api-version=2019-08-01[&client_id=<guid>]` with `X-IDENTITY-HEADER:
 * <IDENTITY_HEADER>` and gets `{"access_token","expires_on":"<epoch seconds>","resource","token_type":"Bearer",
 * "client_id"}` (a real response: github.com/Azure/azure-sdk-for-python issue #11346). Without `client_id` (or
 * `principal_id`/`object_id`/`mi_res_id`) the token is the system-assigned identity's. An identity that is not assigned
 * gets 400 `{"statusCode":400,"message":"Unable to load the proper Managed Identity.","correlationId"}` (a real body:
 * github.com/Azure/azure-sdk-for-net issue #43691). UNVERIFIED, the sandbox's own choices (no public capture): a
 * missing `X-IDENTITY-HEADER` → 400, a wrong one → 401, another `api-version` → 400, a resource other than BC → 400
 * with AADSTS500011, all in the same body shape.
 *
 * The endpoint is plain HTTP, as on App Service, and only ever listens on a loopback address (never the real
 * link-local 169.254.169.254 of the Azure Instance Metadata Service). Tokens are v1.0 app tokens of the sandbox tenant,
 * signed by its keys, with the identity's client id as `appid`, its service principal as `oid`, `idtyp: app`, the
 * role `API.ReadWrite.All` (the permission the README tells to grant) and `xms_mirid` (claims:
 * https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference). The identities are
 * registered in the sandbox's directory, so BC accepts them when they are enabled on its Microsoft Entra Applications page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { BC_AUDIENCE, BC_RESOURCE_APP_ID, DEMO } from '../config';
import type { EntraContext } from '../entra/context';
import { accessTokenIssuer, newTokenId } from '../entra/keys';
import type { SandboxPlugin } from '../plugins';

/** A managed identity of the sandbox's host. */
export interface SandboxManagedIdentity {
	/** Client id (application id of the identity's service principal). */
	clientId: string;
	/** Object id of its service principal (`oid` of its tokens; "principal id" in Azure). */
	objectId: string;
	displayName: string;
	/** Azure resource id (`xms_mirid` claim, `mi_res_id` parameter). */
	resourceId: string;
	/** Whether BC's Microsoft Entra Applications page lists it with State = Enabled (else BC answers 401). */
	enabledInBusinessCentral: boolean;
}

const RESOURCE_GROUP = '/subscriptions/00000000-0000-0000-0000-00000000b0c0/resourcegroups/rg-n8n';

/** The fixed identities of the sandbox's host (docs and tests name them). */
export const MANAGED_IDENTITY_DEMO = {
	/** The host's system-assigned identity, enabled in BC. */
	systemAssigned: {
		clientId: 'b1d2c3e4-5f60-4a7b-8c9d-0e1f2a3b4c51',
		objectId: 'c2e3d4f5-6a71-4b8c-9d0e-1f2a3b4c5d62',
		displayName: 'n8n-host (system-assigned identity, demo)',
		resourceId: `${RESOURCE_GROUP}/providers/Microsoft.Web/sites/n8n-host`,
		enabledInBusinessCentral: true,
	},
	/** A user-assigned identity assigned to the host, enabled in BC. */
	userAssigned: {
		clientId: 'd3f4e5a6-7b82-4c9d-ae1f-2a3b4c5d6e73',
		objectId: 'e4a5f6b7-8c93-4dae-bf2a-3b4c5d6e7f84',
		displayName: 'id-n8n-business-central (user-assigned identity, demo)',
		resourceId: `${RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-n8n-business-central`,
		enabledInBusinessCentral: true,
	},
	/** A user-assigned identity assigned to the host but not on BC's Microsoft Entra Applications page → BC 401. */
	notInBusinessCentral: {
		clientId: 'f5b6a7c8-9da4-4ebf-8a3b-4c5d6e7f8a95',
		objectId: 'a6c7b8d9-0eb5-4fca-9b4c-5d6e7f8a9b06',
		displayName: 'id-n8n-not-in-bc (user-assigned identity, demo)',
		resourceId: `${RESOURCE_GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-n8n-not-in-bc`,
		enabledInBusinessCentral: false,
	},
} as const satisfies Record<string, SandboxManagedIdentity>;

/** The App Service managed identity API version msal-node 3.x sends (`APP_SERVICE_MSI_API_VERSION`). */
export const APP_SERVICE_MSI_API_VERSION = '2019-08-01';

/** Default `IDENTITY_ENDPOINT`: a free loopback port, App Service's path. */
export const DEFAULT_IDENTITY_ENDPOINT = 'http://127.0.0.1:0/msi/token';

/** Options of {@link managedIdentityPlugin}. */
export interface ManagedIdentityOptions {
	/**
	 * The `IDENTITY_ENDPOINT` to serve: `http://<loopback host>:<port>/<path>` (port 0 = a free one). Default
	 * {@link DEFAULT_IDENTITY_ENDPOINT}; the CLI passes the `IDENTITY_ENDPOINT` environment variable when set.
	 * @throws (at `startSandbox`) Error when it is not http:// on 127.0.0.1, ::1 or localhost
	 */
	endpoint?: string;
	/** The `IDENTITY_HEADER` value clients must send as `X-IDENTITY-HEADER` (default: 32 random hex digits per start). */
	header?: string;
	/** Whether the host has a system-assigned identity (default true). */
	systemAssigned?: boolean;
	/** User-assigned identities of the host (default: {@link MANAGED_IDENTITY_DEMO}'s two). */
	userAssigned?: SandboxManagedIdentity[];
}

/** What a client process needs in its environment, once the sandbox listens. */
export interface ManagedIdentityEnvironment {
	IDENTITY_ENDPOINT: string;
	IDENTITY_HEADER: string;
}

/** The plugin, plus the environment a client needs. */
export interface ManagedIdentityPlugin extends SandboxPlugin {
	/**
	 * `IDENTITY_ENDPOINT` (with the port actually bound) and `IDENTITY_HEADER`.
	 * @throws Error before the sandbox listens
	 */
	environment(): ManagedIdentityEnvironment;
	/**
	 * Rotates `IDENTITY_HEADER` as the platform does (App Service: "The value is rotated by the platform"): requests
	 * with the old value get 401 from now on.
	 * @returns the new value
	 */
	rotateHeader(): string;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** Parses and checks the endpoint: http:// on a loopback host, no query or fragment. */
function parseEndpoint(endpoint: string): URL {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		throw new Error(`managed identity endpoint '${endpoint}' is not a URL`);
	}
	if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.includes(url.hostname) || url.search || url.hash || url.username)
		throw new Error(
			`managed identity endpoint must be http://127.0.0.1, http://[::1] or http://localhost with a port and path (a loopback address, never 169.254.169.254), got '${endpoint}'`,
		);
	return url;
}

/** Headers of the endpoint's answers (App Service's is Kestrel: github.com/Azure/azure-sdk-for-net issue #43691). */
function send(response: ServerResponse, status: number, body: unknown, correlationId: string): void {
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		server: 'Kestrel',
		'x-correlation-id': correlationId,
	});
	response.end(JSON.stringify(body));
}

function errorBody(status: number, message: string, correlationId: string) {
	return { statusCode: status, message, correlationId };
}

/** The identity a request names, or undefined (not assigned to the host). */
function identityFor(
	query: URLSearchParams,
	system: SandboxManagedIdentity | undefined,
	assigned: SandboxManagedIdentity[],
): SandboxManagedIdentity | undefined {
	const clientId = query.get('client_id') ?? query.get('clientid');
	const objectId = query.get('principal_id') ?? query.get('object_id');
	const resourceId = query.get('mi_res_id');
	if (clientId) return assigned.find((i) => i.clientId.toLowerCase() === clientId.toLowerCase());
	if (objectId) return assigned.find((i) => i.objectId.toLowerCase() === objectId.toLowerCase());
	if (resourceId) return assigned.find((i) => i.resourceId.toLowerCase() === resourceId.toLowerCase());
	return system;
}

/** Whether `resource` names BC (its URI with or without a trailing slash, or its application id). */
function isBcResource(resource: string): boolean {
	const value = resource.replace(/\/+$/, '').toLowerCase();
	return value === BC_AUDIENCE || value === BC_RESOURCE_APP_ID;
}

async function handle(
	request: IncomingMessage,
	response: ServerResponse,
	path: string,
	header: () => string,
	entra: EntraContext,
	system: SandboxManagedIdentity | undefined,
	assigned: SandboxManagedIdentity[],
): Promise<void> {
	const correlationId = randomUUID();
	const url = new URL(request.url ?? '/', 'http://localhost');
	if (url.pathname.replace(/\/+$/, '') !== path.replace(/\/+$/, ''))
		return send(response, 404, errorBody(404, 'Not found.', correlationId), correlationId);
	if (request.method !== 'GET')
		return send(response, 405, errorBody(405, 'Only GET is supported.', correlationId), correlationId);
	const sent = request.headers['x-identity-header'];
	if (sent === undefined || sent === '')
		return send(
			response,
			400,
			errorBody(400, 'The X-IDENTITY-HEADER header is missing.', correlationId),
			correlationId,
		);
	if (sent !== header())
		return send(
			response,
			401,
			errorBody(401, 'The X-IDENTITY-HEADER header is invalid.', correlationId),
			correlationId,
		);
	const query = url.searchParams;
	const apiVersion = query.get('api-version');
	if (apiVersion !== APP_SERVICE_MSI_API_VERSION)
		return send(
			response,
			400,
			errorBody(
				400,
				`Unsupported api-version '${apiVersion ?? ''}'; use ${APP_SERVICE_MSI_API_VERSION}.`,
				correlationId,
			),
			correlationId,
		);
	const identity = identityFor(query, system, assigned);
	entra.countTokenRequest(identity?.clientId ?? query.get('client_id') ?? query.get('object_id') ?? '(unknown)');
	if (!identity)
		return send(
			response,
			400,
			errorBody(400, 'Unable to load the proper Managed Identity.', correlationId),
			correlationId,
		);
	const resource = query.get('resource') ?? '';
	if (!resource)
		return send(response, 400, errorBody(400, 'The resource parameter is missing.', correlationId), correlationId);
	if (!isBcResource(resource)) {
		const message = `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${DEMO.tenantName}.`;
		return send(response, 400, errorBody(400, message, correlationId), correlationId);
	}
	const lifetime = entra.settings.accessTokenLifetimeSeconds;
	const tenantId = entra.directory.tenantId;
	const accessToken = await entra.keys.sign(
		{
			aud: BC_AUDIENCE,
			iss: accessTokenIssuer(tenantId),
			idp: accessTokenIssuer(tenantId),
			appid: identity.clientId,
			appidacr: '2',
			idtyp: 'app',
			oid: identity.objectId,
			sub: identity.objectId,
			roles: ['API.ReadWrite.All'],
			tid: tenantId,
			uti: newTokenId(),
			ver: '1.0',
			xms_mirid: identity.resourceId,
		},
		lifetime,
	);
	send(
		response,
		200,
		{
			access_token: accessToken,
			expires_on: String(Math.floor(Date.now() / 1000) + lifetime),
			resource,
			token_type: 'Bearer',
			client_id: identity.clientId,
		},
		correlationId,
	);
}

/**
 * The managed identity endpoint as a sandbox plugin (opt-in: `startSandbox({ plugins: [managedIdentityPlugin()] })`,
 * or `npm run sandbox -- --managed-identity`). It starts its own plain-HTTP loopback server when the sandbox starts and
 * stops with it; `GET /sandbox/managed-identity` on the sandbox answers the client environment and the identities.
 */
export function managedIdentityPlugin(options: ManagedIdentityOptions = {}): ManagedIdentityPlugin {
	const endpoint = parseEndpoint(options.endpoint ?? DEFAULT_IDENTITY_ENDPOINT);
	let header = options.header ?? randomBytes(16).toString('hex');
	if (!header) throw new Error('managed identity header must not be empty');
	const system = options.systemAssigned === false ? undefined : MANAGED_IDENTITY_DEMO.systemAssigned;
	const assigned = options.userAssigned ?? [
		MANAGED_IDENTITY_DEMO.userAssigned,
		MANAGED_IDENTITY_DEMO.notInBusinessCentral,
	];
	let bound: string | undefined;
	return {
		name: 'managedIdentity',
		environment() {
			if (!bound) throw new Error('the managed identity endpoint is not listening yet (start the sandbox first)');
			return { IDENTITY_ENDPOINT: bound, IDENTITY_HEADER: header };
		},
		rotateHeader() {
			header = randomBytes(16).toString('hex');
			return header;
		},
		http: async (app, context) => {
			for (const identity of [...(system ? [system] : []), ...assigned]) {
				context.entra.directory.add({
					clientId: identity.clientId,
					displayName: identity.displayName,
					objectId: identity.objectId,
					secrets: [],
					redirectUris: [],
					enabledInBusinessCentral: identity.enabledInBusinessCentral,
				});
			}
			const server: Server = createServer((request, response) => {
				handle(request, response, endpoint.pathname, () => header, context.entra, system, assigned).catch(() => {
					if (!response.headersSent) send(response, 500, errorBody(500, 'Internal error.', ''), '');
				});
			});
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(Number(endpoint.port || 80), endpoint.hostname.replace(/^\[|\]$/g, ''), () => resolve());
			});
			const port = (server.address() as AddressInfo).port;
			bound = `http://${endpoint.hostname}:${port}${endpoint.pathname}`;
			app.addHook('onClose', async () => {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			});
			app.get('/sandbox/managed-identity', async () => ({
				...(bound ? { IDENTITY_ENDPOINT: bound } : {}),
				IDENTITY_HEADER: header,
				apiVersion: APP_SERVICE_MSI_API_VERSION,
				systemAssigned: system ?? null,
				userAssigned: assigned,
			}));
		},
	};
}
