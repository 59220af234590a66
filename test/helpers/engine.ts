/**
 * Runs the Business Central node through n8n-core's real engine: WorkflowExecute → (declarative) RoutingNode →
 * request helpers → credentials helper, with the node classes imported from source (no build needed).
 */
import 'reflect-metadata';
import './quietLogs';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { BusinessCentralAccessKeyApi } from '../../credentials/BusinessCentralAccessKeyApi.credentials';
import { BusinessCentralClientCredentialsApi } from '../../credentials/BusinessCentralClientCredentialsApi.credentials';
import { BusinessCentralOAuth2Api } from '../../credentials/BusinessCentralOAuth2Api.credentials';
import { TestCredentialsHelper } from './credentialsHelper';
import { oAuth2ApiType } from './oAuth2ApiType';

// Named with its .ts extension: under plain Node resolution (tsx, used by bench/) `BusinessCentral.node` would
// resolve to the codex file BusinessCentral.node.json, which sits next to it.
const { BusinessCentral } =
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('../../nodes/BusinessCentral/BusinessCentral.node.ts') as typeof import('../../nodes/BusinessCentral/BusinessCentral.node');

/** The node type name n8n gives the node when it loads this package (`<package>.<node>`). */
export const NODE_TYPE = 'n8n-nodes-business-central.businessCentral';

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(type: string): INodeType {
		return this.types[type];
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[type], version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export const nodeType = new BusinessCentral();
const nodeTypes = new TestNodeTypes({ [NODE_TYPE]: nodeType });

/** Registers another node type (e.g. the credential-test node n8n's server builds) for {@link runNode}. */
export function registerNodeType(name: string, type: INodeType): void {
	(nodeTypes as unknown as { types: Record<string, INodeType> }).types[name] = type;
}

/** The engine's additional data: plain object (a deep mock breaks n8n-core), with the given credentials helper. */
export function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		executionId: 'exec-1',
		userId: 'user-1',
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		currentNodeParameters,
		currentNodeExecutionIndex: 0,
		executeWorkflow: async () => {
			throw new Error('not supported');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		ssrfBridge: undefined,
		encryptedRunnerIdentity: undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A node of this package's type with defaults filled in like the editor does, for {@link runNode} or a load-options context. */
export function buildNode(parameters: INodeParameters, credential: INodeCredentialsDetails, type = NODE_TYPE): INode {
	const authentication = String(parameters.authentication ?? 'businessCentralClientCredentialsApi');
	const description = nodeTypes.getByNameAndVersion(type).description;
	const credentialType = type === NODE_TYPE ? authentication : String(description.credentials?.[0]?.name);
	const node: INode = {
		id: 'bc-node',
		name: 'Business Central',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: type === NODE_TYPE ? { ...parameters, authentication } : parameters,
		credentials: { [credentialType]: credential },
	};
	node.parameters = NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	) as INodeParameters;
	return node;
}

/** A workflow holding just `node`. */
export function workflowOf(node: INode): Workflow {
	return new Workflow({ id: 'wf-1', nodes: [node], connections: {}, active: false, nodeTypes });
}

/** Every credential type of the package plus n8n's oAuth2Api parent. */
export function credentialTypes(): Record<string, ICredentialType> {
	const list: ICredentialType[] = [
		new BusinessCentralOAuth2Api(),
		new BusinessCentralClientCredentialsApi(),
		new BusinessCentralAccessKeyApi(),
		oAuth2ApiType,
	];
	return Object.fromEntries(list.map((t) => [t.name, t]));
}

/** What one run of the node produced. */
export interface NodeRun {
	/** Output items of the node's main output (empty when the run failed). */
	items: INodeExecutionData[];
	/** The run error (when the node failed and did not continue). */
	error?: Error & { description?: string | null; httpCode?: string | null };
	run: IRun;
}

/** One node run. */
export interface RunOptions {
	/** The node's parameters as a user would set them; defaults are filled in like the editor does. */
	parameters: INodeParameters;
	/** Credential reference from {@link TestCredentialsHelper.add}, under the type chosen by `parameters.authentication`. */
	credential: INodeCredentialsDetails;
	/** Input items (default: one empty item). */
	items?: IDataObject[];
	/** Node setting "On Error: Continue". */
	continueOnFail?: boolean;
	/** Input items with binary data; replaces `items`. */
	inputItems?: INodeExecutionData[];
}

/**
 * Runs the node once with `items` as input.
 * @returns output items, or the error the run stopped with
 */
export async function runNode(
	credentialsHelper: TestCredentialsHelper,
	options: RunOptions & { nodeTypeName?: string },
): Promise<NodeRun> {
	const baseNode: INode = {
		...buildNode(options.parameters, options.credential, options.nodeTypeName),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const, continueOnFail: true } : {}),
	};
	const workflowData = {
		id: 'wf-1',
		name: 'Business Central test',
		active: false,
		isArchived: false,
		nodes: [baseNode],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = workflowOf(baseNode);
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', workflowData);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const additionalData = additionalDataFor(credentialsHelper, hooks);
	const input = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: baseNode, data: { main: [input] }, source: null }] },
	});
	await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	const error = run.data.resultData.error as NodeRun['error'];
	const items = run.data.resultData.runData[baseNode.name]?.[0]?.data?.main?.[0] ?? [];
	return { items, error, run };
}

/** What one run of several independent nodes produced. */
export interface WorkflowRun {
	/** Output items of each node's main output, by node name (empty when the node failed). */
	items: Record<string, INodeExecutionData[]>;
	/** The error the run stopped with, if any. */
	error?: NodeRun['error'];
	run: IRun;
}

/**
 * Runs several nodes of this package in one workflow execution (one `WorkflowExecute`, as n8n runs a workflow whose
 * trigger feeds parallel branches), each with its own parameters, credential and input items.
 * @param nodes name, parameters, credential and input items per node (names must differ)
 */
export async function runNodesInOneExecution(
	credentialsHelper: TestCredentialsHelper,
	nodes: Array<{
		name: string;
		parameters: INodeParameters;
		credential: INodeCredentialsDetails;
		items?: IDataObject[];
	}>,
): Promise<WorkflowRun> {
	const built = nodes.map((n, i) => ({
		...buildNode(n.parameters, n.credential),
		id: `bc-node-${i}`,
		name: n.name,
		position: [0, i * 200] as [number, number],
	}));
	const workflowData = {
		id: 'wf-2',
		name: 'Business Central test (several nodes)',
		active: false,
		isArchived: false,
		nodes: built,
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({ id: 'wf-2', nodes: built, connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-2', workflowData);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: built.map((node, i) => ({
				node,
				data: { main: [(nodes[i].items ?? [{}]).map((json) => ({ json }))] },
				source: null,
			})),
		},
	});
	await new WorkflowExecute(
		additionalDataFor(credentialsHelper, hooks),
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const run = await finished;
	const items = Object.fromEntries(
		built.map((node) => [node.name, run.data.resultData.runData[node.name]?.[0]?.data?.main?.[0] ?? []]),
	);
	return { items, error: run.data.resultData.error as NodeRun['error'], run };
}
