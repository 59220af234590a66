/**
 * Field types and enum members: the type a docs resource page writes for a property, or a guess from the name when
 * the docs do not list it (the sandbox's own choice, see docs/sandbox.md "The sandbox's own defaults").
 */
import type { FieldType } from '../../sandbox/bc/catalog/types';
import { ENUM_OVERRIDES } from './enum-overrides';

/** A field type plus whether Microsoft's API reference documents it (only documented types reach the node). */
export interface TypedField {
	type: FieldType;
	enumType?: string;
	documented: boolean;
}

const DOCS_TYPES: Record<string, FieldType> = {
	GUID: 'GUID',
	string: 'string',
	decimal: 'decimal',
	integer: 'integer',
	int64: 'int64',
	boolean: 'boolean',
	date: 'date',
	datetime: 'datetime',
	stream: 'stream',
};

/** Enum members as written in a docs description: `It can be " ", "Ship", "Invoice" or "All".` */
function enumMembersFromDescription(description: string): string[] | undefined {
	const tail = description.split(/can be/i)[1];
	if (!tail) return undefined;
	const members = [...tail.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
	return members.length ? members : undefined;
}

/** Collects enum members per enum type (union over all pages using the type, in first-seen order). */
export class EnumCollector {
	readonly enums: Record<string, string[]> = {};

	/** Adds members of an enum type, keeping first-seen order and skipping duplicates. */
	add(enumType: string, members: string[]): void {
		const list = (this.enums[enumType] ??= []);
		for (const m of members) if (!list.includes(m)) list.push(m);
	}

	/** Adds the {@link ENUM_OVERRIDES} types no page used, so the sandbox knows their members too. */
	addUnusedOverrides(): void {
		for (const [name, members] of Object.entries(ENUM_OVERRIDES)) if (!this.enums[name]) this.enums[name] = members;
	}
}

/** The type of a property as a docs page writes it: `NAV.<enum>` → `enum` (members recorded), unknown words → `string`. */
export function docsType(type: string, description: string, enums: EnumCollector): TypedField {
	if (type.startsWith('NAV.')) {
		const enumType = type.slice(4);
		const members = ENUM_OVERRIDES[enumType] ?? enumMembersFromDescription(description);
		if (members) enums.add(enumType, members);
		return { type: 'enum', enumType, documented: true };
	}
	return { type: DOCS_TYPES[type] ?? 'string', documented: true };
}

/** Type of a field the docs do not list, guessed from its name (`…Id` → GUID, `…DateTime` → datetime, `…Date` → date). */
export function inferredType(name: string): TypedField {
	if (name === 'id' || /Id$/.test(name)) return { type: 'GUID', documented: false };
	if (/DateTime$/.test(name) || /^system(Created|Modified)At$/.test(name))
		return { type: 'datetime', documented: false };
	if (/Date$/.test(name)) return { type: 'date', documented: false };
	return { type: 'string', documented: false };
}
