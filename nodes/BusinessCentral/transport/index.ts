/**
 * The transport: everything about talking HTTP to Business Central lives here (credential selection,
 * concurrency limiter, throttling and retries, `@odata.nextLink` paging, error translation).
 *
 * Every operation of the node runs through {@link executeBcOperation}, registered as the declarative
 * `operations.pagination` function. n8n's RoutingNode builds the request from the node's routing and preSends,
 * then hands it here instead of sending it itself.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bcRequest, limiterKeyOf, type BcContext } from './request';
import { asNodeError, errorItem, takeParkedError } from './itemErrors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { quoteString } from '../helpers/odata';

export { bcRequest, credentialTypeOf, limiterKeyOf, type BcContext, type BcRequest } from './request';
export { asNodeError, parkItemError } from './itemErrors';

/** Retry policy from the node's Retry Options. */
export function retryPolicyOf(ctx: BcContext): RetryPolicy {
	const options = ctx.getNodeParameter('retryOptions', {}) as { maxAttempts?: number; maxWaitSeconds?: number };
	return {
		...DEFAULT_RETRY_POLICY,
		maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts)),
		maxWaitMs: Math.max(1, options.maxWaitSeconds ?? DEFAULT_RETRY_POLICY.maxWaitMs / 1000) * 1000,
	};
}

/** Drops OData control information that is noise in n8n items; keeps `@odata.etag` (needed for updates). */
function toItemJson(entity: unknown): IDataObject {
	if (!entity || typeof entity !== 'object' || Array.isArray(entity)) return { value: entity as IDataObject[] };
	const rest: IDataObject = { ...(entity as IDataObject) };
	delete rest['@odata.context'];
	return rest;
}

/**
 * The n8n request options the transport keeps from RoutingNode: proxy, "Ignore SSL Issues" and the
 * credential's allowed domains (node setting "Request Options").
 */
function passthroughOf(options: DeclarativeRestApiSettings.HttpRequestOptions): Partial<IHttpRequestOptions> {
	return {
		proxy: options.proxy,
		allowedDomains: options.allowedDomains,
		...(options.skipSslCertificateValidation ? { skipSslCertificateValidation: options.skipSslCertificateValidation === true || options.skipSslCertificateValidation === 'true' } : {}),
	};
}

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
	if (limit === undefined) {
		delete qs.$top;
		return { qs, headers };
	}
	if (limit > MAX_PAGE_SIZE) {
		delete qs.$top;
		return { qs, headers };
	}
	qs.$top = limit;
	const preferKey = Object.keys(headers).find((k) => k.toLowerCase() === 'prefer');
	const pageSize = Number(/odata\.maxpagesize=(\d+)/.exec(String(preferKey ? headers[preferKey] : ''))?.[1] ?? MAX_PAGE_SIZE);
	if (preferKey && pageSize < limit) headers[preferKey] = `odata.maxpagesize=${limit}`;
	return { qs, headers };
}

/**
 * Reads every page of a collection, following `@odata.nextLink` verbatim (business-central-api.md §3.2),
 * until the last page or until `limit` items were read.
 */
async function readCollection(
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
	let response = await bcRequest(
		ctx,
		{
			method: 'GET',
			url: String(first.url),
			baseURL: first.baseURL,
			qs,
			headers,
			timeout: first.timeout,
			passthrough: passthroughOf(first),
		},
		{ policy, limiterKey, itemIndex },
	);
	for (;;) {
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
		response = await bcRequest(
			ctx,
			{
				method: 'GET',
				url: next,
				headers,
				timeout: first.timeout,
				passthrough: passthroughOf(first),
			},
			{ policy, limiterKey, itemIndex },
		);
	}
}

/**
 * Runs one item's request as prepared by RoutingNode and the operation's preSends (the declarative
 * `operations.pagination` hook). Get Many reads pages (Return All or up to Limit); other operations send once.
 * Output items carry `pairedItem`; with "Continue On Fail" an error becomes an error item in place.
 */
export async function executeBcOperation(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const paired = { item: itemIndex };
	const options = requestData.options;
	try {
		const parked = takeParkedError(options);
		if (parked) throw parked;
		const policy = retryPolicyOf(this);
		const limiterKey = limiterKeyOf(this, String(options.baseURL));
		const operation = this.getNodeParameter('operation') as string;
		const method = (options.method ?? 'GET') as IHttpRequestMethods;

		if (operation === 'getAll') {
			const returnAll = this.getNodeParameter('returnAll', false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', 50) as number);
			const records = await readCollection(this, options, limit, policy, limiterKey);
			return records.map((json) => ({ json, pairedItem: paired }));
		}

		const response = await bcRequest(
			this,
			{
				method,
				url: String(options.url),
				baseURL: options.baseURL,
				qs: options.qs,
				headers: options.headers,
				body: method === 'GET' || method === 'DELETE' ? undefined : (options.body as IDataObject),
				timeout: options.timeout,
				passthrough: passthroughOf(options),
			},
			{ policy, limiterKey, itemIndex },
		);
		if (method === 'DELETE') {
			return [{ json: { deleted: true, id: this.getNodeParameter('recordId', '') as string }, pairedItem: paired }];
		}
		return [{ json: toItemJson(response.body), pairedItem: paired }];
	} catch (error) {
		const nodeError = asNodeError(this.getNode(), error, itemIndex);
		if (this.continueOnFail()) return [errorItem(nodeError, itemIndex)];
		throw nodeError;
	}
}

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
