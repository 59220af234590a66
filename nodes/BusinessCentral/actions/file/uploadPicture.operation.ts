import { bcRequest, entityJson } from '../../transport';
import type { BcOperation } from '../operation';
import { companyPath, inputBinaryProperty, readUploadFile, recordPath, uploadHeaders } from '../shared/files';
import {
	parentEntitySetProperty,
	readParentEntitySet,
	parentRecordIdProperty,
	readParentRecordId,
} from '../shared/fileParents';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';

/**
 * File → Upload Picture: `PATCH …/<parent>(<id>)/picture/pictureContent` with the image's raw bytes,
 * `Content-Type: application/octet-stream` and `If-Match: *` (204; the picture entity cannot be POSTed:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_picture_update).
 * The file is checked before any request and streamed from n8n's binary data store. Output: the picture's metadata.
 */
export const uploadPicture: BcOperation = {
	value: 'uploadPicture',
	name: 'Upload Picture',
	description: 'Set the picture of a customer, vendor, item, employee or contact',
	action: 'Upload a picture',
	method: 'PATCH',
	properties: [
		companyLocator,
		parentEntitySetProperty('picture', 'The kind of record'),
		parentRecordIdProperty,
		inputBinaryProperty,
	],
	async preSend(requestOptions) {
		const set = readParentEntitySet(this, 'picture');
		const company = readCompany(this);
		const key = readParentRecordId(this);
		await readUploadFile(this);
		return await companyPath(this, requestOptions, company, `${recordPath(set, key)}/picture`);
	},
	async execute({ ctx, request, send }) {
		const file = await readUploadFile(ctx);
		await bcRequest(
			ctx,
			{
				...request,
				url: `${request.url}/pictureContent`,
				body: undefined,
				headers: uploadHeaders(request, '*'),
				rawBody: file.open,
			},
			send,
		);
		return [entityJson((await bcRequest(ctx, { ...request, method: 'GET', body: undefined }, send)).body)];
	},
};
