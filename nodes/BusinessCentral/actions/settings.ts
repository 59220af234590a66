/**
 * What the node's parameters say about sending: the credential type, the retry policy and the limiter key
 * ({@link SendOptions} for the transport), and the request RoutingNode prepared, as a transport request.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IExecuteSingleFunctions,
	IExecutePaginationFunctions,
	IHookFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { signWithAccessKey, signWithClientCredentials } from '../../../credentials/shared/signing';
import { CREDENTIAL_TYPES, DEFAULT_REQUESTS_IN_FLIGHT } from '../../../core/constants';
import {
	allowsUnencryptedHttp,
	checkCredentialFields,
	checkEnvironmentUrl,
	CREDENTIAL_FIELD_DESCRIPTION,
} from '../../../core/credentialChecks';
import {
	DEFAULT_RETRY_POLICY,
	IN_FLIGHT_LIMITS,
	limiterKey,
	RETRY_LIMITS,
	type BcRequest,
	type RequestSigner,
	type RetryPolicy,
	type SendOptions,
} from '../transport';
import {
	readCollectionParameter,
	readInteger,
	readNumber,
	fail,
	readOption,
	type ParameterContext,
} from './shared/parameters';

/**
 * The node contexts that read these settings: a declarative item (preSend, pagination), a list search, and the
 * trigger's poll, webhook-method (hook) and webhook functions.
 */
type NodeContext =
	| IExecuteSingleFunctions
	| IExecutePaginationFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** The `authentication` option values: the three credential types. */
const CREDENTIAL_TYPE_OPTIONS = Object.values(CREDENTIAL_TYPES);

/**
 * The credential type the node is set to use (its `authentication` parameter), one of the three.
 * @throws NodeOperationError naming Authentication for any other value
 */
export function credentialTypeOf(ctx: NodeContext): string {
	return readOption(
		ctx as ParameterContext,
		'authentication',
		'Authentication',
		CREDENTIAL_TYPE_OPTIONS,
		CREDENTIAL_TYPES.clientCredentials,
	);
}

/**
 * Retry policy from the node's Retry Options: Max Attempts 1–10, Max Wait 1–600 s.
 * @throws NodeOperationError naming the option for a value of the wrong type or outside its range
 */
export function retryPolicyOf(ctx: NodeContext): RetryPolicy {
	const params = ctx as ParameterContext;
	const options = readCollectionParameter(params, 'retryOptions', 'Retry Options');
	const maxAttempts =
		options.maxAttempts === undefined
			? DEFAULT_RETRY_POLICY.maxAttempts
			: readInteger(params, 'retryOptions.maxAttempts', 'Retry Options → Max Attempts', {
					...RETRY_LIMITS.maxAttempts,
					fallback: DEFAULT_RETRY_POLICY.maxAttempts,
				});
	const maxWaitSeconds =
		options.maxWaitSeconds === undefined
			? DEFAULT_RETRY_POLICY.maxWaitMs / 1000
			: readNumber(params, 'retryOptions.maxWaitSeconds', 'Retry Options → Max Wait (Seconds)', {
					...RETRY_LIMITS.maxWaitSeconds,
					fallback: DEFAULT_RETRY_POLICY.maxWaitMs / 1000,
				});
	return { ...DEFAULT_RETRY_POLICY, maxAttempts, maxWaitMs: maxWaitSeconds * 1000 };
}

/**
 * Retry Options → Requests in Flight (1–20), undefined when not set (the transport's default of 8,
 * {@link DEFAULT_REQUESTS_IN_FLIGHT}).
 * @throws NodeOperationError naming the option for a value of the wrong type or outside its range
 */
export function maxInFlightOf(ctx: NodeContext): number | undefined {
	const params = ctx as ParameterContext;
	const options = readCollectionParameter(params, 'retryOptions', 'Retry Options');
	if (options.maxInFlight === undefined) return undefined;
	return readInteger(params, 'retryOptions.maxInFlight', 'Retry Options → Requests in Flight', {
		...IN_FLIGHT_LIMITS,
		fallback: DEFAULT_REQUESTS_IN_FLIGHT,
	});
}

/**
 * The signing function of the credentials the node signs itself (app-only and access key), so the transport reads
 * such a credential once per node run instead of once per request; none for the delegated OAuth2 credential, whose
 * token refresh and storage live in n8n.
 */
const SIGNERS: Partial<Record<string, RequestSigner>> = {
	[CREDENTIAL_TYPES.clientCredentials]: signWithClientCredentials,
	[CREDENTIAL_TYPES.accessKey]: signWithAccessKey,
};

/**
 * How the transport sends for this node: its credential type, retry policy, the limiter of its credential and
 * environment, and the credential's signing function where the node signs itself.
 * @param environmentUrl the credential's environment URL (the request's base URL)
 * @param itemIndex the input item, when sending for one
 */
export function sendOptionsOf(ctx: NodeContext, environmentUrl: string, itemIndex?: number): SendOptions {
	const credentialType = credentialTypeOf(ctx);
	const credentialId = ctx.getNode().credentials?.[credentialType]?.id ?? credentialType;
	return {
		credentialType,
		policy: retryPolicyOf(ctx),
		limiterKey: limiterKey(credentialId, environmentUrl),
		maxInFlight: maxInFlightOf(ctx),
		itemIndex,
		sign: SIGNERS[credentialType],
	};
}

/**
 * The n8n request options the transport keeps from RoutingNode: proxy, "Ignore SSL Issues" and the
 * credential's allowed domains (node setting "Request Options").
 */
function passthroughOf(options: DeclarativeRestApiSettings.HttpRequestOptions): Partial<IHttpRequestOptions> {
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

/**
 * The request RoutingNode and the operation's preSend prepared, as a {@link BcRequest}; GET and DELETE carry no body.
 */
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

/**
 * The node's credential, checked before any request carries it: its fields (tenant, environment, URLs, user name;
 * the same rules the credentials apply when they sign a request) and the environment URL the node uses as its base
 * (https unless the credential allows unencrypted HTTP; no dot segments, query, fragment or user info). The delegated
 * OAuth2 credential is signed by n8n itself, so this is where its fields are checked.
 * @returns the decrypted credential data
 * @throws NodeOperationError naming the credential field and the fix
 */
export async function checkedCredentials(ctx: NodeContext): Promise<Record<string, unknown>> {
	const credentialType = credentialTypeOf(ctx);
	const credentials = ((await ctx.getCredentials(credentialType)) ?? {}) as Record<string, unknown>;
	const problem = checkCredentialFields(credentialType, credentials);
	if (problem) fail(ctx as ParameterContext, problem.problem, CREDENTIAL_FIELD_DESCRIPTION);
	const urlProblem = checkEnvironmentUrl(String(credentials.environmentUrl ?? ''), allowsUnencryptedHttp(credentials));
	if (urlProblem) fail(ctx as ParameterContext, urlProblem, CREDENTIAL_FIELD_DESCRIPTION);
	return credentials;
}

/** An environment name as BC online allows it (letters, digits, `-` and `_`, at most 30 characters). */
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/;

/**
 * The environment chosen in the node's Environment parameter ('' for the credential's own).
 * @throws NodeOperationError naming Environment for an invalid name, or any name with an on-premises credential
 */
export function readEnvironmentOverride(ctx: NodeContext): string {
	const params = ctx as ParameterContext;
	const raw = params.getNodeParameter('environment', '') as { value?: unknown } | string | undefined;
	const value = String((typeof raw === 'object' ? raw?.value : raw) ?? '').trim();
	if (!value) return '';
	if (!ENVIRONMENT_NAME.test(value))
		fail(
			params,
			`Environment: "${value.slice(0, 60)}" is not an environment name`,
			'Pick the environment from the list, e.g. Production.',
		);
	if (credentialTypeOf(ctx) === CREDENTIAL_TYPES.accessKey)
		fail(
			params,
			'Environment: on-premises has no environments',
			"Leave Environment empty; the credential's Server Instance URL decides.",
		);
	return value;
}

/**
 * The environment URL requests go to: the credential's, or the same tenant's environment chosen in the node
 * (`<API base>/<tenant>/<environment>`: the last path segment replaced).
 * @throws NodeOperationError naming Environment (see {@link readEnvironmentOverride})
 */
export function environmentUrlOf(ctx: NodeContext, credentials: Record<string, unknown>): string {
	const url = String(credentials.environmentUrl ?? '').replace(/\/+$/, '');
	const environment = readEnvironmentOverride(ctx);
	return environment ? url.replace(/\/[^/]*$/, `/${encodeURIComponent(environment)}`) : url;
}
