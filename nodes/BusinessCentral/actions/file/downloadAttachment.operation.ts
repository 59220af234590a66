import { bcRequest, entityJson } from '../../transport';
import type { BcOperation } from '../operation';
import {
	attachmentIdProperty,
	attachmentSetProperty,
	readAttachmentId,
	readAttachmentSet,
} from '../shared/attachments';
import {
	binaryItem,
	bodyBytes,
	bytesRequest,
	companyPath,
	outputBinaryProperty,
	readBinaryPropertyName,
	recordPath,
	safeFileName,
} from '../shared/files';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';

/**
 * File → Download Attachment: `GET …/documentAttachments(<id>)` (file name) and `…/attachmentContent` (the bytes).
 * Output: the attachment's record and the file as binary, its MIME type from the file name.
 */
export const downloadAttachment: BcOperation = {
	value: 'downloadAttachment',
	name: 'Download Attachment',
	description: 'Download an attached file',
	action: 'Download an attachment',
	method: 'GET',
	properties: [companyLocator, attachmentSetProperty, attachmentIdProperty, outputBinaryProperty],
	async preSend(requestOptions) {
		const kind = readAttachmentSet(this);
		const id = readAttachmentId(this);
		readBinaryPropertyName(this);
		return await companyPath(this, requestOptions, readCompany(this), recordPath(kind, id));
	},
	async executeItems({ ctx, request, send }) {
		const record = entityJson((await bcRequest(ctx, request, send)).body);
		const content = await bcRequest(ctx, bytesRequest(request, `${request.url}/attachmentContent`), send);
		const bytes = bodyBytes(content.body);
		const fileName = safeFileName(String(record.fileName ?? '') || `${String(record.id)}.bin`);
		return [await binaryItem(ctx, record, readBinaryPropertyName(ctx), bytes, fileName)];
	},
};
