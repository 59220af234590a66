/**
 * Server-driven paging of collections: `$top`/page size for a limit, and `@odata.nextLink` following.
 * Source: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/Server-Driven-Paging-in-OData-Web-Services
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../../core/constants';
import { headerKey } from '../../../core/headers';
import { bcRequest, type BcContext, type BcRequest, type SendOptions } from './request';
import { entityJson } from './response';

/**
 * Query and headers for reading up to `limit` records. BC answers a `$top` request without `@odata.nextLink`, so
 * with a limit the page must hold it: `$top=limit` and a page size of at least `limit`. Limits above one page are
 * read by paging without `$top`.
 */
function topAndPageSize(first: BcRequest, limit: number | undefined): { qs: IDataObject; headers: IDataObject } {
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

/** A bound on the records one read may return, and the error when a collection holds more. */
export interface RecordCeiling {
	/** Most records (items). */
	records: number;
	/** The error thrown as soon as more than `records` were read (no further page is read). */
	tooMany(read: number): Error;
}

/** The records of one page and the link to the next, if any. */
export interface CollectionPage {
	records: IDataObject[];
	/** The page's `@odata.nextLink` (absolute, same host as the first request), or undefined on the last page. */
	nextLink?: string;
}

/**
 * Reads one page of a collection: `first` as given (a first page, or an absolute `@odata.nextLink` with `baseURL`
 * undefined).
 * @param originOf the origin later pages must stay on (the environment URL's); called after the answer (a malformed
 *   base URL is refused by the credential first, with a message naming the field)
 * @throws NodeOperationError when BC answers without a `value` list or links to another host; NodeApiError for BC errors
 */
export async function readPage(
	ctx: BcContext,
	page: BcRequest,
	send: SendOptions,
	originOf: () => string,
): Promise<CollectionPage> {
	const response = await bcRequest(ctx, page, send);
	const origin = originOf();
	const body = (response.body ?? {}) as { value?: unknown; '@odata.nextLink'?: unknown };
	if (!Array.isArray(body.value)) {
		throw new NodeOperationError(ctx.getNode(), 'Business Central answered without a "value" list', {
			itemIndex: send.itemIndex,
			description: 'The URL did not address an entity set. Check the entity set name.',
		});
	}
	const records = body.value.map((record) => entityJson(record));
	const next = typeof body['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
	if (next && new URL(next).origin !== origin) {
		throw new NodeOperationError(ctx.getNode(), 'Business Central returned a next-page link to another host', {
			itemIndex: send.itemIndex,
			description: `Refusing to send credentials to ${new URL(next).origin}.`,
		});
	}
	return { records, nextLink: next };
}

/**
 * Reads every page of a collection, following `@odata.nextLink` verbatim, until the last page or until `limit`
 * records were read. Later pages go only to the first request's host (credentials are never sent elsewhere).
 *
 * @param first the first page's request (GET; `baseURL` is the environment URL)
 * @param limit most records to return; undefined for all
 * @param ceiling with no limit: stop and throw its error as soon as more records than it allows were read
 * @returns the records as item JSON (`@odata.context` dropped)
 * @throws NodeOperationError when BC answers without a `value` list or links to another host; NodeApiError for BC errors;
 *   the ceiling's error
 */
export async function readCollection(
	ctx: BcContext,
	first: BcRequest,
	limit: number | undefined,
	send: SendOptions,
	ceiling?: RecordCeiling,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	// Computed after the first answer: a malformed base URL is refused by the credential with a message naming the field.
	let origin: string | undefined;
	const originOf = (): string => (origin ??= new URL(String(first.baseURL ?? first.url)).origin);
	const firstPage: BcRequest = { ...first, method: 'GET', ...topAndPageSize(first, limit) };
	let page = firstPage;
	for (;;) {
		const { records: pageRecords, nextLink } = await readPage(ctx, page, send, originOf);
		for (const record of pageRecords) records.push(record);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		if (limit === undefined && ceiling && records.length > ceiling.records) throw ceiling.tooMany(records.length);
		if (!nextLink) return records;
		// Later pages are addressed by their absolute `@odata.nextLink`, which already carries the query options.
		page = { ...firstPage, url: nextLink, baseURL: undefined, qs: undefined };
	}
}
