import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { rawFilterOption, returnAllAndLimit, selectOption } from '../queryOptions';

const properties: INodeProperties[] = [
	...returnAllAndLimit('companies'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ ...rawFilterOption, placeholder: "e.g. startswith(name,'CRONUS')" }, selectOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['getAll'] } }, properties);
