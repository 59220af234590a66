import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { entitySetProperties } from '../common';
import { bodyProperties } from '../writeProperties';

const properties: INodeProperties[] = [...entitySetProperties, ...bodyProperties];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['create'] } }, properties);
