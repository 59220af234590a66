import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPES, GLOBAL_API_BASE_URL } from '../../core/constants';
import {
	allowsUnencryptedHttp,
	checkCredentialFields,
	checkRequestUrl,
	CREDENTIAL_FIELD_DESCRIPTION,
	CREDENTIAL_FIELDS,
	requestUrlOf,
} from '../../core/credentialChecks';
import { BcCredentialError } from '../../core/errors';

const REQUEST_DESCRIPTION = `Nothing was sent. The credential sends its token or access key only over https:// (http:// only with "${CREDENTIAL_FIELDS.allowUnencryptedHttp}", for a local test server) and only to the host of its own API Base URL or Server Instance URL.`;

/**
 * Refuses a request before the credential signs it: every URL field of the credential must pass its check
 * (core/credentialChecks.ts), and the request must go over https:// (http:// only with the local-testing switch) to
 * the host of the API Base URL (online) or Server Instance URL (on-premises), without user info.
 *
 * @param credentialType `businessCentralClientCredentialsApi` or `businessCentralAccessKeyApi`
 * @param credentials the decrypted credential data
 * @param requestOptions the request about to be signed (`url` or `uri`, `baseURL`)
 * @param secret what the request would carry, for the message, e.g. `the access token`
 * @throws BcCredentialError naming the field (or the request URL) and the fix; its text never holds a secret
 */
export function assertSendable(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	secret: string,
): void {
	const fieldProblem = checkCredentialFields(credentialType, credentials);
	if (fieldProblem) throw new BcCredentialError(fieldProblem.problem, fieldProblem.field, CREDENTIAL_FIELD_DESCRIPTION);
	const onPremises = credentialType === CREDENTIAL_TYPES.accessKey;
	const expected = onPremises
		? { field: CREDENTIAL_FIELDS.serverUrl, url: String(credentials.serverUrl ?? '') }
		: {
				field: CREDENTIAL_FIELDS.apiBaseUrl,
				url: credentials.cloud === 'custom' ? String(credentials.apiBaseUrl ?? '') : GLOBAL_API_BASE_URL,
			};
	const { url, uri, baseURL } = requestOptions as IHttpRequestOptions & { uri?: string };
	const requestProblem = checkRequestUrl(
		requestUrlOf(url ?? uri, baseURL),
		allowsUnencryptedHttp(credentials),
		secret,
		expected,
	);
	if (requestProblem)
		throw new BcCredentialError(requestProblem, onPremises ? 'serverUrl' : 'apiBaseUrl', REQUEST_DESCRIPTION);
}

/** `headers` without any Authorization header (whatever its case). */
export function withoutAuthorization(
	headers: IHttpRequestOptions['headers'],
): NonNullable<IHttpRequestOptions['headers']> {
	const copy = { ...(headers ?? {}) };
	for (const key of Object.keys(copy)) if (key.toLowerCase() === 'authorization') delete copy[key];
	return copy;
}
