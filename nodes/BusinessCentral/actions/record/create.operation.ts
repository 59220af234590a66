import type { BcOperation } from '../operation';
import { batchingProperties } from '../shared/batching';
import { entitySetProperties } from '../shared/properties';
import { readBody } from '../shared/readBody';
import { readBodyMode, readMappedBody, refreshMetadataProperty } from '../shared/mapper';
import { bodyProperties } from '../shared/writeProperties';
import { applyQueryOptions, readRecordTarget, recordUrl, type QueryOption } from '../shared/target';

/** The query options this operation offers. */
const OFFERED: QueryOption[] = [];

/** Record → Create: `POST companies(<id>)/<entitySet>` with the JSON or field-by-field body; outputs the new record. */
export const create: BcOperation = {
	value: 'create',
	name: 'Create',
	description: 'Create a record in an entity set',
	action: 'Create a record',
	method: 'POST',
	properties: [...entitySetProperties, ...bodyProperties, refreshMetadataProperty, ...batchingProperties],
	async preSend(requestOptions) {
		const target = readRecordTarget(this, 'create', false);
		applyQueryOptions(this, requestOptions, OFFERED);
		requestOptions.body =
			readBodyMode(this) === 'mapper'
				? await readMappedBody(this, requestOptions, target, 'create')
				: readBody(this, target.route, target.entitySet);
		return await recordUrl(this, requestOptions, target);
	},
};
