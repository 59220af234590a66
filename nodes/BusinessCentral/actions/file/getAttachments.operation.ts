import { readCollection } from '../../transport';
import type { BcOperation } from '../operation';
import {
	attachmentParentProperties,
	attachmentSetProperty,
	readAttachmentParent,
	readAttachmentSet,
} from '../shared/attachments';
import { companyPath, recordPath } from '../shared/files';
import { parentRecordIdProperty, readParentRecordId } from '../shared/fileParents';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';

/**
 * File → List Attachments: `GET …/<parent>(<id>)/documentAttachments` (or `/attachments`), every page; one output
 * item per attachment (id, fileName, byteSize, `attachmentContent@odata.mediaReadLink`, …), no file content.
 */
export const getAttachments: BcOperation = {
	value: 'getAttachments',
	name: 'List Attachments',
	description: 'List the files attached to a record',
	action: 'List the attachments of a record',
	method: 'GET',
	properties: [companyLocator, attachmentSetProperty, ...attachmentParentProperties, parentRecordIdProperty],
	async preSend(requestOptions) {
		const kind = readAttachmentSet(this);
		const { set } = readAttachmentParent(this, kind);
		const company = readCompany(this);
		const key = readParentRecordId(this);
		return await companyPath(this, requestOptions, company, `${recordPath(set, key)}/${kind}`);
	},
	async execute({ ctx, request, send }) {
		return await readCollection(ctx, request, undefined, send);
	},
};
