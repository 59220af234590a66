/**
 * Navigation properties from AL `part` controls. A `Many` part is exposed under its EntitySetName, a `ZeroOrOne` part
 * under its EntityName (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api
 * describes parts as navigation properties; the naming rule is what real `entityDefinitions` responses show, e.g.
 * `customerFinancialDetail`, `picture` and `defaultDimensions` on customers in github.com/amp-labs/connectors
 * `providers/dynamicsbusiness/test/metadata/customers.json`).
 */
import type { EntitySetDef, LinkCondition, NavigationDef } from '../../sandbox/bc/catalog/types';
import type { EnumCollector } from './fields';
import type { AlNavigation } from './sources';

/** One condition of a SubPageLink in AL names: `"Document Id" = field(Id)` or `"Parent Type" = const("Sales Invoice")`. */
interface AlLink {
	childAl: string;
	parentAl?: string;
	constValue?: string;
}

/** Parses an AL SubPageLink into its conditions. */
export function parseSubPageLink(subPageLink: string): AlLink[] {
	const parts: AlLink[] = [];
	const re = /\s*("[^"]+"|[A-Za-z0-9_]+)\s*=\s*(field|const)\(("[^"]+"|'[^']*'|[^)]*)\)\s*,?/g;
	for (const m of subPageLink.matchAll(re)) {
		const childAl = m[1].replace(/^"(.*)"$/, '$1');
		const arg = m[3].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
		parts.push(m[2] === 'field' ? { childAl, parentAl: arg } : { childAl, constValue: arg });
	}
	return parts;
}

/** OData property of an AL table field on a page (`SystemId`/`Id` → `id` when the page has no control for it). */
function odataName(def: EntitySetDef, alName: string): string | undefined {
	return (
		def.fields.find((f) => f.alField === alName)?.name ?? (alName === 'SystemId' || alName === 'Id' ? 'id' : undefined)
	);
}

/**
 * The navigation property of one part of `parent`, or undefined when its target set is not in the catalog.
 * SubPageLink constants are recorded as members of the child's enum even where the docs list fewer (e.g.
 * `documentAttachments.parentType = Customer`).
 */
export function navigationOf(
	parent: EntitySetDef,
	part: AlNavigation,
	sets: EntitySetDef[],
	enums: EnumCollector,
): NavigationDef | undefined {
	const target =
		sets.find((s) => s.entitySet === part.entitySetName && s.route === parent.route) ??
		sets.find((s) => s.entitySet === part.entitySetName);
	if (!target) return undefined;
	const link: LinkCondition[] = [];
	let resolvable = true;
	for (const c of parseSubPageLink(part.subPageLink)) {
		const child = odataName(target, c.childAl);
		if (!child) {
			resolvable = false;
			continue;
		}
		if (c.parentAl !== undefined) {
			const parentField = odataName(parent, c.parentAl);
			if (!parentField) {
				resolvable = false;
				continue;
			}
			link.push({ childField: child, parentField });
		} else {
			link.push({ childField: child, constValue: c.constValue });
			const f = target.fields.find((x) => x.name === child);
			if (f?.type === 'enum' && c.constValue) enums.add(f.enumType!, [c.constValue]);
		}
	}
	const many = part.multiplicity !== 'ZeroOrOne';
	return {
		name: many ? part.entitySetName : part.entityName,
		targetSet: target.entitySet,
		targetRoute: target.route,
		multiplicity: many ? 'Many' : 'ZeroOrOne',
		link,
		linkResolved: resolvable,
	};
}
