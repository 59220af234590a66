import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { entitySetProperties, recordIdProperty } from '../common';
import { expandOption, selectOption } from '../queryOptions';

const properties: INodeProperties[] = [
	...entitySetProperties,
	recordIdProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [expandOption, selectOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['get'] } }, properties);
