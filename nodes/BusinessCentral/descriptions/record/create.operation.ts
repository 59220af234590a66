import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRouteProperties, companyLocator, entitySetLocator } from '../common';
import { bodyProperties } from '../writeProperties';

const properties: INodeProperties[] = [companyLocator, ...apiRouteProperties, entitySetLocator, ...bodyProperties];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['create'] } }, properties);
