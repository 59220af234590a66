import type { BcApiResponse } from '../../contracts';
import type { EntitySetDef, NavigationDef } from '../catalog';
import { bindOptions } from '../odata/bind';
import { BcErrors, BcRequestError } from '../request-error';
import { blankRow } from '../store/defaults';
import { escapeEnumMember } from '../store/formats';
import { randomGuid } from '../store/guid';
import type { CompanyData } from '../store/store';
import type { Row, Table } from '../store/table';
import { validateBody } from './body';
import { behaviourContext, jsonResponse, type ApiState, type RequestContext } from './context';
import { entityBody } from './read';
import { rowOf, type ResolvedTarget } from './resolve';

/**
 * `Prefer: return=minimal` / `return-no-content` → 204 with `Preference-Applied` instead of the entity
 * (BC is said to honour `return-no-content`, which Microsoft does not document: the sandbox's own choice, UNVERIFIED;
 * the default stays the representation, as https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_create shows).
 */
function wantsNoContent(ctx: RequestContext): string | undefined {
	const prefer = ctx.request.headers['prefer'] ?? '';
	const m = /(?:^|[,\s])(return=minimal|return-no-content)(?:$|[,;\s])/i.exec(prefer);
	return m ? m[1].toLowerCase() : undefined;
}

interface Inserted {
	table: Table;
	key: string;
}

/** Checks `If-Match` against the row's current ETag: missing → 400 `BadRequest_InvalidToken`, stale → 409 `Request_EntityChanged`; `*` matches (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/use-odata-to-modify-data; status of the 400 UNVERIFIED). */
function checkIfMatch(ctx: RequestContext, table: Table, key: string, required: boolean): void {
	const header = ctx.request.headers['if-match'];
	if (header === undefined || header.trim() === '') {
		if (required) throw BcErrors.missingIfMatch();
		return;
	}
	const current = table.etag(key);
	const ok = header
		.split(',')
		.map((s) => s.trim())
		.some((t) => t === '*' || t === current);
	if (!ok) throw BcErrors.entityChanged();
}

/** True when the request body declares `IEEE754Compatible=true` (decimals as strings). */
function ieee754(ctx: RequestContext): boolean {
	return /ieee754compatible=true/i.test(ctx.request.headers['content-type'] ?? '');
}

function insertRow(
	state: ApiState,
	company: CompanyData,
	def: EntitySetDef,
	body: unknown,
	link: { nav: NavigationDef; parent: Row } | undefined,
	inserted: Inserted[],
	ieee754Compatible: boolean,
): Row {
	const { catalog } = state;
	const v = validateBody(body, def, catalog, 'insert', undefined, ieee754Compatible);
	const table = company.table(def);
	const row: Row = { ...blankRow(def, catalog), ...v.values };
	const provided = new Set(v.provided);
	if (link) {
		for (const l of link.nav.link) {
			if (l.parentField) row[l.childField] = link.parent[l.parentField];
			else row[l.childField] = escapeEnumMember(l.constValue!);
			provided.add(l.childField);
		}
	}
	const keyField = def.keyField;
	if (!provided.has(keyField)) row[keyField] = randomGuid();
	else if (table.has(String(row[keyField]))) {
		throw new BcRequestError(
			409,
			'Internal_EntityWithSameKeyExists',
			`The ${def.caption} already exists. Identification fields and values: Id='${String(row[keyField])}'`,
		);
	}
	const hookCtx = behaviourContext(state, company, def, table);
	if ('lastModifiedDateTime' in row) row.lastModifiedDateTime = hookCtx.now();
	const hooks = state.behaviours.for(def);
	for (const h of hooks) h.beforeInsert?.(hookCtx, row, provided);
	table.insert(row);
	inserted.push({ table, key: String(row[keyField]) });
	for (const h of hooks) h.afterInsert?.(hookCtx, row);
	for (const d of v.deep) {
		const childDef = catalog.entitySet(d.nav.targetRoute, d.nav.targetSet)!;
		if (!childDef.insertAllowed) throw BcErrors.methodNotAllowed('POST', childDef.entitySet);
		for (const child of d.bodies)
			insertRow(
				state,
				company,
				childDef,
				child,
				{ nav: d.nav, parent: table.get(String(row[keyField]))! },
				inserted,
				ieee754Compatible,
			);
	}
	return row;
}

/**
 * POST to a collection: 201 + entity (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_create) + `Location` (the
 * sandbox's own choice, UNVERIFIED); client `id` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/transition-to-api-v2.0)
 * accepted; deep insert of `Many` parts (header + lines in one body) — all-or-nothing; nested
 * `salesOrders(<id>)/salesOrderLines` links the new line to its parent (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesInvoiceLine_create).
 */
export function handlePost(ctx: RequestContext, target: ResolvedTarget): BcApiResponse {
	if (target.key !== undefined || target.single || target.count)
		throw BcErrors.methodNotAllowed('POST', target.def.entitySet);
	if (!target.def.insertAllowed || !target.company) throw BcErrors.methodNotAllowed('POST', target.def.entitySet);
	const inserted: Inserted[] = [];
	const seriesBefore = new Map(target.company.numberSeries);
	let row: Row;
	try {
		const link = target.parent ? { nav: target.parent.nav, parent: target.parent.row } : undefined;
		row = insertRow(ctx.state, target.company, target.def, ctx.request.body, link, inserted, ieee754(ctx));
	} catch (e) {
		// BC runs the insert in one transaction: undo rows and number-series use.
		for (const i of inserted.reverse()) i.table.delete(i.key);
		target.company.numberSeries.clear();
		for (const [code, n] of seriesBefore) target.company.numberSeries.set(code, n);
		throw e;
	}
	const key = String(row[target.def.keyField]);
	const bound = bindOptions({}, target.def, ctx.state.catalog);
	const location = `${ctx.request.serviceRootUrl}/${target.canonicalPath}(${key})`;
	const minimal = wantsNoContent(ctx);
	if (minimal) return { status: 204, headers: { location, 'preference-applied': minimal, 'odata-entityid': location } };
	return jsonResponse(201, entityBody(ctx, target, bound, key), { location });
}

/** PATCH of one entity: If-Match required; 200 + full entity with a new ETag (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_update); deep update rejected (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/odata-known-limitations). */
export function handlePatch(ctx: RequestContext, target: ResolvedTarget): BcApiResponse {
	if ((target.key === undefined && !target.single) || target.count)
		throw BcErrors.methodNotAllowed('PATCH', target.def.entitySet);
	if (!target.def.modifyAllowed || !target.company) throw BcErrors.methodNotAllowed('PATCH', target.def.entitySet);
	const old = rowOf(target);
	const keyField = target.def.keyField;
	const key = String(old[keyField]);
	checkIfMatch(ctx, target.table, key, true);
	const v = validateBody(ctx.request.body, target.def, ctx.state.catalog, 'update', key, ieee754(ctx));
	const row: Row = { ...old, ...v.values, [keyField]: old[keyField] };
	const hookCtx = behaviourContext(ctx.state, target.company, target.def, target.table);
	if ('lastModifiedDateTime' in row) row.lastModifiedDateTime = hookCtx.now();
	const hooks = ctx.state.behaviours.for(target.def);
	for (const h of hooks) h.beforeUpdate?.(hookCtx, row, old, v.provided);
	target.table.replace(key, row);
	for (const h of hooks) h.afterUpdate?.(hookCtx, row, old);
	const minimal = wantsNoContent(ctx);
	if (minimal) return { status: 204, headers: { 'preference-applied': minimal } };
	return jsonResponse(200, entityBody(ctx, target, bindOptions({}, target.def, ctx.state.catalog), key));
}

/** DELETE of one entity: 204; If-Match required unless `deleteRequiresIfMatch` is false (then checked when sent). */
export function handleDelete(ctx: RequestContext, target: ResolvedTarget): BcApiResponse {
	if ((target.key === undefined && !target.single) || target.count)
		throw BcErrors.methodNotAllowed('DELETE', target.def.entitySet);
	if (!target.def.deleteAllowed || !target.company) throw BcErrors.methodNotAllowed('DELETE', target.def.entitySet);
	const row = rowOf(target);
	const key = String(row[target.def.keyField]);
	checkIfMatch(ctx, target.table, key, ctx.state.deleteRequiresIfMatch);
	const hookCtx = behaviourContext(ctx.state, target.company, target.def, target.table);
	const hooks = ctx.state.behaviours.for(target.def);
	for (const h of hooks) h.beforeDelete?.(hookCtx, row);
	target.table.delete(key);
	for (const h of hooks) h.afterDelete?.(hookCtx, row);
	return { status: 204, headers: {} };
}
