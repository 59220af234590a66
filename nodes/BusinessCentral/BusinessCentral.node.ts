import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../core/constants';
import * as company from './actions/company';
import * as file from './actions/file';
import * as environment from './actions/environment';
import * as record from './actions/record';
import * as webService from './actions/webService';
import { nodeSettingsRouting } from './actions/operation';
import { environmentLocator } from './actions/shared/environmentProperties';
import { authenticationProperty } from './actions/shared/properties';
import { retryOptions } from './actions/shared/retryOptions';
import { listSearch, loadOptions, resourceMapping } from './methods';

/**
 * Microsoft Dynamics 365 Business Central: companies and records of any API v2.0 entity set (standard,
 * automation or custom API), online (app-only or delegated) and on-premises (web service access key).
 *
 * Declarative: RoutingNode builds each item's request from `routing`; the operation's preSend (in
 * `actions/<resource>/<operation>.operation.ts`) checks and completes it, and the operation's `execute`, run as the
 * pagination hook, sends it through the transport (`transport/`: concurrency limit, retries, paging, errors).
 */
export class BusinessCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Dynamics 365 Business Central',
		name: 'businessCentral',
		icon: { light: 'file:../../icons/businessCentral.svg', dark: 'file:../../icons/businessCentral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Read and write Business Central companies and records (API v2.0, custom APIs)',
		defaults: { name: 'Business Central' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: CREDENTIAL_TYPES.clientCredentials,
				required: true,
				displayOptions: { show: { authentication: [CREDENTIAL_TYPES.clientCredentials] } },
			},
			{
				name: CREDENTIAL_TYPES.delegated,
				required: true,
				displayOptions: { show: { authentication: [CREDENTIAL_TYPES.delegated] } },
			},
			{
				name: CREDENTIAL_TYPES.accessKey,
				required: true,
				displayOptions: { show: { authentication: [CREDENTIAL_TYPES.accessKey] } },
			},
		],
		requestDefaults: {
			// No `baseURL` here: the first preSend (nodeSettingsRouting) sets the credential's environment URL, read once
			// per node run. As an expression, RoutingNode evaluated it twice per item (its property loop and its base-URL
			// check), about 1.3 ms per item in n8n 2's expression sandbox.
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: [
			{
				...authenticationProperty,
				routing: nodeSettingsRouting({
					company: company.operations,
					environment: environment.operations,
					record: record.operations,
					webService: webService.operations,
					file: file.operations,
				}),
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Environment', value: 'environment', description: 'The environments of the tenant (online)' },
					{ name: 'File', value: 'file', description: 'PDFs of documents, attachments and pictures, as binary data' },
					{
						name: 'OData V4 Web Service',
						value: 'webService',
						description: 'Published pages, queries and codeunits (/ODataV4)',
					},
					{
						name: 'Record',
						value: 'record',
						description: 'A record of any entity set (customers, items, salesOrders, …)',
					},
				],
				default: 'record',
			},
			environmentLocator,
			...company.description,
			...environment.description,
			...record.description,
			...webService.description,
			...file.description,
			retryOptions,
		],
	};

	methods = { listSearch, loadOptions, resourceMapping };
}
