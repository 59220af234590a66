/**
 * The `documents` sandbox plugin: bound actions (post, ship and invoice, convert quotes, cancel, send, journal post),
 * PDFs of documents, attachments and pictures, with BC's semantics where clients notice them:
 * - posting a draft keeps its id, takes a number from the posted series and status Open; the posted document is no
 *   longer editable and a second post fails with the page's label ("The action can be applied to a draft invoice only.");
 * - `shipAndInvoice`/`receiveAndInvoice` create a posted invoice with a NEW id linked by `orderId`/`orderNumber`;
 * - `journals.post` empties the batch, "There is nothing to post." when it is empty;
 * - PDFs are real PDF files; attachments and pictures keep their bytes and content types.
 * Sources: microsoft/ALAppExtensions `Apps/W1/APIV2/app/src/pages/APIV2SalesInvoices.Page.al` (and siblings);
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesinvoice_post.
 */
import { BcErrors } from '../../request-error';
import type { BcPlugin, BehaviourRegistration } from '../types';
import { boundActionsRoute } from './actions';
import { isPosted } from './action-specs';
import { attachmentContentRoute, attachmentReadRoute, pdfDocumentRoute, pictureRoute } from './media';

export { ACTION_SPECS, POSTED_SERIES, actionSpec, isPosted, type ActionSpec } from './action-specs';

/**
 * Posted invoices and credit memos are read-only through the API: the aggregator codeunits refuse the modify
 * ("Sales Invoice Aggregator" label `CannotModifyPostedInvioceErr`, Base Application, StefanMaron/MSDyn365BC.Code.History).
 */
const POSTED_READ_ONLY = (
	[
		['salesInvoices', 'invoice'],
		['purchaseInvoices', 'invoice'],
		['salesCreditMemos', 'credit memo'],
		['purchaseCreditMemos', 'credit memo'],
	] as const
).map(([entitySet, noun]): BehaviourRegistration => ({
	route: 'v2.0',
	entitySet,
	behaviour: {
		beforeUpdate(_ctx, _row, old) {
			if (isPosted(old)) throw BcErrors.dialog(`The ${noun} has been posted and can no longer be modified.`);
		},
	},
}));

/** `attachments` are incoming documents: master-data parents belong to `documentAttachments` (label `ParentTypeNotSupportedErr`). */
const ATTACHMENT_PARENTS: BehaviourRegistration = {
	route: 'v2.0',
	entitySet: 'attachments',
	behaviour: {
		beforeInsert(ctx, row) {
			if (['Customer', 'Vendor', 'Item', 'Employee'].includes(String(row.parentType))) {
				const label = ctx.def.errorLabels.ParentTypeNotSupportedErr ?? 'Parent type %1 is not supported.';
				throw BcErrors.dialog(label.replace('%1', String(row.parentType)));
			}
			row.byteSize = 0;
		},
	},
};

/** The plugin; `createBcApi` loads it after `core`. */
export function documentsPlugin(): BcPlugin {
	return {
		name: 'documents',
		routes: [boundActionsRoute, pdfDocumentRoute, attachmentContentRoute, attachmentReadRoute, pictureRoute],
		behaviours: [...POSTED_READ_ONLY, ATTACHMENT_PARENTS],
	};
}
