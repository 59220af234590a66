/**
 * preSend functions: check the item's parameters and turn them into the Business Central request
 * (URL, `$filter`, body, If-Match). They run before any request of the item is sent.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { accessOf } from '../catalog';
import { asNodeError, parkItemError, resolveCompanyId } from '../transport';
import { keyPredicate } from './odata';
import {
	checkPropertyList,
	readApiRoute,
	readBody,
	readCompany,
	readEntitySet,
	readFilter,
	readIfMatch,
	readRawFilter,
	readRecordId,
	type CompanyRef,
} from './validation';

type PreSend = (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/**
 * Wraps a preSend so that, with "Continue On Fail", its error is parked for the transport (which emits it with
 * `pairedItem`) instead of being thrown; see transport/itemErrors.ts.
 */
function guarded(prepare: PreSend): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		try {
			return await prepare.call(this, requestOptions);
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, this.getItemIndex());
			if (!this.continueOnFail()) throw nodeError;
			parkItemError(requestOptions, nodeError);
			return requestOptions;
		}
	};
}

/** The company id, looking the name up when the company was given by name. */
async function companyId(ctx: IExecuteSingleFunctions, ref: CompanyRef, environmentUrl: string): Promise<string> {
	return 'id' in ref ? ref.id : await resolveCompanyId(ctx, environmentUrl, ref.name);
}

/** Checks the $select/$orderby options that routing copied into the query ($expand may nest, BC checks it). */
function checkQueryOptions(ctx: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): void {
	const qs = requestOptions.qs ?? {};
	checkPropertyList(ctx, 'Select', qs.$select);
	checkPropertyList(ctx, 'Order By', qs.$orderby, true);
}

/** Record operations: `/api/<route>/companies(<id>)/<entitySet>[(<key>)]` plus filter, body and If-Match. */
export const prepareRecordRequest: PreSend = guarded(async function (this, requestOptions) {
	const operation = this.getNodeParameter('operation') as string;
	const route = readApiRoute(this);
	const entitySet = readEntitySet(this, route, accessOf(operation));
	const company = readCompany(this);
	const key = ['get', 'update', 'delete'].includes(operation) ? readRecordId(this, route) : undefined;
	requestOptions.qs = requestOptions.qs ?? {};
	requestOptions.headers = requestOptions.headers ?? {};
	checkQueryOptions(this, requestOptions);
	if (operation === 'getAll') {
		const filter = readFilter(this, route, entitySet);
		if (filter) requestOptions.qs.$filter = filter;
	}
	if (operation === 'create' || operation === 'update') requestOptions.body = readBody(this, route, entitySet);
	else delete requestOptions.body;
	if (operation === 'update' || operation === 'delete') requestOptions.headers['If-Match'] = readIfMatch(this);
	// Everything is checked; only now may a request (the company-name lookup) be sent.
	const id = await companyId(this, company, String(requestOptions.baseURL));
	requestOptions.url = `/api/${route}/companies(${id})/${entitySet}${key ? keyPredicate(key) : ''}`;
	return requestOptions;
});

/** Company operations: `/api/v2.0/companies[(<id>)]`. */
export const prepareCompanyRequest: PreSend = guarded(async function (this, requestOptions) {
	const operation = this.getNodeParameter('operation') as string;
	requestOptions.qs = requestOptions.qs ?? {};
	checkQueryOptions(this, requestOptions);
	if (operation === 'getAll') {
		const raw = readRawFilter(this);
		if (raw) requestOptions.qs.$filter = raw;
		requestOptions.url = '/api/v2.0/companies';
		return requestOptions;
	}
	const id = await companyId(this, readCompany(this), String(requestOptions.baseURL));
	requestOptions.url = `/api/v2.0/companies(${id})`;
	return requestOptions;
});
