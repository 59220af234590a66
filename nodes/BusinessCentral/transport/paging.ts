/** Server-driven paging of Get Many: `$top`/page size for a Limit, and `@odata.nextLink` following. */
import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOf, toItemJson } from './options';
import { headerKey } from './headers';
import { bcRequest, type BcRequest } from './request';
import type { RetryPolicy } from './retry';

/** BC online's largest page (business-central-api.md §3.2). */
const MAX_PAGE_SIZE = 20_000;

/**
 * Query and headers for reading up to `limit` records. BC answers a `$top` request without `@odata.nextLink`
 * (business-central-api.md §3.1), so with a limit the page must hold it: `$top=limit` and a page size of at least
 * `limit`. Limits above one page are read by paging without `$top`.
 */
function topAndPageSize(
	first: DeclarativeRestApiSettings.HttpRequestOptions,
	limit: number | undefined,
): { qs: IDataObject; headers: IDataObject } {
	const qs: IDataObject = { ...(first.qs ?? {}) };
	const headers: IDataObject = { ...(first.headers ?? {}) };
	if (limit === undefined || limit > MAX_PAGE_SIZE) {
		delete qs.$top;
		return { qs, headers };
	}
	qs.$top = limit;
	const preferKey = headerKey(headers, 'prefer');
	const pageSize = Number(
		/odata\.maxpagesize=(\d+)/.exec(String(preferKey ? headers[preferKey] : ''))?.[1] ?? MAX_PAGE_SIZE,
	);
	if (preferKey && pageSize < limit) headers[preferKey] = `odata.maxpagesize=${limit}`;
	return { qs, headers };
}

/**
 * Reads every page of a collection, following `@odata.nextLink` verbatim (business-central-api.md §3.2),
 * until the last page or until `limit` items were read.
 */
export async function readCollection(
	ctx: IExecutePaginationFunctions,
	first: DeclarativeRestApiSettings.HttpRequestOptions,
	limit: number | undefined,
	policy: RetryPolicy,
	limiterKey: string,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const itemIndex = ctx.getItemIndex();
	const origin = new URL(String(first.baseURL)).origin;
	const { qs, headers } = topAndPageSize(first, limit);
	const firstPage: BcRequest = { ...requestOf(first), method: 'GET', qs, headers };
	let page = firstPage;
	for (;;) {
		const response = await bcRequest(ctx, page, { policy, limiterKey, itemIndex });
		const body = (response.body ?? {}) as { value?: unknown; '@odata.nextLink'?: unknown };
		if (!Array.isArray(body.value)) {
			throw new NodeOperationError(ctx.getNode(), 'Business Central answered without a "value" list', {
				itemIndex,
				description: 'The URL did not address an entity set. Check the entity set name.',
			});
		}
		records.push(...body.value.map(toItemJson));
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		const next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
		if (!next) return records;
		if (new URL(next).origin !== origin) {
			throw new NodeOperationError(ctx.getNode(), 'Business Central returned a next-page link to another host', {
				itemIndex,
				description: `Refusing to send credentials to ${new URL(next).origin}.`,
			});
		}
		// Later pages are addressed by their absolute `@odata.nextLink`, which already carries the query options.
		page = { ...firstPage, url: next, baseURL: undefined, qs: undefined };
	}
}
