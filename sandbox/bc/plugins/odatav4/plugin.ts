/**
 * The `odataV4` plugin: OData V4 web services (`{base}/ODataV4/…`) over the published services of `./services.ts`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/publish-web-service):
 *
 * - `GET /ODataV4/` service document (pages and queries), `GET /ODataV4/$metadata` (namespace `NAV`, by the metadata
 *   plugin), `GET /ODataV4/Company` (the companies);
 * - a company as `Company('<name>')` (quotes doubled, case-sensitive), `Company(Id=<guid>)`, or `?company=<name or id>`
 *   (quoted or not);
 * - page services: GET (query options, server-driven paging with `$skiptoken`), POST, PATCH, DELETE by key, composite
 *   keys as `(Document_Type='Order',No='101005')`; queries are read-only;
 * - bound action `POST …/ContosoSalesOrders(…)/NAV.Release` (204; namespace `NAV.`, not `Microsoft.NAV.`:
 *   https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-creating-and-interacting-with-odatav4-bound-action);
 * - unbound codeunit action `POST /ODataV4/ShippingCalc_GetRate?company=…` with `{"weightKg": n}` → `{"value": rate}`
 *   (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-creating-and-interacting-with-odatav4-unbound-action).
 *
 * The collection/entity work is the API pipeline's (`entitySetRoute`) on the rewritten path `companies(<id>)/…`, so
 * `@odata.context` names that path (BC writes `$metadata#<Service>`; the sandbox's own simplification). Next links
 * keep the client's company form.
 */
import type { BcApiResponse } from '../../../contracts';
import { BcErrors, BcRequestError } from '../../request-error';
import { entitySetRoute } from '../../routes';
import { jsonResponse, type RequestContext, type Route } from '../../routes/context';
import type { PathSegment } from '../../routes/path';
import { escapeEnumMember, unescapeEnumMember } from '../../store/formats';
import type { Row } from '../../store/table';
import type { BcPlugin } from '../types';
import {
	CODEUNIT,
	CUSTOMER_CARD,
	ODATAV4_ROUTE,
	SALES_ORDERS,
	SERVICE_ENUMS,
	seedServices,
	TOP_CUSTOMER_SALES,
} from './services';

const unquote = (text: string) => (/^'.*'$/s.test(text) ? text.slice(1, -1).replace(/''/g, "'") : text);

/** The company a request addresses: `Company('<name>')`, `Company(Id=<guid>)` or `?company=`. */
function companyOf(ctx: RequestContext, segment: PathSegment | undefined): Row {
	const env = ctx.request.environment;
	let wanted: string | undefined;
	if (segment) {
		const key = segment.key?.trim() ?? '';
		wanted = /^Id\s*=/i.test(key) ? key.replace(/^Id\s*=\s*/i, '') : unquote(key);
	} else {
		const param = ctx.query.custom.get('company');
		wanted = param ? unquote(param.value.trim()) : undefined;
	}
	const row = wanted === undefined ? undefined : ctx.state.store.findCompany(env, wanted);
	if (!row) throw BcErrors.companyNotFound();
	return row;
}

/** `name=value` pairs of a composite key (values still as literals), or undefined for a single unnamed key. */
function keyParts(key: string): Map<string, string> | undefined {
	if (!/^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(key)) return undefined;
	const parts = new Map<string, string>();
	const pattern = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^']|'')*'|[^,]+?)\s*(?:,|$)/gy;
	let consumed = 0;
	for (let m = pattern.exec(key); m && m[0].length; m = pattern.exec(key)) {
		parts.set(m[1], m[2]);
		consumed = pattern.lastIndex;
	}
	if (consumed !== key.length) throw BcErrors.querySyntax();
	return parts;
}

/** Rewrites a service segment's key to its table key and checks the other key parts against the row. */
function rewriteKey(ctx: RequestContext, companyId: string, segment: PathSegment): PathSegment {
	const def = ctx.state.catalog.entitySet(ODATAV4_ROUTE, segment.name);
	if (!def || segment.key === undefined) return segment;
	const parts = keyParts(segment.key);
	if (!parts) return segment;
	const keys = def.keyFields ?? [def.keyField];
	if (keys.some((k) => !parts.has(k)) || parts.size !== keys.length) throw BcErrors.querySyntax();
	const main = unquote(parts.get(def.keyField)!);
	const row = ctx.state.store.company(ctx.request.environment, companyId).table(def).get(main);
	for (const k of keys) {
		const value = unquote(parts.get(k)!);
		if (row && k !== def.keyField && unescapeEnumMember(String(row[k])) !== unescapeEnumMember(value))
			throw BcErrors.recordNotFound(def.caption, k, value);
	}
	return { ...segment, key: `'${main.replace(/'/g, "''")}'` };
}

function serviceDocument(ctx: RequestContext): BcApiResponse {
	const services = ctx.state.catalog.entitySetsOf(ODATAV4_ROUTE).filter((s) => s.route === ODATAV4_ROUTE);
	return jsonResponse(200, {
		'@odata.context': `${ctx.request.serviceRootUrl}/$metadata`,
		value: [
			{ name: 'Company', kind: 'EntitySet', url: 'Company' },
			...services.map((s) => ({ name: s.entitySet, kind: 'EntitySet', url: s.entitySet })),
		],
	});
}

function companyList(ctx: RequestContext, rows: Row[], single: boolean): BcApiResponse {
	const shape = (c: Row) => ({
		Name: c.name,
		Evaluation_Company: false,
		Display_Name: c.displayName,
		Id: c.id,
		Business_Profile_Id: c.businessProfileId ?? '',
	});
	const context = `${ctx.request.serviceRootUrl}/$metadata#Company`;
	return single
		? jsonResponse(200, { '@odata.context': `${context}/$entity`, ...shape(rows[0]) })
		: jsonResponse(200, { '@odata.context': context, value: rows.map(shape) });
}

/** `ShippingCalc_GetRate`: 4.5 per started 10 kg, doubled for express (the sandbox's own tariff). */
function unboundAction(ctx: RequestContext, procedure: string): BcApiResponse {
	if (ctx.request.method !== 'POST') throw BcErrors.methodNotAllowed(ctx.request.method, ctx.segments[0].name);
	companyOf(ctx, undefined);
	const body = (ctx.request.body ?? {}) as { weightKg?: unknown; express?: unknown };
	if (procedure !== 'GetRate') throw BcErrors.segmentNotFound(ctx.segments[0].name);
	if (typeof body.weightKg !== 'number' || body.weightKg < 0)
		throw new BcRequestError(400, 'BadRequest', "The parameter 'weightKg' must be a non-negative number.");
	const rate = Math.ceil(body.weightKg / 10) * 4.5 * (body.express === true ? 2 : 1);
	return jsonResponse(200, { '@odata.context': `${ctx.request.serviceRootUrl}/$metadata#Edm.Decimal`, value: rate });
}

/** `NAV.Release` on a sales order: Status → Released (204). */
function boundAction(ctx: RequestContext, target: PathSegment[], action: string, companyId: string): BcApiResponse {
	const service = target[target.length - 1];
	const def = ctx.state.catalog.entitySet(ODATAV4_ROUTE, service.name);
	if (!def || service.key === undefined || !def.actions.includes(action)) throw BcErrors.segmentNotFound(action);
	if (ctx.request.method !== 'POST') throw BcErrors.methodNotAllowed(ctx.request.method, def.entitySet);
	const table = ctx.state.store.company(ctx.request.environment, companyId).table(def);
	const key = unquote(service.key);
	const row = table.get(key);
	if (!row) throw BcErrors.recordNotFound(def.caption, def.keyField, key);
	table.replace(key, { ...row, Status: escapeEnumMember('Released') });
	return { status: 204 };
}

const odataV4Route: Route = {
	name: 'odatav4',
	match: (ctx) =>
		ctx.request.apiRoute === ODATAV4_ROUTE && !['$metadata', 'entityDefinitions'].includes(ctx.segments[0]?.name),
	handle(ctx) {
		const segs = ctx.segments;
		if (segs.length === 0) {
			if (ctx.request.method !== 'GET') throw BcErrors.methodNotAllowed(ctx.request.method, '');
			return serviceDocument(ctx);
		}
		const procedure = segs[0].name.startsWith(`${CODEUNIT.service}_`)
			? segs[0].name.slice(CODEUNIT.service.length + 1)
			: undefined;
		if (procedure !== undefined && segs.length === 1) return unboundAction(ctx, procedure);
		let company: Row;
		let rest: PathSegment[];
		if (segs[0].name === 'Company') {
			if (segs[0].key === undefined) {
				if (segs.length > 1) throw BcErrors.segmentNotFound(segs[1].name);
				return companyList(ctx, ctx.state.store.companies(ctx.request.environment), false);
			}
			company = companyOf(ctx, segs[0]);
			rest = segs.slice(1);
			if (rest.length === 0) return companyList(ctx, [company], true);
		} else {
			company = companyOf(ctx, undefined);
			rest = segs;
		}
		const companyId = String(company.id);
		rest = rest.map((s) => rewriteKey(ctx, companyId, s));
		const last = rest[rest.length - 1];
		if (last.name.startsWith('NAV.')) return boundAction(ctx, rest.slice(0, -1), last.name, companyId);
		const custom = new Map(ctx.query.custom);
		custom.delete('company');
		return entitySetRoute.handle({
			...ctx,
			segments: [{ name: 'companies', key: companyId, raw: `companies(${companyId})` }, ...rest],
			query: { system: ctx.query.system, custom },
		});
	},
};

/** The `odataV4` plugin (see the file comment). */
export function odataV4Plugin(): BcPlugin {
	return {
		name: 'odataV4',
		catalog: { entitySets: [CUSTOMER_CARD, SALES_ORDERS, TOP_CUSTOMER_SALES], enums: SERVICE_ENUMS },
		seed: (company) => seedServices(company),
		routes: [odataV4Route],
	};
}
