import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { companyPath, recordPath } from '../shared/files';
import {
	parentEntitySetProperty,
	readParentEntitySet,
	parentRecordIdProperty,
	readParentRecordId,
} from '../shared/fileParents';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';

/** File → Delete Picture: `DELETE …/<parent>(<id>)/picture` with `If-Match: *`; output `{ deleted: true, id }`. */
export const deletePicture: BcOperation = {
	value: 'deletePicture',
	name: 'Delete Picture',
	description: 'Remove the picture of a customer, vendor, item, employee or contact',
	action: 'Delete a picture',
	method: 'DELETE',
	properties: [companyLocator, parentEntitySetProperty('picture', 'The kind of record'), parentRecordIdProperty],
	async preSend(requestOptions) {
		const set = readParentEntitySet(this, 'picture');
		const company = readCompany(this);
		const key = readParentRecordId(this);
		requestOptions.headers = { ...requestOptions.headers, 'If-Match': '*' };
		return await companyPath(this, requestOptions, company, `${recordPath(set, key)}/picture`);
	},
	async execute({ ctx, request, send }) {
		await bcRequest(ctx, request, send);
		return [{ deleted: true, id: String(ctx.getNodeParameter('parentRecordId', '')).trim() }];
	},
};
