import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { boundActions } from '../../catalog';
import { asNodeError, bcRequest, entityJson, withOutcome, type BcRequest } from '../../transport';
import type { BcOperation, OperationCall } from '../operation';
import { resultLinkOf, resultQuery, sourceFieldsOf } from '../shared/actionResults';
import { fail, readBoolean, shown } from '../shared/parameters';
import { entitySetProperties, recordIdProperty } from '../shared/properties';
import { readRecordTarget, recordUrl } from '../shared/target';
import { isCatalogRoute, readApiRoute, readEntitySet, readLocator, readRecordId } from '../shared/validation';

const properties: INodeProperties[] = [
	...entitySetProperties,
	recordIdProperty,
	{
		displayName: 'Action',
		name: 'action',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The bound action to run, e.g. post or shipAndInvoice',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBoundActions', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. post',
				hint: 'The action name without Microsoft.NAV. (custom APIs: the AL procedure name, first letter lower-case)',
			},
		],
	},
	{
		displayName: 'Return the Resulting Document',
		name: 'returnDocument',
		type: 'boolean',
		default: true,
		description:
			'Whether to read and output the document the action produced (the posted invoice, the invoice of a shipped order, …) instead of just confirming the action',
	},
];

/** Hints for BC's business errors from actions (labels of the APIV2 pages and Sales-Post). */
const ACTION_HINTS: Array<[RegExp, string]> = [
	[
		/can be applied to a draft/i,
		'The document is already posted: read it with Record → Get (same ID) instead of posting again.',
	],
	[/can be applied to a posted/i, 'Post the document first (action post), then run this action.'],
	[/nothing to post/i, 'The document or journal has no lines to post: add lines first.'],
	[/send-to email is empty/i, 'Set an e-mail on the customer or on the document, then send again.'],
	[/already been cancel/i, 'The document is already canceled.'],
];

/** The checked action name (with or without the `Microsoft.NAV.` namespace); known actions only on Microsoft's APIs. */
function readAction(ctx: IExecuteSingleFunctions, route: string, entitySet: string): string {
	const { value } = readLocator(ctx, 'action', 'Action', ['list', 'name'], 120);
	const name = value.trim().replace(/^Microsoft\.NAV\./, '');
	if (!name) fail(ctx, 'Action: choose an action', 'Pick one from the list or enter its name, e.g. post.');
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
		fail(
			ctx,
			`Action: ${shown(name)} is not an action name`,
			'An action name has letters, digits and _ only, e.g. post.',
		);
	}
	if (isCatalogRoute(route)) {
		const known = boundActions(route, entitySet).map((a) => a.replace(/^Microsoft\.NAV\./, ''));
		if (!known.includes(name)) {
			fail(
				ctx,
				`Action: ${entitySet} has no action ${shown(name)}`,
				known.length
					? `The actions of ${entitySet} are: ${known.join(', ')}.`
					: `${entitySet} has no bound actions in API v2.0; actions such as release or reopen need a custom API.`,
			);
		}
	}
	return name;
}

/** Reads one record (or the first of a query) with `Data-Access-Intent: ReadWrite`: never a stale read replica. */
async function readFresh(call: OperationCall, url: string, qs?: IDataObject): Promise<IDataObject | undefined> {
	const request: BcRequest = {
		...call.request,
		method: 'GET',
		url,
		qs,
		body: undefined,
		headers: { ...call.request.headers, 'Data-Access-Intent': 'ReadWrite' },
	};
	const body = (await bcRequest(call.ctx, request, call.send)).body as IDataObject;
	if (!qs) return entityJson(body);
	const [first] = (body.value as IDataObject[] | undefined) ?? [];
	return first ? entityJson(first) : undefined;
}

/**
 * Record → Run Action: `POST …/<entitySet>(<id>)/Microsoft.NAV.<action>` (no body; BC answers 204), then, with
 * "Return the Resulting Document", reads the document the action produced (see `shared/actionResults.ts`) with
 * `Data-Access-Intent: ReadWrite` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-connect-apps-tips#DataAccessIntent).
 * Business errors keep BC's code (`Application_DialogException`) and message, with a hint.
 */
export const runAction: BcOperation = {
	value: 'runAction',
	name: 'Run Action',
	description: 'Run a bound action (post, ship and invoice, make invoice, send, …) on a record',
	action: 'Run an action on a record',
	method: 'POST',
	properties,
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'read', true);
		readAction(this, target.route, target.entitySet);
		readBoolean(this, 'returnDocument', 'Return the Resulting Document', true);
		delete requestOptions.body;
		return await recordUrl(this, requestOptions, target);
	},
	async execute(call) {
		const { ctx, request, send } = call;
		const route = readApiRoute(ctx);
		const entitySet = readEntitySet(ctx, route, 'read');
		const id = readRecordId(ctx, route);
		const action = readAction(ctx, route, entitySet);
		const returnDocument = readBoolean(ctx, 'returnDocument', 'Return the Resulting Document', true);
		const link = resultLinkOf(route, entitySet, action);
		const fields = returnDocument ? sourceFieldsOf(link) : [];
		const source = fields.length ? await readFresh(call, request.url, undefined) : {};
		try {
			await bcRequest(ctx, { ...request, url: `${request.url}/Microsoft.NAV.${action}`, body: undefined }, send);
		} catch (error) {
			const nodeError = asNodeError(ctx.getNode(), error, send.itemIndex);
			const hint = ACTION_HINTS.find(([pattern]) => pattern.test(nodeError.message))?.[1];
			if (hint) nodeError.description = [hint, nodeError.description].filter(Boolean).join('\n');
			throw nodeError;
		}
		if (!returnDocument) return [{ action, entitySet, id, done: true }];
		try {
			if (link.kind === 'same') return [(await readFresh(call, request.url)) ?? { action, entitySet, id, done: true }];
			const base = request.url.replace(/\/[A-Za-z0-9_]+\([^)]*\)$/, `/${link.entitySet}`);
			const found = await readFresh(call, base, resultQuery(link, id, source ?? {}));
			if (found)
				return [
					link.kind === 'newestDraftOfCustomer' ? { ...found, resultFoundBy: 'newest draft of the customer' } : found,
				];
			return [{ action, entitySet, id, done: true, resultingDocument: null }];
		} catch (error) {
			const cause = asNodeError(ctx.getNode(), error, send.itemIndex);
			const nodeError = new NodeOperationError(
				ctx.getNode(),
				`The action ${action} ran, but reading its resulting document failed: ${cause.message}`,
				{
					itemIndex: send.itemIndex,
					description:
						`The action was applied: do not run it again. Read the document with Record → Get or Get Many. ${cause.description ?? ''}`.trim(),
				},
			);
			throw withOutcome(nodeError, 'failed');
		}
	},
};
