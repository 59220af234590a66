// The one runtime dependency of this package (see the README, "Install"): n8n Cloud's import
// allow-list does not include it, so this import is the only place where that lint rule is disabled.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'crypto';

import { BcTokenError } from '../../core/errors';
import { translateTokenError } from './tokenErrors';

/** What an app-only (S2S) token request needs. Secrets stay in this object and never reach messages. */
export interface ClientCredentialsSettings {
	/** Authority host with scheme, no tenant, no trailing slash, e.g. `https://login.microsoftonline.com`. */
	authorityHost: string;
	/** Tenant GUID or verified domain (not `common`/`organizations`). */
	tenantId: string;
	/** Application (client) ID GUID. */
	clientId: string;
	/** Client secret value (secret mode). */
	clientSecret?: string;
	/** PEM X.509 certificate (certificate mode); its SHA-256 thumbprint is derived. */
	certificatePem?: string;
	/** PEM private key of that certificate (certificate mode). */
	privateKeyPem?: string;
	/** Scope, e.g. `https://api.businesscentral.dynamics.com/.default`. */
	scope: string;
}

/** One MSAL application per credential, with its in-memory token cache and the single-flight state. */
interface TokenClient {
	app: ConfidentialClientApplication;
	/** The acquisition in progress; every concurrent caller awaits it. */
	inFlight?: Promise<string>;
	/** The last token handed out. */
	lastToken?: string;
	/** Until when {@link lastToken} is handed out without asking MSAL (ms since epoch); see {@link reusableUntil}. */
	lastTokenReusableUntilMs?: number;
	/** A token obtained by a forced refresh after a 401; a 401 with it is not refreshed again. */
	forcedToken?: string;
	authority: string;
	secrets: string[];
}

const clients = new Map<string, TokenClient>();

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Parses a PEM certificate; undefined when it is not one. */
function parseCertificate(pem: string): X509Certificate | undefined {
	try {
		return new X509Certificate(pem);
	} catch {
		return undefined;
	}
}

/** Parses an unencrypted PEM private key; undefined when it is not one. */
function parsePrivateKey(pem: string): KeyObject | undefined {
	try {
		return createPrivateKey(pem);
	} catch {
		return undefined;
	}
}

/** The certificate material MSAL needs, derived from the PEM inputs. @throws BcTokenError for unreadable or mismatched PEM. */
function certificateFor(settings: ClientCredentialsSettings): {
	thumbprintSha256: string;
	privateKey: string;
	x5c: string;
} {
	const certificate = parseCertificate(settings.certificatePem ?? '');
	if (!certificate) {
		throw new BcTokenError(
			'The certificate is not a PEM X.509 certificate',
			'Paste the certificate including the lines -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----.',
		);
	}
	const key = parsePrivateKey(settings.privateKeyPem ?? '');
	if (!key) {
		throw new BcTokenError(
			'The private key is not an unencrypted PEM private key',
			'Paste the key including -----BEGIN PRIVATE KEY----- (or BEGIN RSA PRIVATE KEY); password-protected keys are not supported.',
		);
	}
	if (!certificate.checkPrivateKey(key)) {
		throw new BcTokenError(
			'The private key does not belong to the certificate',
			'Paste the private key that was generated together with this certificate.',
		);
	}
	return {
		thumbprintSha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
		privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
		x5c: settings.certificatePem ?? '',
	};
}

/** Checks the settings before any token request. @throws BcTokenError naming the field to fix. */
function validate(settings: ClientCredentialsSettings): void {
	if (!/^https:\/\/[^/]+$/.test(settings.authorityHost)) {
		throw new BcTokenError(
			'The authority host must be an https:// URL without a path',
			`Got "${settings.authorityHost}".`,
		);
	}
	const tenant = settings.tenantId.trim().toLowerCase();
	if (!tenant || ['common', 'organizations', 'consumers'].includes(tenant)) {
		throw new BcTokenError(
			'App-only sign-in needs a specific tenant',
			'Enter the Directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com.',
			'missing_tenant_id_error',
		);
	}
	if (!GUID.test(settings.clientId.trim())) {
		throw new BcTokenError(
			'The client ID must be a GUID',
			'Copy the Application (client) ID from the app registration overview in the Microsoft Entra admin center.',
		);
	}
	if (settings.certificatePem === undefined && !settings.clientSecret) {
		throw new BcTokenError('The client secret is empty', 'Enter the Value of a client secret of the app registration.');
	}
}

/**
 * Cache key of a credential: a SHA-256 over every setting (authority, client id, secret or certificate and key,
 * scope), so changing any of them gives a new MSAL application, and the secret is never a readable map key.
 */
function cacheKey(settings: ClientCredentialsSettings): string {
	return createHash('sha256')
		.update(
			[
				settings.authorityHost,
				settings.tenantId.trim(),
				settings.clientId.trim(),
				settings.clientSecret ?? '',
				settings.certificatePem ?? '',
				settings.privateKeyPem ?? '',
				settings.scope,
			].join('\n'),
		)
		.digest('hex');
}

/** The MSAL application of these settings, created (after validating them) on first use. */
function clientFor(settings: ClientCredentialsSettings): TokenClient {
	const key = cacheKey(settings);
	const existing = clients.get(key);
	if (existing) return existing;
	validate(settings);
	const authority = `${settings.authorityHost}/${settings.tenantId.trim()}`;
	const certificate = settings.certificatePem !== undefined ? certificateFor(settings) : undefined;
	const host = new URL(settings.authorityHost).host;
	const isGlobal = host === 'login.microsoftonline.com';
	const app = new ConfidentialClientApplication({
		auth: {
			clientId: settings.clientId.trim(),
			authority,
			// A custom host is trusted as given, so MSAL does no instance discovery against login.microsoftonline.com.
			...(isGlobal ? {} : { knownAuthorities: [host] }),
			...(certificate ? { clientCertificate: certificate } : { clientSecret: settings.clientSecret }),
		},
	});
	const client: TokenClient = { app, authority, secrets: [settings.clientSecret ?? '', settings.privateKeyPem ?? ''] };
	clients.set(key, client);
	return client;
}

/**
 * MSAL renews a cached app token 300 s before it expires (msal-node's `tokenRenewalOffsetSeconds` default,
 * `DEFAULT_TOKEN_RENEWAL_OFFSET_SEC`) and at its `refresh_in` time when Entra ID sent one.
 * Sources: https://learn.microsoft.com/en-us/entra/identity-platform/msal-acquire-cache-tokens and
 * `AzureAD/microsoft-authentication-library-for-js/lib/msal-common/src/utils/Constants.ts`.
 */
const MSAL_RENEWAL_OFFSET_MS = 300_000;

/**
 * Until when a token MSAL just returned may be handed out again without asking MSAL (ms since epoch): the instant
 * MSAL itself would stop returning it from its cache, so the answer is the same, without MSAL's per-call cache lookup
 * (about 0.3 ms of CPU per request in n8n). undefined when MSAL gave no expiry.
 */
function reusableUntil(result: { expiresOn?: Date | null; refreshOn?: Date }): number | undefined {
	const expiresMs = result.expiresOn?.getTime();
	if (expiresMs === undefined || Number.isNaN(expiresMs)) return undefined;
	const renewMs = expiresMs - MSAL_RENEWAL_OFFSET_MS;
	const refreshMs = result.refreshOn?.getTime();
	return refreshMs !== undefined && !Number.isNaN(refreshMs) ? Math.min(renewMs, refreshMs) : renewMs;
}

/**
 * Returns a Business Central access token for an app registration (OAuth 2.0 client credentials, via MSAL).
 *
 * Tokens live in MSAL's in-memory cache of one `ConfidentialClientApplication` per credential (this module's map),
 * and MSAL renews them shortly before expiry, so an n8n process asks Entra ID once per token lifetime per
 * credential. Concurrent callers share one acquisition (single flight). Until MSAL would renew it, the last token is
 * handed out without asking MSAL (see {@link reusableUntil}).
 *
 * @param settings the credential's values
 * @param failedToken a token Business Central just answered 401 to: it is replaced once with a fresh one
 *   (`skipCache`), unless it already came from such a forced refresh or another caller already replaced it
 * @returns the access token (a JWT string)
 * @throws BcTokenError with a fix for invalid settings and for Entra ID errors (AADSTS codes: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes)
 */
export async function acquireBcToken(settings: ClientCredentialsSettings, failedToken?: string): Promise<string> {
	const client = clientFor(settings);
	if (client.inFlight) return await client.inFlight;
	if (
		failedToken === undefined &&
		client.lastToken !== undefined &&
		Date.now() < (client.lastTokenReusableUntilMs ?? 0)
	)
		return client.lastToken;
	const force = failedToken !== undefined && failedToken === client.lastToken && failedToken !== client.forcedToken;
	const acquisition = (async () => {
		try {
			const result = await client.app.acquireTokenByClientCredential({ scopes: [settings.scope], skipCache: force });
			if (!result?.accessToken) throw new Error('The token service returned no access token');
			client.lastToken = result.accessToken;
			client.lastTokenReusableUntilMs = reusableUntil(result);
			if (force) client.forcedToken = result.accessToken;
			return result.accessToken;
		} catch (error) {
			throw translateTokenError(error, client.authority, client.secrets, settings.clientId);
		} finally {
			client.inFlight = undefined;
		}
	})();
	client.inFlight = acquisition;
	return await acquisition;
}

/** Forgets every cached MSAL application and token (tests, credential rotation). */
export function clearTokenCache(): void {
	clients.clear();
}
