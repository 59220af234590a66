/** The File resource: PDFs of documents, attachments and pictures, as n8n binary data. */
import { resourceProperties } from '../operation';
import { deleteAttachment } from './deleteAttachment.operation';
import { deletePicture } from './deletePicture.operation';
import { downloadAttachment } from './downloadAttachment.operation';
import { downloadPdf } from './downloadPdf.operation';
import { downloadPicture } from './downloadPicture.operation';
import { getAttachments } from './getAttachments.operation';
import { uploadAttachment } from './uploadAttachment.operation';
import { uploadPicture } from './uploadPicture.operation';

/** The File resource's operations, in the editor's order; an operation is added here and in its own file. */
export const operations = [
	downloadPdf,
	getAttachments,
	downloadAttachment,
	uploadAttachment,
	deleteAttachment,
	downloadPicture,
	uploadPicture,
	deletePicture,
];

export const description = resourceProperties('file', operations, 'downloadPdf');
