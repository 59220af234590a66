import type { Catalog, EntitySetDef } from '../catalog';
import { EMPTY_GUID } from './guid';
import { EMPTY_DATE, EMPTY_DATETIME, escapeEnumMember } from './formats';
import type { Row } from './table';

const templates = new WeakMap<EntitySetDef, Row>();

/**
 * A row of the entity set with every field at BC's blank value: empty GUID, `""`, `0`, `false`,
 * `0001-01-01`, `0001-01-01T00:00:00Z`, the first enum member (blank `" "` → `_x0020_`). Stream
 * fields are omitted. Returns a fresh object each call.
 */
export function blankRow(def: EntitySetDef, catalog: Catalog): Row {
	let t = templates.get(def);
	if (!t) {
		t = {};
		for (const f of def.fields) {
			switch (f.type) {
				case 'GUID':
					t[f.name] = EMPTY_GUID;
					break;
				case 'decimal':
				case 'integer':
				case 'int64':
					t[f.name] = 0;
					break;
				case 'boolean':
					t[f.name] = false;
					break;
				case 'date':
					t[f.name] = EMPTY_DATE;
					break;
				case 'datetime':
					t[f.name] = EMPTY_DATETIME;
					break;
				case 'enum': {
					const members = catalog.enumMembers(f.enumType!);
					t[f.name] = members ? escapeEnumMember(members[0]) : '_x0020_';
					break;
				}
				case 'stream':
					break;
				default:
					t[f.name] = '';
			}
		}
		templates.set(def, t);
	}
	return { ...t };
}
