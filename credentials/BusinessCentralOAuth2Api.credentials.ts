import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { BC_SCOPE } from '../core/constants';
import {
	AUTHORITY_HOST_EXPRESSION,
	cloudProperties,
	environmentProperty,
	environmentUrlProperty,
	pathSegmentExpression,
} from './shared/cloudFields';
import { listCompaniesTest, ONLINE_NOT_FOUND } from './shared/credentialTest';

/**
 * Expression for an endpoint of the tenant's authority: `<authority host>/<tenant, or organizations><path>`, the
 * tenant percent-encoded (one path segment whatever was entered) and the host https:// unless the local-testing
 * switch is on.
 */
function tenantEndpointExpression(path: string): string {
	return `={{ ${AUTHORITY_HOST_EXPRESSION} + "/" + ${pathSegmentExpression('tenantId', 'organizations')} + "${path}" }}`;
}

/**
 * Delegated sign-in to Business Central online (OAuth 2.0 authorization code with refresh), through n8n's own
 * OAuth2 machinery (`extends: ['oAuth2Api']`). Client ID and secret come from the parent type.
 * Model: n8n's MicrosoftDataverseOAuth2Api (hidden authUrl/accessTokenUrl/scope built from the tenant).
 *
 * n8n signs and sends these requests itself, without a hook of this type, so the fields are made safe in the hidden
 * URL expressions (Tenant and Environment percent-encoded into single path segments, http:// turned into https://
 * unless "Allow Unencrypted HTTP (Local Testing Only)") and checked when used: the node checks the fields and the
 * environment URL (core/credentialChecks.ts) before it sends a request.
 */
export class BusinessCentralOAuth2Api implements ICredentialType {
	name = 'businessCentralOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Dynamics 365 Business Central OAuth2 API';

	documentationUrl =
		'https://github.com/n8n-nodes-business-central/n8n-nodes-business-central#delegated-sign-in-oauth2';

	icon: Icon = { light: 'file:../icons/businessCentral.svg', dark: 'file:../icons/businessCentral.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		...cloudProperties,
		{
			displayName: 'Tenant',
			name: 'tenantId',
			type: 'string',
			default: 'organizations',
			required: true,
			placeholder: 'contoso.onmicrosoft.com',
			description:
				'Directory (tenant) ID GUID or verified domain of the Business Central tenant; "organizations" lets users of any tenant sign in (multi-tenant app registrations)',
		},
		environmentProperty,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: tenantEndpointExpression('/oauth2/v2.0/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: tenantEndpointExpression('/oauth2/v2.0/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// offline_access gives the refresh token n8n uses to renew the one-hour access token.
			default: `${BC_SCOPE} offline_access`,
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'prompt=select_account',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		environmentUrlProperty,
	];

	test: ICredentialTestRequest = listCompaniesTest(
		'Business Central rejected the signed-in user (401): the user needs a Business Central license and permission sets in this environment; reconnect with such a user',
		ONLINE_NOT_FOUND,
	);
}
