/**
 * Get Many over every company of the environment: the companies are listed (`GET /api/v2.0/companies`), then the
 * entity set is read in each, in the order BC lists them; every record carries `companyId` and `companyName`.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	listCompanies,
	readCollection,
	type BcContext,
	type BcRequest,
	type RecordCeiling,
	type SendOptions,
} from '../../transport';

/** The company placeholder of an all-companies request URL (`…/companies(<placeholder>)/<set>`). */
export const ALL_COMPANIES = '{allCompanies}';

/**
 * Reads `request` (whose URL holds {@link ALL_COMPANIES}) in every company.
 * @param limit most records over all companies; undefined for all
 * @param ceiling with no limit: most records over all companies, and the error when more were read
 * @throws NodeApiError for BC errors (the company list or any company's read); the ceiling's error
 */
export async function readAllCompanies(
	ctx: BcContext,
	request: BcRequest,
	limit: number | undefined,
	send: SendOptions,
	ceiling?: RecordCeiling,
): Promise<IDataObject[]> {
	const companies = await listCompanies(ctx, String(request.baseURL ?? ''), send, request.passthrough);
	const records: IDataObject[] = [];
	for (const company of companies) {
		const left = limit === undefined ? undefined : limit - records.length;
		if (left !== undefined && left <= 0) break;
		const url = request.url.replace(ALL_COMPANIES, company.id);
		const read = records.length;
		const rest = ceiling && { records: ceiling.records - read, tooMany: (n: number) => ceiling.tooMany(read + n) };
		const rows = await readCollection(ctx, { ...request, url }, left, send, rest);
		for (const row of rows) records.push({ ...row, companyId: company.id, companyName: company.name });
	}
	return records;
}
