import type { IHttpRequestMethods, INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { prepareRecordRequest } from '../../helpers/preSend';
import { bcRouting } from '../routing';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Every record operation: checked and built by the preSend, sent by the transport. */
function routing(method: IHttpRequestMethods): INodePropertyRouting {
	return bcRouting(prepareRecordRequest, method);
}

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a record in an entity set',
				action: 'Create a record',
				routing: routing('POST'),
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a record',
				action: 'Delete a record',
				routing: routing('DELETE'),
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a record by ID',
				action: 'Get a record',
				routing: routing('GET'),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many records of an entity set',
				action: 'Get many records',
				routing: routing('GET'),
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update fields of a record',
				action: 'Update a record',
				routing: routing('PATCH'),
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
