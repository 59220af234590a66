import type {
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../core/constants';
import { getApiRoutes } from './methods/apiRoutes';
import { searchCompanies } from './methods/listSearch';
import { checkExists, create, pollHandler, remove, webhookHandler } from './trigger/handlers';
import { searchWebhookEntitySets } from './trigger/listSearch';
import { triggerProperties } from './trigger/properties';

/**
 * Microsoft Dynamics 365 Business Central Trigger: starts a workflow when records of an entity set are created,
 * updated or deleted, by BC webhook subscription, by polling `lastModifiedDateTime`, or both (Hybrid).
 *
 * Programmatic (a trigger cannot be declarative) and sharing the action node's transport. One node type is both a
 * webhook and a poll trigger: n8n activates both parts, and the poll on the Poll Times schedule is the subscription
 * check (renewal before BC's 3-day expiry, re-creation) and Hybrid's reconciliation; in Polling mode the webhook path
 * evaluates to nothing and n8n registers no webhook. Design and limits: `trigger/handlers.ts`, README "Trigger".
 */
export class BusinessCentralTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Dynamics 365 Business Central Trigger',
		name: 'businessCentralTrigger',
		icon: { light: 'file:../../icons/businessCentral.svg', dark: 'file:../../icons/businessCentral.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["mode"] + ": " + ($parameter["entitySet"].value || $parameter["entitySet"]) }}',
		description: 'Starts the workflow when Business Central records are created, updated or deleted',
		defaults: { name: 'Business Central Trigger' },
		polling: true,
		inputs: [],
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
		webhooks: [
			// BC's handshake: `?validationToken=` by POST (MicrosoftDocs issue #264) or GET; notifications by POST.
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: '={{ $parameter["mode"] === "polling" ? undefined : "notify" }}',
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '={{ $parameter["mode"] === "polling" ? undefined : "notify" }}',
				ndvHideUrl: '={{ $parameter["mode"] === "polling" }}',
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchCompanies, searchWebhookEntitySets }, loadOptions: { getApiRoutes } };

	webhookMethods = {
		default: {
			checkExists: async function (this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			create: async function (this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			delete: async function (this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await webhookHandler.call(this);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHandler.call(this);
	}
}
