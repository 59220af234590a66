import type { IDataObject, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { bcRequest, entityJson, gathered, withOutcome } from '../../transport';
import type { BcOperation, OperationCall } from '../operation';
import { batchingProperties } from '../shared/batching';
import { matchLiteral, readMatches, readMatchFields, sameValue } from '../shared/matching';
import { readBoolean } from '../shared/parameters';
import { entitySetProperties } from '../shared/properties';
import { applyQueryOptions, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';
import { readBody } from '../shared/readBody';
import { readApiRoute, readEntitySet } from '../shared/validation';
import { bodyProperties } from '../shared/writeProperties';

/** The query options this operation offers. */
const OFFERED: QueryOption[] = [];

/** Items whose matches one read serves at most. */
const MAX_ITEMS_PER_READ = 1_000;

const properties: INodeProperties[] = [
	...entitySetProperties,
	{
		displayName: 'Match On Field Names or IDs',
		name: 'matchFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEntityFields', loadOptionsDependsOn: ['entitySet.value', 'apiRoute'] },
		default: [],
		required: true,
		description:
			'The business key: the record whose fields equal the item\'s values for these fields is updated; without one, a record is created. The values come from the body. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...bodyProperties,
	{
		displayName: 'Options',
		name: 'upsertOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Skip Unchanged',
				name: 'skipUnchanged',
				type: 'boolean',
				default: false,
				description:
					'Whether to leave a found record alone when every field of the body already has that value (output operation: unchanged)',
			},
		],
	},
	...batchingProperties,
];

/** The error of an item whose key matches more than one record. */
function duplicateError(call: OperationCall, fields: string[], body: IDataObject, found: IDataObject[]): NodeApiError {
	const key = fields.map((f) => `${f} = ${JSON.stringify(body[f])}`).join(', ');
	const message = `Create or Update: ${found.length} records match ${key} (ids ${String(found[0].id)} and ${String(found[1].id)})`;
	const error = new NodeApiError(call.ctx.getNode(), { message } as JsonObject, {
		message,
		description:
			'The match fields must identify one record. Add a match field, or remove the duplicate in Business Central.',
		itemIndex: call.itemIndex,
	});
	error.message = message;
	return withOutcome(error, 'not-applied');
}

/**
 * Record → Create or Update (upsert): finds the record whose Match On fields equal the item's values (one filtered
 * read for up to 1,000 items at once, see `shared/matching.ts`), then creates it (POST) when there is none or updates
 * it (PATCH with its ETag) when there is one, through the same `$batch` coalescing as Create and Update. Outputs the
 * record with `operation: created | updated | unchanged` (unchanged with Skip Unchanged when every body field already
 * has its value). Two or more matches fail the item, naming two ids. BC has no upsert of its own.
 */
export const upsert: BcOperation = {
	value: 'upsert',
	name: 'Create or Update',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	action: 'Create or update a record',
	method: 'POST',
	properties,
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'update', false);
		readRecordTarget(this, 'create', false);
		applyQueryOptions(this, requestOptions, OFFERED);
		const body = readBody(this, target.route, target.entitySet);
		readMatchFields(this, body);
		readBoolean(this, 'upsertOptions.skipUnchanged', 'Options → Skip Unchanged', false);
		requestOptions.body = body;
		return await recordUrl(this, requestOptions, target);
	},
	async execute(call) {
		const { ctx, request, send } = call;
		const body = (request.body ?? {}) as IDataObject;
		const fields = readMatchFields(ctx, body);
		const route = readApiRoute(ctx);
		const entitySet = readEntitySet(ctx, route, 'read');
		const [first] = fields;
		const literal = matchLiteral(route, entitySet, first, body[first]);
		const groupKey = [
			ctx.getExecutionId(),
			ctx.getNode().id ?? ctx.getNode().name,
			send.limiterKey,
			request.url,
			first,
		].join('|');
		const candidates = await gathered(
			groupKey,
			literal,
			async (literals: string[]) => {
				const records = await readMatches(ctx, request, send, first, literals);
				return literals.map(() => records);
			},
			MAX_ITEMS_PER_READ,
		);
		const found = candidates.filter((record) => fields.every((f) => sameValue(record[f], body[f])));
		if (found.length > 1) throw duplicateError(call, fields, body, found);
		if (found.length === 0) {
			const created = await bcRequest(ctx, { ...request, method: 'POST' }, send);
			return [{ ...entityJson(created.body), operation: 'created' }];
		}
		const [existing] = found;
		const skipUnchanged = readBoolean(ctx, 'upsertOptions.skipUnchanged', 'Options → Skip Unchanged', false);
		if (skipUnchanged && Object.keys(body).every((f) => sameValue(existing[f], body[f]))) {
			return [{ ...existing, operation: 'unchanged' }];
		}
		const updated = await bcRequest(
			ctx,
			{
				...request,
				method: 'PATCH',
				url: `${request.url}(${String(existing.id)})`,
				headers: { ...(request.headers ?? {}), 'If-Match': String(existing['@odata.etag'] ?? '*') },
			},
			send,
		);
		return [{ ...entityJson(updated.body), operation: 'updated' }];
	},
};
