import type { EntitySetDef, NavigationDef } from '../catalog';
import { BcErrors } from '../request-error';
import { isGuid } from '../store/guid';
import type { CompanyData } from '../store/store';
import type { Row, Table } from '../store/table';
import { linkPredicate } from '../odata/shape';
import type { RequestContext } from './context';

/** What a resource path addresses. */
export interface ResolvedTarget {
	def: EntitySetDef;
	/** The company (undefined for environment-scoped sets such as `companies` itself). */
	company?: CompanyData;
	table: Table;
	/** Entity key when one entity is addressed (`customers(<id>)`). */
	key?: string;
	/** Parent row + navigation for nested paths (`salesOrders(<id>)/salesOrderLines`). */
	parent?: { def: EntitySetDef; row: Row; nav: NavigationDef };
	/** Restricts the table to the parent's children. */
	scope?: (row: Row) => boolean;
	/** `ZeroOrOne` navigation addressed as a single entity without key. */
	single?: boolean;
	/** `/$count` segment. */
	count?: boolean;
	/** Bound action name (`Microsoft.NAV.post`). */
	action?: string;
	/** Path used in `@odata.context` after `$metadata#`, e.g. `companies(<id>)/customers` (just `customers` with `?company=`). */
	contextPath: string;
	/** The same path always under `companies(<id>)/`, for `Location` headers that must work without `?company=`. */
	canonicalPath: string;
}

/** Parses an entity key from a segment: a bare GUID, `'text'` or `id=<guid>`; invalid GUID keys → `Application_InvalidGUID`. */
export function parseKey(def: EntitySetDef, keyText: string): string {
	let k = keyText.trim();
	const named = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/s.exec(k);
	if (named) k = named[2].trim();
	const keyField = def.fields.find((f) => f.name === def.keyField);
	if (!keyField || keyField.type === 'GUID') {
		if (!isGuid(k)) throw BcErrors.invalidGuid();
		return k.toLowerCase();
	}
	if (/^'.*'$/s.test(k)) return k.slice(1, -1).replace(/''/g, "'");
	return k;
}

/**
 * Resolves `companies`, `companies(<id>)`, `companies(<id>)/<set>[(<key>)][/<nav>[(<key>)]]…`,
 * `<set>…?company=<id or name>`, `/$count` and `/Microsoft.NAV.<action>`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics).
 * What is special about `companies` comes from catalog flags: environment-scoped sets (`scope: 'environment'`) are
 * addressed at the API root; the `companyContainer` set's key opens a company for the segments that follow.
 * Unknown segments → 404 `BadRequest_ResourceNotFound`; company-scoped set without a company →
 * `Internal_CompanyNotFound`; missing parent rows → 404 `Internal_RecordNotFound`.
 */
export function resolveTarget(ctx: RequestContext): ResolvedTarget {
	const { catalog, store } = ctx.state;
	const env = ctx.request.environment;
	const segs = ctx.segments;
	let i = 0;
	let company: CompanyData | undefined;
	let contextPrefix = '';
	const root = catalog.entitySet(ctx.request.apiRoute, segs[0].name);
	if (root?.scope === 'environment') {
		const def = root;
		const table = store.environmentTable(env, def);
		if (segs[0].key === undefined) {
			if (segs.length > 1) throw BcErrors.segmentNotFound(segs[1].name);
			return { def, table, contextPath: def.entitySet, canonicalPath: def.entitySet };
		}
		const id = parseKey(def, segs[0].key);
		if (!table.has(id)) throw BcErrors.recordNotFound(def.caption, 'Id', id);
		if (segs.length === 1) return { def, table, key: id, contextPath: def.entitySet, canonicalPath: def.entitySet };
		if (!def.companyContainer) throw BcErrors.segmentNotFound(segs[1].name);
		company = store.company(env, id);
		contextPrefix = `${def.entitySet}(${id})/`;
		i = 1;
	}
	const setSeg = segs[i];
	const def = catalog.entitySet(ctx.request.apiRoute, setSeg.name);
	if (!def || def.scope === 'environment') throw BcErrors.segmentNotFound(setSeg.name);
	if (!company) {
		const param = ctx.query.custom.get('company');
		const row = param ? store.findCompany(env, param.value) : undefined;
		if (!row) throw BcErrors.companyNotFound();
		company = store.company(env, String(row.id));
	}
	let target: ResolvedTarget = {
		def,
		company,
		table: company.table(def),
		contextPath: contextPrefix + def.entitySet,
		canonicalPath: `${catalog.companyContainer().entitySet}(${company.id})/${def.entitySet}`,
	};
	if (setSeg.key !== undefined) target.key = parseKey(def, setSeg.key);
	for (i = i + 1; i < segs.length; i++) {
		const seg = segs[i];
		if (seg.name === '$count' && target.key === undefined && !target.single && i === segs.length - 1) {
			target.count = true;
			break;
		}
		if (target.key === undefined && !target.single) throw BcErrors.segmentNotFound(seg.name);
		if (seg.name.startsWith('Microsoft.NAV.') && i === segs.length - 1 && seg.key === undefined) {
			target.action = seg.name;
			break;
		}
		const nav = target.def.navigation.find((n) => n.name === seg.name);
		if (!nav) throw BcErrors.segmentNotFound(seg.name);
		const parentRow = rowOf(target);
		const childDef = catalog.entitySet(nav.targetRoute, nav.targetSet)!;
		const scope = linkPredicate(nav, parentRow);
		target = {
			def: childDef,
			company,
			table: company.table(childDef),
			parent: { def: target.def, row: parentRow, nav },
			scope,
			single: nav.multiplicity === 'ZeroOrOne' && seg.key === undefined,
			contextPath: `${target.contextPath}(${String(parentRow[target.def.keyField])})/${nav.name}`,
			canonicalPath: `${target.canonicalPath}(${String(parentRow[target.def.keyField])})/${nav.name}`,
		};
		if (seg.key !== undefined) target.key = parseKey(childDef, seg.key);
	}
	return target;
}

/** The addressed row (by key, or the single child of a ZeroOrOne navigation); 404 when missing. */
export function rowOf(target: ResolvedTarget): Row {
	if (target.key !== undefined) {
		const row = target.table.get(target.key);
		if (!row || (target.scope && !target.scope(row)))
			throw BcErrors.recordNotFound(target.def.caption, 'Id', target.key);
		return row;
	}
	if (target.single && target.scope) {
		for (const row of target.table.rows()) if (target.scope(row)) return row;
	}
	throw BcErrors.recordNotFound(target.def.caption, 'Id', '');
}
