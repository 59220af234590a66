/**
 * The Batching setting of the write operations (Create, Update, Delete, Create or Update): how the items' writes are
 * sent. `auto` (default) and `transactional` coalesce them into JSON `$batch` requests of up to Batch Size operations
 * (see `transport/batch`); `off` sends one request per item.
 */
import type { IExecutePaginationFunctions, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import type { BatchSettings } from '../../transport';
import { readInteger, readOption, type ParameterContext } from './parameters';

/** BC's limit of operations per `$batch` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
export const MAX_BATCH_OPERATIONS = 100;

const BATCH_MODES = ['auto', 'off', 'transactional'] as const;

/** The Batching and Batch Size parameters (additive; shown on the write operations). */
export const batchingProperties: INodeProperties[] = [
	{
		displayName: 'Batching',
		name: 'batchMode',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description:
					"Send the items' writes together as $batch requests of up to Batch Size operations; each item still gets its own result or error",
			},
			{ name: 'Off', value: 'off', description: 'One request per item' },
			{
				name: 'Transactional',
				value: 'transactional',
				description:
					'All or nothing per $batch (Isolation: snapshot): if one item fails, every item of its batch is rolled back and reported failed. Operations that commit inside BC, such as posting, are not rolled back.',
			},
		],
		default: 'auto',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 2, maxValue: MAX_BATCH_OPERATIONS },
		default: MAX_BATCH_OPERATIONS,
		description: 'Most operations per $batch request (Business Central allows 100)',
		displayOptions: { hide: { batchMode: ['off'] } },
	},
];

/**
 * The item's batching settings, or undefined for one request per item (Batching Off, or an operation without it).
 * @throws NodeOperationError naming Batching or Batch Size for a value outside the options or 2–100
 */
export function batchSettingsOf(ctx: IExecuteSingleFunctions | IExecutePaginationFunctions): BatchSettings | undefined {
	const params = ctx as ParameterContext;
	const mode = readOption(params, 'batchMode', 'Batching', BATCH_MODES, 'off');
	if (mode === 'off') return undefined;
	const maxOperations = readInteger(params, 'batchSize', 'Batch Size', {
		min: 2,
		max: MAX_BATCH_OPERATIONS,
		fallback: MAX_BATCH_OPERATIONS,
	});
	return { mode, maxOperations };
}
