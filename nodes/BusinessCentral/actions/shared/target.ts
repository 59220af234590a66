/**
 * Where a record operation works: API route, entity set, company and (for one record) its key. Shared by the record
 * operations' preSends: {@link readRecordTarget} checks the parameters (no request), {@link recordUrl} resolves a
 * company given by name (the first request an item may send) and writes the URL.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { keyPredicate, toQueryString } from '../../../../core/odata';
import type { CatalogAccess } from '../../catalog';
import { resolveCompanyId } from '../../transport';
import { sendOptionsOf } from '../settings';
import { headerKey } from '../../../../core/headers';
import { MAX_PAGE_SIZE, MAX_URL_LENGTH, MAX_URL_SEGMENT_LENGTH } from '../../../../core/constants';
import { fail, readBoolean, readCollectionParameter, readInteger } from './parameters';
import { readApiRoute, readCompany, readEntitySet, readRecordId, type CompanyRef } from './validation';
import { readExpand, readOrderBy, readSelect } from './readQuery';

/** The checked address of a record operation. */
export interface RecordTarget {
	/** API route, e.g. `v2.0` or `contoso/app1/v1.0`. */
	route: string;
	entitySet: string;
	company: CompanyRef;
	/** The record key for single-record operations. */
	key?: string;
}

/**
 * Reads and checks API route, entity set (allowing `access` on catalog routes), company and, with `withKey`, the
 * Record ID, in this order.
 * @throws NodeOperationError naming the field
 */
export function readRecordTarget(ctx: IExecuteSingleFunctions, access: CatalogAccess, withKey: boolean): RecordTarget {
	const route = readApiRoute(ctx);
	const entitySet = readEntitySet(ctx, route, access);
	const company = readCompany(ctx);
	const key = withKey ? readRecordId(ctx, route) : undefined;
	return { route, entitySet, company, key };
}

/** The company id, looking the name up (once per process) when the company was given by name. */
export async function companyIdOf(
	ctx: IExecuteSingleFunctions,
	company: CompanyRef,
	requestOptions: IHttpRequestOptions,
): Promise<string> {
	if ('id' in company) return company.id;
	const environmentUrl = String(requestOptions.baseURL);
	return await resolveCompanyId(
		ctx,
		environmentUrl,
		company.name,
		sendOptionsOf(ctx, environmentUrl, ctx.getItemIndex()),
	);
}

/**
 * Sets the request URL `/api/<route>/companies(<id>)/<entitySet>[(<key>)]`. Call it last in a preSend: it may send
 * the company-name lookup, and everything must be checked before the first request.
 */
export async function recordUrl(
	ctx: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	target: RecordTarget,
): Promise<IHttpRequestOptions> {
	const id = await companyIdOf(ctx, target.company, requestOptions);
	const key = target.key ? keyPredicate(target.key) : '';
	requestOptions.url = `/api/${target.route}/companies(${id})/${target.entitySet}${key}`;
	return requestOptions;
}

/** Query options an operation offers in its Options collection (and Return All/Limit for Get Many). */
export type QueryOption = 'select' | 'expand' | 'orderBy' | 'pageSize' | 'limit';

/**
 * Writes the operation's query options into the request from their checked values (replacing whatever routing copied
 * from the raw parameters): `$select` (Select + Select Field Names or IDs), `$expand`, `$orderby` (Order By + Order By
 * Fields), `Prefer: odata.maxpagesize` (1 to 20,000) and `$top`
 * (Limit, when Return All is off).
 * @throws NodeOperationError naming the option for a value of the wrong type, range or shape
 */
export function applyQueryOptions(
	ctx: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	offered: QueryOption[],
): void {
	const qs = (requestOptions.qs = requestOptions.qs ?? {});
	const headers = (requestOptions.headers = requestOptions.headers ?? {});
	for (const key of ['$select', '$expand', '$orderby', '$top']) delete qs[key];
	const prefer = headerKey(headers, 'prefer');
	if (prefer) delete headers[prefer];
	if (offered.includes('select')) qs.$select = readSelect(ctx) || undefined;
	if (offered.includes('orderBy')) qs.$orderby = readOrderBy(ctx) || undefined;
	if (offered.includes('expand')) qs.$expand = readExpand(ctx) || undefined;
	const options = readCollectionParameter(ctx, 'options', 'Options');
	if (offered.includes('pageSize') && options.pageSize !== undefined) {
		const pageSize = readInteger(ctx, 'options.pageSize', 'Options → Page Size', {
			min: 1,
			max: MAX_PAGE_SIZE,
			fallback: 1000,
		});
		headers.Prefer = `odata.maxpagesize=${pageSize}`;
	}
	if (offered.includes('limit')) {
		const limit = readLimit(ctx);
		if (limit !== undefined) qs.$top = limit;
	}
	for (const key of Object.keys(qs)) if (qs[key] === undefined) delete qs[key];
}

/** Most records a Limit may ask for. */
const MAX_LIMIT = 1_000_000_000;

/** The number of records Get Many reads: undefined for Return All, else the Limit (a whole number ≥ 1). */
export function readLimit(ctx: IExecuteSingleFunctions): number | undefined {
	if (readBoolean(ctx, 'returnAll', 'Return All', false)) return undefined;
	return readInteger(ctx, 'limit', 'Limit', { min: 1, max: MAX_LIMIT, fallback: 50 });
}

/** The field a query option comes from, for messages. */
const QUERY_OPTION_FIELDS: Record<string, string> = {
	$filter: 'Filter / Filter Conditions',
	$select: 'Options → Select',
	$expand: 'Options → Expand',
	$orderby: 'Options → Order By',
};

/**
 * Checks the finished request against URL limits before it is sent: the whole URL at most {@link MAX_URL_LENGTH}
 * characters and each path segment at most {@link MAX_URL_SEGMENT_LENGTH}; the error names the field that made it
 * long (the largest query option, or the Record ID).
 * @throws NodeOperationError naming the field
 */
export function checkUrlLength(ctx: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): void {
	const path = String(requestOptions.url ?? '');
	const query = toQueryString(requestOptions.qs ?? {});
	const length = String(requestOptions.baseURL ?? '').length + path.length + (query ? query.length + 1 : 0);
	const longSegment = path.split('/').find((segment) => segment.length > MAX_URL_SEGMENT_LENGTH);
	if (longSegment) {
		fail(
			ctx,
			`Record ID: the key makes the URL segment ${longSegment.length} characters long, at most ${MAX_URL_SEGMENT_LENGTH} are allowed`,
			'Business Central (HTTP.sys) refuses longer path segments; use a shorter key, or filter with Get Many instead.',
		);
	}
	if (length <= MAX_URL_LENGTH) return;
	const [largest] = Object.entries(requestOptions.qs ?? {})
		.map(([key, value]) => [key, toQueryString({ [key]: value }).length] as const)
		.sort((a, b) => b[1] - a[1]);
	const field = largest ? (QUERY_OPTION_FIELDS[largest[0]] ?? largest[0]) : 'Record ID';
	fail(
		ctx,
		`${field}: the request URL would be ${length.toLocaleString('en-US')} characters long, at most ${MAX_URL_LENGTH.toLocaleString('en-US')} are allowed`,
		'Shorten it: filter on fewer values per request (split the items), or select fewer fields.',
	);
}
