/**
 * Microsoft Entra ID token-endpoint error bodies.
 *
 * Shape (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes; real bodies in test/fixtures/entra-token-errors.json):
 * `{"error","error_description":"AADSTSn: text\r\nTrace ID: g\r\nCorrelation ID: g\r\nTimestamp: yyyy-MM-dd HH:mm:ssZ",
 *   "error_codes":[n],"timestamp","trace_id","correlation_id","error_uri":"https://login.microsoftonline.com/error?code=n"}`.
 * Texts are the real AADSTS messages where a capture or the Entra error-code reference gives them.
 */
import { randomUUID } from 'node:crypto';

/** One Entra error: HTTP status, OAuth `error` value, AADSTS number and message text (without the `AADSTSn: ` prefix). */
export interface EntraErrorSpec {
	status: number;
	error: string;
	code: number;
	text: string;
}

/** The JSON body Entra returns for a failed token request. */
export interface EntraErrorBody {
	error: string;
	error_description: string;
	error_codes: number[];
	timestamp: string;
	trace_id: string;
	correlation_id: string;
	error_uri: string;
}

/** `yyyy-MM-dd HH:mm:ssZ` in UTC, Entra's timestamp format. */
export function entraTimestamp(date = new Date()): string {
	return date
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Renders an Entra error body.
 * @param correlationId the client's `client-request-id` when it sent one (Entra echoes it), else a new GUID
 */
export function entraErrorBody(
	spec: EntraErrorSpec,
	traceId: string,
	correlationId: string = randomUUID(),
	now = new Date(),
): EntraErrorBody {
	const timestamp = entraTimestamp(now);
	return {
		error: spec.error,
		error_description: `AADSTS${spec.code}: ${spec.text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
		error_codes: [spec.code],
		timestamp,
		trace_id: traceId,
		correlation_id: correlationId,
		error_uri: `https://login.microsoftonline.com/error?code=${spec.code}`,
	};
}

/** Thrown inside Entra handlers; the route turns it into the error body. */
export class EntraError extends Error {
	constructor(readonly spec: EntraErrorSpec) {
		super(`AADSTS${spec.code}: ${spec.text}`);
		this.name = 'EntraError';
	}
}

/** Error catalogue (texts from captures named per entry and from https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes). */
export const AADSTS = {
	/** 401, capture OfficeDev/microsoft-365-agents-toolkit #8621. */
	invalidClientSecret: (clientId: string): EntraErrorSpec => ({
		status: 401,
		error: 'invalid_client',
		code: 7000215,
		text: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
	}),
	/** Missing credential; status 401 is UNVERIFIED, the sandbox's own choice. */
	missingClientCredential: (): EntraErrorSpec => ({
		status: 401,
		error: 'invalid_client',
		code: 7000218,
		text: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
	}),
	/** 400, capture wazuh/wazuh #27069. */
	unknownApplication: (clientId: string, tenant: string): EntraErrorSpec => ({
		status: 400,
		error: 'unauthorized_client',
		code: 700016,
		text: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
	}),
	/** 400, capture microsoftgraph/windowsupdates-webapplication-sample #6. */
	unknownTenant: (tenant: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_tenant',
		code: 90002,
		text: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
	}),
	/** Client credentials against `common`/`organizations` (Entra error-code reference: MissingTenantRealmAndNoUserInformationProvided). */
	noTenantForClientCredentials: (): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_request',
		code: 50059,
		text: 'No tenant-identifying information found in either the request or implied by any provided credentials.',
	}),
	/** 400, docs example in v2-oauth2-client-creds-grant-flow.md. */
	invalidScope: (scope: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_scope',
		code: 70011,
		text: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
	}),
	/** Non-`.default` scope in client credentials (microsoft/CollectServiceFabricData PR #139). */
	clientCredentialsNeedDefaultScope: (scope: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_scope',
		code: 1002012,
		text: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
	}),
	/** 400 invalid_request (Entra error-code reference). */
	missingParameter: (name: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_request',
		code: 900144,
		text: `The request body must contain the following parameter: '${name}'.`,
	}),
	/** 400 unsupported_grant_type (Entra error-code reference: UnsupportedGrantType). */
	unsupportedGrantType: (grantType: string): EntraErrorSpec => ({
		status: 400,
		error: 'unsupported_grant_type',
		code: 70003,
		text: `The app requested an unsupported grant type '${grantType}'.`,
	}),
	/** 400 invalid_grant (Entra error-code reference: CodeAlreadyRedeemed... text as Entra sends it). */
	codeAlreadyRedeemed: (): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_grant',
		code: 54005,
		text: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
	}),
	/** 400 invalid_grant (Entra error-code reference: InvalidCodeChallenge / code_verifier mismatch). */
	pkceMismatch: (): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_grant',
		code: 501481,
		text: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
	}),
	/** 400 invalid_grant: unknown/expired code or dead refresh token (Entra error-code reference: InvalidGrantExpiredOrRevoked... AADSTS70008). */
	expiredGrant: (): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_grant',
		code: 70008,
		text: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
	}),
	/** 400 invalid_grant, capture Azure/azure-cli #14244. */
	refreshTokenInactive: (issuedAt: Date, inactiveFor: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_grant',
		code: 700082,
		text: `The refresh token has expired due to inactivity. The token was issued on ${issuedAt.toISOString().replace('Z', '0000Z')} and was inactive for ${inactiveFor}.`,
	}),
	/** 400 invalid_grant: code/refresh token belongs to another client, or redirect_uri differs (AADSTS70000 InvalidGrant). */
	invalidGrant: (detail: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_grant',
		code: 70000,
		text: `Provided grant is invalid or malformed. ${detail}`,
	}),
	/** Client assertion signature/key problem; status 401 UNVERIFIED, the sandbox's own choice. */
	invalidAssertionSignature: (reason: string, thumbprint: string, clientId: string): EntraErrorSpec => ({
		status: 401,
		error: 'invalid_client',
		code: 700027,
		text: `Client assertion contains an invalid signature. [Reason - ${reason}, Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`,
	}),
	/** Client assertion outside exp/nbf (Entra error-code reference: ClientAssertionNotWithinValidTimeRange). Status UNVERIFIED. */
	assertionExpired: (): EntraErrorSpec => ({
		status: 401,
		error: 'invalid_client',
		code: 700024,
		text: 'Client assertion is not within its valid time range.',
	}),
	/** Malformed assertion, wrong audience or iss/sub (Entra error-code reference: InvalidJwtToken AADSTS50027). Status UNVERIFIED. */
	invalidAssertion: (detail: string): EntraErrorSpec => ({
		status: 401,
		error: 'invalid_client',
		code: 50027,
		text: `JWT token is invalid or malformed. ${detail}`,
	}),
	/** Wrong client_assertion_type (Entra: AADSTS50175 style invalid_request). Text UNVERIFIED. */
	unsupportedAssertionType: (type: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_request',
		code: 900023,
		text: `Specified client_assertion_type '${type}' is not supported.`,
	}),
	/** Authorize page: redirect URI not registered (AADSTS50011, shown on Entra's error page, no redirect). */
	redirectUriMismatch: (redirectUri: string, clientId: string): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_request',
		code: 50011,
		text: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
	}),
	/** Wrong password on the sign-in page (AADSTS50126). */
	invalidUserCredentials: (): EntraErrorSpec => ({
		status: 400,
		error: 'invalid_grant',
		code: 50126,
		text: 'Error validating credentials due to invalid username or password.',
	}),
};
