/**
 * Errors shared by the credentials (which raise them) and the transport (which translates them for the user).
 *
 * Recognised by a marker property, never by `instanceof`: when n8n loads a second copy of this package's modules
 * (or of n8n-workflow), classes of one copy are not classes of the other, but the marker survives.
 */

const TOKEN_ERROR_MARKER = 'bcTokenError';

/** A token could not be obtained. `message` says what is wrong, `description` how to fix it; never holds a secret. */
export class BcTokenError extends Error {
	/** The AADSTS code or MSAL error code, when known (e.g. `AADSTS7000215`, `missing_tenant_id_error`). */
	readonly aadsts?: string;

	/** Multi-line help shown under the message (NodeApiError picks it up as its description). */
	readonly description: string;

	/** Marker read by {@link isBcTokenError}. */
	readonly kind = TOKEN_ERROR_MARKER;

	constructor(message: string, description: string, aadsts?: string) {
		super(message);
		this.name = 'BcTokenError';
		this.description = description;
		this.aadsts = aadsts;
	}
}

/** Whether `error` is a {@link BcTokenError} (of this or any other copy of the package). */
export function isBcTokenError(error: unknown): error is BcTokenError {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { kind?: unknown }).kind === TOKEN_ERROR_MARKER &&
		typeof (error as { message?: unknown }).message === 'string'
	);
}

const CREDENTIAL_ERROR_MARKER = 'bcCredentialError';

/**
 * A credential field cannot be used (a Tenant, Environment or URL that would change the request's URL or send a secret
 * unencrypted), found before anything was sent. A {@link BcTokenError} too, so {@link isBcTokenError} holds and the
 * transport shows `message` and `description` like a token problem; {@link isBcCredentialError} tells it apart.
 */
export class BcCredentialError extends BcTokenError {
	/** Property name of the field to fix, e.g. `tenantId`, `environment`, `apiBaseUrl`, `serverUrl`. */
	readonly field: string;

	/** Marker read by {@link isBcCredentialError}. */
	readonly credentialKind = CREDENTIAL_ERROR_MARKER;

	/**
	 * @param message what is wrong with which field and the fix (a problem text of core/credentialChecks.ts)
	 * @param field property name of the field
	 * @param description help shown under the message
	 */
	constructor(message: string, field: string, description: string) {
		super(message, description);
		this.name = 'BcCredentialError';
		this.field = field;
	}
}

/** Whether `error` is a {@link BcCredentialError} (of this or any other copy of the package). */
export function isBcCredentialError(error: unknown): error is BcCredentialError {
	return isBcTokenError(error) && (error as { credentialKind?: unknown }).credentialKind === CREDENTIAL_ERROR_MARKER;
}
