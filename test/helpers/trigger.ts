/**
 * A small stand-in for n8n's trigger life cycle around the REAL n8n-core contexts (HookContext, PollContext,
 * WebhookContext) and the Business Central Trigger: activation runs the webhook methods, `poll()` runs like n8n's
 * poller (one Workflow object kept for the activation), and a loopback HTTP server plays n8n's webhook server, where
 * every request gets its own Workflow loaded from the "database" copy of the static data, as in n8n.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { BusinessCentralTrigger } from '../../nodes/BusinessCentral/BusinessCentralTrigger.node';
import { additionalDataFor, buildNode, registerNodeType } from './engine';
import type { ClientSecretSetup } from './nodeTest';

export const TRIGGER_TYPE = 'n8n-nodes-business-central.businessCentralTrigger';
const triggerType = new BusinessCentralTrigger();
registerNodeType(TRIGGER_TYPE, triggerType);

const nodeTypes = {
	getByName: () => triggerType,
	getByNameAndVersion: () => triggerType,
	getKnownTypes: () => ({}),
};

/** What the webhook server answered, per request. */
export interface WebhookCall {
	status: number;
	body: string;
	items: INodeExecutionData[];
}

/** One trigger node "activated" in a fake n8n around real n8n-core contexts. */
export class TriggerHarness {
	readonly node: INode;
	/** The static data as n8n's database has it. */
	db: IDataObject = {};
	/** The poller's workflow (kept for the activation, like n8n's). */
	private pollWorkflow?: Workflow;
	private server?: http.Server;
	baseUrl = '';
	readonly calls: WebhookCall[] = [];
	/** Items of every workflow run the webhook started. */
	readonly emitted: INodeExecutionData[] = [];

	/**
	 * @param options.savesOnEmitOnly save the poller's static data only when a poll emits items (and at the end of
	 *   activation), as n8n 2.41 does (`trigger-execution-context.factory` `__emit`); otherwise after every poll
	 */
	constructor(
		private readonly setup: ClientSecretSetup,
		parameters: INodeParameters,
		private readonly options: { savesOnEmitOnly?: boolean } = {},
	) {
		this.node = { ...buildNode(parameters, setup.credential, TRIGGER_TYPE), id: 'trigger-node', name: 'BC Trigger' };
	}

	private workflow(staticData: IDataObject): Workflow {
		return new Workflow({
			id: 'wf-trigger',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: structuredClone(staticData),
		});
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor(this.setup.helper),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private save(workflow: Workflow): void {
		const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		const plain = JSON.parse(JSON.stringify(data)) as IDataObject;
		delete plain.__dataChanged;
		this.db = plain;
	}

	/** Starts the webhook server (n8n's stand-in) on loopback. */
	async listen(): Promise<void> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', this.baseUrl);
		let body: unknown = {};
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			body = text;
		}
		let sent = '';
		const response = {
			status(code: number) {
				res.statusCode = code;
				return response;
			},
			type(value: string) {
				res.setHeader('content-type', value);
				return response;
			},
			send(data: string) {
				sent = String(data);
				res.end(data);
				return response;
			},
			end() {
				res.end();
				return response;
			},
		};
		const request = {
			method: req.method,
			query: Object.fromEntries(url.searchParams),
			body,
			headers: req.headers,
			params: {},
		};
		const workflow = this.workflow(this.db);
		const mode: WorkflowExecuteMode = url.pathname.startsWith('/webhook-test') ? 'manual' : 'webhook';
		const description = triggerType.description.webhooks!.find((w) => w.httpMethod === req.method)!;
		const webhookData = { webhookDescription: description } as unknown as IWebhookData;
		const ctx = new WebhookContext(
			workflow,
			this.node,
			this.additionalData({ httpRequest: request, httpResponse: response } as never),
			mode,
			webhookData,
			[],
			null,
		);
		const call: WebhookCall = { status: 0, body: '', items: [] };
		try {
			const result = await triggerType.webhook.call(ctx);
			call.items = result.workflowData?.[0] ?? [];
			this.emitted.push(...call.items);
		} catch (error) {
			if (!res.writableEnded) response.status(500).send(String((error as Error).message));
		}
		call.status = res.statusCode;
		call.body = sent;
		this.calls.push(call);
		this.save(workflow);
	}

	private hookContext(workflow: Workflow, mode: WorkflowExecuteMode = 'trigger'): HookContext {
		const webhookDescription = triggerType.description.webhooks!.find((w) => w.name === 'default')!;
		return new HookContext(
			workflow,
			this.node,
			this.additionalData(),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			{
				webhookDescription,
				isTest: mode === 'manual',
			} as unknown as IWebhookData,
		);
	}

	/** "Listen for test event": n8n registers the test webhook, then runs checkExists/create in manual mode. */
	async listenForTestEvent(): Promise<void> {
		const workflow = this.workflow(this.db);
		const ctx = this.hookContext(workflow, 'manual');
		const methods = triggerType.webhookMethods.default;
		if (!(await methods.checkExists.call(ctx))) await methods.create.call(ctx);
		this.save(workflow);
	}

	/** Activation as n8n does it: checkExists, create if needed, then the first poll. */
	async activate(): Promise<void> {
		this.pollWorkflow = this.workflow(this.db);
		const ctx = this.hookContext(this.pollWorkflow);
		const methods = triggerType.webhookMethods.default;
		if (!(await methods.checkExists.call(ctx))) await methods.create.call(ctx);
		this.save(this.pollWorkflow);
		await this.poll();
		// n8n saves the static data once more at the end of the activation.
		this.save(this.pollWorkflow);
	}

	/** One scheduled poll run. @returns the emitted items (empty for null) */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[]> {
		this.pollWorkflow ??= this.workflow(this.db);
		const ctx = new PollContext(this.pollWorkflow, this.node, this.additionalData(), mode, 'activate');
		const result = await triggerType.poll.call(ctx);
		if (!this.options.savesOnEmitOnly || result) this.save(this.pollWorkflow);
		return result?.[0] ?? [];
	}

	/** Deactivation: the delete webhook method. */
	async deactivate(): Promise<void> {
		const workflow = this.workflow(this.db);
		await triggerType.webhookMethods.default.delete.call(this.hookContext(workflow));
		this.save(workflow);
		this.pollWorkflow = undefined;
	}

	/** The node's static data (database copy). */
	state(): IDataObject {
		return (this.db[`node:${this.node.name}`] ?? {}) as IDataObject;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** Waits until `check` returns true (polling every 25 ms) or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

/** Parameters of the trigger on `customers` in `companyId`; `extra` overrides. */
export function triggerParameters(companyId: string, mode: string, extra: INodeParameters = {}): INodeParameters {
	return {
		mode,
		company: { __rl: true, mode: 'id', value: companyId },
		entitySet: { __rl: true, mode: 'name', value: 'customers' },
		...extra,
	};
}

export { NodeHelpers };

/** Writes to the sandbox's data layer directly (fast, with change events as for API writes). */
export class BcWriter {
	bcApi?: import('../../sandbox/contracts').BcApi;
	/** A sandbox plugin that captures the data layer. */
	readonly plugin = {
		name: 'test-writer',
		http: async (_app: unknown, options: { bcApi: import('../../sandbox/contracts').BcApi }) => {
			this.bcApi = options.bcApi;
		},
	};

	constructor(private readonly environment = 'production') {}

	async send(method: string, resourcePath: string, body?: unknown, headers: Record<string, string> = {}) {
		const response = await this.bcApi!.handle({
			method,
			environment: this.environment,
			apiRoute: 'v2.0',
			resourcePath,
			rawQuery: '',
			headers: { 'if-match': '*', ...headers },
			body,
			serviceRootUrl: 'https://127.0.0.1/v2.0/t/production/api/v2.0',
			principal: { id: 'test', kind: 'app', name: 'test' },
			correlationId: '00000000-0000-0000-0000-000000000000',
		});
		if (response.status >= 300) throw new Error(`${method} ${resourcePath}: ${JSON.stringify(response.body)}`);
		return response.body as IDataObject;
	}

	create(companyId: string, displayName: string) {
		return this.send('POST', `companies(${companyId})/customers`, { displayName });
	}

	update(companyId: string, id: string, body: IDataObject) {
		return this.send('PATCH', `companies(${companyId})/customers(${id})`, body);
	}

	delete(companyId: string, id: string) {
		return this.send('DELETE', `companies(${companyId})/customers(${id})`);
	}
}
