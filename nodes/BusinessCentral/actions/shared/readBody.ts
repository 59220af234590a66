/**
 * The Create/Update body, read and checked before any request: a JSON object (JSON Body) or the Fields list, with
 * bounded nesting, finite numbers in Business Central's decimal range and no property names n8n would drop.
 */
import type { IDataObject } from 'n8n-workflow';

import { IDENTIFIER_PATTERN, NUMBER_PATTERN, numberProblem } from '../../../../core/odata';
import { fail, readEntries, readOption, shown, type ParameterContext } from './parameters';
import { documentedType } from './validation';

type Ctx = ParameterContext;

/** Converts one field-by-field value by its chosen or documented type. */
function fieldValue(ctx: Ctx, name: string, value: unknown, type: string): unknown {
	if (typeof value !== 'string') return value;
	if (type === 'number') {
		const text = value.trim();
		if (!NUMBER_PATTERN.test(text)) fail(ctx, `Fields: "${name}" must be a number, got ${shown(value)}`);
		const problem = numberProblem(Number(text), text);
		if (problem) fail(ctx, `Fields: "${name}": ${problem}`);
		return Number(text);
	}
	if (type === 'boolean') {
		const lower = value.trim().toLowerCase();
		if (lower !== 'true' && lower !== 'false')
			fail(ctx, `Fields: "${name}" must be true or false, got ${shown(value)}`);
		return lower === 'true';
	}
	return value;
}

/**
 * Property names n8n never copies into a request (n8n-workflow's `deepCopy` drops them to prevent prototype
 * pollution), so a field of that name would vanish silently; no Business Central API property has one of them.
 */
const DROPPED_PROPERTY_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting of objects and lists accepted in a body (a document with lines with their own lines is 3–4). */
const MAX_BODY_DEPTH = 16;

/**
 * Checks a body's JSON values without recursion: nesting at most {@link MAX_BODY_DEPTH}, property names non-empty,
 * numbers finite and within BC's decimal range.
 * @returns the problem with its JSON path, or undefined
 */
function bodyProblem(body: unknown): string | undefined {
	const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
	while (stack.length) {
		const { value, path, depth } = stack.pop()!;
		if (typeof value === 'number') {
			const problem = numberProblem(value);
			if (problem) return `${path || 'the body'}: ${problem}`;
		}
		if (!value || typeof value !== 'object') continue;
		if (depth >= MAX_BODY_DEPTH) return `it is nested deeper than ${MAX_BODY_DEPTH} levels (at ${path})`;
		for (const [key, child] of Object.entries(value)) {
			if (!Array.isArray(value) && key.trim() === '') return `${path || 'the body'} has a property with an empty name`;
			if (!Array.isArray(value) && DROPPED_PROPERTY_NAMES.has(key)) {
				return `the property "${key}"${path ? ` in ${path}` : ''} cannot be sent (n8n drops properties named __proto__, constructor and prototype)`;
			}
			stack.push({
				value: child,
				path: Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
				depth: depth + 1,
			});
		}
	}
	return undefined;
}

/**
 * A JSON object parameter (default: JSON Body): an object, or text that parses to one.
 * @param name the parameter's name; `label` its name in messages
 * @throws NodeOperationError naming the field for invalid JSON, a non-object, or a property n8n would drop
 */
export function readJsonBody(ctx: Ctx, name = 'jsonBody', label = 'JSON Body'): IDataObject {
	const raw = ctx.getNodeParameter(name, '{}') as unknown;
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			fail(
				ctx,
				`${label}: the text is not valid JSON`,
				`${(error as Error).message}. Write the record as an object, e.g. {"displayName": "Contoso"}.`,
			);
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		fail(
			ctx,
			`${label}: must be a JSON object`,
			'Write one record as an object, e.g. {"displayName": "Contoso"}; arrays and plain values are not records.',
		);
	}
	const problem = bodyProblem(parsed);
	if (problem) fail(ctx, `${label}: ${problem}`, 'Send one record with its fields (and document lines, if any).');
	return parsed as IDataObject;
}

/** The field-by-field value types. */
const FIELD_VALUE_TYPES = ['auto', 'boolean', 'number', 'string'] as const;

/** The Fields list as an object: valid, unique names; values converted by their chosen or documented type. */
function readFieldsBody(ctx: Ctx, route: string, entitySet: string): IDataObject {
	const fields = readEntries(ctx, 'fields.field', 'Fields');
	const body: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const name = typeof field.name === 'string' ? field.name.trim() : '';
		if (!IDENTIFIER_PATTERN.test(name)) {
			fail(
				ctx,
				`Fields: field ${index + 1} has no valid name (${shown(field.name ?? '')})`,
				'Use the property name as in the API, e.g. displayName.',
			);
		}
		if (DROPPED_PROPERTY_NAMES.has(name)) {
			fail(
				ctx,
				`Fields: "${name}" cannot be sent`,
				'n8n drops properties named __proto__, constructor and prototype from requests; no Business Central API field has such a name.',
			);
		}
		if (Object.prototype.hasOwnProperty.call(body, name)) fail(ctx, `Fields: "${name}" appears twice`);
		const chosen = field.valueType ?? 'auto';
		if (typeof chosen !== 'string' || !(FIELD_VALUE_TYPES as readonly string[]).includes(chosen)) {
			fail(
				ctx,
				`Fields: field "${name}" has the value type ${shown(chosen)}`,
				`Use one of: ${FIELD_VALUE_TYPES.join(', ')}.`,
			);
		}
		const type = chosen === 'auto' ? (documentedType(route, entitySet, name) ?? 'string') : chosen;
		if (field.value !== null && typeof field.value === 'object') {
			const problem = bodyProblem(field.value);
			if (problem) fail(ctx, `Fields: "${name}": ${problem}`);
		}
		// defineProperty: a field named like an Object.prototype member (e.g. toString) stays an ordinary field.
		Object.defineProperty(body, name, {
			value: fieldValue(ctx, name, field.value, type),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return body;
}

/**
 * The Create/Update body: the JSON Body (must be a JSON object) or the Fields list.
 * @throws NodeOperationError naming the field for invalid JSON, a non-object, a bad field, or an empty body
 */
export function readBody(ctx: Ctx, route: string, entitySet: string): IDataObject {
	const mode = readOption(ctx, 'bodyMode', 'Send Body As', ['json', 'fields'] as const, 'json');
	const body = mode === 'json' ? readJsonBody(ctx) : readFieldsBody(ctx, route, entitySet);
	if (Object.keys(body).length === 0) fail(ctx, 'Body: there is nothing to send', 'Add at least one field.');
	return body;
}
