/**
 * A reader for the EDMX (`$metadata`, OData CSDL 4.0 XML) Business Central serves at every API route root
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-custom-api), turned
 * into the node's catalog shapes.
 *
 * Written against the subset BC emits (one `Microsoft.NAV` schema of `EntityType`, `ComplexType`, `EnumType`, `Action`
 * and an `EntityContainer`), not a general XML parser: the node may carry no runtime dependency besides
 * @azure/msal-node (n8n community node rules). It reads start/end/empty tags and their double- or single-quoted
 * attributes, skips comments, processing instructions and CDATA, and decodes the five XML entities and numeric
 * character references. Unknown elements are ignored.
 */
import type { CatalogEntitySet, CatalogField, CatalogFieldType, CatalogNavigation } from './types';
import { valueTypeOf } from './shipped';

/** One tag of the document. */
interface Tag {
	/** Local name without namespace prefix (`EntityType`, `Property`, …). */
	name: string;
	kind: 'open' | 'close' | 'empty';
	attributes: Record<string, string>;
}

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
		if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
	});
}

/** The tags of an XML document in order (text content is not needed for EDMX and is skipped). */
function* tags(xml: string): Generator<Tag> {
	const pattern =
		/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
	for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) {
		if (!m[2]) continue;
		const attributes: Record<string, string> = {};
		for (const a of m[3].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
			attributes[a[1]] = decodeEntities(a[2] ?? a[3] ?? '');
		yield {
			name: m[2].replace(/^.*:/, ''),
			kind: m[1] ? 'close' : m[4] ? 'empty' : 'open',
			attributes,
		};
	}
}

/** An entity type as read from the document. */
interface EntityTypeInfo {
	name: string;
	keys: string[];
	fields: CatalogField[];
	navigation: Array<{ name: string; targetType: string; many: boolean }>;
	actions: string[];
}

/** An entity set of the container with its capability annotations (undefined where BC emits none). */
interface EntitySetInfo {
	name: string;
	type: string;
	insertable?: boolean;
	updatable?: boolean;
	deletable?: boolean;
}

/** What {@link parseEdmx} returns. */
export interface ParsedEdmx {
	/** Entity sets of the container in document order, with fields, keys, navigation and capabilities. */
	entitySets: CatalogEntitySet[];
	/** Enum type (no namespace) → members as written on the wire (`In_x0020_Transit`). */
	enums: Record<string, string[]>;
}

const EDM_TYPES: Record<string, CatalogFieldType> = {
	'Edm.Guid': 'GUID',
	'Edm.String': 'string',
	'Edm.Decimal': 'decimal',
	'Edm.Double': 'decimal',
	'Edm.Int32': 'integer',
	'Edm.Int16': 'integer',
	'Edm.Byte': 'integer',
	'Edm.Int64': 'int64',
	'Edm.Boolean': 'boolean',
	'Edm.Date': 'date',
	'Edm.DateTimeOffset': 'datetime',
	'Edm.Stream': 'stream',
};

/** `Microsoft.NAV.customer` / `NAV.customer` → `customer`. */
const local = (qualified: string) => qualified.replace(/^.*\./, '');

/** Decodes `_xHHHH_` escapes of enum member names (`In_x0020_Transit` → `In Transit`). */
export function unescapeMemberName(name: string): string {
	return name.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function fieldOf(a: Record<string, string>, enums: Set<string>, keys: string[]): CatalogField {
	const edm = a.Type ?? '';
	let catalogType: CatalogFieldType | undefined = EDM_TYPES[edm];
	let enumType: string | undefined;
	if (!catalogType && !edm.startsWith('Edm.') && !edm.startsWith('Collection(')) {
		enumType = local(edm);
		catalogType = 'enum';
		enums.add(enumType);
	}
	const type = valueTypeOf(catalogType);
	const maxLength = a.MaxLength && /^\d+$/.test(a.MaxLength) ? Number(a.MaxLength) : undefined;
	const key = keys.includes(a.Name);
	return {
		name: a.Name,
		...(type ? { type } : {}),
		...(catalogType ? { catalogType } : {}),
		...(enumType ? { enumType } : {}),
		readOnly: false,
		...(maxLength !== undefined ? { maxLength } : {}),
		...(a.Nullable === 'false' ? { required: true } : {}),
		...(key ? { key: true } : {}),
	};
}

/**
 * Reads a BC `$metadata` document.
 * @param route the API route it was read from (`v2.0`, `contoso/shipping/v1.0`), stored on every entity set
 * @returns entity sets (fields typed in the catalog vocabulary, enum members, MaxLength, keys, `Nullable="false"` as
 *   `required`, navigation properties, bound actions, Insert/Update/Delete from the OData Capabilities annotations;
 *   `true` where BC emits no annotation) and enum types
 * @throws Error when the text is not an EDMX document (no `Edmx` root element)
 */
export function parseEdmx(xml: string, route: string): ParsedEdmx {
	const types = new Map<string, EntityTypeInfo>();
	const sets: EntitySetInfo[] = [];
	const enums: Record<string, string[]> = {};
	const enumNames = new Set<string>();
	let sawRoot = false;
	let type: EntityTypeInfo | undefined;
	let enumType: string | undefined;
	let set: EntitySetInfo | undefined;
	let annotation: string | undefined;
	let action: { name: string; bound: boolean; bindingType?: string } | undefined;
	const pendingProps: Array<Record<string, string>> = [];
	for (const tag of tags(xml)) {
		const a = tag.attributes;
		if (tag.name === 'Edmx') sawRoot = true;
		if (tag.kind === 'close') {
			if (tag.name === 'EntityType' && type) {
				type.fields = pendingProps.map((p) => fieldOf(p, enumNames, type!.keys));
				pendingProps.length = 0;
				types.set(type.name, type);
				type = undefined;
			} else if (tag.name === 'EnumType') enumType = undefined;
			else if (tag.name === 'EntitySet') set = undefined;
			else if (tag.name === 'Annotation') annotation = undefined;
			else if (tag.name === 'Action' && action) {
				if (action.bound && action.bindingType) types.get(action.bindingType)?.actions.push(action.name);
				action = undefined;
			}
			continue;
		}
		switch (tag.name) {
			case 'EntityType':
				type = { name: a.Name, keys: [], fields: [], navigation: [], actions: [] };
				if (tag.kind === 'empty') {
					types.set(a.Name, type);
					type = undefined;
				}
				break;
			case 'PropertyRef':
				type?.keys.push(a.Name);
				break;
			case 'Property':
				if (type) pendingProps.push(a);
				break;
			case 'NavigationProperty': {
				const many = /^Collection\(/.test(a.Type ?? '');
				type?.navigation.push({
					name: a.Name,
					targetType: local((a.Type ?? '').replace(/^Collection\((.*)\)$/, '$1')),
					many,
				});
				break;
			}
			case 'EnumType':
				enums[a.Name] = [];
				if (tag.kind === 'open') enumType = a.Name;
				break;
			case 'Member':
				if (enumType) enums[enumType].push(a.Name);
				break;
			case 'Action':
				action = { name: a.Name, bound: a.IsBound === 'true' };
				break;
			case 'Parameter':
				if (action && action.bindingType === undefined) action.bindingType = local(a.Type ?? '');
				break;
			case 'EntitySet':
				set = { name: a.Name, type: local(a.EntityType ?? '') };
				sets.push(set);
				if (tag.kind === 'empty') set = undefined;
				break;
			case 'Annotation':
				annotation = set ? local(a.Term ?? '') : undefined;
				break;
			case 'PropertyValue':
				if (set && annotation && a.Bool !== undefined) {
					const value = a.Bool === 'true';
					if (annotation === 'InsertRestrictions' && a.Property === 'Insertable') set.insertable = value;
					if (annotation === 'UpdateRestrictions' && a.Property === 'Updatable') set.updatable = value;
					if (annotation === 'DeleteRestrictions' && a.Property === 'Deletable') set.deletable = value;
				}
				break;
		}
	}
	if (!sawRoot) throw new Error('the answer is not an EDMX ($metadata) document');
	const setByType = new Map(sets.map((s) => [s.type, s.name]));
	const entitySets = sets.map((s): CatalogEntitySet => {
		const t = types.get(s.type);
		const navigation: CatalogNavigation[] = (t?.navigation ?? []).map((n) => ({
			name: n.name,
			entitySet: setByType.get(n.targetType) ?? n.targetType,
			multiplicity: n.many ? 'Many' : 'ZeroOrOne',
		}));
		const fields = (t?.fields ?? []).map((f) =>
			f.enumType && enums[f.enumType] ? { ...f, enumMembers: [...enums[f.enumType]] } : f,
		);
		return {
			entitySet: s.name,
			caption: s.name,
			route,
			create: s.insertable ?? true,
			update: s.updatable ?? true,
			delete: s.deletable ?? true,
			fields,
			navigation,
			actions: [...(t?.actions ?? [])],
			keys: [...(t?.keys ?? [])],
		};
	});
	return { entitySets, enums };
}
