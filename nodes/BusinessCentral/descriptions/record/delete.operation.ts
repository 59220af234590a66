import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	apiRouteProperties,
	companyLocator,
	concurrencyProperties,
	entitySetLocator,
	recordIdProperty,
} from '../common';

const properties: INodeProperties[] = [
	companyLocator,
	...apiRouteProperties,
	entitySetLocator,
	recordIdProperty,
	...concurrencyProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['delete'] } }, properties);
