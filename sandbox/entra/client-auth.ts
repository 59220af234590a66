/**
 * Client authentication at the token endpoint: client secret (form body or HTTP Basic, RFC 6749 section 2.3.1,
 * https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1; https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow)
 * or a client assertion JWT signed with the app's registered certificate (https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials), verified with jose.
 */
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type ProtectedHeaderParameters } from 'jose';
import type { EntraApp } from './apps';
import type { EntraContext } from './context';
import { AADSTS, EntraError } from './errors';
import { thumbprintToBase64Url } from './keys';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Client id and secret from an `Authorization: Basic` header, form-decoded as RFC 6749 section 2.3.1 requires; `rawSecret` keeps the
 * undecoded value for clients that skip the encoding (a secret with `+` or `%` would otherwise never match). */
export function parseBasicClientCredentials(
	authorization: string | undefined,
): { clientId: string; secret: string; rawSecret: string } | undefined {
	if (!authorization || !/^basic /i.test(authorization)) return undefined;
	const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	const decode = (value: string) => {
		try {
			return decodeURIComponent(value.replace(/\+/g, ' '));
		} catch {
			return value;
		}
	};
	return {
		clientId: decode(decoded.slice(0, colon)),
		secret: decode(decoded.slice(colon + 1)),
		rawSecret: decoded.slice(colon + 1),
	};
}

/** Parsed Basic client credentials. */
export type BasicClientCredentials = NonNullable<ReturnType<typeof parseBasicClientCredentials>>;

/** How the client proved its identity; `appidacr` claim: 1 = secret, 2 = certificate. */
export type ClientAuthMethod = 'secret' | 'certificate';

/**
 * Authenticates the app named by `clientId`.
 * @param form token request form
 * @param basic credentials from the Basic header, if any
 * @param tokenEndpointUrls accepted `aud` values for assertions (the URL the client posted to, in its tenant spellings)
 * @throws EntraError AADSTS7000218 (no credential), 7000215 (wrong secret), 900144/900023 (assertion type),
 *   50027 (malformed, wrong aud/iss/sub), 700027 (unknown key / bad signature), 700024 (expired)
 */
export async function authenticateClient(
	ctx: EntraContext,
	app: EntraApp,
	form: URLSearchParams,
	basic: BasicClientCredentials | undefined,
	tokenEndpointUrls: string[],
): Promise<ClientAuthMethod> {
	const assertion = form.get('client_assertion');
	if (assertion) {
		const type = form.get('client_assertion_type');
		if (!type) throw new EntraError(AADSTS.missingParameter('client_assertion_type'));
		if (type !== JWT_BEARER_ASSERTION_TYPE) throw new EntraError(AADSTS.unsupportedAssertionType(type));
		await verifyClientAssertion(ctx, app, assertion, tokenEndpointUrls);
		return 'certificate';
	}
	const secret = form.get('client_secret') ?? basic?.secret;
	if (!secret) throw new EntraError(AADSTS.missingClientCredential());
	const matches =
		app.secrets.includes(secret) ||
		(!form.get('client_secret') && basic !== undefined && app.secrets.includes(basic.rawSecret));
	if (!matches) throw new EntraError(AADSTS.invalidClientSecret(app.clientId));
	return 'secret';
}

async function verifyClientAssertion(
	ctx: EntraContext,
	app: EntraApp,
	assertion: string,
	audiences: string[],
): Promise<void> {
	let header: ProtectedHeaderParameters;
	try {
		header = decodeProtectedHeader(assertion);
	} catch {
		throw new EntraError(AADSTS.invalidAssertion('The client assertion is not a JWT.'));
	}
	const alg = header.alg === 'PS256' || header.alg === 'RS256' ? header.alg : undefined;
	if (!alg) throw new EntraError(AADSTS.invalidAssertion(`Unsupported signing algorithm '${String(header.alg)}'.`));
	const x5tS256 = typeof header['x5t#S256'] === 'string' ? (header['x5t#S256'] as string) : undefined;
	const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
	const given = x5tS256 ?? x5t;
	const givenHex = given ? Buffer.from(given, 'base64url').toString('hex').toUpperCase() : '';
	const certificate = app.certificate;
	const matches =
		!!certificate &&
		((x5tS256 !== undefined && x5tS256 === thumbprintToBase64Url(certificate.thumbprintSha256)) ||
			(x5tS256 === undefined && x5t !== undefined && x5t === thumbprintToBase64Url(certificate.thumbprintSha1)));
	if (!matches)
		throw new EntraError(AADSTS.invalidAssertionSignature('The key was not found.', givenHex, app.clientId));
	const key = await ctx.clientCertificateKey(app.clientId, alg);
	if (!key) throw new EntraError(AADSTS.invalidAssertionSignature('The key was not found.', givenHex, app.clientId));
	try {
		await jwtVerify(assertion, key, {
			algorithms: [alg],
			audience: audiences,
			issuer: app.clientId,
			subject: app.clientId,
			requiredClaims: ['exp', 'aud', 'iss', 'sub'],
			clockTolerance: 300,
		});
	} catch (error) {
		if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
			throw new EntraError(AADSTS.invalidAssertionSignature('The signature is not valid.', givenHex, app.clientId));
		}
		if (error instanceof joseErrors.JWTExpired) throw new EntraError(AADSTS.assertionExpired());
		if (error instanceof joseErrors.JWTClaimValidationFailed) {
			if (error.claim === 'nbf') throw new EntraError(AADSTS.assertionExpired());
			throw new EntraError(AADSTS.invalidAssertion(`Claim '${error.claim}' is not valid: ${error.reason}.`));
		}
		throw new EntraError(AADSTS.invalidAssertion((error as Error).message));
	}
}
