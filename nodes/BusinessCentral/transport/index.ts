/**
 * The transport: everything about talking HTTP to Business Central lives here (sending through the credential,
 * concurrency limiter, throttling and retries, `@odata.nextLink` paging, error translation). It serves the action
 * node's operations, its list searches and load options, and a trigger's functions alike; it reads no node
 * parameter: callers pass {@link SendOptions}.
 */
export {
	IN_FLIGHT_LIMITS,
	limiterKey,
	type BatchSettings,
	type BcContext,
	type BcRequest,
	type RequestSigner,
	type SendOptions,
} from './request';
// The transport's one way to send: a write with `SendOptions.batch` is coalesced into `$batch` requests.
export { bcRequest } from './batch';
export { gathered } from './batch/gather';
export { runCredentials, runMemo } from './credentialCache';
export {
	asNodeError,
	bcNodeApiError,
	itemErrorDetails,
	outcomeOf,
	parseBcError,
	withOutcome,
	type BcErrorDetails,
	type ItemErrorDetails,
	type ItemOutcome,
} from './errors';
export { readCollection, readPage, type CollectionPage, type RecordCeiling } from './paging';
export { listCompanies, resolveCompanyId, type CompanySummary } from './companies';
export { entityJson } from './response';
export { DEFAULT_RETRY_POLICY, RETRY_LIMITS, boundedPolicy, type RetryPolicy } from './retry';
export {
	EDITOR_METADATA_MAX_AGE_MS,
	METADATA_TTL_MS,
	clearMetadataCache,
	metadataCacheStats,
	readMetadata,
	type RouteMetadata,
} from './metadata';
export {
	DEFAULT_ADMIN_API_VERSION,
	listEnvironments,
	type EnvironmentSource,
	type EnvironmentSummary,
} from './environments';
