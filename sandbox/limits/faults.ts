/**
 * Deterministic fault injection for BC API requests: dropped connections, 503 (with `Retry-After`) and 504
 * (gateway timeout), the statuses BC documents (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-service-troubleshooting#http-status-codes,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online),
 * and "apply, then lose the answer" (`lostAnswers`, the sandbox's own fault mode: the request is served, then its
 * connection is dropped or a 504 replaces the answer). Draws come from a seeded PRNG (mulberry32), so the same seed
 * and the same request order give the same faults.
 */
import type { FaultSettings, LostAnswerRule } from '../config';

/** What to do with one request. */
export type FaultDecision = 'none' | 'drop' | 'service-unavailable' | 'gateway-timeout';

/** What to do with the answer of a request that was served: keep it, or lose it (see {@link LostAnswerRule}). */
export type AnswerDecision = 'keep' | 'drop' | 'gateway-timeout';

/** Methods a {@link LostAnswerRule} without `methods` applies to. */
const WRITE_METHODS = ['POST', 'PATCH', 'DELETE'];

/** mulberry32: tiny, well-known 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Decides per request whether to inject a fault. */
export class FaultInjector {
	private random: () => number = mulberry32(1);
	private settings: FaultSettings = {};

	constructor(settings: FaultSettings = {}) {
		this.configure(settings);
	}

	/** Replaces the settings and re-seeds the generator. */
	configure(settings: FaultSettings): void {
		this.settings = { ...settings };
		this.random = mulberry32(settings.seed ?? 1);
	}

	/** Current settings (copy). */
	current(): FaultSettings {
		return { ...this.settings };
	}

	/** `Retry-After` seconds for injected 503s. */
	retryAfterSeconds(): number {
		return this.settings.retryAfterSeconds ?? 1;
	}

	/** Draws the fate of the next request: one draw decides among drop, 503 and 504 by their cumulative shares. */
	next(): FaultDecision {
		const { dropConnection = 0, serviceUnavailable = 0, gatewayTimeout = 0 } = this.settings;
		if (dropConnection + serviceUnavailable + gatewayTimeout <= 0) return 'none';
		const draw = this.random();
		if (draw < dropConnection) return 'drop';
		if (draw < dropConnection + serviceUnavailable) return 'service-unavailable';
		if (draw < dropConnection + serviceUnavailable + gatewayTimeout) return 'gateway-timeout';
		return 'none';
	}

	/**
	 * Draws whether a served request loses its answer: the first `lostAnswers` rule matching the method and resource
	 * decides with its share. Requests no rule matches cost no draw, so other faults keep their sequence.
	 * @param method HTTP method (any case)
	 * @param resource last resource-path segment without its key (e.g. `customers`, `Microsoft.NAV.post`)
	 */
	answer(method: string, resource: string): AnswerDecision {
		const rule = (this.settings.lostAnswers ?? []).find((r) => ruleMatches(r, method.toUpperCase(), resource));
		if (!rule || rule.share <= 0) return 'keep';
		return this.random() < rule.share ? (rule.outcome ?? 'drop') : 'keep';
	}
}

function ruleMatches(rule: LostAnswerRule, method: string, resource: string): boolean {
	const methods = rule.methods?.map((m) => m.toUpperCase()) ?? WRITE_METHODS;
	return methods.includes(method) && (rule.resources === undefined || rule.resources.includes(resource));
}

/** Validates `faults.lostAnswers`; returns an error naming the field, or undefined. */
function validateLostAnswers(rules: unknown): string | undefined {
	if (!Array.isArray(rules)) return 'faults.lostAnswers must be an array of rules';
	for (const [i, rule] of rules.entries()) {
		const at = `faults.lostAnswers[${i}]`;
		if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return `${at} must be an object`;
		const { methods, resources, share, outcome, ...rest } = rule as Record<string, unknown>;
		const unknownKeys = Object.keys(rest);
		if (unknownKeys.length)
			return `${at}: unknown field '${unknownKeys[0]}' (allowed: methods, resources, share, outcome)`;
		if (typeof share !== 'number' || !(share >= 0 && share <= 1)) return `${at}.share must be a number between 0 and 1`;
		for (const [name, list] of [
			['methods', methods],
			['resources', resources],
		] as const) {
			if (list !== undefined && !(Array.isArray(list) && list.every((v) => typeof v === 'string' && v !== '')))
				return `${at}.${name} must be an array of non-empty strings`;
		}
		if (outcome !== undefined && outcome !== 'drop' && outcome !== 'gateway-timeout')
			return `${at}.outcome must be 'drop' or 'gateway-timeout'`;
	}
	return undefined;
}

/** Validates a fault settings patch; returns an error naming the field, or undefined. */
export function validateFaultSettings(settings: FaultSettings): string | undefined {
	for (const field of ['dropConnection', 'serviceUnavailable', 'gatewayTimeout'] as const) {
		const value = settings[field];
		if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 1)))
			return `faults.${field} must be a number between 0 and 1`;
	}
	const sum = (settings.dropConnection ?? 0) + (settings.serviceUnavailable ?? 0) + (settings.gatewayTimeout ?? 0);
	if (sum > 1) return 'faults: dropConnection + serviceUnavailable + gatewayTimeout must not exceed 1';
	if (settings.seed !== undefined && !Number.isInteger(settings.seed)) return 'faults.seed must be an integer';
	if (
		settings.retryAfterSeconds !== undefined &&
		!(Number.isInteger(settings.retryAfterSeconds) && settings.retryAfterSeconds >= 0)
	) {
		return 'faults.retryAfterSeconds must be a whole number of seconds >= 0';
	}
	if (settings.lostAnswers !== undefined) return validateLostAnswers(settings.lostAnswers);
	return undefined;
}
