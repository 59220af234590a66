/**
 * The trigger node's parameters. Where they match the action node's (authentication, company, API route, entity set,
 * retry options) they are the same objects, so saved values mean the same in both nodes.
 */
import type { INodeProperties } from 'n8n-workflow';

import { apiRouteProperties, authenticationProperty, companyLocator } from '../actions/shared/properties';
import { retryOptions } from '../actions/shared/retryOptions';

/** The `mode` option values. */
export const TRIGGER_MODES = ['webhook', 'polling', 'hybrid'] as const;
export type TriggerMode = (typeof TRIGGER_MODES)[number];

/** The `events` option values (BC's `changeType`s a user can pick). */
export const CHANGE_EVENTS = ['created', 'updated', 'deleted'] as const;
export type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** The `output` option values. */
export const OUTPUTS = ['record', 'notification'] as const;

const modeProperty: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Webhook',
			value: 'webhook',
			description:
				'Business Central calls n8n (webhook subscription, renewed automatically). n8n must be reachable from BC over HTTPS.',
		},
		{
			name: 'Polling',
			value: 'polling',
			description: 'Asks BC for changed records on the Poll Times schedule. Works behind a firewall.',
		},
		{
			name: 'Hybrid',
			value: 'hybrid',
			description:
				'Webhook for speed plus a reconciliation poll on the Poll Times schedule that emits whatever the webhook missed',
		},
	],
	default: 'webhook',
};

const entitySetProperty: INodeProperties = {
	displayName: 'Entity Set',
	name: 'entitySet',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The entity set to watch, e.g. customers',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchWebhookEntitySets', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. customers',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '[A-Za-z_][A-Za-z0-9_]*',
						errorMessage: 'Enter an entity set name (letters, digits and _)',
					},
				},
			],
		},
	],
};

/** Every parameter of the trigger, in editor order. */
export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	modeProperty,
	{
		displayName:
			'Poll Times is the schedule of the subscription check (renewal before the 3-day expiry, re-creation when BC deleted it) and, in Hybrid mode, of the reconciliation poll',
		name: 'scheduleNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['webhook', 'hybrid'] } },
	},
	companyLocator,
	...apiRouteProperties,
	entitySetProperty,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Created', value: 'created' },
			{ name: 'Updated', value: 'updated' },
			{ name: 'Deleted', value: 'deleted' },
		],
		default: ['created', 'updated', 'deleted'],
		required: true,
		description:
			'Which changes start the workflow. In Polling mode, Created and Deleted need an ID-only scan of the entity set per poll.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Changed Record',
				value: 'record',
				description: 'Read each changed record back from BC (deleted records carry their ID only)',
			},
			{
				name: 'Notification Only',
				value: 'notification',
				description: 'The change type, ID, time and entity URL, without reading the record',
			},
		],
		default: 'record',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'options',
				options: [
					{ name: 'Now', value: 'now', description: 'Changes after activation only' },
					{ name: 'Date', value: 'date', description: 'Changes after Start Date (also on the first poll)' },
				],
				default: 'now',
				description: 'Where polling and reconciliation start on the first run',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Changes after this time are emitted on the first run (Start From: Date)',
			},
			{
				displayName: 'All Companies',
				name: 'allCompanies',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/mode': ['polling'] } },
				description:
					'Whether to poll every company of the environment (the Company above is then ignored), each with its own watermark; each item gets companyId and companyName. Polling mode only: a webhook subscription watches one company.',
			},
			{
				displayName: 'Detect Deletions',
				name: 'detectDeletions',
				type: 'boolean',
				default: true,
				description:
					'Whether polling and reconciliation compare an ID-only scan with the previous one to emit deleted records (only when Deleted is among the events)',
			},
		],
	},
	retryOptions,
];
