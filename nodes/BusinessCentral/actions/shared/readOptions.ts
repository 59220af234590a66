/**
 * Read options shared by the read operations: `Data-Access-Intent` (read scale-out) and, for Get Many, All Companies.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { readBoolean, readCollectionParameter, readOption } from './parameters';

/**
 * `Data-Access-Intent: ReadOnly | ReadWrite` on a GET: ReadOnly lets BC online read from a replica; ReadWrite makes a
 * read see a write that just happened (a GET right after a PATCH may otherwise be stale on production; UNVERIFIED in
 * practice). Writes support only ReadWrite, so the node sends it on reads only
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-connect-apps-tips#DataAccessIntent).
 */
export const dataAccessIntentOption: INodeProperties = {
	displayName: 'Data Access Intent',
	name: 'dataAccessIntent',
	type: 'options',
	options: [
		{ name: 'Default (Page Setting)', value: 'default', description: 'Send no header' },
		{ name: 'Read Only (Replica)', value: 'ReadOnly', description: 'Data-Access-Intent: ReadOnly' },
		{
			name: 'Read Write (See Latest Writes)',
			value: 'ReadWrite',
			description: 'Data-Access-Intent: ReadWrite, e.g. to verify a write just made',
		},
	],
	default: 'default',
	description: 'Whether Business Central may answer from a read-only database replica',
};

/** Get Many: read the entity set in every company of the environment. */
export const allCompaniesOption: INodeProperties = {
	displayName: 'All Companies',
	name: 'allCompanies',
	type: 'boolean',
	default: false,
	description:
		'Whether to read every company of the environment (the Company above is then ignored); each record gets companyId and companyName. Limit counts records over all companies.',
};

/**
 * Sets the `Data-Access-Intent` header from Options → Data Access Intent (none for Default).
 * @throws NodeOperationError naming the option for any other value
 */
export function applyDataAccessIntent(ctx: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): void {
	const options = readCollectionParameter(ctx, 'options', 'Options');
	if (options.dataAccessIntent === undefined) return;
	const intent = readOption(
		ctx,
		'options.dataAccessIntent',
		'Options → Data Access Intent',
		['default', 'ReadOnly', 'ReadWrite'] as const,
		'default',
	);
	if (intent !== 'default') (requestOptions.headers ??= {})['Data-Access-Intent'] = intent;
}

/** Whether Options → All Companies is on. */
export function readAllCompanies(ctx: IExecuteSingleFunctions): boolean {
	const options = readCollectionParameter(ctx, 'options', 'Options');
	return options.allCompanies === undefined
		? false
		: readBoolean(ctx, 'options.allCompanies', 'Options → All Companies', false);
}
