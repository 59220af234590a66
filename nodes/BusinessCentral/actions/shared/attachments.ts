/**
 * Parameters shared by the attachment operations. Business Central has two attachment entity sets on the same
 * source table ("Attachment Entity Buffer"): `documentAttachments` (the "Attach" factbox of customers, vendors,
 * items, employees, projects and sales/purchase documents) and `attachments` (incoming documents of journal lines,
 * G/L entries and documents); https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_documentattachment
 * and …/dynamics_attachment.
 */
import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { FILE_PARENTS, parentEntitySetProperty, readParentEntitySet } from './fileParents';
import { fail, readOption, readText, shown } from './parameters';
import { GUID_PATTERN } from '../../../../core/odata';

/** The two attachment entity sets. */
export const ATTACHMENT_SETS = ['documentAttachments', 'attachments'] as const;
export type AttachmentSet = (typeof ATTACHMENT_SETS)[number];

/** Which attachment entity set to use. */
export const attachmentSetProperty: INodeProperties = {
	displayName: 'Attachment Kind',
	name: 'attachmentSet',
	type: 'options',
	default: 'documentAttachments',
	options: [
		{
			name: 'Document Attachments',
			value: 'documentAttachments',
			description:
				'Files attached to customers, vendors, items, employees, projects and documents (documentAttachments)',
		},
		{
			name: 'Incoming Document Attachments',
			value: 'attachments',
			description: 'Files of journal lines, G/L entries and documents (attachments)',
		},
	],
};

/** The parent entity set, with the options of the chosen attachment kind. */
export const attachmentParentProperties: INodeProperties[] = ATTACHMENT_SETS.map((set) => ({
	...parentEntitySetProperty(set, 'The kind of record the files are attached to'),
	displayOptions: { show: { attachmentSet: [set] } },
}));

/** The id of one attachment. */
export const attachmentIdProperty: INodeProperties = {
	displayName: 'Attachment ID',
	name: 'attachmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5d1c6f2e-1c4b-ef11-bfe4-6045bdc8c1a2',
	description: 'The ID of the attachment (from List Attachments or Upload Attachment)',
};

/** The checked attachment kind. */
export function readAttachmentSet(ctx: IExecuteSingleFunctions): AttachmentSet {
	return readOption(ctx, 'attachmentSet', 'Attachment Kind', ATTACHMENT_SETS, 'documentAttachments');
}

/** The checked parent entity set and its `parentType` for the chosen attachment kind. */
export function readAttachmentParent(
	ctx: IExecuteSingleFunctions,
	kind: AttachmentSet,
): { set: string; parentType: string } {
	const set = readParentEntitySet(ctx, kind);
	return { set, parentType: FILE_PARENTS[kind][set] };
}

/** The checked attachment id (a GUID). */
export function readAttachmentId(ctx: IExecuteSingleFunctions): string {
	const id = readText(ctx, 'attachmentId', 'Attachment ID', { maxLength: 100 }).trim();
	if (!GUID_PATTERN.test(id)) {
		fail(ctx, `Attachment ID: ${shown(id)} is not a GUID`, 'Use the id of the attachment, e.g. from List Attachments.');
	}
	return id;
}
