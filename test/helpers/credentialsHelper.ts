/**
 * An ICredentialsHelper that does what n8n's server `CredentialsHelper` (packages/cli/src/credentials-helper.ts)
 * does, over an in-memory store instead of the database:
 * - getDecrypted: merges parent properties (`extends`), applies defaults and resolves expression defaults with `$self`;
 * - authenticate: function form, and generic form with `$credentials` expressions;
 * - preAuthentication: calls the type's hook when its hidden expirable property is empty or expired, and stores it;
 * - getParentTypes (OAuth2 detection), updateCredentialsOauthTokenData (token refresh persistence).
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { deepCopy, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const mockNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as never,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
	getKnownTypes: () => ({}),
};

function mockWorkflow(): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'cred',
		name: 'Credential',
		type: 'mock',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return { workflow: new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: mockNodeTypes }), node };
}

export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, StoredCredential>();

	private nextId = 1;

	/** Every `updateCredentialsOauthTokenData` call (OAuth2 token stored after a fetch or refresh). */
	readonly oauthTokenUpdates: Array<{ id: string; type: string }> = [];

	/** Every `updateCredentials` call (preAuthentication results). */
	readonly credentialUpdates: Array<{ id: string; type: string }> = [];

	constructor(private readonly types: Record<string, ICredentialType>) {
		super();
	}

	/** Stores a credential and returns the reference a node puts under `credentials[type]`. */
	add(type: string, data: ICredentialDataDecryptedObject, name = `${type} ${this.nextId}`): INodeCredentialsDetails {
		const id = String(this.nextId++);
		this.store.set(id, { id, name, type, data: deepCopy(data) });
		return { id, name };
	}

	/** The stored (raw) data of a credential. */
	stored(id: string): ICredentialDataDecryptedObject {
		const entry = this.store.get(id);
		if (!entry) throw new Error(`no credential ${id}`);
		return entry.data;
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.type(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const description = this.type(type);
		if (!description.extends) return description.properties;
		const combined: INodeProperties[] = [];
		for (const parent of description.extends) {
			NodeHelpers.mergeNodeProperties(
				combined,
				this.getCredentialsProperties(parent).filter((p) => !p.doNotInherit),
			);
		}
		NodeHelpers.mergeNodeProperties(combined, description.properties);
		return combined;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow?: Workflow,
		node?: INode,
	): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const target = workflow && node ? { workflow, node } : mockWorkflow();
		return target.workflow.expression.getSimpleParameterValue(
			target.node,
			value,
			'internal',
			{ $credentials: credentials } as IDataObject,
			undefined,
			'',
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.type(typeName);
		const { authenticate } = type;
		if (!authenticate) return requestOptions as IHttpRequestOptions;
		// Called as a method on the same request options object, exactly like n8n's server does.
		if (typeof authenticate === 'function')
			return await authenticate.call(type, credentials, requestOptions as IHttpRequestOptions);
		const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [outerKey, entries] of Object.entries(
			authenticate.properties as Record<string, Record<string, string>>,
		)) {
			options[outerKey] = options[outerKey] ?? {};
			for (const [key, value] of Object.entries(entries)) {
				options[outerKey][String(this.resolve(key, credentials, workflow, node))] = this.resolve(
					value,
					credentials,
					workflow,
					node,
				);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || !type.preAuthentication) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const reference = node.credentials?.[typeName];
		if (reference?.id) await this.updateCredentials(reference, typeName, Object.assign(credentials, output));
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (!type.preAuthentication) return undefined;
		return Object.assign(credentials, await type.preAuthentication.call(helpers, credentials));
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by the Business Central node');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = this.store.get(String(nodeCredentials.id));
		if (!entry) throw new Error(`Credential ${nodeCredentials.id} not found`);
		const original = deepCopy(entry.data);
		if (raw) return original;
		let data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;
		// n8n keeps a credential's domain restriction ("Allowed HTTP Request Domains"), which no type declares.
		for (const field of ['allowedHttpRequestDomains', 'allowedDomains'])
			if (data[field] === undefined && original[field] !== undefined) data[field] = original[field];
		const { workflow, node } = mockWorkflow();
		data = workflow.expression.getComplexParameterValue(
			node,
			data as never,
			'internal',
			{},
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = this.store.get(String(nodeCredentials.id));
		if (!entry) return;
		entry.data = { ...entry.data, ...deepCopy(data) };
		this.credentialUpdates.push({ id: entry.id, type });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = this.store.get(String(nodeCredentials.id));
		if (!entry) return;
		entry.data.oauthTokenData = deepCopy(data.oauthTokenData) as ICredentialDataDecryptedObject['oauthTokenData'];
		this.oauthTokenUpdates.push({ id: entry.id, type });
	}
}
