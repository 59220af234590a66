/**
 * The field mapper (n8n resource mapper) of Create and Update: the entity set's fields from the route's live
 * `$metadata` (shipped catalog as fallback) with n8n field types, enum members as dropdowns, `Nullable="false"`
 * fields marked required on Create, read-only fields hidden.
 */
import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields, FieldType } from 'n8n-workflow';

import { unescapeMemberName, type CatalogField, type CatalogFieldType } from '../catalog';
import { editorEntitySet, editorRoute, editorSource } from './metadata';

/** n8n's input widget per catalog type: GUIDs and text as text, numbers, toggles, date pickers, enum dropdowns. */
const FIELD_TYPES: Record<CatalogFieldType, FieldType> = {
	GUID: 'string',
	string: 'string',
	decimal: 'number',
	integer: 'number',
	int64: 'number',
	boolean: 'boolean',
	date: 'dateTime',
	datetime: 'dateTime',
	enum: 'options',
	stream: 'string',
};

/** One mapper field of a catalog field. */
export function mapperField(field: CatalogField, create: boolean): ResourceMapperField {
	const type: FieldType = field.catalogType ? FIELD_TYPES[field.catalogType] : 'string';
	const members = field.enumMembers ?? [];
	const details = [
		field.catalogType ?? 'untyped',
		field.maxLength ? `max ${field.maxLength}` : '',
		field.key ? 'key' : '',
	]
		.filter(Boolean)
		.join(', ');
	return {
		id: field.name,
		displayName: `${field.name} (${details})`,
		required: create && field.required === true && !field.readOnly,
		defaultMatch: false,
		canBeUsedToMatch: field.key === true,
		display: !field.readOnly && field.catalogType !== 'stream',
		type: type === 'options' && members.length === 0 ? 'string' : type,
		...(type === 'options' && members.length
			? { options: members.map((m) => ({ name: unescapeMemberName(m), value: m })) }
			: {}),
		readOnly: field.readOnly,
	};
}

/**
 * Fields of the chosen entity set for the mapper.
 * @returns no fields (with a notice) until an entity set is chosen, or when neither BC nor the catalog knows it
 */
export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const route = editorRoute(this);
	const entitySet = editorEntitySet(this);
	if (!route || !entitySet) return { fields: [], emptyFieldsNotice: 'Choose the API and the entity set first' };
	const { source, live } = await editorSource(this, route);
	const entry = source.entitySet(route, entitySet);
	if (!entry) {
		return {
			fields: [],
			emptyFieldsNotice: live
				? `The API ${route} has no entity set ${entitySet}`
				: `Business Central could not be asked for the fields of ${entitySet}; send the body as JSON instead`,
		};
	}
	const create = this.getCurrentNodeParameter('operation') === 'create';
	return { fields: entry.fields.map((f) => mapperField(f, create)) };
}
