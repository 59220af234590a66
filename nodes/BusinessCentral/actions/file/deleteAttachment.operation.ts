import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import {
	attachmentIdProperty,
	attachmentSetProperty,
	readAttachmentId,
	readAttachmentSet,
} from '../shared/attachments';
import { companyPath, recordPath } from '../shared/files';
import { companyLocator } from '../shared/properties';
import { readCompany, readIfMatch } from '../shared/validation';
import { concurrencyProperties } from '../shared/writeProperties';

/** File → Delete Attachment: `DELETE …/documentAttachments(<id>)` with `If-Match`; output `{ deleted: true, id }`. */
export const deleteAttachment: BcOperation = {
	value: 'deleteAttachment',
	name: 'Delete Attachment',
	description: 'Delete an attached file',
	action: 'Delete an attachment',
	method: 'DELETE',
	properties: [companyLocator, attachmentSetProperty, attachmentIdProperty, ...concurrencyProperties],
	async preSend(requestOptions) {
		const kind = readAttachmentSet(this);
		const id = readAttachmentId(this);
		requestOptions.headers = { ...requestOptions.headers, 'If-Match': readIfMatch(this) };
		return await companyPath(this, requestOptions, readCompany(this), recordPath(kind, id));
	},
	async execute({ ctx, request, send }) {
		await bcRequest(ctx, request, send);
		return [{ deleted: true, id: String(ctx.getNodeParameter('attachmentId', '')).trim() }];
	},
};
