import { BcErrors } from '../request-error';
import { EMPTY_GUID } from '../store/guid';
import type { Row } from '../store/table';
import { computeLine, computeTotals } from './document-math';
import type { BehaviourContext, EntityBehaviour } from './types';

/** A document line set and its header set, e.g. `salesOrderLines` → `salesOrders`. */
export interface LineSetConfig {
	lineSet: string;
	headerSet: string;
	/** `unitPrice` (sales) or `directUnitCost` (purchase). */
	priceField: 'unitPrice' | 'directUnitCost';
}

function label(ctx: BehaviourContext, name: string, fallback: string): string {
	return ctx.def.errorLabels[name] ?? fallback;
}

/** Recomputes and stores the header totals of a document after one of its lines changed. */
export function refreshHeader(ctx: BehaviourContext, cfg: LineSetConfig, documentId: string): void {
	const headers = ctx.company.tableOf(cfg.headerSet);
	const header = headers.get(documentId);
	if (!header) return;
	const lines = ctx.company.tableOf(cfg.lineSet);
	const mine: Row[] = [];
	const id = documentId.toLowerCase();
	for (const l of lines.rows()) if (String(l.documentId).toLowerCase() === id) mine.push(l);
	const next = { ...header, lastModifiedDateTime: ctx.now() };
	computeTotals(next, mine);
	headers.replace(documentId, next);
}

/**
 * Document line behaviour (AL "APIV2 - Sales Order Lines" and siblings): top-level reads need a
 * `documentId` or `id` filter ("You must specify an Id or a Document Id to get the lines."), inserts
 * need an existing header, get the next `sequence` (10000 steps), item/account lookup fills
 * description, unit of measure and price; amounts are recomputed and the header totals refreshed.
 */
export function documentLineBehaviour(cfg: LineSetConfig): EntityBehaviour {
	const fillFromItem = (ctx: BehaviourContext, row: Row, provided: Set<string>) => {
		if (
			provided.has('itemId') &&
			provided.has('accountId') &&
			row.itemId !== EMPTY_GUID &&
			row.accountId !== EMPTY_GUID
		) {
			throw BcErrors.dialog(
				label(
					ctx,
					'BothItemIdAndAccountIdAreSpecifiedErr',
					'Both "itemId" and "accountId" are specified. Specify only one of them.',
				),
			);
		}
		const items = ctx.company.tableOf('items');
		let item: Row | undefined;
		if (row.itemId !== EMPTY_GUID) {
			item = items.get(String(row.itemId));
			if (!item) throw BcErrors.dialog(label(ctx, 'ItemDoesNotExistErr', 'Item does not exist.'));
		} else if (row.lineObjectNumber && (!provided.has('lineType') || row.lineType === 'Item')) {
			const k = items.findKeyBy('number', String(row.lineObjectNumber));
			item = k ? items.get(k) : undefined;
			if (!item) throw BcErrors.dialog(label(ctx, 'ItemDoesNotExistErr', 'Item does not exist.'));
		}
		if (item) {
			row.lineType = 'Item';
			row.itemId = item.id;
			row.lineObjectNumber = item.number;
			if (!provided.has('description')) row.description = item.displayName;
			if (!provided.has('unitOfMeasureId') && !provided.has('unitOfMeasureCode')) {
				row.unitOfMeasureId = item.baseUnitOfMeasureId;
				row.unitOfMeasureCode = item.baseUnitOfMeasureCode;
			}
			if (!provided.has(cfg.priceField))
				row[cfg.priceField] = cfg.priceField === 'unitPrice' ? item.unitPrice : item.unitCost;
			if (!provided.has('taxCode')) row.taxCode = item.taxGroupCode;
		} else if (row.accountId !== EMPTY_GUID) {
			const account = ctx.company.tableOf('accounts').get(String(row.accountId));
			if (!account) throw BcErrors.dialog(label(ctx, 'AccountDoesNotExistErr', 'Account does not exist.'));
			row.lineType = 'Account';
			row.lineObjectNumber = account.number;
			if (!provided.has('description')) row.description = account.displayName;
		}
	};
	return {
		beforeQuery(ctx, info) {
			if (info.nested || info.byKey) return;
			if (!info.filteredFields.has('documentId') && !info.filteredFields.has('id')) {
				throw BcErrors.dialog(
					label(
						ctx,
						'IDOrDocumentIdShouldBeSpecifiedForLinesErr',
						'You must specify an Id or a Document Id to get the lines.',
					),
				);
			}
		},
		beforeInsert(ctx, row, provided) {
			const header =
				row.documentId !== EMPTY_GUID ? ctx.company.tableOf(cfg.headerSet).get(String(row.documentId)) : undefined;
			if (!header)
				throw BcErrors.dialog(
					label(
						ctx,
						'IDOrDocumentIdShouldBeSpecifiedForLinesErr',
						'You must specify an Id or a Document Id to get the lines.',
					),
				);
			row.documentId = header.id;
			if (!provided.has('sequence') || !row.sequence) {
				let max = 0;
				const id = String(header.id);
				for (const l of ctx.table.rows()) if (l.documentId === id) max = Math.max(max, Number(l.sequence));
				row.sequence = max + 10000;
			}
			fillFromItem(ctx, row, provided);
			computeLine(row);
		},
		afterInsert: (ctx, row) => refreshHeader(ctx, cfg, String(row.documentId)),
		beforeUpdate(ctx, row, old, provided) {
			if (provided.has('documentId') && String(row.documentId).toLowerCase() !== String(old.documentId).toLowerCase()) {
				throw BcErrors.dialog(
					label(ctx, 'CannotChangeDocumentIdNoErr', 'The value for "documentId" cannot be modified.'),
				);
			}
			if (provided.has('sequence') && row.sequence !== old.sequence) {
				throw BcErrors.dialog(
					label(
						ctx,
						'CannotChangeLineNoErr',
						'The value for sequence cannot be modified. Delete and insert the line again.',
					),
				);
			}
			if (provided.has('itemId') || provided.has('accountId') || provided.has('lineObjectNumber'))
				fillFromItem(ctx, row, provided);
			computeLine(row);
		},
		afterUpdate: (ctx, row) => refreshHeader(ctx, cfg, String(row.documentId)),
		afterDelete: (ctx, row) => refreshHeader(ctx, cfg, String(row.documentId)),
	};
}

/** Deleting a document header deletes its lines. */
export function documentHeaderCascade(cfg: LineSetConfig): EntityBehaviour {
	return {
		afterDelete(ctx, row) {
			const lines = ctx.company.tableOf(cfg.lineSet);
			const id = String(row.id).toLowerCase();
			const doomed = [...lines.rows()].filter((l) => String(l.documentId).toLowerCase() === id);
			for (const l of doomed) lines.delete(String(l.id));
		},
	};
}
