import type { IDataObject } from 'n8n-workflow';

import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { fail, readText, shown } from '../shared/parameters';
import { companyLocator } from '../shared/properties';
import { readJsonBody } from '../shared/readBody';
import { companyQuery, ODATAV4_PATH } from '../shared/webService';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Web Service → Call Codeunit: `POST /ODataV4/<Service>_<Procedure>?company=<id or 'name'>` with the procedure's
 * parameters as JSON; outputs `{ value }` (the procedure's return value) or `{ done: true }` for a void procedure
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-creating-and-interacting-with-odatav4-unbound-action).
 */
export const unboundAction: BcOperation = {
	value: 'unboundAction',
	name: 'Call Codeunit',
	description: 'Run a procedure of a codeunit published as a web service (unbound action)',
	action: 'Call a codeunit web service',
	method: 'POST',
	properties: [
		companyLocator,
		{
			displayName: 'Codeunit Service Name',
			name: 'codeunitService',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ShippingCalc',
		},
		{
			displayName: 'Procedure',
			name: 'procedure',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. GetRate',
		},
		{
			displayName: 'Parameters (JSON)',
			name: 'actionParameters',
			type: 'json',
			default: '{}',
			description: "The procedure's parameters by their AL names",
		},
	],
	async preSend(requestOptions) {
		const company = companyQuery(this);
		const service = readText(this, 'codeunitService', 'Codeunit Service Name', { maxLength: 128 }).trim();
		const procedure = readText(this, 'procedure', 'Procedure', { maxLength: 128 }).trim();
		if (!NAME.test(service)) fail(this, `Codeunit Service Name: ${shown(service)} is not a service name`);
		if (!NAME.test(procedure)) fail(this, `Procedure: ${shown(procedure)} is not a procedure name`);
		const raw = this.getNodeParameter('actionParameters', '{}');
		const empty =
			raw === '{}' || raw === '' || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0);
		requestOptions.body = empty ? {} : readJsonBody(this, 'actionParameters', 'Parameters (JSON)');
		requestOptions.qs = { company };
		requestOptions.url = `${ODATAV4_PATH}/${service}_${procedure}`;
		return requestOptions;
	},
	async execute({ ctx, request, send }) {
		const response = await bcRequest(ctx, request, send);
		const body = response.body as IDataObject | undefined;
		return [body && typeof body === 'object' && 'value' in body ? { value: body.value } : { done: true }];
	},
};
