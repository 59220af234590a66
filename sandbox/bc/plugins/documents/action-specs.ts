/**
 * Bound actions of API v2.0 as data: which entity set, which action, which state the record must be in, what the
 * action changes and where its resulting document is. Action names and error labels: microsoft/ALAppExtensions
 * `Apps/W1/APIV2/app/src/pages/APIV2SalesInvoices.Page.al` (and the sibling pages named below); "The response has
 * no content; the response code is 204" for every action:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesinvoice_post
 * (and the sibling `…_<action>` pages).
 */
import type { NumberSeries } from '../../behaviours/number-series';

/** Which records an action accepts, by the entity set's `status`. */
export type StatusGuard = 'draft' | 'posted' | 'any';

/** What an action does to the data. */
export type ActionEffect =
	/** Draft → posted under the SAME id (`"Draft Invoice SystemId"`), number from the posted series, status Open. */
	| { kind: 'post'; series: NumberSeries }
	/** Order → a posted invoice with a NEW id linked by `orderId`/`orderNumber`; the fully invoiced order is deleted. */
	| { kind: 'postOrder'; invoiceSet: string; invoiceLines: string; series: NumberSeries }
	/** Quote → a new draft invoice or order; the quote is deleted (Sales-Quote to Invoice / to Order). */
	| { kind: 'convert'; targetSet: string; targetLines: string }
	/** Posted invoice → a new draft credit memo with `invoiceId`/`invoiceNumber` (Correct Posted Sales Invoice). */
	| { kind: 'corrective'; targetSet: string; targetLines: string }
	/** Posted document → status Canceled, plus a posted corrective document (status Corrective) in `correctiveSet`. */
	| { kind: 'cancel'; correctiveSet: string; correctiveLines: string; series: NumberSeries }
	/** E-mails the document: needs an e-mail on the document or its customer; quotes become Sent. */
	| { kind: 'send' }
	/** Posts every line of the journal batch (codeunit "Gen. Jnl.-Post"); the batch is empty afterwards. */
	| { kind: 'journalPost' }
	/** Sets a job queue entry back to Ready. */
	| { kind: 'restart' };

/** One bound action. */
export interface ActionSpec {
	entitySet: string;
	/** Name without the `Microsoft.NAV.` namespace. */
	action: string;
	guard: StatusGuard;
	/** Error label (the entity set's `errorLabels` key) when the guard fails. */
	guardError?: string;
	effect: ActionEffect;
	/** Also sends (the `…AndSend` actions). */
	andSend?: boolean;
}

/** Posted-document series (CRONUS-like); the drafts' series are in `behaviours/number-series.ts`. */
export const POSTED_SERIES: Record<string, NumberSeries> = {
	salesInvoices: { code: 'PS-INV', prefix: 'PS-INV', start: 103001, step: 1, width: 6 },
	salesCreditMemos: { code: 'PS-CR', prefix: 'PS-CR', start: 104001, step: 1, width: 6 },
	purchaseInvoices: { code: 'PP-INV', prefix: 'PP-INV', start: 108001, step: 1, width: 6 },
	purchaseCreditMemos: { code: 'PP-CR', prefix: 'PP-CR', start: 109001, step: 1, width: 6 },
};

/** The cancel effect: a corrective posted document of the opposite kind (Correct Posted Sales Invoice and siblings). */
const cancelTo = (correctiveSet: string, correctiveLines: string): ActionSpec['effect'] => ({
	kind: 'cancel',
	correctiveSet,
	correctiveLines,
	series: POSTED_SERIES[correctiveSet],
});

const post = (set: string, guardError: string): ActionSpec => ({
	entitySet: set,
	action: 'post',
	guard: 'draft',
	guardError,
	effect: { kind: 'post', series: POSTED_SERIES[set] },
});

/** Every simulated action. Automation actions (extensions, configuration packages, users, features) are not simulated. */
export const ACTION_SPECS: ActionSpec[] = [
	// APIV2SalesInvoices.Page.al
	post('salesInvoices', 'DraftInvoiceActionErr'),
	{ ...post('salesInvoices', 'DraftInvoiceActionErr'), action: 'postAndSend', andSend: true },
	{ entitySet: 'salesInvoices', action: 'send', guard: 'any', effect: { kind: 'send' } },
	{
		entitySet: 'salesInvoices',
		action: 'cancel',
		guard: 'posted',
		guardError: 'PostedInvoiceActionErr',
		effect: cancelTo('salesCreditMemos', 'salesCreditMemoLines'),
	},
	{
		entitySet: 'salesInvoices',
		action: 'cancelAndSend',
		guard: 'posted',
		guardError: 'PostedInvoiceActionErr',
		effect: cancelTo('salesCreditMemos', 'salesCreditMemoLines'),
		andSend: true,
	},
	{
		entitySet: 'salesInvoices',
		action: 'makeCorrectiveCreditMemo',
		guard: 'posted',
		guardError: 'PostedInvoiceActionErr',
		effect: { kind: 'corrective', targetSet: 'salesCreditMemos', targetLines: 'salesCreditMemoLines' },
	},
	// APIV2SalesCreditMemos.Page.al
	post('salesCreditMemos', 'DraftCreditMemoActionErr'),
	{ ...post('salesCreditMemos', 'DraftCreditMemoActionErr'), action: 'postAndSend', andSend: true },
	{
		entitySet: 'salesCreditMemos',
		action: 'send',
		guard: 'posted',
		guardError: 'PostedCreditMemoActionErr',
		effect: { kind: 'send' },
	},
	{
		entitySet: 'salesCreditMemos',
		action: 'cancel',
		guard: 'posted',
		guardError: 'PostedCreditMemoActionErr',
		effect: cancelTo('salesInvoices', 'salesInvoiceLines'),
	},
	{
		entitySet: 'salesCreditMemos',
		action: 'cancelAndSend',
		guard: 'posted',
		guardError: 'PostedCreditMemoActionErr',
		effect: cancelTo('salesInvoices', 'salesInvoiceLines'),
		andSend: true,
	},
	// APIV2SalesQuotes.Page.al
	{ entitySet: 'salesQuotes', action: 'send', guard: 'any', effect: { kind: 'send' } },
	{
		entitySet: 'salesQuotes',
		action: 'makeInvoice',
		guard: 'any',
		effect: { kind: 'convert', targetSet: 'salesInvoices', targetLines: 'salesInvoiceLines' },
	},
	{
		entitySet: 'salesQuotes',
		action: 'makeOrder',
		guard: 'any',
		effect: { kind: 'convert', targetSet: 'salesOrders', targetLines: 'salesOrderLines' },
	},
	// APIV2SalesOrders.Page.al
	{
		entitySet: 'salesOrders',
		action: 'shipAndInvoice',
		guard: 'any',
		effect: {
			kind: 'postOrder',
			invoiceSet: 'salesInvoices',
			invoiceLines: 'salesInvoiceLines',
			series: POSTED_SERIES.salesInvoices,
		},
	},
	// APIV2PurchaseInvoices / PurchaseOrders / PurchaseCreditMemos
	post('purchaseInvoices', 'DraftInvoiceActionErr'),
	{
		entitySet: 'purchaseOrders',
		action: 'receiveAndInvoice',
		guard: 'any',
		effect: {
			kind: 'postOrder',
			invoiceSet: 'purchaseInvoices',
			invoiceLines: 'purchaseInvoiceLines',
			series: POSTED_SERIES.purchaseInvoices,
		},
	},
	post('purchaseCreditMemos', 'DraftCreditMemoActionErr'),
	{
		entitySet: 'purchaseCreditMemos',
		action: 'cancel',
		guard: 'posted',
		guardError: 'PostedCreditMemoActionErr',
		effect: cancelTo('purchaseInvoices', 'purchaseInvoiceLines'),
	},
	// APIV2Journals.Page.al, APIV2JobQueueEntries.Page.al
	{ entitySet: 'journals', action: 'post', guard: 'any', effect: { kind: 'journalPost' } },
	{ entitySet: 'jobQueueEntries', action: 'restart', guard: 'any', effect: { kind: 'restart' } },
];

/** The spec of `<entitySet>/Microsoft.NAV.<action>`, if the sandbox simulates it. */
export function actionSpec(entitySet: string, action: string): ActionSpec | undefined {
	return ACTION_SPECS.find((s) => s.entitySet === entitySet && s.action === action);
}

/** Statuses (wire form) of documents that are not posted yet. */
const UNPOSTED = new Set(['Draft', 'In_x0020_Review', '_x0020_', '']);

/** Whether a document row is posted (invoices and credit memos: status Open, Paid, Canceled or Corrective). */
export function isPosted(row: Record<string, unknown>): boolean {
	return !UNPOSTED.has(String(row.status ?? ''));
}
