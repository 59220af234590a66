/** Per-item settings of the transport taken from the node: retry policy, n8n request options, item shaping. */
import type { DeclarativeRestApiSettings, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { BcContext, BcRequest } from './request';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

/** Retry policy from the node's Retry Options. */
export function retryPolicyOf(ctx: BcContext): RetryPolicy {
	const options = ctx.getNodeParameter('retryOptions', {}) as { maxAttempts?: number; maxWaitSeconds?: number };
	return {
		...DEFAULT_RETRY_POLICY,
		maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts)),
		maxWaitMs: Math.max(1, options.maxWaitSeconds ?? DEFAULT_RETRY_POLICY.maxWaitMs / 1000) * 1000,
	};
}

/**
 * The n8n request options the transport keeps from RoutingNode: proxy, "Ignore SSL Issues" and the
 * credential's allowed domains (node setting "Request Options").
 */
export function passthroughOf(options: DeclarativeRestApiSettings.HttpRequestOptions): Partial<IHttpRequestOptions> {
	return {
		proxy: options.proxy,
		allowedDomains: options.allowedDomains,
		...(options.skipSslCertificateValidation
			? {
					skipSslCertificateValidation:
						options.skipSslCertificateValidation === true || options.skipSslCertificateValidation === 'true',
				}
			: {}),
	};
}

/** The request RoutingNode and the operation's preSends prepared, as a {@link BcRequest}; GET and DELETE carry no body. */
export function requestOf(options: DeclarativeRestApiSettings.HttpRequestOptions): BcRequest {
	const method = (options.method ?? 'GET') as IHttpRequestMethods;
	return {
		method,
		url: String(options.url),
		baseURL: options.baseURL,
		qs: options.qs,
		headers: options.headers,
		body: method === 'GET' || method === 'DELETE' ? undefined : (options.body as IDataObject),
		timeout: options.timeout,
		passthrough: passthroughOf(options),
	};
}

/** Drops OData control information that is noise in n8n items; keeps `@odata.etag` (needed for updates). */
export function toItemJson(entity: unknown): IDataObject {
	if (!entity || typeof entity !== 'object' || Array.isArray(entity)) return { value: entity as IDataObject[] };
	const rest: IDataObject = { ...(entity as IDataObject) };
	delete rest['@odata.context'];
	return rest;
}
