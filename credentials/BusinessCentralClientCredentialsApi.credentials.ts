import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { cloudProperties, environmentProperty, environmentUrlProperty } from './shared/cloudFields';
import { adminConsentNoticeProperty } from './shared/consentFields';
import { listCompaniesTest, ONLINE_NOT_FOUND } from './shared/credentialTest';
import { MANAGED_IDENTITY_CLIENT_ID_FIELD } from './shared/managedIdentityToken';
import { signWithClientCredentials } from './shared/signing';

/**
 * App-only (service-to-service) access to Business Central online: OAuth 2.0 client credentials with a client
 * secret or a certificate, tokens from `@azure/msal-node`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication);
 * or, when n8n runs on Azure, the managed identity of its VM / App Service / container (no secret at all;
 * shared/managedIdentityToken.ts).
 *
 * Why `authenticate` is an async function and there is no `preAuthentication` + expirable `accessToken`:
 * n8n's server calls `preAuthentication` only when the expirable property is empty or after a 401, and then
 * stores the token in the credential. The stored token would be used until BC rejects it, so every expiry costs
 * a failed BC request per item in flight, and the token lands in the database. Calling MSAL in `authenticate`
 * instead asks MSAL's in-memory cache on every request; MSAL renews the token before it expires, and
 * `acquireBcToken` single-flights concurrent callers, which gives exactly one token request per lifetime per
 * credential in a process, however many items and executions. After a 401, n8n core runs `authenticate` again on
 * the same request options; the Bearer header still holds the rejected token, which tells `acquireBcToken` to
 * fetch one fresh token (skipCache) before the single retry.
 *
 * Before any of that, `authenticate` checks the fields that become part of a URL (Tenant, Environment, and for a
 * custom cloud API Base URL and Authority Host; core/credentialChecks.ts) and the URL it is about to sign (https://
 * unless "Allow Unencrypted HTTP (Local Testing Only)", on the API Base URL's host), so a bad value fails with a
 * message naming the field, and nothing is sent: no token request, no Business Central request.
 */
export class BusinessCentralClientCredentialsApi implements ICredentialType {
	name = 'businessCentralClientCredentialsApi';

	displayName = 'Microsoft Dynamics 365 Business Central Client Credentials (S2S) API';

	documentationUrl =
		'https://github.com/n8n-nodes-business-central/n8n-nodes-business-central#app-only-client-credentials-s2s';

	icon: Icon = { light: 'file:../icons/businessCentral.svg', dark: 'file:../icons/businessCentral.dark.svg' };

	properties: INodeProperties[] = [
		...cloudProperties,
		{
			displayName: 'Tenant',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'contoso.onmicrosoft.com',
			description: 'Directory (tenant) ID GUID or verified domain of the Business Central tenant',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: 'Application (client) ID of the Microsoft Entra app registration',
			displayOptions: { hide: { clientAuthentication: ['managedIdentity'] } },
		},
		adminConsentNoticeProperty,
		{
			displayName: 'Client Authentication',
			name: 'clientAuthentication',
			type: 'options',
			options: [
				{ name: 'Client Secret', value: 'secret' },
				{ name: 'Certificate', value: 'certificate' },
				{ name: 'Managed Identity (n8n on Azure)', value: 'managedIdentity' },
			],
			default: 'secret',
			description: 'How the app proves its identity to Microsoft Entra ID',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The secret's Value (shown once when the secret is created), not its Secret ID",
			displayOptions: { show: { clientAuthentication: ['secret'] } },
		},
		{
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'PEM certificate uploaded to the app registration; its thumbprint is computed from it',
			displayOptions: { show: { clientAuthentication: ['certificate'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'Unencrypted PEM private key of the certificate',
			displayOptions: { show: { clientAuthentication: ['certificate'] } },
		},
		{
			displayName: MANAGED_IDENTITY_CLIENT_ID_FIELD,
			name: 'managedIdentityClientId',
			type: 'string',
			default: '',
			placeholder: 'empty = system-assigned identity',
			description:
				"Client ID of a user-assigned managed identity of the VM / App Service / container running n8n; leave empty for its system-assigned identity. The Tenant is the identity's directory.",
			displayOptions: { show: { clientAuthentication: ['managedIdentity'] } },
		},
		environmentProperty,
		environmentUrlProperty,
	];

	/** Signs a request with an app-only token: see {@link signWithClientCredentials}. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await signWithClientCredentials(credentials, requestOptions);
	}

	test: ICredentialTestRequest = listCompaniesTest(
		'Microsoft Entra ID issued a token, but Business Central rejected it (401): add the app on the "Microsoft Entra Applications" page in Business Central, set State to Enabled and assign permission sets',
		ONLINE_NOT_FOUND,
	);
}
