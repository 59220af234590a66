import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { prepareCompanyRequest } from '../../helpers/preSend';
import { executeBcOperation } from '../../transport';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

const routing: INodePropertyRouting = {
	request: { method: 'GET' },
	send: { preSend: [prepareCompanyRequest], paginate: true },
	operations: { pagination: executeBcOperation },
};

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
