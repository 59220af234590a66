import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { entitySetProperties, recordIdProperty } from '../common';
import { concurrencyProperties } from '../writeProperties';

const properties: INodeProperties[] = [...entitySetProperties, recordIdProperty, ...concurrencyProperties];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['delete'] } }, properties);
