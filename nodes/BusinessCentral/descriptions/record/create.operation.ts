import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRouteProperties, bodyProperties, companyLocator, entitySetLocator } from '../common';

const properties: INodeProperties[] = [companyLocator, ...apiRouteProperties, entitySetLocator, ...bodyProperties];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['create'] } }, properties);
