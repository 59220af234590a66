/**
 * `SandboxControl`: counters, request log, reset and runtime settings — the programmatic twin of `/sandbox/control/*`.
 */
import { MULTI_TENANT_APPS, type FaultSettings, type LimitSettings } from '../config';
import type { TenantAppState } from '../entra/apps';
import { validateFaultSettings } from '../limits/faults';
import type { RuntimeSettings, SandboxRuntime } from '../http/runtime';
import type { RequestLogEntry, SandboxStats } from './stats';

/** Body of `PATCH /sandbox/control/settings`: only the given fields change. `faults` replaces the fault settings as a whole. */
export interface SettingsPatch {
	limits?: Partial<LimitSettings>;
	latencyMs?: number;
	faults?: FaultSettings;
}

/** Options of {@link SandboxControl.reset}. */
export interface ResetOptions {
	/** Also drop BC data changes and re-seed (`BcApi.reset()`); default false: counters and log only. */
	data?: boolean;
}

/** Programmatic control of a running sandbox. */
export interface SandboxControl {
	/** Counters since start or the last reset. */
	stats(): SandboxStats;
	/** Newest `limit` (default 100) log entries, oldest first. */
	log(limit?: number): RequestLogEntry[];
	/** Resets counters, peaks, log and rate windows; with `{ data: true }` also the BC data. */
	reset(options?: ResetOptions): void;
	/**
	 * Changes limits, latency or faults at runtime.
	 * @throws Error naming the invalid field
	 */
	updateSettings(patch: SettingsPatch): RuntimeSettings;
	/** Current settings (copy). */
	settings(): RuntimeSettings;
	/** The customer tenants with each multi-tenant app's consent and BC state. */
	tenants(): CustomerTenantView[];
	/**
	 * Sets whether an app has consent (a service principal) in a customer tenant and whether that tenant's BC lists it
	 * enabled on its Microsoft Entra Applications page. Reset with `reset({ data: true })`.
	 * @param tenant customer tenant id or verified domain
	 * @throws Error naming the unknown tenant, app or field
	 */
	updateTenantApp(tenant: string, clientId: string, patch: Partial<TenantAppState>): TenantAppState;
}

/** A customer tenant as `GET /sandbox/control/tenants` shows it. */
export interface CustomerTenantView {
	tenantId: string;
	tenantDomain: string;
	tenantName: string;
	/** Online environment names. */
	environments: string[];
	/** State per multi-tenant app (client id). */
	apps: Record<string, TenantAppState>;
}

/** Validates a tenant-app patch; returns an error message naming the field, or undefined. */
export function validateTenantAppPatch(patch: unknown): string | undefined {
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
		return 'body must be a JSON object with consented and/or enabledInBusinessCentral';
	for (const [key, value] of Object.entries(patch)) {
		if (key !== 'consented' && key !== 'enabledInBusinessCentral')
			return `unknown field '${key}' (allowed: consented, enabledInBusinessCentral)`;
		if (typeof value !== 'boolean') return `${key} must be true or false`;
	}
	return undefined;
}

const LIMIT_FIELDS: Array<keyof LimitSettings> = [
	'maxConcurrentRequests',
	'maxQueueSize',
	'requestsPerWindow',
	'windowSeconds',
	'queueTimeoutSeconds',
	'queueFullRetryAfterSeconds',
	'retryAfterOn429',
	'batchCountsAs',
];

/** Validates a settings patch; returns an error message naming the field, or undefined. */
export function validateSettingsPatch(patch: unknown): string | undefined {
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
		return 'settings must be a JSON object with limits, latencyMs and/or faults';
	const { limits, latencyMs, faults, ...rest } = patch as Record<string, unknown>;
	const unknownKeys = Object.keys(rest);
	if (unknownKeys.length) return `unknown setting '${unknownKeys[0]}' (allowed: limits, latencyMs, faults)`;
	if (latencyMs !== undefined && !(typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0))
		return 'latencyMs must be a number of milliseconds >= 0';
	if (limits !== undefined) {
		if (typeof limits !== 'object' || limits === null) return 'limits must be an object';
		for (const [key, value] of Object.entries(limits)) {
			if (!LIMIT_FIELDS.includes(key as keyof LimitSettings))
				return `unknown limit '${key}' (allowed: ${LIMIT_FIELDS.join(', ')})`;
			if (key === 'batchCountsAs') {
				if (value !== 'request' && value !== 'operations')
					return "limits.batchCountsAs must be 'request' or 'operations'";
				continue;
			}
			if (key === 'retryAfterOn429') {
				if (typeof value !== 'boolean') return 'limits.retryAfterOn429 must be true or false';
				continue;
			}
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
				return `limits.${key} must be a number >= 0`;
			if ((key === 'maxConcurrentRequests' || key === 'windowSeconds') && value < 1)
				return `limits.${key} must be >= 1`;
		}
	}
	if (faults !== undefined) {
		if (typeof faults !== 'object' || faults === null) return 'faults must be an object';
		return validateFaultSettings(faults as FaultSettings);
	}
	return undefined;
}

/** Creates the control over a runtime. */
export function createSandboxControl(runtime: SandboxRuntime, resetEntra: () => void): SandboxControl {
	const copy = (): RuntimeSettings => ({
		limits: { ...runtime.settings.limits },
		latencyMs: runtime.settings.latencyMs,
		faults: runtime.faults.current(),
	});
	return {
		stats: () => runtime.stats.snapshot(runtime.limiter.peakConcurrency(), runtime.limiter.peakInFlight()),
		log: (limit) => runtime.stats.log(limit),
		reset: (options = {}) => {
			runtime.stats.reset();
			runtime.limiter.reset();
			if (options.data) {
				runtime.bcApi.reset();
				resetEntra();
			}
		},
		updateSettings: (patch) => {
			const problem = validateSettingsPatch(patch);
			if (problem) throw new Error(problem);
			if (patch.limits) runtime.settings.limits = { ...runtime.settings.limits, ...patch.limits };
			if (patch.latencyMs !== undefined) runtime.settings.latencyMs = patch.latencyMs;
			if (patch.faults) {
				runtime.settings.faults = { ...patch.faults };
				runtime.faults.configure(patch.faults);
			}
			runtime.limiter.settingsChanged();
			return copy();
		},
		settings: copy,
		tenants: () =>
			runtime.entra.directory.customerTenants.map((t) => ({
				tenantId: t.tenantId,
				tenantDomain: t.data.tenantDomain,
				tenantName: t.data.tenantName,
				environments: Object.keys(t.data.environments),
				apps: Object.fromEntries(MULTI_TENANT_APPS.map((id) => [id, t.state(id)])),
			})),
		updateTenantApp: (tenant, clientId, patch) => {
			const problem = validateTenantAppPatch(patch);
			if (problem) throw new Error(problem);
			const found = runtime.entra.directory.findTenant(tenant);
			if (!found?.customer) throw new Error(`'${tenant}' is not a customer tenant of the sandbox`);
			const app = runtime.entra.directory.findApp(clientId);
			if (!app?.multiTenant) throw new Error(`'${clientId}' is not a multi-tenant app of the sandbox`);
			return found.customer.update(app.clientId, patch);
		},
	};
}
