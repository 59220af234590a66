/**
 * How the app-only and access-key credentials sign a request, as functions: the credential types' `authenticate`
 * methods call them, and so does the node's transport when it signs with a credential it read once per node run
 * (nodes/BusinessCentral/transport/credentialCache.ts), so both ways of sending carry exactly the same checks and
 * headers.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { BC_RESOURCE, BC_SCOPE, CREDENTIAL_TYPES, GLOBAL_AUTHORITY_HOST } from '../../core/constants';
import { headerValue } from '../../core/headers';
import { acquireBcToken } from './clientCredentialsToken';
import { acquireManagedIdentityToken } from './managedIdentityToken';
import { assertSendable, withoutAuthorization } from './requestGuard';

/**
 * Signs a request with an app-only access token (client secret, certificate or managed identity), from MSAL's
 * in-memory cache. Called again on the same options after Business Central answered 401: the Bearer header still
 * holds the rejected token, which makes the token functions fetch one fresh token (skipCache).
 * @param credentials the decrypted `businessCentralClientCredentialsApi` data
 * @param requestOptions the request about to be sent; its headers are replaced (Authorization added)
 * @returns the same options object, signed
 * @throws BcCredentialError naming the field, before any token request; token errors (AADSTS codes) from MSAL
 */
export async function signWithClientCredentials(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// Before MSAL: a bad Tenant never reaches the token service, and no token goes to a changed or http:// URL.
	assertSendable(CREDENTIAL_TYPES.clientCredentials, credentials, requestOptions, 'the access token');
	const previous = headerValue(requestOptions.headers, 'authorization');
	const failedToken = previous?.startsWith('Bearer ') ? previous.slice('Bearer '.length) : undefined;
	if (credentials.clientAuthentication === 'managedIdentity') {
		const identityToken = await acquireManagedIdentityToken(
			{ clientId: String(credentials.managedIdentityClientId ?? ''), resource: BC_RESOURCE },
			failedToken,
		);
		requestOptions.headers = {
			...withoutAuthorization(requestOptions.headers),
			Authorization: `Bearer ${identityToken}`,
		};
		requestOptions.sendCredentialsOnCrossOriginRedirect = false;
		return requestOptions;
	}
	const useCertificate = credentials.clientAuthentication === 'certificate';
	const token = await acquireBcToken(
		{
			authorityHost: (credentials.cloud === 'custom' ? String(credentials.authorityHost ?? '') : GLOBAL_AUTHORITY_HOST)
				.trim()
				.replace(/\/+$/, ''),
			tenantId: String(credentials.tenantId ?? ''),
			clientId: String(credentials.clientId ?? ''),
			clientSecret: useCertificate ? undefined : String(credentials.clientSecret ?? ''),
			certificatePem: useCertificate ? String(credentials.certificate ?? '') : undefined,
			privateKeyPem: useCertificate ? String(credentials.privateKey ?? '') : undefined,
			scope: BC_SCOPE,
		},
		failedToken,
	);
	requestOptions.headers = { ...withoutAuthorization(requestOptions.headers), Authorization: `Bearer ${token}` };
	// n8n's HTTP client would otherwise copy the header onto a redirect to another host or to http://.
	requestOptions.sendCredentialsOnCrossOriginRedirect = false;
	return requestOptions;
}

/**
 * Signs a request with HTTP Basic auth: `Authorization: Basic base64(utf8("<user name>:<access key>"))`, the header
 * n8n's generic `auth: { username, password }` produced (through axios and Node's http module) before this was a
 * function. First it checks the Server Instance URL and User Name (core/credentialChecks.ts) and that the request
 * goes over https:// (http:// only with "Allow Unencrypted HTTP (Local Testing Only)") to the Server Instance URL's
 * host; otherwise nothing is sent.
 * @param credentials the decrypted `businessCentralAccessKeyApi` data
 * @param requestOptions the request about to be sent; its headers are replaced (Authorization added)
 * @returns the same options object, signed
 * @throws BcCredentialError naming the field, before anything carries the access key
 */
export async function signWithAccessKey(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	assertSendable(CREDENTIAL_TYPES.accessKey, credentials, requestOptions, 'the web service access key');
	const userAndKey = `${String(credentials.username ?? '')}:${String(credentials.password ?? '')}`;
	delete requestOptions.auth;
	requestOptions.headers = {
		...withoutAuthorization(requestOptions.headers),
		Authorization: `Basic ${Buffer.from(userAndKey, 'utf8').toString('base64')}`,
	};
	// n8n's HTTP client would otherwise copy the header onto a redirect to another host or to http://.
	requestOptions.sendCredentialsOnCrossOriginRedirect = false;
	return requestOptions;
}
