import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, bcRequest, entityJson } from '../../transport';
import type { BcOperation } from '../operation';
import {
	attachmentParentProperties,
	attachmentSetProperty,
	readAttachmentParent,
	readAttachmentSet,
} from '../shared/attachments';
import {
	companyPath,
	inputBinaryProperty,
	readUploadFile,
	recordPath,
	safeFileName,
	uploadHeaders,
} from '../shared/files';
import { readText } from '../shared/parameters';
import { parentRecordIdProperty, readParentRecordId } from '../shared/fileParents';
import { companyLocator } from '../shared/properties';
import { readCompany } from '../shared/validation';

/**
 * File → Upload Attachment, BC's two-step pattern: `POST …/documentAttachments` with `{ fileName, parentType,
 * parentId }` (201, byteSize 0), then `PATCH …/documentAttachments(<id>)/attachmentContent` with the raw bytes,
 * `Content-Type: application/octet-stream` and `If-Match` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_attachment_update;
 * a base64 `attachmentContent` in the POST body, as one docs page shows, is not the working pattern). The file is
 * checked (present, at most 350 MB) before any request and streamed from n8n's binary data store. If the content
 * upload fails, the empty attachment record is deleted again, so nothing half-made is left behind.
 * Output: the attachment's record as BC reads it after the upload.
 */
export const uploadAttachment: BcOperation = {
	value: 'uploadAttachment',
	name: 'Upload Attachment',
	description: 'Attach a file to a record',
	action: 'Upload an attachment',
	method: 'POST',
	properties: [
		companyLocator,
		attachmentSetProperty,
		...attachmentParentProperties,
		parentRecordIdProperty,
		inputBinaryProperty,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: "Name of the attachment in Business Central; empty: the binary file's name",
				},
			],
		},
	],
	async preSend(requestOptions) {
		const kind = readAttachmentSet(this);
		const { parentType } = readAttachmentParent(this, kind);
		const company = readCompany(this);
		const parentId = readParentRecordId(this);
		const file = await readUploadFile(this);
		const named = readText(this, 'options.fileName', 'Options → File Name', { maxLength: 250 }).trim();
		const fileName = safeFileName(named || file.fileName || 'file');
		await companyPath(this, requestOptions, company, kind);
		requestOptions.body = { fileName, parentType, parentId };
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		const created = entityJson((await bcRequest(ctx, request, send)).body);
		const url = `${request.url}${recordPath('', String(created.id))}`;
		const file = await readUploadFile(ctx);
		try {
			await bcRequest(
				ctx,
				{
					...request,
					method: 'PATCH',
					url: `${url}/attachmentContent`,
					body: undefined,
					headers: uploadHeaders(request, String(created['@odata.etag'] ?? '*')),
					rawBody: file.open,
				},
				send,
			);
		} catch (error) {
			const nodeError = asNodeError(ctx.getNode(), error, send.itemIndex) as NodeApiError | NodeOperationError;
			let cleanup = 'It was deleted again.';
			try {
				await bcRequest(
					ctx,
					{ ...request, method: 'DELETE', url, body: undefined, headers: { ...request.headers, 'If-Match': '*' } },
					send,
				);
			} catch {
				cleanup = `It could not be deleted again: delete attachment ${String(created.id)} yourself.`;
			}
			nodeError.description =
				`${nodeError.description ?? ''}\nThe attachment record was created but its content was not uploaded. ${cleanup}`.trim();
			throw nodeError;
		}
		return [entityJson((await bcRequest(ctx, { ...request, method: 'GET', url, body: undefined }, send)).body)];
	},
};
