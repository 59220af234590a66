import type { INodeProperties } from 'n8n-workflow';

import { prepareCompanyRequest } from '../../helpers/preSend';
import { bcRouting } from '../routing';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

const routing = bcRouting(prepareCompanyRequest);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a company',
				action: 'Get a company',
				routing,
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the companies of the environment',
				action: 'Get many companies',
				routing,
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
