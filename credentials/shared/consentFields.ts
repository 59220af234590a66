import type { INodeProperties } from 'n8n-workflow';

/**
 * Notice in the client-credentials dialog: the admin-consent URL pattern for a customer's tenant
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent) and the Business Central step after it
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication).
 * n8n renders a notice's text as given (no expressions), so the concrete URL for this credential's Tenant and Client
 * ID appears in the error of its test or first request while consent is missing (credentials/shared/tokenErrors.ts).
 */
export const adminConsentNoticeProperty: INodeProperties = {
	displayName:
		'Customer\'s tenant, multi-tenant app: before the first use, an administrator of that tenant opens https://login.microsoftonline.com/&lt;Tenant&gt;/adminconsent?client_id=&lt;Client ID&gt; and accepts, then adds the app on Business Central\'s "Microsoft Entra Applications" page of that tenant. While consent is missing, the credential test shows this URL with your values.',
	name: 'adminConsentNotice',
	type: 'notice',
	default: '',
};
