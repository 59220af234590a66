/**
 * Authentication of BC API requests.
 *
 * Online: `Authorization: Bearer <token>` issued by the sandbox's Entra for audience
 * `https://api.businesscentral.dynamics.com`; S2S tokens only for apps enabled on BC's Microsoft Entra Applications page
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication).
 * On-premises: `Authorization: Basic <user:web service access key>` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics).
 * Every failure is BC's 401 `Authentication_InvalidCredentials` "The server has rejected the client credentials."
 * (a real body: test/fixtures/bc-errors-from-public-issues.json, from microsoft/navcontainerhelper issue #3709) with a
 * `WWW-Authenticate` challenge whose content is the sandbox's own choice (UNVERIFIED).
 */
import type { BcApiResponse, BcPrincipal } from '../contracts';
import { bcError } from '../bc/errors';
import { DEMO } from '../config';
import type { EntraDirectory } from '../entra/apps';
import { TokenRejected, type TokenKeys } from '../entra/keys';

/** Outcome of authenticating one request. */
export type AuthResult =
	{ ok: true; principal: BcPrincipal; tenantId?: string } | { ok: false; response: BcApiResponse; reason: string };

/** BC's text for rejected credentials (test/fixtures/bc-errors-from-public-issues.json, status 401). */
export const INVALID_CREDENTIALS_MESSAGE = 'The server has rejected the client credentials.';

function reject(correlationId: string, challenge: string, reason: string): AuthResult {
	return {
		ok: false,
		reason,
		response: bcError(401, 'Authentication_InvalidCredentials', INVALID_CREDENTIALS_MESSAGE, correlationId, {
			'www-authenticate': challenge,
		}),
	};
}

/** Authenticates BC online requests with Entra Bearer tokens. */
export class OnlineAuthenticator {
	constructor(
		private readonly directory: EntraDirectory,
		private readonly keys: TokenKeys,
	) {}

	/** `WWW-Authenticate` for online 401s (UNVERIFIED content; points at the sandbox authority). */
	challenge(authorityHost: string): string {
		return `Bearer authorization_uri="${authorityHost}/${this.directory.tenantId}/oauth2/authorize", resource_id="https://api.businesscentral.dynamics.com", error="invalid_token"`;
	}

	/**
	 * @param urlTenant tenant segment from the URL (GUID or domain), undefined for `/v2.0/{environment}/…`
	 * @param authorityHost `https://host:port` for the challenge header
	 */
	async authenticate(
		authorization: string | undefined,
		urlTenant: string | undefined,
		correlationId: string,
		authorityHost: string,
	): Promise<AuthResult> {
		const challenge = this.challenge(authorityHost);
		if (!authorization) return reject(correlationId, challenge, 'no Authorization header');
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
		if (!match) return reject(correlationId, challenge, 'not a Bearer token');
		let claims;
		try {
			claims = await this.keys.verifyAccessToken(match[1], [
				this.directory.tenantId,
				...this.directory.customerTenants.map((t) => t.tenantId),
			]);
		} catch (error) {
			return reject(
				correlationId,
				challenge,
				error instanceof TokenRejected ? `token rejected: ${error.message}` : 'token rejected',
			);
		}
		// BC serves the tenant in the URL, or the token's tenant when the URL has none; a token of tenant A is never
		// accepted on tenant B's URL.
		const tenant = this.directory.findTenant(urlTenant ?? claims.tid);
		if (!tenant) return reject(correlationId, challenge, 'URL names an unknown tenant');
		if (claims.tid !== tenant.tenantId)
			return reject(correlationId, challenge, `token of tenant ${claims.tid} on tenant ${tenant.tenantId}'s URL`);
		const app = this.directory.findApp(claims.appid);
		if (!app) return reject(correlationId, challenge, 'unknown app');
		if (claims.idtyp === 'app' || claims.roles) {
			const enabled = tenant.customer
				? tenant.customer.isEnabledInBusinessCentral(app.clientId)
				: app.enabledInBusinessCentral;
			if (!enabled)
				return reject(
					correlationId,
					challenge,
					`app ${app.clientId} is not enabled on the Microsoft Entra Applications page of tenant ${tenant.tenantId}`,
				);
			// Another tenant's service principal is another principal (own limits, own log entries): `<client id>@<tenant id>`.
			const id = tenant.customer ? `${app.clientId}@${tenant.tenantId}` : app.clientId;
			return { ok: true, tenantId: claims.tid, principal: { id, kind: 'app', name: app.displayName } };
		}
		if (tenant.customer) return reject(correlationId, challenge, 'user tokens exist in the home tenant only');
		const user = this.directory.findUserById(claims.oid);
		if (!user) return reject(correlationId, challenge, 'unknown user');
		return { ok: true, tenantId: claims.tid, principal: { id: user.objectId, kind: 'user', name: user.userName } };
	}
}

/** `WWW-Authenticate` for on-prem 401s (NavUserPassword uses Basic). */
export const ONPREM_CHALLENGE = `Basic realm="${DEMO.onPrem.instance}"`;

/** Authenticates on-prem requests: Basic with the user name and web service access key; Bearer is rejected. */
export function authenticateOnPrem(authorization: string | undefined, correlationId: string): AuthResult {
	if (!authorization) return reject(correlationId, ONPREM_CHALLENGE, 'no Authorization header');
	const match = /^Basic\s+(\S+)\s*$/i.exec(authorization);
	if (!match) return reject(correlationId, ONPREM_CHALLENGE, 'not Basic credentials');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const userName = colon < 0 ? decoded : decoded.slice(0, colon);
	const key = colon < 0 ? '' : decoded.slice(colon + 1);
	if (userName.toUpperCase() !== DEMO.onPrem.userName.toUpperCase() || key !== DEMO.onPrem.accessKey) {
		return reject(correlationId, ONPREM_CHALLENGE, 'wrong user name or web service access key');
	}
	return { ok: true, principal: { id: DEMO.onPrem.userName, kind: 'basic', name: DEMO.onPrem.userName } };
}
