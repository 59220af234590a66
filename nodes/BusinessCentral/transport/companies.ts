/** Companies: lookup by name (the Company resource locator's "By Name" mode) and the environment's list. */
import { NodeOperationError } from 'n8n-workflow';

import { API_ROUTES } from '../../../core/constants';
import { quoteString } from '../../../core/odata';
import { readCollection } from './paging';
import { bcRequest, type BcContext, type BcRequest, type SendOptions } from './request';

/** Resolved company ids by limiter key and name; names do not change ids, so entries live for the process. */
const companyIds = new Map<string, Promise<string>>();

/**
 * Looks up a company's id by its exact name (`GET companies?$filter=name eq '<name>'`, quotes doubled), once per
 * process, credential, environment and name.
 * @param environmentUrl the credential's environment URL
 * @returns the company id (GUID)
 * @throws NodeOperationError when no company has that name; NodeApiError for BC errors
 */
export async function resolveCompanyId(
	ctx: BcContext,
	environmentUrl: string,
	name: string,
	send: SendOptions,
): Promise<string> {
	const cacheKey = `${send.limiterKey}|${name}`;
	let lookup = companyIds.get(cacheKey);
	if (!lookup) {
		lookup = (async () => {
			const response = await bcRequest(
				ctx,
				{
					method: 'GET',
					url: `/api/${API_ROUTES.standard}/companies`,
					baseURL: environmentUrl,
					qs: { $filter: `name eq ${quoteString(name)}`, $select: 'id,name' },
				},
				send,
			);
			const match = ((response.body as { value?: Array<{ id?: string; name?: string }> }).value ?? []).find(
				(c) => c.name === name,
			);
			if (!match?.id) {
				throw new NodeOperationError(ctx.getNode(), `Company: no company is named "${name}"`, {
					itemIndex: send.itemIndex,
					description: 'Company names are exact and case-sensitive; pick the company from the list instead.',
				});
			}
			return match.id;
		})();
		companyIds.set(cacheKey, lookup);
		lookup.catch(() => companyIds.delete(cacheKey));
	}
	return await lookup;
}

/** A company of the environment as {@link listCompanies} gives it. */
export interface CompanySummary {
	/** The company id (GUID). */
	id: string;
	/** The company name (unique in the environment). */
	name: string;
}

/**
 * Every company of the environment (`GET /api/v2.0/companies?$select=id,name`, every page), in BC's order (by name).
 * Shared by Get Many's All Companies and the trigger's All Companies polling.
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_company_get
 * @throws NodeApiError for BC errors
 */
export async function listCompanies(
	ctx: BcContext,
	environmentUrl: string,
	send: SendOptions,
	passthrough?: BcRequest['passthrough'],
): Promise<CompanySummary[]> {
	const rows = await readCollection(
		ctx,
		{
			method: 'GET',
			url: `/api/${API_ROUTES.standard}/companies`,
			baseURL: environmentUrl,
			qs: { $select: 'id,name' },
			passthrough,
		},
		undefined,
		send,
	);
	return rows.map((row) => ({ id: String(row.id), name: String(row.name) }));
}
