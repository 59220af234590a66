import type { ICredentialTestRequest } from 'n8n-workflow';

/**
 * The credential Test of every Business Central credential type: list the companies of the environment
 * (`GET <environment URL>/api/v2.0/companies`). n8n's credential tester answers with a rule's message when the
 * response status matches it, so the statuses whose cause is known get a fix instead of a bare "Unauthorized".
 *
 * @param unauthorized message for 401 (what BC rejected and how to fix it; business-central-api.md §4.1, §7.1)
 * @param notFound message for 404 (BC's `NoEnvironment` or a wrong instance URL; business-central-api.md §1.1)
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
