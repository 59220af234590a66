import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { allowUnencryptedHttpProperty } from './shared/cloudFields';
import { listCompaniesTest } from './shared/credentialTest';
import { signWithAccessKey } from './shared/signing';

/**
 * Business Central on-premises with a user's web service access key: HTTP Basic auth with the BC user name and
 * the key. BC online stopped accepting access keys in 2022.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-services-authentication
 */
export class BusinessCentralAccessKeyApi implements ICredentialType {
	name = 'businessCentralAccessKeyApi';

	displayName = 'Microsoft Dynamics 365 Business Central Access Key (On-Premises) API';

	documentationUrl =
		'https://github.com/n8n-nodes-business-central/n8n-nodes-business-central#on-premises-web-service-access-key';

	icon: Icon = { light: 'file:../icons/businessCentral.svg', dark: 'file:../icons/businessCentral.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Server Instance URL',
			name: 'serverUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://bc.contoso.com:7048/BC',
			description:
				'OData/API base of the server instance: scheme, host, the OData services port and the instance name, without /api',
		},
		{
			displayName: 'User Name',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ADMIN',
			description: 'The Business Central user name (as on the Users page), not the e-mail address',
		},
		{
			displayName: 'Web Service Access Key',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The user's Web Service Access Key (User Card → Web Service Access Key)",
		},
		allowUnencryptedHttpProperty(),
		{
			displayName: 'Environment URL',
			name: 'environmentUrl',
			type: 'hidden',
			default: '={{ String($self["serverUrl"] || "").trim().replace(/\\/+$/, "") }}',
		},
	];

	/** Signs a request with HTTP Basic auth (user name and access key): see {@link signWithAccessKey}. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await signWithAccessKey(credentials, requestOptions);
	}

	test: ICredentialTestRequest = listCompaniesTest(
		'Business Central rejected the user name or web service access key: use the Business Central user name (as on the Users page, not the e-mail) and a current web service access key from its User Card',
		'Business Central answered 404 Not Found: check the Server Instance URL (https://<server>:<port>/<instance>, without /api) and that API services are enabled on the instance',
	);
}
