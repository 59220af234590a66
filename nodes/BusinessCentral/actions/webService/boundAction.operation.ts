import type { IDataObject } from 'n8n-workflow';

import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { fail, readText, shown } from '../shared/parameters';
import { readJsonBody } from '../shared/readBody';
import {
	companySegment,
	keyProperty,
	ODATAV4_PATH,
	readKeyPredicate,
	readService,
	serviceProperties,
} from '../shared/webService';

const ACTION = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Web Service → Call Bound Action: `POST /ODataV4/Company(…)/<service>(<key>)/NAV.<action>` with the action's
 * parameters as JSON (`NAV.`, not `Microsoft.NAV.`, on OData V4 pages:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-creating-and-interacting-with-odatav4-bound-action).
 * Outputs BC's answer, or `{ action, done: true }` for an empty (204) answer.
 */
export const boundAction: BcOperation = {
	value: 'boundAction',
	name: 'Call Bound Action',
	description: 'Run a procedure of a published page on one record (NAV.&lt;Procedure&gt;)',
	action: 'Call a bound action of a web service',
	method: 'POST',
	properties: [
		...serviceProperties,
		keyProperty,
		{
			displayName: 'Action',
			name: 'action',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Release',
			description: 'The procedure name (ServiceEnabled), without NAV',
		},
		{
			displayName: 'Parameters (JSON)',
			name: 'actionParameters',
			type: 'json',
			default: '{}',
			description: "The procedure's parameters by name",
		},
	],
	async preSend(requestOptions) {
		const company = companySegment(this);
		const service = readService(this);
		const key = readKeyPredicate(this);
		const action = readText(this, 'action', 'Action', { maxLength: 128 })
			.trim()
			.replace(/^NAV\./, '');
		if (!ACTION.test(action))
			fail(this, `Action: ${shown(action)} is not a procedure name`, 'Enter the name without NAV., e.g. Release.');
		const raw = this.getNodeParameter('actionParameters', '{}');
		const empty =
			raw === '{}' || raw === '' || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0);
		requestOptions.body = empty ? {} : readJsonBody(this, 'actionParameters', 'Parameters (JSON)');
		requestOptions.url = `${ODATAV4_PATH}/${company}/${service}${key}/NAV.${action}`;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		const response = await bcRequest(ctx, request, send);
		const body = response.body as IDataObject | undefined;
		const action = request.url.replace(/^.*\/NAV\./, '');
		return [body && typeof body === 'object' && Object.keys(body).length ? body : { action, done: true }];
	},
};
