import type { BcOperation } from '../operation';
import { batchingProperties } from '../shared/batching';
import { entitySetProperties, recordIdProperty } from '../shared/properties';
import { readBody } from '../shared/readBody';
import { readBodyMode, readMappedBody, refreshMetadataProperty } from '../shared/mapper';
import { readIfMatch } from '../shared/validation';
import { bodyProperties, concurrencyProperties } from '../shared/writeProperties';
import { applyQueryOptions, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';

/** The query options this operation offers. */
const OFFERED: QueryOption[] = [];

/**
 * Record → Update: `PATCH companies(<id>)/<entitySet>(<key>)` with `If-Match` (the record's ETag, or `*`);
 * outputs the updated record with its new ETag.
 */
export const update: BcOperation = {
	value: 'update',
	name: 'Update',
	description: 'Update fields of a record',
	action: 'Update a record',
	method: 'PATCH',
	properties: [
		...entitySetProperties,
		recordIdProperty,
		...concurrencyProperties,
		...bodyProperties,
		refreshMetadataProperty,
		...batchingProperties,
	],
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'update', true);
		applyQueryOptions(this, requestOptions, OFFERED);
		const ifMatch = readIfMatch(this);
		requestOptions.body =
			readBodyMode(this) === 'mapper'
				? await readMappedBody(this, requestOptions, target, 'update')
				: readBody(this, target.route, target.entitySet);
		requestOptions.headers!['If-Match'] = ifMatch;
		return await recordUrl(this, requestOptions, target);
	},
};
