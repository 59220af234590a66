/**
 * Helpers for the data-layer tests: a `createBcApi` instance and a request builder that fills the
 * fields the HTTP layer would (environment, API route, service root URL, correlation id).
 */
import { createBcApi, type BcApiExtendedOptions } from '../../../sandbox/bc';
import type { BcApi, BcApiResponse } from '../../../sandbox/contracts';

export const ROOT = 'https://127.0.0.1:7048/v2.0/11111111-2222-3333-4444-555555555555/production/api/v2.0';
export const CORRELATION_ID = '7c3f3f0e-1d2b-4c55-9b1e-0a5c3e2d4f61';

/** Options of one request. */
export interface CallOptions {
	query?: string;
	body?: unknown;
	headers?: Record<string, string>;
	environment?: string;
	apiRoute?: string;
}

/** A response with the body typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Res = BcApiResponse & { body: any };

/** A data layer plus shortcuts used by every suite. */
export class TestApi {
	readonly api: BcApi;

	constructor(options: BcApiExtendedOptions = {}) {
		this.api = createBcApi(options);
	}

	/** Id of the first company ("CRONUS USA, Inc.") of an environment. */
	companyId(environment = 'production', index = 0): string {
		const list = this.api.companies(environment);
		return list.find((c) => c.name === ['CRONUS USA, Inc.', "Müller & O'Brien GmbH"][index])!.id;
	}

	async call(method: string, resourcePath: string, o: CallOptions = {}): Promise<Res> {
		const environment = o.environment ?? 'production';
		const apiRoute = o.apiRoute ?? 'v2.0';
		return (await this.api.handle({
			method,
			environment,
			apiRoute,
			resourcePath,
			rawQuery: o.query ?? '',
			headers: Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
			body: o.body,
			serviceRootUrl: ROOT.replace('/production/', `/${environment}/`).replace(/api\/v2\.0$/, `api/${apiRoute}`),
			principal: { id: 'app-1', kind: 'app', name: 'test app' },
			correlationId: CORRELATION_ID,
		})) as Res;
	}

	get(path: string, query = '', headers: Record<string, string> = {}): Promise<Res> {
		return this.call('GET', path, { query, headers });
	}

	/** `companies(<id>)/<set>` of the first company. */
	path(rest: string, companyIndex = 0): string {
		return `companies(${this.companyId('production', companyIndex)})/${rest}`;
	}

	/** Follows a nextLink (absolute URL under {@link ROOT}) as a client would. */
	follow(nextLink: string, headers: Record<string, string> = {}): Promise<Res> {
		if (!nextLink.startsWith(`${ROOT}/`)) throw new Error(`nextLink outside the API root: ${nextLink}`);
		const rest = nextLink.slice(ROOT.length + 1);
		const q = rest.indexOf('?');
		return this.call('GET', q < 0 ? rest : rest.slice(0, q), { query: q < 0 ? '' : rest.slice(q + 1), headers });
	}
}

/** Expects a BC JSON error body with the correlation suffix (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-batch). */
export function expectBcError(res: Res, status: number, code: string, message?: string | RegExp): void {
	expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
	const text: string = res.body.error.message;
	expect(text.endsWith(`  CorrelationId:  ${CORRELATION_ID}.`)).toBe(true);
	const bare = text.slice(0, -`  CorrelationId:  ${CORRELATION_ID}.`.length);
	if (typeof message === 'string') expect(bare).toBe(message);
	else if (message) expect(bare).toMatch(message);
}

/** Decodes a BC ETag `W/"<base64>"` to its inner text (`'19;…;00;'`). */
export function decodeEtag(etag: string): string {
	const m = /^W\/"([A-Za-z0-9+/=]+)"$/.exec(etag);
	if (!m) throw new Error(`not a BC ETag: ${etag}`);
	return Buffer.from(m[1], 'base64').toString('utf8');
}
