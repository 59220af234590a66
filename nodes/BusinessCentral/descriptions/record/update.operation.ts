import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { entitySetProperties, recordIdProperty } from '../common';
import { bodyProperties, concurrencyProperties } from '../writeProperties';

const properties: INodeProperties[] = [
	...entitySetProperties,
	recordIdProperty,
	...concurrencyProperties,
	...bodyProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['update'] } }, properties);
