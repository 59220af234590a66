/**
 * Request counters and the request log behind `/sandbox/control/stats` and `/sandbox/control/log`.
 * Log entries never contain tokens, keys or secrets: paths are logged with secret-bearing query values redacted,
 * bodies and headers are not logged at all.
 */

/** One request as logged. */
export interface RequestLogEntry {
	/** ISO time the request arrived. */
	time: string;
	method: string;
	/** Path with query; values of secret-bearing parameters replaced by `***`. */
	path: string;
	/** HTTP status, or 0 when the connection was dropped on purpose. */
	status: number;
	/** Principal id (app id, user object id, on-prem user name), when authenticated. */
	principal?: string;
	/** Time to answer in ms. */
	ms: number;
	correlationId: string;
}

/** Counters as returned by `GET /sandbox/control/stats`. */
export interface SandboxStats {
	totalRequests: number;
	/** `"<METHOD> <route template>"` → status → count, e.g. `"GET /api/v2.0/companies({id})/customers": {"200": 3}`. Dropped connections count under `"dropped"`. */
	requests: Record<string, Record<string, number>>;
	/** Token requests per client id (`<client id>@<tenant id>` for a customer tenant). */
	tokenRequests: Record<string, number>;
	/** Highest concurrency per principal id. */
	peakConcurrency: Record<string, number>;
	/** Per principal: the most requests in BC at once, processing (at most 5) plus queued (at most 95). */
	peakInFlight: Record<string, number>;
	/** Requests rejected by limits (429, queue-timeout 503). */
	throttled: number;
	/** Requests hit by an injected fault (drop, 503, 504). */
	faulted: number;
}

const SECRET_PARAMETERS =
	/^(code|client_secret|client_assertion|refresh_token|access_token|id_token|password|code_verifier|token|key|sig|validationtoken|accesskey)$/i;

/** Replaces values of secret-bearing query parameters with `***`. */
export function redactUrl(url: string): string {
	const question = url.indexOf('?');
	if (question < 0) return url;
	const parts = url
		.slice(question + 1)
		.split('&')
		.map((pair) => {
			const eq = pair.indexOf('=');
			const name = eq < 0 ? pair : pair.slice(0, eq);
			let decoded = name;
			try {
				decoded = decodeURIComponent(name);
			} catch {
				/* keep raw */
			}
			return eq >= 0 && SECRET_PARAMETERS.test(decoded) ? `${name}=***` : pair;
		});
	return `${url.slice(0, question)}?${parts.join('&')}`;
}

/** Route template of a BC resource path: key predicates become `({id})`, e.g. `companies(5d…)/customers` → `companies({id})/customers`. */
export function resourceTemplate(resourcePath: string): string {
	return resourcePath.replace(/\((?:'[^']*'|[^()])*\)/g, '({id})');
}

/** Mutable counters + bounded log. */
export class StatsRecorder {
	private requests: SandboxStats['requests'] = {};
	private tokens: Record<string, number> = {};
	private throttledCount = 0;
	private faultedCount = 0;
	private entries: RequestLogEntry[] = [];

	/** @param logCapacity newest entries kept (default 5000) */
	constructor(private readonly logCapacity = 5000) {}

	/** Counts a finished request under `"<method> <template>"` and logs it. */
	record(template: string, entry: RequestLogEntry): void {
		const key = `${entry.method} ${template}`;
		const byStatus = (this.requests[key] ??= {});
		const status = entry.status === 0 ? 'dropped' : String(entry.status);
		byStatus[status] = (byStatus[status] ?? 0) + 1;
		this.entries.push(entry);
		if (this.entries.length > this.logCapacity) this.entries.splice(0, this.entries.length - this.logCapacity);
	}

	countToken(clientId: string): void {
		this.tokens[clientId] = (this.tokens[clientId] ?? 0) + 1;
	}

	countThrottled(): void {
		this.throttledCount++;
	}

	countFaulted(): void {
		this.faultedCount++;
	}

	/** Snapshot of the counters; `peakConcurrency` and `peakInFlight` are supplied by the limiter. */
	snapshot(peakConcurrency: Record<string, number>, peakInFlight: Record<string, number> = {}): SandboxStats {
		return {
			// Every recorded request is counted under exactly one method, route and status.
			totalRequests: Object.values(this.requests).reduce(
				(sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0),
				0,
			),
			requests: JSON.parse(JSON.stringify(this.requests)),
			tokenRequests: { ...this.tokens },
			peakConcurrency,
			peakInFlight,
			throttled: this.throttledCount,
			faulted: this.faultedCount,
		};
	}

	/** Newest `limit` log entries, oldest first (default 100). */
	log(limit = 100): RequestLogEntry[] {
		return this.entries.slice(Math.max(0, this.entries.length - limit));
	}

	reset(): void {
		this.requests = {};
		this.tokens = {};
		this.throttledCount = 0;
		this.faultedCount = 0;
		this.entries = [];
	}
}
