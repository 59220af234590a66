/**
 * Where a record operation works: API route, entity set, company and (for one record) its key. Shared by the record
 * operations' preSends: {@link readRecordTarget} checks the parameters (no request), {@link recordUrl} resolves a
 * company given by name (the first request an item may send) and writes the URL.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { keyPredicate } from '../../../../core/odata';
import type { CatalogAccess } from '../../catalog';
import { resolveCompanyId } from '../../transport';
import { sendOptionsOf } from '../settings';
import {
	checkPropertyList,
	readApiRoute,
	readCompany,
	readEntitySet,
	readRecordId,
	type CompanyRef,
} from './validation';

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

/** Checks the `$select`/`$orderby` options that routing copied into the query (`$expand` may nest; BC checks it). */
export function checkQueryOptions(ctx: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): void {
	requestOptions.qs = requestOptions.qs ?? {};
	requestOptions.headers = requestOptions.headers ?? {};
	checkPropertyList(ctx, 'Select', requestOptions.qs.$select);
	checkPropertyList(ctx, 'Order By', requestOptions.qs.$orderby, true);
}
