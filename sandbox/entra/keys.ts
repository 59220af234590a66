/**
 * Token signing keys (published as JWKS), access/ID token issuance and access-token verification.
 *
 * Token shape follows a real decoded BC app token (claims as https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference describes v1.0 tokens): RS256 with `x5t`/`kid`,
 * `aud` `https://api.businesscentral.dynamics.com`, `iss` `https://sts.windows.net/<tid>/`, `ver` `1.0`,
 * `tid`, `appid`, `appidacr`, `oid`, `sub`, `idtyp` `app` and `roles` for S2S; delegated tokens carry `scp` and `upn`.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
	SignJWT,
	exportJWK,
	importPKCS8,
	importX509,
	jwtVerify,
	type CryptoKey,
	type JWK,
	type JWTPayload,
} from 'jose';
import forge from 'node-forge';
import { BC_AUDIENCE } from '../config';
import { certificateThumbprints, createCertificate, loadOrCreate, type KeyAndCertificate } from '../tls/ca';

/** base64url of a hex thumbprint (the JOSE `x5t` / `x5t#S256` form). */
export function thumbprintToBase64Url(hex: string): string {
	return Buffer.from(hex, 'hex').toString('base64url');
}

/** DER base64 of a PEM certificate (JWK `x5c` entry). */
function certificateDerBase64(certificatePem: string): string {
	return Buffer.from(
		forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certificatePem))).getBytes(),
		'binary',
	).toString('base64');
}

/** Claims of a verified sandbox access token. */
export interface AccessTokenClaims extends JWTPayload {
	tid: string;
	appid: string;
	oid: string;
	idtyp?: 'app' | 'user';
	roles?: string[];
	scp?: string;
	upn?: string;
	name?: string;
}

/** Why an access token was rejected (for logs; BC itself only says `Authentication_InvalidCredentials`). */
export class TokenRejected extends Error {}

/** Issues and verifies the sandbox's RS256 tokens. */
export class TokenKeys {
	private constructor(
		private readonly privateKey: CryptoKey,
		private readonly publicKey: CryptoKey,
		/** JWKS entry published at `/{tenant}/discovery/v2.0/keys`. */
		readonly jwk: JWK,
	) {}

	/** Loads the signing key pair from `<stateDir>/token-signing.{key,crt}` or creates it. */
	static async load(stateDir: string): Promise<TokenKeys> {
		const pair = loadOrCreate(stateDir, 'token-signing', () =>
			createCertificate({ commonName: 'accounts.sandbox.local', validityDays: 3650 }),
		);
		const privateKey = await importPKCS8(pair.privateKeyPem, 'RS256');
		const publicKey = await importX509(pair.certificatePem, 'RS256', { extractable: true });
		const kid = thumbprintToBase64Url(certificateThumbprints(pair.certificatePem).sha1);
		const jwk: JWK = {
			kty: 'RSA',
			use: 'sig',
			kid,
			x5t: kid,
			...(await exportJWK(publicKey)),
			x5c: [certificateDerBase64(pair.certificatePem)],
		};
		return new TokenKeys(privateKey, publicKey, jwk);
	}

	/** Signs claims as an RS256 JWT with `typ` JWT and `x5t`/`kid` headers like Entra; `lifetimeSeconds` sets `exp`. */
	async sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
		const now = Math.floor(Date.now() / 1000);
		return new SignJWT({ ...claims, iat: now, nbf: now, exp: now + lifetimeSeconds })
			.setProtectedHeader({ typ: 'JWT', alg: 'RS256', x5t: this.jwk.kid, kid: this.jwk.kid })
			.sign(this.privateKey);
	}

	/**
	 * Verifies signature, `aud` (BC), `iss` (`https://sts.windows.net/<tid>/` of one of `tenantIds`, matching the
	 * token's own `tid`) and `exp`/`nbf` of an access token.
	 * @throws TokenRejected with the reason
	 */
	async verifyAccessToken(token: string, tenantIds: string | string[]): Promise<AccessTokenClaims> {
		try {
			const { payload } = await jwtVerify(token, this.publicKey, {
				algorithms: ['RS256'],
				audience: BC_AUDIENCE,
				issuer: (Array.isArray(tenantIds) ? tenantIds : [tenantIds]).map(accessTokenIssuer),
			});
			if (typeof payload.tid !== 'string' || typeof payload.appid !== 'string' || typeof payload.oid !== 'string') {
				throw new TokenRejected('token lacks tid/appid/oid');
			}
			if (payload.iss !== accessTokenIssuer(payload.tid)) throw new TokenRejected('iss does not match tid');
			return payload as AccessTokenClaims;
		} catch (error) {
			if (error instanceof TokenRejected) throw error;
			throw new TokenRejected((error as Error).message);
		}
	}
}

/** `iss` of v1.0 access tokens (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference). */
export function accessTokenIssuer(tenantId: string): string {
	return `https://sts.windows.net/${tenantId}/`;
}

/** A new unique token id (`uti`-like claim). */
export function newTokenId(): string {
	return createHash('sha256').update(randomUUID()).digest('base64url').slice(0, 22);
}

/**
 * Loads or creates the demo certificate of the certificate app (`<stateDir>/demo-app.{crt,key}`), with its thumbprints.
 */
export function ensureDemoAppCertificate(
	stateDir: string,
): KeyAndCertificate & { thumbprintSha1: string; thumbprintSha256: string } {
	const pair = loadOrCreate(stateDir, 'demo-app', () =>
		createCertificate({
			commonName: 'n8n Business Central sandbox demo app',
			validityDays: 3650,
			extendedKeyUsage: ['clientAuth'],
		}),
	);
	const thumbprints = certificateThumbprints(pair.certificatePem);
	return { ...pair, thumbprintSha1: thumbprints.sha1, thumbprintSha256: thumbprints.sha256 };
}
