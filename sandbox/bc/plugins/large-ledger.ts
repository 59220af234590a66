/**
 * The `large-ledger` plugin: a general ledger of any size (default 1,000,000 entries) for one company per environment,
 * generated on demand from the entry number, so the sandbox keeps no rows in memory and every run reads the same
 * data. It serves `GET companies(<id>)/generalLedgerEntries` (route `v2.0`) with BC's server-driven paging
 * (`Prefer: odata.maxpagesize`, `@odata.nextLink` with `$skiptoken` = last entry number, see
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-filters-paging), `$top`
 * and `$select`. Other query options (`$filter`, `$orderby`, `$expand`) are not supported on this generated set and
 * answer 400 naming the option: the sandbox's own limitation, not BC's.
 * Field shapes follow the API v2.0 page `microsoft/ALAppExtensions/Apps/W1/APIV2/app/src/pages/APIV2GLEntries.Page.al`.
 */
import type { BcApiResponse } from '../../contracts';
import { BcRequestError } from '../request-error';
import { jsonResponse, type RequestContext } from '../routes/context';
import { pageSizeFor } from '../routes/read';
import { formatEtag } from '../store/etag';
import type { BcPlugin } from './types';

/** Options of {@link largeLedgerPlugin}. */
export interface LargeLedgerOptions {
	/** Entries in the ledger (default 1,000,000). */
	entries?: number;
	/** Name of the company whose ledger is generated (default `CRONUS USA, Inc.`, the first company). */
	companyName?: string;
}

const ACCOUNTS = ['10100', '13100', '20100', '40100', '50100', '60100'];
const DOCUMENT_TYPES = ['Invoice', 'Payment', 'Credit_x0020_Memo', '_x0020_'];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2020, 0, 1);
const ENTRIES_PER_DAY = 500;

/** A GUID derived from the entry number (version 4 layout, deterministic). */
function entryId(entryNumber: number): string {
	const hex = entryNumber.toString(16).padStart(12, '0');
	return `6c1d9a3e-0000-4000-8000-${hex}`;
}

/** The entry with this number, in BC's JSON wire form. */
export function ledgerEntry(entryNumber: number): Record<string, unknown> {
	const account = ACCOUNTS[entryNumber % ACCOUNTS.length];
	const amount = Math.round(((entryNumber * 7919) % 100_000) + 1) / 100;
	const debit = entryNumber % 2 === 1;
	const postingDate = new Date(FIRST_DAY + Math.floor((entryNumber - 1) / ENTRIES_PER_DAY) * DAY_MS)
		.toISOString()
		.slice(0, 10);
	return {
		'@odata.etag': formatEtag(`gl/${entryNumber}`, 1),
		id: entryId(entryNumber),
		entryNumber,
		postingDate,
		documentNumber: `G${String(Math.ceil(entryNumber / 2)).padStart(8, '0')}`,
		documentType: DOCUMENT_TYPES[entryNumber % DOCUMENT_TYPES.length],
		accountId: `6c1d9a3e-0000-4000-9000-${String(account).padStart(12, '0')}`,
		accountNumber: account,
		description: `Generated entry ${entryNumber}`,
		debitAmount: debit ? amount : 0,
		creditAmount: debit ? 0 : amount,
		additionalCurrencyDebitAmount: 0,
		additionalCurrencyCreditAmount: 0,
		lastModifiedDateTime: `${postingDate}T12:00:00Z`,
	};
}

function unsupported(option: string): BcRequestError {
	return new BcRequestError(
		400,
		'BadRequest',
		`The sandbox's generated general ledger does not support ${option}; use $top, $select and paging only.`,
	);
}

function wholeNumber(raw: string | undefined, option: string): number | undefined {
	if (raw === undefined) return undefined;
	if (!/^\d+$/.test(raw)) throw new BcRequestError(400, 'BadRequest', `Invalid value '${raw}' for ${option}.`);
	return Number(raw);
}

/** Serves one page of the generated ledger. */
function servePage(ctx: RequestContext, entries: number): BcApiResponse {
	for (const option of ['$filter', '$orderby', '$expand', '$skip']) {
		if (ctx.query.system.get(option)) throw unsupported(option);
	}
	const top = wholeNumber(ctx.query.system.get('$top')?.value, '$top');
	const after = wholeNumber(ctx.query.system.get('$skiptoken')?.value, '$skiptoken') ?? 0;
	const selectRaw = ctx.query.system.get('$select');
	const select = selectRaw?.value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const { size, applied } = pageSizeFor(ctx);
	const last = Math.min(entries, top !== undefined ? Math.min(top, entries) : entries);
	const end = Math.min(last, after + size);
	const value: Record<string, unknown>[] = [];
	for (let n = after + 1; n <= end; n++) {
		const entry = ledgerEntry(n);
		if (!select) value.push(entry);
		else {
			const shaped: Record<string, unknown> = { '@odata.etag': entry['@odata.etag'] };
			for (const name of select) {
				if (!(name in entry)) throw unsupported(`the property '${name}'`);
				shaped[name] = entry[name];
			}
			value.push(shaped);
		}
	}
	const root = ctx.request.serviceRootUrl;
	const body: Record<string, unknown> = {
		'@odata.context': `${root}/$metadata#companies(${ctx.segments[0].key})/generalLedgerEntries`,
		value,
	};
	// BC answers a `$top` request without a next link (the first page holds it); see transport/paging.ts.
	if (end < last && top === undefined) {
		const parts = [`aid=FIN`, `$skiptoken=${end}`];
		if (selectRaw) parts.push(`$select=${selectRaw.raw}`);
		body['@odata.nextLink'] = `${root}/${ctx.request.resourcePath}?${parts.join('&')}`;
	}
	return jsonResponse(200, body, applied ? { 'preference-applied': applied } : {});
}

/**
 * The plugin. Add it with `startSandbox({ plugins: [largeLedgerPlugin()] })` or `npm run sandbox -- --ledger-entries N`.
 * @param options entries (default 1,000,000) and the company (default the first, `CRONUS USA, Inc.`)
 */
export function largeLedgerPlugin(options: LargeLedgerOptions = {}): BcPlugin {
	const entries = options.entries ?? 1_000_000;
	const companyName = options.companyName ?? 'CRONUS USA, Inc.';
	if (!Number.isInteger(entries) || entries < 0) throw new Error('large-ledger: entries must be a whole number ≥ 0');
	return {
		name: 'large-ledger',
		routes: [
			{
				name: 'large-ledger',
				match(ctx) {
					const [company, set, ...rest] = ctx.segments;
					if (ctx.request.method !== 'GET' || ctx.request.apiRoute !== 'v2.0' || rest.length > 0) return false;
					if (company?.name !== 'companies' || !company.key || set?.name !== 'generalLedgerEntries' || set.key)
						return false;
					const found = ctx.state.store.findCompany(ctx.request.environment, company.key);
					return found?.name === companyName;
				},
				handle: (ctx) => servePage(ctx, entries),
			},
		],
	};
}
