import type { ILoadOptionsFunctions, INodeParameterResourceLocator, INodePropertyOptions } from 'n8n-workflow';

import { findEntitySet } from '../catalog';
import { locatorValue } from '../actions/shared/validation';

/**
 * Field names of the chosen standard entity set from the shipped catalog (for the filter builder and the
 * field-by-field body). Custom APIs have no catalog entry: switch the field to an expression and type the name.
 */
export async function getEntityFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const route = (this.getCurrentNodeParameter('apiRoute') as string | undefined) ?? 'v2.0';
	const locator = this.getCurrentNodeParameter('entitySet') as INodeParameterResourceLocator | string | undefined;
	const entitySet = locatorValue(locator);
	const entry = findEntitySet(route, entitySet);
	return (entry?.fields ?? [])
		.map((field) => ({
			name: field.name,
			value: field.name,
			description: field.type ? `Type: ${field.type}` : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
