/**
 * Where the document a bound action produced is, per API v2.0 action (microsoft/ALAppExtensions
 * `Apps/W1/APIV2/app/src/pages`; every action answers 204 without a body:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesinvoice_post):
 * - posting a draft invoice or credit memo keeps its id (`"Draft Invoice SystemId"`, `"Draft Cr. Memo SystemId"`):
 *   the posted document is read under the same id, as are the results of send, cancel, journal post and restart;
 * - `shipAndInvoice` / `receiveAndInvoice` post an invoice with a NEW id, found by the order's number in
 *   `orderNumber` (`salesInvoices?$filter=orderNumber eq '…'`; UNVERIFIED that BC fills it on every posted invoice);
 * - `makeCorrectiveCreditMemo` creates a draft credit memo whose `invoiceId` is the invoice's id;
 * - `makeInvoice` / `makeOrder` create a draft whose link to the quote (Sales Header "Quote No.") is not in
 *   API v2.0: the result is the newest draft of the quote's customer (a documented heuristic, labelled in the output).
 */
import type { IDataObject } from 'n8n-workflow';

import { quoteString } from '../../../../core/odata';

/** How to find an action's resulting document. */
export type ResultLink =
	| { kind: 'same' }
	| { kind: 'orderNumber'; entitySet: string }
	| { kind: 'invoiceId'; entitySet: string }
	| { kind: 'newestDraftOfCustomer'; entitySet: string };

const LINKS: Record<string, ResultLink> = {
	'salesOrders.shipAndInvoice': { kind: 'orderNumber', entitySet: 'salesInvoices' },
	'purchaseOrders.receiveAndInvoice': { kind: 'orderNumber', entitySet: 'purchaseInvoices' },
	'salesInvoices.makeCorrectiveCreditMemo': { kind: 'invoiceId', entitySet: 'salesCreditMemos' },
	'salesQuotes.makeInvoice': { kind: 'newestDraftOfCustomer', entitySet: 'salesInvoices' },
	'salesQuotes.makeOrder': { kind: 'newestDraftOfCustomer', entitySet: 'salesOrders' },
};

/** The result link of `<entitySet>.<action>` on the standard API; `same` for any other action (custom APIs included). */
export function resultLinkOf(route: string, entitySet: string, action: string): ResultLink {
	return (route === 'v2.0' && LINKS[`${entitySet}.${action}`]) || { kind: 'same' };
}

/** Fields of the source record the link needs, read BEFORE the action (the source may be gone afterwards). */
export function sourceFieldsOf(link: ResultLink): string[] {
	if (link.kind === 'orderNumber') return ['id', 'number'];
	if (link.kind === 'newestDraftOfCustomer') return ['id', 'number', 'customerId'];
	return [];
}

/** The query that finds the resulting document in `link.entitySet` (one record, newest first). */
export function resultQuery(link: Exclude<ResultLink, { kind: 'same' }>, id: string, source: IDataObject): IDataObject {
	switch (link.kind) {
		case 'orderNumber':
			return {
				$filter: `orderNumber eq ${quoteString(String(source.number ?? ''))}`,
				$orderby: 'number desc',
				$top: 1,
			};
		case 'invoiceId':
			return { $filter: `invoiceId eq ${id} and status eq 'Draft'`, $orderby: 'number desc', $top: 1 };
		case 'newestDraftOfCustomer':
			return {
				$filter: `customerId eq ${String(source.customerId ?? '')} and status eq 'Draft'`,
				$orderby: 'lastModifiedDateTime desc',
				$top: 1,
			};
	}
}
