import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { editorEntitySet, editorRoute, editorSource } from './metadata';

/**
 * Field names of the chosen entity set (any route) from the route's live `$metadata`, or the shipped catalog when
 * BC cannot be asked (for the filter builder, Select/Order By and the field-by-field body).
 */
export async function getEntityFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = editorRoute(this);
	if (!route) return [];
	const { source } = await editorSource(this, route);
	const entry = source.entitySet(route, editorEntitySet(this));
	return (entry?.fields ?? [])
		.map((field) => ({
			name: field.name,
			value: field.name,
			description:
				[
					field.type ? `Type: ${field.type}` : '',
					field.maxLength ? `max ${field.maxLength} characters` : '',
					field.enumMembers ? `one of ${field.enumMembers.join(', ')}` : '',
					field.readOnly ? 'read-only' : '',
				]
					.filter(Boolean)
					.join('; ') || undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
