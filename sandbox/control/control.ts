/**
 * `SandboxControl`: counters, request log, reset and runtime settings — the programmatic twin of `/sandbox/control/*`.
 */
import type { FaultSettings, LimitSettings } from '../config';
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
}

const LIMIT_FIELDS: Array<keyof LimitSettings> = [
	'maxConcurrentRequests',
	'maxQueueSize',
	'requestsPerWindow',
	'windowSeconds',
	'queueTimeoutSeconds',
	'queueFullRetryAfterSeconds',
	'retryAfterOn429',
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
	};
}
