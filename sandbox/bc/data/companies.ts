import { derivedGuid } from '../store/guid';
import type { Row } from '../store/table';

/**
 * Company names per environment: a CRONUS demo company and one whose name needs escaping in URLs
 * and filters (comma, apostrophe, ampersand, umlaut).
 */
export const COMPANY_NAMES = ['CRONUS USA, Inc.', "Müller & O'Brien GmbH"];

/**
 * Company rows exactly as the real `GET /companies` capture shapes them (test/fixtures/bc-companies-list-sandbox.json;
 * properties: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_company): no `@odata.etag`, numeric `timestamp`,
 * `displayName` may be "", system user `00000000-0000-0000-0000-000000000001`, ms-trimmed datetimes.
 * Ids are derived from environment + name, so they are stable across starts.
 * @param names the environment's company names (default {@link COMPANY_NAMES})
 */
export function companyRows(environment: string, names: string[] = COMPANY_NAMES): Row[] {
	return names.map((name, i) => ({
		id: derivedGuid(`company/${environment}/${name}`),
		systemVersion: '24.5.23489.23968',
		timestamp: 3972 + i * 17,
		name,
		displayName: i === 0 ? name : '',
		businessProfileId: '',
		systemCreatedAt: i === 0 ? '2024-06-05T23:05:22.84Z' : '2024-06-07T09:14:03.5Z',
		systemCreatedBy: '00000000-0000-0000-0000-000000000001',
		systemModifiedAt: i === 0 ? '2024-06-05T23:05:22.84Z' : '2024-06-07T09:14:03.5Z',
		systemModifiedBy: '00000000-0000-0000-0000-000000000001',
	}));
}
