import { bcRequest, entityJson } from '../../transport';
import type { BcOperation } from '../operation';
import {
	binaryItem,
	bodyBytes,
	bytesRequest,
	companyPath,
	outputBinaryProperty,
	readBinaryPropertyName,
	recordPath,
} from '../shared/files';
import {
	parentEntitySetProperty,
	readParentEntitySet,
	parentRecordIdProperty,
	readParentRecordId,
} from '../shared/fileParents';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/bmp': 'bmp',
};

/**
 * File → Download Picture: `GET …/<parent>(<id>)/picture` (content type, width, height) and, when there is a
 * picture, `…/picture/pictureContent` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_picture).
 * Output: the picture's metadata, with the image as binary; without a picture, the metadata only (`contentType` empty).
 */
export const downloadPicture: BcOperation = {
	value: 'downloadPicture',
	name: 'Download Picture',
	description: 'Download the picture of a customer, vendor, item, employee or contact',
	action: 'Download a picture',
	method: 'GET',
	properties: [
		companyLocator,
		parentEntitySetProperty('picture', 'The kind of record'),
		parentRecordIdProperty,
		outputBinaryProperty,
	],
	async preSend(requestOptions) {
		const set = readParentEntitySet(this, 'picture');
		const company = readCompany(this);
		const key = readParentRecordId(this);
		readBinaryPropertyName(this);
		return await companyPath(this, requestOptions, company, `${recordPath(set, key)}/picture`);
	},
	async executeItems({ ctx, request, send }) {
		const meta = entityJson((await bcRequest(ctx, request, send)).body);
		const contentType = String(meta.contentType ?? '');
		if (!contentType) return [{ json: meta }];
		const content = await bcRequest(ctx, bytesRequest(request, `${request.url}/pictureContent`, contentType), send);
		const fileName = `${String(meta.parentType ?? 'picture').replace(/\s+/g, '')}-${String(meta.id)}.${EXTENSIONS[contentType] ?? 'bin'}`;
		return [await binaryItem(ctx, meta, readBinaryPropertyName(ctx), bodyBytes(content.body), fileName, contentType)];
	},
};
