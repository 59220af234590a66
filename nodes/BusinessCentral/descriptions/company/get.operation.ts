import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { companyLocator } from '../common';

const properties: INodeProperties[] = [companyLocator];

export const description = updateDisplayOptions({ show: { resource: ['company'], operation: ['get'] } }, properties);
