/**
 * A route's live `$metadata` (`GET <environment URL>/api/<route>/$metadata`), read through the transport and cached
 * per credential, environment and route (the limiter key + route): BC's metadata is per environment, not per company
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api).
 * One request serves every item of a run for {@link METADATA_TTL_MS}; concurrent readers share one request; a failed
 * read is not cached. `refresh` reads again whatever the copy's age (the node's "Refresh Metadata" option, once per
 * run); `maxAgeMs` shortens the reuse for one caller (the editor's dropdowns and field mapper use
 * {@link EDITOR_METADATA_MAX_AGE_MS}, so their refresh buttons get a fresh copy: n8n's load-options and
 * resource-mapper methods receive no "refresh" flag, a refresh is the same call again).
 */
import { liveCatalog } from '../catalog/live';
import { parseEdmx } from '../catalog/edmx';
import type { CatalogSource } from '../catalog';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { bcRequest, type BcContext, type SendOptions } from './request';

/** How long a route's `$metadata` is reused, in ms (10 minutes; an extension installed meanwhile shows after it). */
export const METADATA_TTL_MS = 10 * 60 * 1000;

/**
 * How old a cached `$metadata` the editor accepts, in ms (1 minute): one editor session's burst of dropdowns shares a
 * read, and the field list's refresh button shows an extension installed more than a minute ago.
 */
export const EDITOR_METADATA_MAX_AGE_MS = 60 * 1000;

/** A route's parsed metadata with the figures of the read that produced it. */
export interface RouteMetadata {
	/** The route's entity sets and fields (read-only flags from the shipped catalog where it knows the set). */
	source: CatalogSource;
	/** Size of the EDMX document, in bytes (UTF-8). */
	bytes: number;
	/** Time of the request and parsing, in ms. */
	ms: number;
	/** When it was read (ms since epoch). */
	fetchedAt: number;
}

interface Entry {
	promise: Promise<RouteMetadata>;
	/** Set once the promise resolved. */
	fetchedAt?: number;
}

const cache = new Map<string, Entry>();
const counters = { hits: 0, misses: 0 };

/** Cache hits and misses since the process started (or the last {@link clearMetadataCache}). */
export function metadataCacheStats(): { hits: number; misses: number; entries: number } {
	return { ...counters, entries: cache.size };
}

/** Forgets every cached `$metadata` and resets the counters. */
export function clearMetadataCache(): void {
	cache.clear();
	counters.hits = 0;
	counters.misses = 0;
}

function textOf(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	throw new Error('Business Central answered $metadata with something that is not XML');
}

/**
 * The `$metadata` of `route` in the credential's environment, from the cache or read now.
 * @param environmentUrl the credential's environment URL (online) or instance URL (on-premises)
 * @param route API route: `v2.0`, `microsoft/automation/v2.0` or `<publisher>/<group>/<version>`
 * @param send how to send (credential type, retries, limiter key — the cache key's first part)
 * @param options `refresh`: read again even if a cached copy is fresh; `maxAgeMs`: reuse a copy only if it is at most
 *   this old, in ms (default and upper bound {@link METADATA_TTL_MS}); `passthrough`: proxy/TLS request options
 * @throws NodeApiError for BC errors (e.g. 404 for a route the environment does not have); Error when the answer is
 *   not an EDMX document
 */
export async function readMetadata(
	ctx: BcContext,
	environmentUrl: string,
	route: string,
	send: SendOptions,
	options: { refresh?: boolean; maxAgeMs?: number; passthrough?: Partial<IHttpRequestOptions> } = {},
): Promise<RouteMetadata> {
	const refresh = options.refresh === true;
	const maxAgeMs = Math.min(options.maxAgeMs ?? METADATA_TTL_MS, METADATA_TTL_MS);
	const key = `${send.limiterKey}|${route}`;
	const cached = cache.get(key);
	const fresh = cached && (cached.fetchedAt === undefined || Date.now() - cached.fetchedAt < maxAgeMs);
	if (cached && fresh && !refresh) {
		counters.hits++;
		return await cached.promise;
	}
	counters.misses++;
	const entry: Entry = { promise: Promise.resolve(undefined as unknown as RouteMetadata) };
	entry.promise = (async () => {
		const started = performance.now();
		const response = await bcRequest(
			ctx,
			{
				method: 'GET',
				url: `/api/${route}/$metadata`,
				baseURL: environmentUrl,
				headers: { Accept: 'application/xml' },
				passthrough: { encoding: 'text' },
			},
			send,
		);
		const xml = textOf(response.body);
		const source = liveCatalog(parseEdmx(xml, route), route);
		const fetchedAt = Date.now();
		entry.fetchedAt = fetchedAt;
		return { source, bytes: Buffer.byteLength(xml, 'utf8'), ms: Math.round(performance.now() - started), fetchedAt };
	})();
	cache.set(key, entry);
	entry.promise.catch(() => {
		if (cache.get(key) === entry) cache.delete(key);
	});
	return await entry.promise;
}
