/** Company lookup by name (the Company resource locator's "By Name" mode). */
import { NodeOperationError } from 'n8n-workflow';

import { quoteString } from '../helpers/odata';
import { retryPolicyOf } from './options';
import { bcRequest, limiterKeyOf, type BcContext } from './request';

/** Resolved company ids by limiter key and name; names do not change ids, so entries live for the process. */
const companyIds = new Map<string, Promise<string>>();

/**
 * Looks up a company's id by its exact name (`GET companies?$filter=name eq '<name>'`, quotes doubled).
 * @throws NodeOperationError when no company has that name; NodeApiError for BC errors
 */
export async function resolveCompanyId(
	ctx: BcContext & { getItemIndex?: () => number },
	environmentUrl: string,
	name: string,
): Promise<string> {
	const limiterKey = limiterKeyOf(ctx, environmentUrl);
	const cacheKey = `${limiterKey}|${name}`;
	let lookup = companyIds.get(cacheKey);
	if (!lookup) {
		lookup = (async () => {
			const response = await bcRequest(
				ctx,
				{
					method: 'GET',
					url: '/api/v2.0/companies',
					baseURL: environmentUrl,
					qs: { $filter: `name eq ${quoteString(name)}`, $select: 'id,name' },
				},
				{ policy: retryPolicyOf(ctx), limiterKey, itemIndex: ctx.getItemIndex?.() },
			);
			const match = ((response.body as { value?: Array<{ id?: string; name?: string }> }).value ?? []).find(
				(c) => c.name === name,
			);
			if (!match?.id) {
				throw new NodeOperationError(ctx.getNode(), `Company: no company is named "${name}"`, {
					itemIndex: ctx.getItemIndex?.(),
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
