/**
 * Which API v2.0 entity sets have which file part (`pdfDocument`, `documentAttachments`, `attachments`, `picture`),
 * and the file operations' Entity Set parameter built from it.
 */
import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { findEntitySet } from '../../catalog';
import { GUID_PATTERN } from '../../../../core/odata';
import { fail, readOption, readText, shown } from './parameters';

/** The file parts of API v2.0 entity sets. */
export type FilePart = 'pdfDocument' | 'documentAttachments' | 'attachments' | 'picture';

/**
 * Which entity sets have which file part, and the `parentType` BC links them with (the parts' SubPageLink constants
 * in microsoft/ALAppExtensions `Apps/W1/APIV2/app/src/pages`, e.g. `APIV2SalesInvoices.Page.al`).
 */
export const FILE_PARENTS: Record<FilePart, Record<string, string>> = {
	pdfDocument: {
		salesInvoices: 'Sales Invoice',
		salesQuotes: 'Sales Quote',
		salesOrders: 'Sales Order',
		salesCreditMemos: 'Sales Credit Memo',
		purchaseInvoices: 'Purchase Invoice',
		purchaseOrders: 'Purchase Order',
		purchaseCreditMemos: 'Purchase Credit Memo',
		customerContacts: 'Customer Statement',
		projects: 'Job',
	},
	documentAttachments: {
		customers: 'Customer',
		vendors: 'Vendor',
		items: 'Item',
		employees: 'Employee',
		projects: 'Job',
		salesInvoices: 'Sales Invoice',
		salesQuotes: 'Sales Quote',
		salesOrders: 'Sales Order',
		salesCreditMemos: 'Sales Credit Memo',
		purchaseInvoices: 'Purchase Invoice',
		purchaseOrders: 'Purchase Order',
		purchaseCreditMemos: 'Purchase Credit Memo',
	},
	attachments: {
		journalLines: 'Journal',
		generalLedgerEntries: 'Journal',
		salesInvoices: 'Sales Invoice',
		salesQuotes: 'Sales Quote',
		salesOrders: 'Sales Order',
		salesCreditMemos: 'Sales Credit Memo',
		purchaseInvoices: 'Purchase Invoice',
		purchaseOrders: 'Purchase Order',
		purchaseCreditMemos: 'Purchase Credit Memo',
	},
	picture: {
		customers: 'Customer',
		vendors: 'Vendor',
		items: 'Item',
		employees: 'Employee',
		contacts: 'Contact',
		itemVariants: 'Item Variant',
	},
};

/** The `parentEntitySet` parameter of a file operation: the entity sets that have `part`, captions from the catalog. */
export function parentEntitySetProperty(part: FilePart, description: string): INodeProperties {
	const sets = Object.keys(FILE_PARENTS[part]);
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the part's first entity set
	return {
		displayName: 'Entity Set',
		name: 'parentEntitySet',
		type: 'options',
		default: sets[0],
		required: true,
		description,
		options: sets
			.map((set) => ({ name: `${findEntitySet('v2.0', set)?.caption ?? set} (${set})`, value: set }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/**
 * The checked `parentEntitySet`: one of the sets that have `part`.
 * @throws NodeOperationError naming the field and listing the allowed sets
 */
export function readParentEntitySet(ctx: IExecuteSingleFunctions, part: FilePart): string {
	const sets = Object.keys(FILE_PARENTS[part]);
	return readOption(ctx, 'parentEntitySet', 'Entity Set', sets, sets[0]);
}

/**
 * The record a file belongs to (the document of a PDF, the record of an attachment or picture). Its own name, not
 * `recordId`: n8n evaluates every property of a parameter name for every item, so sharing the Record resource's name
 * would cost every record operation extra evaluations.
 */
export const parentRecordIdProperty: INodeProperties = {
	displayName: 'Record ID',
	name: 'parentRecordId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5d1c6f2e-1c4b-ef11-bfe4-6045bdc8c1a2',
	description: 'The ID (a GUID) of the document or record the file belongs to',
};

/** The checked id of the record a file belongs to (a GUID). */
export function readParentRecordId(ctx: IExecuteSingleFunctions): string {
	const id = readText(ctx, 'parentRecordId', 'Record ID', { maxLength: 100 }).trim();
	if (!GUID_PATTERN.test(id)) {
		fail(
			ctx,
			`Record ID: ${shown(id)} is not a GUID`,
			'Use the id field of the record, e.g. from an earlier Get Many.',
		);
	}
	return id;
}
