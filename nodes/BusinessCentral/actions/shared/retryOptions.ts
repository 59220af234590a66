import type { INodeProperties } from 'n8n-workflow';

/** Retry behaviour for throttling (429) and unavailability (503/504)
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
export const retryOptions: INodeProperties = {
	displayName: 'Retry Options',
	name: 'retryOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description: 'How often one request is tried in total when Business Central answers 429, 503 or 504',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'Longest single wait before a retry; when Business Central asks (Retry-After) for longer, the request fails instead',
		},
		{
			displayName: 'Requests in Flight',
			name: 'maxInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 8,
			description:
				'Most requests sent at once per credential and environment by this n8n process (Business Central processes 5 per user or app and queues up to 95 more; 8 keeps its 5 busy). With several n8n workers (queue mode) Business Central sees up to workers × this value; lower it so that this stays under 100.',
		},
	],
};
