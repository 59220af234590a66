/**
 * The trigger's reads from Business Central, all through the shared transport: records changed since a time
 * (`lastModifiedDateTime` filter, ordered), an ID-only scan (`$select=id`), records by id (chunked `id eq … or …`
 * filters instead of one GET each), and the most recent change (the editor's test event).
 * Filtering and paging: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/webservices/use-filters-paging
 */
import type { IDataObject } from 'n8n-workflow';

import { GUID_PATTERN, quoteString } from '../../../core/odata';
import { MAX_PAGE_SIZE } from '../../../core/constants';
import { bcRequest, readCollection } from '../transport';
import type { TriggerContext, TriggerTarget } from './target';
import { entitySetPath } from './target';

/** Ids per `id eq … or …` read (keeps the URL far below BC's limits). */
export const ID_CHUNK = 40;

/** A record's time of change in ms since the epoch (NaN when missing). */
export function changedMs(record: IDataObject): number {
	return Date.parse(String(record.lastModifiedDateTime ?? ''));
}

/** The `$filter` literal for a time: BC's DateTimeOffset form, UTC with ms (`2026-01-31T10:00:00.123Z`). */
export function dateTimeLiteral(ms: number): string {
	return new Date(ms).toISOString();
}

function idLiteral(id: string): string {
	return GUID_PATTERN.test(id) ? id.toLowerCase() : quoteString(id);
}

/**
 * Records with `lastModifiedDateTime` at or after `sinceMs` (`ge`, so records at the boundary instant are read again
 * and the caller skips the ones it has seen), oldest first, every page.
 * @param exclusive use `gt` instead (BC's `collection` notification filter)
 * @param idsOnly select `id,lastModifiedDateTime` only (Output: Notification Only)
 */
export async function readChangedSince(
	ctx: TriggerContext,
	t: TriggerTarget,
	sinceMs: number,
	{ exclusive = false, idsOnly = false } = {},
): Promise<IDataObject[]> {
	return await readCollection(
		ctx,
		{
			method: 'GET',
			url: entitySetPath(t),
			baseURL: t.environmentUrl,
			qs: {
				$filter: `lastModifiedDateTime ${exclusive ? 'gt' : 'ge'} ${dateTimeLiteral(sinceMs)}`,
				$orderby: 'lastModifiedDateTime asc',
				...(idsOnly ? { $select: 'id,lastModifiedDateTime' } : {}),
			},
		},
		undefined,
		t.send,
	);
}

/** Every id of the entity set (`$select=id`, largest pages). */
export async function readAllIds(ctx: TriggerContext, t: TriggerTarget): Promise<string[]> {
	const rows = await readCollection(
		ctx,
		{
			method: 'GET',
			url: entitySetPath(t),
			baseURL: t.environmentUrl,
			qs: { $select: 'id' },
			headers: { Prefer: `odata.maxpagesize=${MAX_PAGE_SIZE}` },
		},
		undefined,
		t.send,
	);
	return rows.map((r) => String(r.id).toLowerCase());
}

/** The records with these ids that still exist, by lower-case id (missing ones were deleted). */
export async function readByIds(
	ctx: TriggerContext,
	t: TriggerTarget,
	ids: string[],
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	for (let i = 0; i < ids.length; i += ID_CHUNK) {
		const chunk = ids.slice(i, i + ID_CHUNK);
		const rows = await readCollection(
			ctx,
			{
				method: 'GET',
				url: entitySetPath(t),
				baseURL: t.environmentUrl,
				qs: { $filter: chunk.map((id) => `id eq ${idLiteral(id)}`).join(' or ') },
			},
			undefined,
			t.send,
		);
		for (const row of rows) found.set(String(row.id).toLowerCase(), row);
	}
	return found;
}

/** The most recently changed record, or undefined for an empty entity set. */
export async function readLatest(ctx: TriggerContext, t: TriggerTarget): Promise<IDataObject | undefined> {
	const response = await bcRequest(
		ctx,
		{
			method: 'GET',
			url: entitySetPath(t),
			baseURL: t.environmentUrl,
			qs: { $top: 1, $orderby: 'lastModifiedDateTime desc' },
		},
		t.send,
	);
	return ((response.body as { value?: IDataObject[] }).value ?? [])[0];
}
