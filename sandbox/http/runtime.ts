/** Mutable runtime state shared by the HTTP layer's routes and the control endpoint. */
import type { BcApi } from '../contracts';
import type { FaultSettings, LimitSettings } from '../config';
import type { StatsRecorder } from '../control/stats';
import type { EntraContext } from '../entra/context';
import type { FaultInjector } from '../limits/faults';
import type { PrincipalLimiter } from '../limits/limiter';
import type { OnlineAuthenticator } from './auth';

/** Settings that `PATCH /sandbox/control/settings` can change. */
export interface RuntimeSettings {
	limits: LimitSettings;
	/** Extra latency per BC API request in ms, spent while holding a concurrency slot. */
	latencyMs: number;
	faults: FaultSettings;
}

/** Name of the response header carrying the request's correlation id (the GUID BC error messages end with).
 * UNVERIFIED, the sandbox's own choice: BC's data API does not document one; the Admin Center API uses `ms-correlation-x`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/appmanagement/app-management-api). */
export const CORRELATION_HEADER = 'ms-correlation-x';

/** Everything the routes share. */
export interface SandboxRuntime {
	bcApi: BcApi;
	entra: EntraContext;
	onlineAuth: OnlineAuthenticator;
	limiter: PrincipalLimiter;
	faults: FaultInjector;
	stats: StatsRecorder;
	settings: RuntimeSettings;
}

declare module 'fastify' {
	interface FastifyRequest {
		/** GUID assigned on arrival; sent in {@link CORRELATION_HEADER} and at the end of BC error messages. */
		correlationId: string;
		/** `performance.now()` when the request arrived (ms). */
		receivedAt: number;
		/** Route template for the stats (BC requests set it to `/api/<route>/<resource template>`). */
		statsTemplate?: string;
		/** Authenticated principal id, for the log. */
		principalId?: string;
		/** Set when the request was already recorded (dropped connections). */
		statsRecorded?: boolean;
	}
}
