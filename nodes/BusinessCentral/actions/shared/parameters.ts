/**
 * Run-time checks of the node's parameters, whatever their source (fixed value, expression, imported workflow):
 * type, range, option membership, length and characters. Each reader returns the checked value or throws a
 * NodeOperationError that names the field, shows the value (shortened) and says how to fix it, before any request.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The contexts parameters are read in: one item of a declarative run (preSend, pagination hook) or a list search /
 * load-options method (no item).
 */
export interface ParameterContext {
	getNode(): INode;
	getNodeParameter(name: string, fallback?: unknown): unknown;
	getItemIndex?(): number;
}

/** Longest text accepted in a single-line parameter (names, ids, ETags, options), in characters. */
export const MAX_PARAMETER_LENGTH = 2_048;

/** Throws the NodeOperationError for a bad parameter: `message` names the field, `description` says the fix. */
export function fail(ctx: ParameterContext, message: string, description?: string): never {
	const itemIndex = ctx.getItemIndex?.();
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/**
 * A value as shown in an error: JSON-quoted text of at most 60 characters (longer values end in `…` and give their
 * length), or the JSON of a non-string value, shortened the same way.
 */
export function shown(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	} catch {
		text = String(value);
	}
	if (text.length <= 60) return typeof value === 'string' ? JSON.stringify(text) : text;
	const head = text.slice(0, 57);
	return `${typeof value === 'string' ? JSON.stringify(head).slice(0, -1) : head}…" (${text.length} characters)`;
}

/** The name of a value's type for messages: `text`, `number`, `true/false`, `a list`, `an object`, `empty`. */
function typeName(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'boolean') return 'true/false';
	return typeof value === 'string' ? 'text' : typeof value;
}

/** Whether text holds a control character (line breaks included), which no single-line parameter may carry. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * A text parameter: must be text (numbers from expressions are accepted as their decimal text where
 * `acceptNumber`), at most `maxLength` characters, no control characters unless `multiLine`.
 * @param label the field as the editor shows it, e.g. `Options → Select`
 */
export function readText(
	ctx: ParameterContext,
	name: string,
	label: string,
	options: { fallback?: string; maxLength?: number; multiLine?: boolean; acceptNumber?: boolean } = {},
): string {
	const raw = ctx.getNodeParameter(name, options.fallback ?? '') as unknown;
	const value =
		raw === undefined || raw === null ? '' : options.acceptNumber && typeof raw === 'number' ? String(raw) : raw;
	if (typeof value !== 'string') {
		fail(
			ctx,
			`${label}: expected text, got ${typeName(value)} ${shown(value)}`,
			'Enter text, or an expression that returns text.',
		);
	}
	const maxLength = options.maxLength ?? MAX_PARAMETER_LENGTH;
	if (value.length > maxLength) {
		fail(
			ctx,
			`${label}: the value is ${value.length} characters long, at most ${maxLength} are allowed`,
			`Shorten ${shown(value)}.`,
		);
	}
	if (!options.multiLine && CONTROL_CHARACTER.test(value)) {
		fail(
			ctx,
			`${label}: the value contains a line break or another control character`,
			`Remove it from ${shown(value)}.`,
		);
	}
	return value;
}

/**
 * An options parameter: must be one of `allowed` (values from outside the list, e.g. from an imported workflow or
 * an expression, are refused, never used verbatim).
 */
export function readOption<T extends string>(
	ctx: ParameterContext,
	name: string,
	label: string,
	allowed: readonly T[],
	fallback: T,
): T {
	const value = ctx.getNodeParameter(name, fallback) as unknown;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		fail(ctx, `${label}: ${shown(value)} is not one of the options`, `Choose one of: ${allowed.join(', ')}.`);
	}
	return value as T;
}

/**
 * A whole-number parameter in `[min, max]`. Numbers and numeric text from expressions are accepted; anything else,
 * fractions and values outside the range are refused.
 */
export function readInteger(
	ctx: ParameterContext,
	name: string,
	label: string,
	range: { min: number; max: number; fallback: number },
): number {
	const raw = ctx.getNodeParameter(name, range.fallback) as unknown;
	const value = typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
		fail(
			ctx,
			`${label}: ${shown(raw)} is not a whole number from ${range.min} to ${range.max.toLocaleString('en-US')}`,
			`Enter a whole number between ${range.min} and ${range.max.toLocaleString('en-US')}.`,
		);
	}
	return value;
}

/** A number parameter in `[min, max]` (fractions allowed); numbers and numeric text are accepted. */
export function readNumber(
	ctx: ParameterContext,
	name: string,
	label: string,
	range: { min: number; max: number; fallback: number },
): number {
	const raw = ctx.getNodeParameter(name, range.fallback) as unknown;
	const value = typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
		fail(
			ctx,
			`${label}: ${shown(raw)} is not a number from ${range.min} to ${range.max.toLocaleString('en-US')}`,
			`Enter a number between ${range.min} and ${range.max.toLocaleString('en-US')}.`,
		);
	}
	return value;
}

/** A boolean parameter: true or false (also the text `true`/`false` from an expression). */
export function readBoolean(ctx: ParameterContext, name: string, label: string, fallback: boolean): boolean {
	const value = ctx.getNodeParameter(name, fallback) as unknown;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return fail(
		ctx,
		`${label}: ${shown(value)} is not true or false`,
		'Switch it on or off, or use an expression that returns true or false.',
	);
}

/** A collection parameter's value: an object (n8n gives `{}` when empty); anything else is refused. */
export function readCollectionParameter(ctx: ParameterContext, name: string, label: string): Record<string, unknown> {
	const value = ctx.getNodeParameter(name, {}) as unknown;
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		fail(ctx, `${label}: expected a set of options, got ${typeName(value)} ${shown(value)}`);
	}
	return value as Record<string, unknown>;
}

/** The entries of a multiple-value fixed collection (e.g. `conditions.condition`): a list of objects. */
export function readEntries(ctx: ParameterContext, name: string, label: string): Array<Record<string, unknown>> {
	const value = ctx.getNodeParameter(name, []) as unknown;
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || value.some((entry) => !entry || typeof entry !== 'object' || Array.isArray(entry))) {
		fail(ctx, `${label}: expected a list of entries, got ${typeName(value)} ${shown(value)}`);
	}
	return value as Array<Record<string, unknown>>;
}
