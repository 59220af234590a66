/**
 * Polling over every company of the environment (Options → All Companies, Polling mode): the companies are listed
 * (`GET /api/v2.0/companies`, the transport's {@link listCompanies}, as Get Many's All Companies does), then each is
 * polled exactly like a single-company trigger (`changes.ts`) with its own watermark, seen ids and ID scan, kept in
 * the static data under `companies[<company id>]`. Every item carries `companyId` and `companyName`.
 *
 * - First poll: every company starts as a single-company trigger does (Start From: Now → nothing emitted, the newest
 *   change of each company is its watermark; Start From: Date → changes after Start Date).
 * - A company that appears later (created after the first poll) is read from its beginning: everything in it is new
 *   to the environment the trigger watches, and no clock comparison between n8n and BC is needed (Start From: Date:
 *   from Start Date). With the ID scan its records are `created`.
 * - A company that is gone is forgotten.
 * - A run commits the new state only when every company was read: a failure leaves all watermarks where they were,
 *   so the next run reads the same changes again (nothing lost).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { listCompanies, type CompanySummary } from '../transport';
import { collectChanges, initialise } from './changes';
import { changeItem } from './items';
import { changedMs, readLatest } from './records';
import type { TriggerState } from './state';
import type { TriggerContext, TriggerTarget } from './target';

/** Where a company that appears after the first poll starts (Start From: Now): the earliest valid watermark. */
export const NEW_COMPANY_WATERMARK = '1900-01-01T00:00:00.001Z';

/** The trigger's target in one company. */
function inCompany(t: TriggerTarget, company: CompanySummary): TriggerTarget {
	return { ...t, companyId: company.id };
}

/** Adds `companyId` and `companyName` to an item (beside `changeType`, `id`, …). */
function withCompany(item: INodeExecutionData, company: CompanySummary): INodeExecutionData {
	item.json.companyId = company.id;
	item.json.companyName = company.name;
	return item;
}

/**
 * One All Companies poll: the changes of every company since its own watermark, companies in BC's order, each
 * company's changes in `lastModifiedDateTime` order.
 * @throws NodeApiError for BC errors (then no company's state moves)
 */
export async function pollAllCompanies(
	ctx: TriggerContext,
	t: TriggerTarget,
	state: TriggerState,
): Promise<INodeExecutionData[]> {
	const companies = await listCompanies(ctx, t.environmentUrl, t.send);
	const first = state.companies === undefined;
	const before = state.companies ?? {};
	const after: Record<string, TriggerState> = {};
	const items: INodeExecutionData[] = [];
	for (const company of companies) {
		const key = company.id.toLowerCase();
		const ct = inCompany(t, company);
		const known = before[key];
		// A copy (JSON: static data may be wrapped in n8n's change-tracking proxy), committed when every company was read.
		const cs: TriggerState = known ? (JSON.parse(JSON.stringify(known)) as TriggerState) : {};
		after[key] = cs;
		if (!known) {
			if (first) {
				if (!(await initialise(ctx, ct, cs))) continue;
			} else {
				cs.watermark = t.startFrom === 'date' && t.startDate ? t.startDate : NEW_COMPANY_WATERMARK;
				cs.seenAtWatermark = [];
				if (t.scanIds) cs.ids = [];
			}
		}
		const changes = await collectChanges(ctx, ct, cs, { skipDelivered: false });
		for (const item of changes) items.push(withCompany(item, company));
	}
	state.companies = after;
	return items;
}

/** The editor's sample over all companies: the most recently changed record of any company. */
export async function sampleAllCompanies(
	ctx: TriggerContext,
	t: TriggerTarget,
): Promise<INodeExecutionData | undefined> {
	let newest: { company: CompanySummary; record: Record<string, unknown> } | undefined;
	for (const company of await listCompanies(ctx, t.environmentUrl, t.send)) {
		const latest = await readLatest(ctx, inCompany(t, company));
		if (latest && (!newest || changedMs(latest) > changedMs(newest.record as never))) {
			newest = { company, record: latest };
		}
	}
	if (!newest) return undefined;
	const { company, record } = newest;
	return withCompany(
		changeItem(
			inCompany(t, company),
			'updated',
			String(record.id),
			String(record.lastModifiedDateTime),
			'sample',
			record as never,
		),
		company,
	);
}
