/**
 * What an operation is, and how the declarative engine runs it.
 *
 * Each operation file exports one {@link BcOperation}: its parameters, its `preSend` (checks the item's parameters
 * and builds URL, query, body and headers; runs before any request of the item) and, where sending once is not
 * enough, its `execute` (e.g. paging). A resource lists its operations once ({@link resourceProperties}); the node
 * stays declarative: RoutingNode runs the preSend, then hands the request to the operation's `execute` through
 * the `operations.pagination` hook instead of sending it itself.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodePropertyRouting,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	asNodeError,
	bcRequest,
	entityJson,
	runCredentials,
	withOutcome,
	type BcRequest,
	type SendOptions,
} from '../transport';
import { errorItem, parkItemError, takeParkedError } from './itemErrors';
import { CREDENTIAL_TYPES } from '../../../core/constants';
import {
	checkedCredentials,
	credentialTypeOf,
	environmentUrlOf,
	readEnvironmentOverride,
	requestOf,
	retryPolicyOf,
	sendOptionsOf,
} from './settings';
import { batchSettingsOf } from './shared/batching';
import { readOption } from './shared/parameters';
import { checkUrlLength } from './shared/target';

/** A preSend: checks one item's parameters and completes its request options; throws before any request. */
export type PreSend = (
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** What an operation's `execute` gets: the item's context, its prepared request and how to send it. */
export interface OperationCall {
	ctx: IExecutePaginationFunctions;
	request: BcRequest;
	send: SendOptions;
	itemIndex: number;
}

/** One operation of a resource. `value` and the parameter names in `properties` are public API. */
export interface BcOperation {
	/** Option value, stored in saved workflows (e.g. `getAll`). */
	value: string;
	/** Option name shown in the editor (e.g. `Get Many`). */
	name: string;
	description: string;
	/** The action name shown in the nodes panel (e.g. `Get many records`). */
	action: string;
	/** HTTP method of the request RoutingNode prepares. */
	method: IHttpRequestMethods;
	/** The operation's parameters; shown for this resource and operation only. */
	properties: INodeProperties[];
	preSend: PreSend;
	/**
	 * Sends the prepared request and returns the item's output records (each becomes one output item, paired with
	 * the input item). Default: one request; its body is the one record.
	 */
	execute?: (call: OperationCall) => Promise<IDataObject[]>;
	/** Instead of `execute`, for output items that carry binary data (`binary` as made by `helpers.prepareBinaryData`). */
	executeItems?: (call: OperationCall) => Promise<OperationItem[]>;
}

/** An output item of {@link BcOperation.executeItems}: JSON plus optional binary properties. */
export type OperationItem = Pick<INodeExecutionData, 'json' | 'binary'>;

/**
 * Wraps a preSend (and, with `checkUrl`, checks the finished URL's length) so that, with "Continue On Fail", its error is parked for {@link runOperation} (which emits it
 * with `pairedItem`) instead of being thrown; see itemErrors.ts.
 */
function guarded(prepare: PreSend, checkUrl = true): PreSend {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		try {
			const prepared = await prepare.call(this, requestOptions);
			if (checkUrl) checkUrlLength(this, prepared);
			return prepared;
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, this.getItemIndex());
			if (!this.continueOnFail()) throw nodeError;
			parkItemError(requestOptions, nodeError);
			return requestOptions;
		}
	};
}

/** The default `execute`: one request, its body as the one output record. */
async function sendOnce({ ctx, request, send }: OperationCall): Promise<IDataObject[]> {
	const response = await bcRequest(ctx, request, send);
	return [entityJson(response.body)];
}

/**
 * The `operations.pagination` hook of one operation: runs the item's request as prepared by RoutingNode and the
 * operation's preSend. Output items carry `pairedItem`; with "Continue On Fail" an error becomes an error item in
 * place.
 */
function runOperation(execute: (call: OperationCall) => Promise<OperationItem[]>) {
	// The method RoutingNode prepared says what an error before any request means (write: not applied; read: failed).
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const options = requestData.options;
		try {
			const parked = takeParkedError(options);
			if (parked) throw parked;
			const send = { ...sendOptionsOf(this, String(options.baseURL), itemIndex), batch: batchSettingsOf(this) };
			const items = await execute({ ctx: this, request: requestOf(options), send, itemIndex });
			return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			const method = String(options.method ?? 'GET');
			if (this.continueOnFail()) return [errorItem(nodeError, itemIndex, method)];
			if (nodeError.context.outcome === undefined) {
				withOutcome(nodeError, method.toUpperCase() === 'GET' ? 'failed' : 'not-applied');
			}
			throw nodeError;
		}
	};
}

/** The declarative routing of an operation: its method, its preSend, and its `execute` as the pagination hook. */
function routingOf(operation: BcOperation): INodePropertyRouting {
	return {
		request: { method: operation.method },
		send: { preSend: [guarded(operation.preSend)], paginate: true },
		operations: { pagination: runOperation(operation.executeItems ?? asItems(operation.execute ?? sendOnce)) },
	};
}

/** An `execute` whose records become output items. */
function asItems(execute: (call: OperationCall) => Promise<IDataObject[]>) {
	return async (call: OperationCall) => (await execute(call)).map((json) => ({ json }));
}

/** A property's identity for sharing it between operations: its definition; one holding a function is never shared. */
function definitionOf(property: INodeProperties): string | undefined {
	let hasFunction = false;
	const text = JSON.stringify(property, (_key, value: unknown) => {
		if (typeof value === 'function') hasFunction = true;
		return value;
	});
	return hasFunction ? undefined : text;
}

/**
 * The operations' parameters, each defined once: a parameter that several operations define identically is one
 * property shown for all of them (n8n's RoutingNode evaluates every property of the node for every item, whatever
 * its display options, so a parameter defined three times had its expression evaluated three times per item). A
 * shared property keeps each operation's parameter order: an operation's new property is placed right after its
 * previous one, and an identical property is shared only where it comes after that.
 */
function operationProperties(resource: string, operations: BcOperation[]): INodeProperties[] {
	const merged: Array<{ property: INodeProperties; definition?: string }> = [];
	for (const operation of operations) {
		let previous = -1;
		for (const property of operation.properties) {
			const definition = definitionOf(property);
			const shared = definition
				? merged.findIndex((entry, index) => index > previous && entry.definition === definition)
				: -1;
			if (shared >= 0) {
				(merged[shared].property.displayOptions!.show!.operation as string[]).push(operation.value);
				previous = shared;
				continue;
			}
			const [shown] = updateDisplayOptions({ show: { resource: [resource], operation: [operation.value] } }, [
				property,
			]);
			merged.splice(previous + 1, 0, { property: shown, definition });
			previous++;
		}
	}
	return merged.map((entry) => entry.property);
}

/**
 * The properties of one resource: its Operation selector (one option per operation, in the given order) followed
 * by each operation's parameters, shown only for the operations that have them (see {@link operationProperties}).
 * @param resource the `resource` option value, e.g. `record`
 * @param operations the resource's operations, as listed in its `index.ts`
 * @param defaultOperation the `value` of the operation selected by default
 */
export function resourceProperties(
	resource: string,
	operations: BcOperation[],
	defaultOperation: string,
): INodeProperties[] {
	const options: INodePropertyOptions[] = operations.map((operation) => ({
		name: operation.name,
		value: operation.value,
		description: operation.description,
		action: operation.action,
		routing: routingOf(operation),
	}));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...operationProperties(resource, operations),
	];
}

/**
 * A credential's domain allowlist (n8n's "Allowed HTTP Request Domains" set to specific domains, as RoutingNode passes
 * it) with the host of the node's own base URL joined, as n8n-workflow's `getCredentialAllowedDomains` does for an
 * endpoint the node definition owns: the base URL used to come from `requestDefaults`, where n8n saw it; now the
 * node sets it in its preSend, so it joins the host itself. No allowlist (all domains allowed): unchanged.
 * @param allowedDomains comma-separated hosts (wildcards allowed), or undefined
 * @param baseUrl the credential's environment URL
 */
function withOwnHost(allowedDomains: unknown, baseUrl: string): string | undefined {
	if (typeof allowedDomains !== 'string' || !allowedDomains.trim()) return allowedDomains as undefined;
	let host: string;
	try {
		host = new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '');
	} catch {
		return allowedDomains;
	}
	if (!host || host.includes(',')) return allowedDomains;
	const listed = allowedDomains.split(',').map((entry) => entry.trim().toLowerCase());
	return listed.includes(host) ? allowedDomains : `${host}, ${allowedDomains}`;
}

/** The credential check of each execution and node, shared by its items (bounded; cleared when full). */
const checkedThisRun = new Map<string, Promise<void>>();

/**
 * The routing of the node's first parameter (Authentication), which applies to every item whatever its resource and
 * operation: a preSend that checks the settings every operation depends on (Resource, Operation, Retry Options,
 * Authentication and the credential's fields) before the operation's own preSend, and a pagination hook for an unknown resource or operation
 * (from an imported workflow or an API call), which is refused instead of sending a request without a path. A known
 * operation's own routing replaces this pagination hook.
 * @param resources every resource's operations, by resource value
 */
export function nodeSettingsRouting(resources: Record<string, BcOperation[]>): INodePropertyRouting {
	const resourceNames = Object.keys(resources);
	const checkSettings: PreSend = async function (this, requestOptions) {
		// The request's base URL: the credential's environment URL (read once per node run), or the same tenant's
		// environment chosen in the node's Environment parameter. Set first, so every later preSend has it.
		const credentials = (await runCredentials(this, credentialTypeOf(this))) ?? {};
		requestOptions.baseURL = String(credentials.environmentUrl ?? '');
		requestOptions.allowedDomains = withOwnHost(requestOptions.allowedDomains, requestOptions.baseURL);
		const resource = readOption(this, 'resource', 'Resource', resourceNames, resourceNames[0]);
		const operations = resources[resource].map((operation) => operation.value);
		readOption(this, 'operation', 'Operation', operations, operations[0]);
		retryPolicyOf(this);
		// App-only and access-key credentials check their fields themselves before they sign a request; the delegated
		// OAuth2 credential is signed by n8n, so the node checks it, once per execution and node (each check decrypts
		// the credential and evaluates its URL expression; all items of a run share the credential).
		if (credentialTypeOf(this) === CREDENTIAL_TYPES.delegated) {
			const checked = `${this.getExecutionId()}|${this.getNode().name}|${JSON.stringify(this.getNode().credentials ?? {})}`;
			let check = checkedThisRun.get(checked);
			if (!check) {
				if (checkedThisRun.size >= 1_000) checkedThisRun.clear();
				check = checkedCredentials(this).then(() => undefined);
				checkedThisRun.set(checked, check);
				// A failed check is not remembered: every item reports it (and a fixed credential is checked again).
				check.catch(() => checkedThisRun.delete(checked));
			}
			await check;
		}
		// The node's Environment parameter replaces the environment of the credential's URL (the request's base URL).
		if (readEnvironmentOverride(this))
			requestOptions.baseURL = environmentUrlOf(this, { environmentUrl: requestOptions.baseURL });
		return requestOptions;
	};
	// Reached only when checkSettings passed but no operation's routing applied: never send a request then.
	const refuse = async (): Promise<IDataObject[]> => {
		throw new Error('The node has no operation to run: choose a Resource and an Operation');
	};
	return {
		send: { preSend: [guarded(checkSettings, false)], paginate: true },
		operations: { pagination: runOperation(asItems(refuse)) },
	};
}
