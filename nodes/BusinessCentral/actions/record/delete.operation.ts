import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { batchingProperties } from '../shared/batching';
import { entitySetProperties, recordIdProperty } from '../shared/properties';
import { readIfMatch } from '../shared/validation';
import { concurrencyProperties } from '../shared/writeProperties';
import { applyQueryOptions, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';

/** The query options this operation offers. */
const OFFERED: QueryOption[] = [];

/**
 * Record → Delete: `DELETE companies(<id>)/<entitySet>(<key>)` with `If-Match`. BC answers 204 without a body, so
 * the output item is `{ deleted: true, id }`.
 */
export const del: BcOperation = {
	value: 'delete',
	name: 'Delete',
	description: 'Delete a record',
	action: 'Delete a record',
	method: 'DELETE',
	properties: [...entitySetProperties, recordIdProperty, ...concurrencyProperties, ...batchingProperties],
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'delete', true);
		applyQueryOptions(this, requestOptions, OFFERED);
		delete requestOptions.body;
		requestOptions.headers!['If-Match'] = readIfMatch(this);
		return await recordUrl(this, requestOptions, target);
	},
	async execute({ ctx, request, send }) {
		await bcRequest(ctx, request, send);
		return [{ deleted: true, id: ctx.getNodeParameter('recordId', '') as string }];
	},
};
