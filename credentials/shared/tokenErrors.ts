/**
 * Translation of Microsoft Entra ID token errors into fixes (codes: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes).
 * Messages never contain the client secret, the private key or a token.
 */
import { BcTokenError } from '../../core/errors';

/** What a fix may name: the admin-consent URL of the credential's tenant and app (no secret in it). */
interface FixContext {
	/** `<authority>/adminconsent?client_id=<client id>`, or a placeholder text when the client id is unknown. */
	adminConsentUrl: string;
}

interface TokenErrorFix {
	/** Matches the AADSTS number or MSAL error code in the error text. */
	pattern: RegExp;
	message: string;
	description: string | ((context: FixContext) => string);
}

/** The steps that make a multi-tenant app usable in a customer's tenant. */
function consentSteps({ adminConsentUrl }: FixContext): string {
	return (
		`An administrator of this tenant opens this admin-consent URL, signs in and accepts: ${adminConsentUrl} (consent creates the app's service principal in the tenant). ` +
		'Then, in Business Central of that tenant, they add the app on the "Microsoft Entra Applications" page with State Enabled and permission sets. ' +
		'The app registration must be multi-tenant ("Accounts in any organizational directory") with the application permission Dynamics 365 Business Central → API.ReadWrite.All.'
	);
}

const FIXES: TokenErrorFix[] = [
	{
		pattern: /AADSTS7000215/,
		message: 'Microsoft Entra ID rejected the client secret',
		description:
			"Enter the secret's Value (shown only once, when the secret is created under Certificates & secrets), not its Secret ID. If the value is lost, create a new client secret.",
	},
	{
		pattern: /AADSTS7000222/,
		message: 'The client secret has expired',
		description:
			'Create a new client secret in the app registration (Certificates & secrets) and paste its Value here.',
	},
	{
		pattern: /AADSTS700016/,
		message: 'The application (client) ID was not found in this tenant',
		// Entra's text for both causes: "…has not been installed by the administrator of the tenant or consented to…".
		description: (context) =>
			'Either the Client ID or the Tenant is wrong (check the Application ID on the app registration overview), or the app has no admin consent in this tenant yet. ' +
			consentSteps(context),
	},
	{
		pattern: /AADSTS90002|invalid_tenant/,
		message: 'The tenant was not found',
		description:
			'Enter the Directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com, and check that the Cloud matches the tenant (global vs. a national cloud).',
	},
	{
		pattern: /AADSTS65001|consent_required/,
		message: 'Admin consent is missing for the Business Central API permission',
		description: (context) =>
			'In the app registration, add the API permission Dynamics 365 Business Central → API.ReadWrite.All (application) or Financials.ReadWrite.All (delegated) and click "Grant admin consent" (in the home tenant). For a customer\'s tenant: ' +
			consentSteps(context),
	},
	{
		pattern: /AADSTS700027|AADSTS700023|invalid_client_assertion/,
		message: 'Microsoft Entra ID rejected the certificate',
		description:
			'Upload the certificate (public part, .cer/.pem) to the app registration under Certificates & secrets, and use the matching private key here.',
	},
	{
		pattern: /AADSTS7000218/,
		message: 'No client secret or certificate was sent',
		description: 'Enter the client secret value, or choose Certificate and paste the certificate and its private key.',
	},
	{
		pattern: /AADSTS1002012|AADSTS70011|invalid_scope/,
		message: 'The Business Central scope was rejected',
		description:
			'The app must request https://api.businesscentral.dynamics.com/.default; check that the Business Central API is available in this cloud.',
	},
	{
		pattern: /AADSTS500011|invalid_resource/,
		message: 'Business Central is not available in this tenant',
		description:
			'The tenant has no Business Central (Dynamics 365 Business Central service principal). Check the tenant.',
	},
	{
		pattern: /missing_tenant_id_error/,
		message: 'App-only sign-in needs a specific tenant',
		description:
			'Enter the Directory (tenant) ID GUID or verified domain; "common" and "organizations" only work for delegated sign-in.',
	},
	{
		// MSAL reads <authority>/v2.0/.well-known/openid-configuration before the token request; Entra answers it with
		// AADSTS90002 for an unknown tenant, which MSAL reports only as "endpoints cannot be resolved".
		pattern: /endpoints_resolution_error|openid_config_error/,
		message: 'The tenant was not found (or the authority host is wrong)',
		description:
			'Enter the Directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com, and check the Cloud / Authority Host: the token service could not describe this tenant.',
	},
	{
		pattern: /untrusted_authority|authority_uri_insecure|url_parse_error/,
		message: 'The authority host cannot be used',
		description:
			'The Authority Host must be an https:// URL of a Microsoft Entra ID (or compatible) token service, without the tenant.',
	},
];

/** Removes anything that could be a secret from a text before it is shown. */
function scrub(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('***');
	return out.replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***');
}

/**
 * The admin-consent URL of an app in a tenant: `<authority host>/<tenant>/adminconsent?client_id=<client id>`
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent; without `redirect_uri` Entra returns
 * to the app's registered redirect URI). Holds no secret.
 * @param authority `<authority host>/<tenant>` without trailing slash
 */
export function adminConsentUrl(authority: string, clientId: string): string {
	return `${authority}/adminconsent?client_id=${encodeURIComponent(clientId.trim())}`;
}

/**
 * Turns an MSAL (or network) error into a {@link BcTokenError}.
 * @param error what MSAL threw (AuthError/ServerError with `errorCode`, `errorMessage`), or a network error
 * @param authority the authority URL (no secret) for the message
 * @param secrets values to scrub from any text that is passed through (client secret, private key)
 * @param clientId the app's client id, for the admin-consent URL in consent fixes (AADSTS700016, AADSTS65001)
 */
export function translateTokenError(
	error: unknown,
	authority: string,
	secrets: string[],
	clientId?: string,
): BcTokenError {
	const e = (error ?? {}) as { errorCode?: string; errorMessage?: string; message?: string; code?: string };
	const text = `${e.errorCode ?? ''} ${e.errorMessage ?? ''} ${e.message ?? ''}`;
	const aadsts = /AADSTS\d+/.exec(text)?.[0] ?? e.errorCode;
	const fix = FIXES.find((f) => f.pattern.test(text));
	const firstLine = scrub((e.errorMessage || e.message || '').split(/\r?\n/)[0] ?? '', secrets).trim();
	if (fix) {
		const context: FixContext = {
			adminConsentUrl: clientId
				? adminConsentUrl(authority, clientId)
				: `${authority}/adminconsent?client_id=<Client ID>`,
		};
		const description = typeof fix.description === 'function' ? fix.description(context) : fix.description;
		return new BcTokenError(
			fix.message,
			`${scrub(description, secrets)}\n\nMicrosoft Entra ID said: ${firstLine}`,
			aadsts,
		);
	}
	if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|network|self.signed|certificate/i.test(text)) {
		return new BcTokenError(
			`Could not reach the token service at ${authority}`,
			`Check the Authority Host and the network (proxy, firewall, TLS trust). Details: ${firstLine}`,
			aadsts,
		);
	}
	return new BcTokenError(
		'Could not get an access token from Microsoft Entra ID',
		`Token service ${authority} answered: ${firstLine || 'no details'}`,
		aadsts,
	);
}
