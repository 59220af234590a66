/**
 * The bound-action route: `POST …/<entitySet>(<id>)/Microsoft.NAV.<action>` for every action in
 * {@link ACTION_SPECS}, answering 204 without a body as BC does
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesinvoice_post).
 * Business errors are AL `Error(...)` texts from the page's labels as `Application_DialogException` (400).
 */
import type { BcApiResponse } from '../../../contracts';
import { DOCUMENTS } from '../../behaviours';
import { computeTotals } from '../../behaviours/document-math';
import { NUMBER_SERIES, nextNumber } from '../../behaviours/number-series';
import type { Catalog } from '../../catalog';
import { BcErrors } from '../../request-error';
import type { RequestContext, Route } from '../../routes/context';
import { resolveTarget } from '../../routes/resolve';
import { blankRow } from '../../store/defaults';
import { formatDateTime, roundAmount } from '../../store/formats';
import { randomGuid } from '../../store/guid';
import type { CompanyData } from '../../store/store';
import type { Row } from '../../store/table';
import { actionSpec, isPosted, type ActionSpec } from './action-specs';

/** "There is nothing to post." (Sales-Post, Purch.-Post and APIV2Journals.Page.al `ThereIsNothingToPostErr`). */
const NOTHING_TO_POST = 'There is nothing to post.';

/** What an action's effect can reach. */
interface ActionScope {
	company: CompanyData;
	catalog: Catalog;
	spec: ActionSpec;
	labels: Record<string, string>;
	row: Row;
	now: string;
	today: string;
}

function fail(scope: ActionScope, label: string, fallback: string): never {
	throw BcErrors.dialog(scope.labels[label] ?? fallback);
}

function linesOf(company: CompanyData, lineSet: string, documentId: string): Row[] {
	const id = documentId.toLowerCase();
	return [...company.tableOf(lineSet).rows()].filter((l) => String(l.documentId).toLowerCase() === id);
}

function lineSetOf(headerSet: string): string {
	return DOCUMENTS.find((d) => d.headerSet === headerSet)!.lineSet;
}

/** A new row of `set` with the values of `from` for every field both have (key, number, status and links left blank). */
function copyInto(scope: ActionScope, set: string, from: Row, values: Row): Row {
	const def = scope.catalog.entitySet('v2.0', set)!;
	const row = blankRow(def, scope.catalog);
	const skip = new Set([
		'id',
		'number',
		'status',
		'documentId',
		'orderId',
		'orderNumber',
		'invoiceId',
		'invoiceNumber',
	]);
	for (const f of def.fields)
		if (!skip.has(f.name) && f.name in from && f.type !== 'stream') row[f.name] = from[f.name];
	return { ...row, id: randomGuid(), lastModifiedDateTime: scope.now, ...values };
}

/** Copies the lines of document `fromId` to the new document `toId` (new line ids, same sequence and amounts). */
function copyLines(scope: ActionScope, fromLines: string, toLines: string, fromId: string, toId: string): Row[] {
	const target = scope.company.tableOf(toLines);
	return linesOf(scope.company, fromLines, fromId).map((line) => {
		const copy = copyInto(scope, toLines, line, { documentId: toId });
		delete copy.lastModifiedDateTime;
		target.insert(copy);
		return copy;
	});
}

/** Deletes a document and its lines (the source of a conversion or a fully invoiced order). */
function deleteDocument(scope: ActionScope, set: string, id: string): void {
	const lines = scope.company.tableOf(lineSetOf(set));
	for (const l of linesOf(scope.company, lineSetOf(set), id)) lines.delete(String(l.id));
	scope.company.tableOf(set).delete(id);
}

function postingDateOf(row: Row, today: string): string {
	const date = String(row.postingDate ?? '');
	return date && date !== '0001-01-01' ? date : today;
}

/** Customer balance after a posted sales invoice (feeds `customerFinancialDetails`). */
function addToBalance(scope: ActionScope, customerId: unknown, amount: number): void {
	const customers = scope.company.tableOf('customers');
	const customer = customers.get(String(customerId));
	if (customer && 'balanceDue' in customer) {
		customers.replace(String(customer.id), {
			...customer,
			balanceDue: roundAmount(Number(customer.balanceDue) + amount),
		});
	}
}

function send(scope: ActionScope, set: string): Row {
	const { row } = scope;
	const customer = scope.company.tableOf('customers').get(String(row.customerId ?? ''));
	if (!row.email && !customer?.email) {
		fail(
			scope,
			'EmptyEmailErr',
			'The send-to email is empty. Specify email either for the customer or for the invoice in email preview.',
		);
	}
	if (set === 'salesQuotes') return { ...row, status: 'Sent', sentDate: scope.today, lastModifiedDateTime: scope.now };
	return row;
}

/** Runs an action's state check and effect on the company's tables. */
function runEffect(scope: ActionScope): void {
	const { spec, company, row } = scope;
	const id = String(row.id);
	const table = company.tableOf(spec.entitySet);
	if (spec.guard === 'draft' && isPosted(row))
		fail(scope, spec.guardError!, 'The action can be applied to a draft document only.');
	if (spec.guard === 'posted' && !isPosted(row))
		fail(scope, spec.guardError!, 'The action can be applied to a posted document only.');
	const effect = spec.effect;
	switch (effect.kind) {
		case 'post': {
			if (!linesOf(company, lineSetOf(spec.entitySet), id).length) fail(scope, '', NOTHING_TO_POST);
			const posted: Row = {
				...row,
				status: 'Open',
				number: nextNumber(company, effect.series),
				postingDate: postingDateOf(row, scope.today),
				lastModifiedDateTime: scope.now,
			};
			if ('remainingAmount' in posted) posted.remainingAmount = posted.totalAmountIncludingTax;
			table.replace(id, spec.andSend ? send({ ...scope, row: posted }, spec.entitySet) : posted);
			if (spec.entitySet === 'salesInvoices') addToBalance(scope, row.customerId, Number(row.totalAmountIncludingTax));
			return;
		}
		case 'postOrder': {
			const lineSet = lineSetOf(spec.entitySet);
			if (!linesOf(company, lineSet, id).length) fail(scope, '', NOTHING_TO_POST);
			const date = postingDateOf(row, scope.today);
			const invoice = copyInto(scope, effect.invoiceSet, row, {
				number: nextNumber(company, effect.series),
				status: 'Open',
				orderId: row.id,
				orderNumber: row.number,
				postingDate: date,
				invoiceDate: date,
			});
			const lines = copyLines(scope, lineSet, effect.invoiceLines, id, String(invoice.id));
			computeTotals(invoice, lines);
			company.tableOf(effect.invoiceSet).insert(invoice);
			if (effect.invoiceSet === 'salesInvoices')
				addToBalance(scope, row.customerId, Number(invoice.totalAmountIncludingTax));
			deleteDocument(scope, spec.entitySet, id);
			return;
		}
		case 'convert': {
			const doc = copyInto(scope, effect.targetSet, row, {
				number: nextNumber(company, NUMBER_SERIES[effect.targetSet]),
				status: 'Draft',
			});
			const lines = copyLines(scope, lineSetOf(spec.entitySet), effect.targetLines, id, String(doc.id));
			computeTotals(doc, lines);
			company.tableOf(effect.targetSet).insert(doc);
			deleteDocument(scope, spec.entitySet, id);
			return;
		}
		case 'corrective': {
			if (row.status === 'Canceled' || row.status === 'Corrective')
				fail(scope, 'InvoiceClosedErr', 'The invoice is closed.');
			const memo = copyInto(scope, effect.targetSet, row, {
				number: nextNumber(company, NUMBER_SERIES[effect.targetSet]),
				status: 'Draft',
				invoiceId: row.id,
				invoiceNumber: row.number,
			});
			computeTotals(memo, copyLines(scope, lineSetOf(spec.entitySet), effect.targetLines, id, String(memo.id)));
			company.tableOf(effect.targetSet).insert(memo);
			return;
		}
		case 'cancel': {
			const already = Object.keys(scope.labels).find((k) => /^Already/.test(k));
			if (row.status === 'Canceled') fail(scope, already ?? '', 'The document has already been canceled.');
			const corrective = copyInto(scope, effect.correctiveSet, row, {
				number: nextNumber(company, effect.series),
				status: 'Corrective',
				postingDate: scope.today,
				...(effect.correctiveSet.endsWith('CreditMemos') ? { invoiceId: row.id, invoiceNumber: row.number } : {}),
			});
			computeTotals(
				corrective,
				copyLines(scope, lineSetOf(spec.entitySet), effect.correctiveLines, id, String(corrective.id)),
			);
			if ('remainingAmount' in corrective) corrective.remainingAmount = 0;
			company.tableOf(effect.correctiveSet).insert(corrective);
			const canceled = { ...row, status: 'Canceled', lastModifiedDateTime: scope.now };
			if ('remainingAmount' in canceled) canceled.remainingAmount = 0;
			table.replace(id, spec.andSend ? send({ ...scope, row: canceled }, spec.entitySet) : canceled);
			return;
		}
		case 'send':
			table.replace(id, send(scope, spec.entitySet));
			return;
		case 'journalPost': {
			const lines = company.tableOf('journalLines');
			const mine = [...lines.rows()].filter((l) => String(l.journalId).toLowerCase() === id.toLowerCase());
			if (!mine.length) fail(scope, 'ThereIsNothingToPostErr', NOTHING_TO_POST);
			for (const l of mine) lines.delete(String(l.id));
			table.replace(id, { ...row, lastModifiedDateTime: scope.now });
			return;
		}
		case 'restart':
			table.replace(id, { ...row, status: 'Ready', lastModifiedDateTime: scope.now });
			return;
	}
}

/** The entity set and action a path ends with, when it is `…<set>(<key>)/Microsoft.NAV.<action>`. */
function addressed(ctx: RequestContext): { entitySet: string; action: string } | undefined {
	const segs = ctx.segments;
	const last = segs[segs.length - 1];
	const parent = segs[segs.length - 2];
	if (!last || !parent || !last.name.startsWith('Microsoft.NAV.') || parent.key === undefined) return undefined;
	return { entitySet: parent.name, action: last.name.slice('Microsoft.NAV.'.length) };
}

/** `POST …/<set>(<id>)/Microsoft.NAV.<action>` for the simulated actions; If-Match compared only when sent. */
export const boundActionsRoute: Route = {
	name: 'documents-bound-actions',
	match(ctx) {
		const a = addressed(ctx);
		return (
			!!a &&
			!!actionSpec(a.entitySet, a.action) &&
			ctx.state.catalog.entitySet(ctx.request.apiRoute, a.entitySet) !== undefined
		);
	},
	handle(ctx): BcApiResponse {
		const a = addressed(ctx)!;
		const spec = actionSpec(a.entitySet, a.action)!;
		const target = resolveTarget(ctx);
		if (ctx.request.method !== 'POST') throw BcErrors.methodNotAllowed(ctx.request.method, target.def.entitySet);
		const company = target.company!;
		const key = target.key!;
		const row = target.table.get(key);
		if (!row) throw BcErrors.recordNotFound(target.def.caption, 'Id', key);
		const ifMatch = ctx.request.headers['if-match'];
		if (ifMatch && ifMatch !== '*' && ifMatch !== target.table.etag(key)) throw BcErrors.entityChanged();
		const scope: ActionScope = {
			company,
			catalog: ctx.state.catalog,
			spec,
			labels: target.def.errorLabels,
			row,
			now: formatDateTime(ctx.state.now()),
			today: new Date(ctx.state.now()).toISOString().slice(0, 10),
		};
		ctx.state.store.atomic(() => runEffect(scope));
		return { status: 204, headers: {} };
	},
};
