/** State shared by the Entra stand-in's routes (token, authorize, discovery). */
import type { CryptoKey } from 'jose';
import type { EntraDirectory } from './apps';
import type { GrantStore } from './grants';
import type { TokenKeys } from './keys';

/** Runtime-adjustable Entra settings. */
export interface EntraSettings {
	/** Access token lifetime in seconds (response `expires_in`, `ext_expires_in`; JWT `exp`). */
	accessTokenLifetimeSeconds: number;
	/** Refresh tokens unused for longer than this (seconds) fail with AADSTS700082. */
	refreshTokenInactivitySeconds: number;
	/** Skip the sign-in/consent page: `authorize` redirects with a code immediately, signed in as the demo user. */
	autoApprove: boolean;
}

/** Everything the Entra routes need. */
export interface EntraContext {
	directory: EntraDirectory;
	keys: TokenKeys;
	grants: GrantStore;
	settings: EntraSettings;
	/** Public keys of registered client certificates by client id and JWS algorithm (`RS256`/`PS256`). */
	clientCertificateKey(clientId: string, alg: 'RS256' | 'PS256'): Promise<CryptoKey | undefined>;
	/** Counts a token request per client id, `<client id>@<tenant id>` in a customer tenant (for `/sandbox/control/stats`). */
	countTokenRequest(clientId: string): void;
}
