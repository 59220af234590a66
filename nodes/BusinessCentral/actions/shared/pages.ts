/**
 * Reads of any size with Get Many: how many records one input item may output at once, and the page-by-page mode
 * (Output: One Item per Page, with Continue From) for collections larger than that or than memory.
 *
 * Why a ceiling: n8n's declarative engine (n8n-core `RoutingNode.runNode`) adds each input item's results to the
 * node's output with `returnData.push(...records)`. A spread passes every record as a call argument on V8's stack,
 * which holds about 125,000 of them with Node's default stack size; more throws "Maximum call stack size exceeded"
 * after every page was read, and the node outputs nothing. A declarative node cannot change that call, so Return All
 * stops with a clear error as soon as a read passes the ceiling (BC API v2.0 does not document `$count`, so the size is
 * not known before reading) and names the page-by-page alternative.
 */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RecordCeiling } from '../../transport';
import { fail, readOption, readText } from './parameters';

/**
 * Share of the measured spread limit a read may use: the engine's call site (RoutingNode resuming after
 * `Promise.allSettled`) runs from a microtask as shallow as this measurement's, so a small margin suffices.
 */
const SAFETY = 0.95;

let measured: number | undefined;

/** A function that takes any number of arguments and does nothing with them. */
const ignore = (): void => undefined;

/**
 * Whether V8 can pass `n` arguments in one call at this stack depth (what a spread of `n` values needs): the
 * arguments of an array-like `{ length: n }` are pushed onto the stack as a spread's are, without allocating and
 * iterating an `n`-element array (which made the measurement cost about 1 s of CPU in n8n).
 */
function canSpread(n: number): boolean {
	try {
		Reflect.apply(ignore, undefined, { length: n });
		return true;
	} catch {
		// RangeError: Maximum call stack size exceeded (or too many arguments).
		return false;
	}
}

/**
 * Most records one input item can output through the declarative engine in this process: 95 % of the largest
 * spread V8 accepts, measured once (binary search between 10,000 and 1,000,000 arguments; about 115,000 with
 * Node's default stack size: Node 20 ~125,000 × 0.95, Node 24 in n8n ~121,000 × 0.95).
 */
export function maxRecordsPerItem(): number {
	if (measured !== undefined) return measured;
	let low = 10_000;
	let high = 1_000_000;
	if (!canSpread(low)) return (measured = low);
	if (canSpread(high)) return (measured = Math.floor(high * SAFETY));
	while (high - low > 1_000) {
		const middle = Math.floor((low + high) / 2);
		if (canSpread(middle)) low = middle;
		else high = middle;
	}
	return (measured = Math.floor(low * SAFETY));
}

/** The Return All ceiling of one input item, with its error. */
export function returnAllCeiling(ctx: IExecuteSingleFunctions): RecordCeiling {
	const records = maxRecordsPerItem();
	return {
		records,
		tooMany: (read) =>
			new NodeOperationError(
				ctx.getNode(),
				`Return All stopped after ${read.toLocaleString('en-US')} records: one input item can output at most ${records.toLocaleString('en-US')} items in n8n`,
				{
					itemIndex: ctx.getItemIndex(),
					description:
						"n8n's engine cannot output more items from one input item (its call stack overflows). Read it page by page: set Output to 'One Item per Page' and loop, passing each page's nextLink to Continue From, best in a sub-workflow per page (see the README, 'Reads of any size', and example 24); or narrow the read with a Filter, or set a Limit.",
				},
			),
	};
}

/** The Output option values of Get Many. */
export const OUTPUT_MODES = ['records', 'pages'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** Get Many's Output and Continue From parameters (additive). */
export const pageProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'One Item per Page',
				value: 'pages',
				description:
					'Read one page and output it as one item { records, nextLink, recordCount }; loop with Continue From to read any number of records (in a sub-workflow per page, memory stays flat)',
			},
			{
				name: 'One Item per Record',
				value: 'records',
				description: 'Read the records (Return All or up to Limit) and output one item per record',
			},
		],
		default: 'records',
	},
	{
		displayName: 'Continue From (Next Link)',
		name: 'continueFrom',
		type: 'string',
		default: '',
		placeholder: '={{ $json.nextLink }}',
		description:
			"The nextLink of the previous page's output; empty to read the first page. Filter and options are those of the first page (the link carries them).",
		displayOptions: { show: { output: ['pages'] } },
	},
];

/** Get Many's Output option. */
export function readOutputMode(ctx: IExecuteSingleFunctions): OutputMode {
	return readOption(ctx, 'output', 'Output', OUTPUT_MODES, 'records');
}

/** Longest continuation link accepted (BC's URL limit is 16,000 characters, see core/constants.ts). */
const MAX_LINK_LENGTH = 16_000;

/**
 * Continue From: an `@odata.nextLink` on the credential's environment URL, or '' for the first page.
 * @param environmentUrl the request's base URL (the credential's environment URL)
 * @throws NodeOperationError naming Continue From when the link is not under the environment URL
 */
export function readContinuation(ctx: IExecuteSingleFunctions, environmentUrl: string): string {
	const link = readText(ctx, 'continueFrom', 'Continue From (Next Link)', { maxLength: MAX_LINK_LENGTH }).trim();
	if (!link) return '';
	const base = environmentUrl.replace(/\/+$/, '');
	let parsed: URL | undefined;
	try {
		parsed = new URL(link);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !link.startsWith(`${base}/api/`) || parsed.origin !== new URL(base).origin) {
		fail(
			ctx,
			'Continue From (Next Link): not a next-page link of this environment',
			`Pass the nextLink of a page this node read with the same credential (it starts with ${base}/api/), or leave it empty to read the first page.`,
		);
	}
	return link;
}

/** Points the prepared request at a continuation link: absolute URL, no query options of its own. */
export function continueAt(requestOptions: IHttpRequestOptions, link: string): IHttpRequestOptions {
	requestOptions.url = link;
	requestOptions.qs = {};
	return requestOptions;
}

/** The one output item of a page. */
export function pageItem(records: IDataObject[], nextLink: string | undefined): IDataObject {
	return { records, recordCount: records.length, nextLink: nextLink ?? null };
}
