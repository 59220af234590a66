import type { ICredentialTestRequest } from 'n8n-workflow';

/**
 * The credential Test of every Business Central credential type: list the companies of the environment
 * (`GET <environment URL>/api/v2.0/companies`). n8n's credential tester answers with a rule's message when the
 * response status matches it, so the statuses whose cause is known get a fix instead of a bare "Unauthorized".
 *
 * @param unauthorized message for 401 (what BC rejected and how to fix it; BC's error codes:
 *   https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes)
 * @param notFound message for 404 (BC's `NoEnvironment` or a wrong instance URL; URL shapes:
 *   https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics)
 */
export function listCompaniesTest(unauthorized: string, notFound: string): ICredentialTestRequest {
	return {
		request: {
			baseURL: '={{ $credentials.environmentUrl }}',
			url: '/api/v2.0/companies',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: unauthorized } },
			{ type: 'responseCode', properties: { value: 404, message: notFound } },
		],
	};
}

/** 404 message of the online credential types. */
export const ONLINE_NOT_FOUND =
	'Business Central answered 404 Not Found: check the Environment name (as shown in the Business Central admin center, e.g. "production") and, for a custom cloud, the API Base URL';
