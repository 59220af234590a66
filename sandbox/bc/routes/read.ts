import type { BcApiResponse } from '../../contracts';
import type { FilterNode } from '../odata/ast';
import { bindOptions, type BoundOptions } from '../odata/bind';
import { queryTable } from '../odata/execute';
import { parseQueryOptions } from '../odata/parse';
import { shapeRows, type ShapeContext } from '../odata/shape';
import { BcErrors } from '../request-error';
import { isGuid } from '../store/guid';
import { behaviourContext, jsonResponse, type RequestContext } from './context';
import { rowOf, type ResolvedTarget } from './resolve';

/**
 * Query options that a next link repeats so clients can follow it verbatim. The link's shape (`aid=FIN`, `$skiptoken`
 * = last key) is BC's (github.com/amp-labs/connectors `providers/dynamicsbusiness/test/read/customers/1-first-page.json`); repeating these options is the sandbox's own choice (UNVERIFIED).
 */
const CARRIED_SYSTEM_OPTIONS = ['$filter', '$select', '$expand', '$orderby', '$count', '$schemaversion'];
const CARRIED_CUSTOM_OPTIONS = ['company', 'tenant'];

/** Page size for this request: `Prefer: odata.maxpagesize=n` (capped at the server maximum) or the maximum. */
export function pageSizeFor(ctx: RequestContext): { size: number; applied?: string } {
	const prefer = ctx.request.headers['prefer'] ?? '';
	const m = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(prefer);
	if (!m) return { size: ctx.state.maxPageSize };
	const size = Math.max(1, Math.min(Number(m[1]), ctx.state.maxPageSize));
	return { size, applied: `odata.maxpagesize=${size}` };
}

/** Projection context of a resolved target: expansions read tables of the same company. */
export function shapeContext(ctx: RequestContext, target: ResolvedTarget): ShapeContext {
	return {
		catalog: ctx.state.catalog,
		table: (route, set) => target.company!.table(ctx.state.catalog.entitySet(route, set)!),
	};
}

/** Properties compared with `eq` anywhere in a filter (used by hooks such as the lines' document filter). */
function eqProperties(node: FilterNode | undefined, out = new Set<string>()): Set<string> {
	if (!node) return out;
	if (node.kind === 'and' || node.kind === 'or') {
		eqProperties(node.left, out);
		eqProperties(node.right, out);
	} else if (node.kind === 'cmp' && node.op === 'eq') out.add(node.property.name);
	return out;
}

function contextUrl(ctx: RequestContext, target: ResolvedTarget, bound: BoundOptions, entity: boolean): string {
	const select = bound.select ? `(${bound.select.join(',')})` : '';
	return `${ctx.request.serviceRootUrl}/$metadata#${target.contextPath}${select}${entity ? '/$entity' : ''}`;
}

/** The single-entity JSON body (`…/$entity` context, `@odata.etag`, fields, expansions). */
export function entityBody(
	ctx: RequestContext,
	target: ResolvedTarget,
	bound: BoundOptions,
	key: string,
): Record<string, unknown> {
	const row = target.table.get(key)!;
	const [shaped] = shapeRows([row], bound, target.table, shapeContext(ctx, target));
	return { '@odata.context': contextUrl(ctx, target, bound, true), ...shaped };
}

/**
 * GET of a collection, an entity or `/$count` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_customer_get,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/Server-Driven-Paging-in-OData-Web-Services): collections carry
 * `@odata.context`, optional `@odata.count`, `value` and `@odata.nextLink`
 * (`<root>/<path>?aid=FIN&$skiptoken=<last key>` plus the request's filter/select/expand/orderby and
 * company parameter) when more rows follow; `Preference-Applied` echoes an honoured max page size.
 */
export function handleGet(ctx: RequestContext, target: ResolvedTarget): BcApiResponse {
	const options = parseQueryOptions(ctx.query.system);
	const bound = bindOptions(options, target.def, ctx.state.catalog);
	if (target.key !== undefined || target.single) {
		const row = rowOf(target);
		return jsonResponse(200, entityBody(ctx, target, bound, String(row[target.def.keyField])));
	}
	if (target.company) {
		const hookCtx = behaviourContext(ctx.state, target.company, target.def, target.table);
		const info = { nested: !!target.parent, filteredFields: eqProperties(options.filter), byKey: false };
		for (const b of ctx.state.behaviours.for(target.def)) b.beforeQuery?.(hookCtx, info);
	}
	if (target.count) {
		const page = queryTable(
			target.table,
			{ ...bound, count: true, top: 0 },
			ctx.state.catalog,
			1,
			undefined,
			target.scope,
		);
		return {
			status: 200,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'odata-version': '4.0' },
			body: String(page.count),
		};
	}
	const { size, applied } = pageSizeFor(ctx);
	const skiptoken = ctx.query.system.get('$skiptoken')?.value;
	const keyType = target.def.fields.find((f) => f.name === target.def.keyField)?.type;
	if (skiptoken !== undefined && keyType === 'GUID' && !isGuid(skiptoken)) throw BcErrors.querySyntax();
	const page = queryTable(target.table, bound, ctx.state.catalog, size, skiptoken, target.scope);
	const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, target, bound, false) };
	if (page.count !== undefined) body['@odata.count'] = page.count;
	body.value = shapeRows(page.rows, bound, target.table, shapeContext(ctx, target));
	if (page.nextSkiptoken !== undefined) body['@odata.nextLink'] = nextLink(ctx, page.nextSkiptoken);
	return jsonResponse(200, body, applied ? { 'preference-applied': applied } : {});
}

function nextLink(ctx: RequestContext, skiptoken: string): string {
	const parts = [`aid=FIN`, `$skiptoken=${encodeURIComponent(skiptoken)}`];
	for (const name of CARRIED_SYSTEM_OPTIONS) {
		const p = ctx.query.system.get(name);
		if (p) parts.push(`${name}=${p.raw}`);
	}
	for (const name of CARRIED_CUSTOM_OPTIONS) {
		const p = ctx.query.custom.get(name);
		if (p) parts.push(`${name}=${p.raw}`);
	}
	return `${ctx.request.serviceRootUrl}/${ctx.request.resourcePath}?${parts.join('&')}`;
}
