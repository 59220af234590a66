/**
 * The Create/Update body of the field mapper (`bodyMode` = `mapper`, n8n's resource mapper parameter `columns`):
 * the mapped values ("Map Each Field Below") or the input item's fields whose names match ("Map Automatically"),
 * checked and converted against the route's live `$metadata` (read once per credential, environment and route, then
 * cached: see `transport/metadata.ts`) into BC's JSON wire form. Everything is checked before the write is sent.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	ResourceMapperValue,
} from 'n8n-workflow';

import { GUID_PATTERN } from '../../../../core/odata';
import { findEntitySet, unescapeMemberName, type CatalogEntitySet, type CatalogField } from '../../catalog';
import { readMetadata, runMemo } from '../../transport';
import { sendOptionsOf } from '../settings';
import { fail, readBoolean, readOption, shown } from './parameters';
import type { RecordTarget } from './target';

type Ctx = IExecuteSingleFunctions;

/** `Send Body As`: the three body modes. */
export function readBodyMode(ctx: Ctx): 'json' | 'fields' | 'mapper' {
	return readOption(ctx, 'bodyMode', 'Send Body As', ['json', 'fields', 'mapper'] as const, 'json');
}

/**
 * Create/Update with the field mapper: read the route's `$metadata` again at the start of each run instead of using a
 * cached copy (up to 10 minutes old), e.g. right after an extension was installed or changed.
 */
export const refreshMetadataProperty: INodeProperties = {
	displayName: 'Refresh Metadata',
	name: 'refreshMetadata',
	type: 'boolean',
	default: false,
	description:
		"Whether to read Business Central's metadata again once per run (not per item) instead of a cached copy of up to 10 minutes",
	displayOptions: { show: { bodyMode: ['mapper'] } },
};

/**
 * Whether this item must read `route`'s `$metadata` again: Refresh Metadata is on and no earlier item of the run did
 * (the mark and the read start in the same synchronous step, so items running concurrently share the one read).
 * @throws NodeOperationError when Refresh Metadata is not true or false
 */
function refreshFor(ctx: Ctx, route: string): boolean {
	if (!readBoolean(ctx, 'refreshMetadata', 'Refresh Metadata', false)) return false;
	// Every item of one node run shares the run's memo (see runMemo), so only the first item reads again.
	const memo = runMemo(ctx);
	const key = `metadataRefreshed|${route}`;
	if (memo?.has(key)) return false;
	memo?.set(key, true);
	return true;
}

/** The entity set's description: live `$metadata`, else the shipped catalog (undefined when neither knows it). */
async function describe(
	ctx: Ctx,
	requestOptions: IHttpRequestOptions,
	target: RecordTarget,
): Promise<CatalogEntitySet | undefined> {
	const environmentUrl = String(requestOptions.baseURL ?? '');
	const refresh = refreshFor(ctx, `${environmentUrl}|${target.route}`);
	try {
		const metadata = await readMetadata(
			ctx,
			environmentUrl,
			target.route,
			sendOptionsOf(ctx, environmentUrl, ctx.getItemIndex()),
			{ refresh, passthrough: { proxy: requestOptions.proxy, allowedDomains: requestOptions.allowedDomains } },
		);
		return metadata.source.entitySet(target.route, target.entitySet);
	} catch {
		return findEntitySet(target.route, target.entitySet);
	}
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

/** Luxon DateTime (what n8n's date picker and `$now` give), JS Date, or ISO text → a JS Date; undefined otherwise. */
function asDate(value: unknown): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	if (value && typeof value === 'object' && typeof (value as { toJSDate?: unknown }).toJSDate === 'function')
		return asDate((value as { toJSDate(): Date }).toJSDate());
	if (typeof value === 'string' && DATE.test(value.trim())) return asDate(new Date(value.trim()));
	return undefined;
}

/** A calendar date `YYYY-MM-DD` of a value: ISO text keeps its own date; dates and DateTimes are read in UTC. */
function asDateOnly(value: unknown): string | undefined {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()))
		return asDate(`${value.trim()}T00:00:00Z`) ? value.trim() : undefined;
	if (value && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function')
		return (value as { toISODate(): string | null }).toISODate() ?? undefined;
	return asDate(value)?.toISOString().slice(0, 10);
}

/**
 * One value in BC's wire form for the field's type (`Fields → <name>` names it in errors): text (at most MaxLength
 * characters), GUID, decimal/integer/int64 numbers, true/false, `YYYY-MM-DD` dates, ISO UTC datetimes and enum
 * members as BC writes them (`In_x0020_Transit`; the caption `In Transit` is accepted too).
 */
function wireValue(ctx: Ctx, field: CatalogField, value: unknown): unknown {
	const label = `Fields → ${field.name}`;
	const bad = (expected: string): never => fail(ctx, `${label}: ${shown(value)} is not ${expected}`);
	switch (field.catalogType) {
		case 'decimal':
		case 'integer':
		case 'int64': {
			const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
			if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === '')) return bad('a number');
			if (field.catalogType !== 'decimal' && !Number.isInteger(n)) return bad('a whole number');
			return n;
		}
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return bad('true or false');
		case 'date':
			return asDateOnly(value) ?? bad('a date (YYYY-MM-DD)');
		case 'datetime':
			return asDate(value)?.toISOString() ?? bad('a date and time (ISO 8601)');
		case 'enum': {
			const text = String(value);
			const members = field.enumMembers;
			if (!members?.length || members.includes(text)) return text;
			const byCaption = members.find((m) => unescapeMemberName(m) === text);
			if (byCaption) return byCaption;
			return fail(
				ctx,
				`${label}: ${shown(value)} is not a member of ${field.enumType ?? 'the enum'}`,
				`Use one of: ${members.map(unescapeMemberName).join(', ')}.`,
			);
		}
		default: {
			if (typeof value === 'object') return bad('text');
			const text = String(value);
			if (field.catalogType === 'GUID' && !GUID_PATTERN.test(text)) return bad('a GUID');
			if (field.maxLength !== undefined && text.length > field.maxLength) {
				fail(
					ctx,
					`${label}: the text is ${text.length} characters long, at most ${field.maxLength} are allowed`,
					'Business Central rejects longer values (MaxLength in its metadata); shorten it.',
				);
			}
			return text;
		}
	}
}

/** The field named `name` (exact, else case-insensitive). */
function fieldNamed(set: CatalogEntitySet, name: string): CatalogField | undefined {
	return set.fields.find((f) => f.name === name) ?? set.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/**
 * The body of a Create or Update whose body mode is `mapper`.
 * @throws NodeOperationError naming the field: unknown or read-only field (mapped by hand), a value of the wrong type
 *   or length, a missing required field on Create, an entity set that does not allow the write, nothing to send
 */
export async function readMappedBody(
	ctx: Ctx,
	requestOptions: IHttpRequestOptions,
	target: RecordTarget,
	access: 'create' | 'update',
): Promise<IDataObject> {
	const columns = (ctx.getNodeParameter('columns', {}) ?? {}) as Partial<ResourceMapperValue>;
	const auto = columns.mappingMode === 'autoMapInputData';
	const source = auto ? ctx.getInputData().json : (columns.value ?? {});
	if (!source || typeof source !== 'object' || Array.isArray(source))
		fail(ctx, 'Fields: the mapped values are not an object');
	const set = await describe(ctx, requestOptions, target);
	if (set && !set[access])
		fail(ctx, `Entity Set: ${target.entitySet} is read-only`, `Business Central does not allow ${access} on it.`);
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(source)) {
		if (value === null || value === undefined || value === '') continue;
		const field = set ? fieldNamed(set, name) : undefined;
		if (set && (!field || field.readOnly || field.catalogType === 'stream')) {
			// Mapped automatically: the item may carry anything (an earlier read's id, @odata.etag, …); only matching
			// writable fields are sent. Mapped by hand: a field BC would reject is an error now.
			if (auto) continue;
			fail(
				ctx,
				`Fields → ${name}: ${field ? 'the field is read-only' : `${target.entitySet} has no such field`}`,
				'Remove it from the mapping, or refresh the field list (the entity set may have changed).',
			);
		}
		const key = field?.name ?? name;
		Object.defineProperty(body, key, {
			value: field ? wireValue(ctx, field, value) : value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	if (set && access === 'create') {
		const missing = set.fields.filter((f) => f.required && !f.readOnly && !(f.name in body)).map((f) => f.name);
		if (missing.length)
			fail(
				ctx,
				`Fields: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`,
				"Business Central's metadata marks them Nullable=false (key or NotBlank fields).",
			);
	}
	if (Object.keys(body).length === 0) fail(ctx, 'Fields: there is nothing to send', 'Map at least one field.');
	return body;
}
