import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemErrorDetails } from '../transport';

/**
 * Validation errors found by a preSend while "Continue On Fail" is on, parked until the transport runs.
 *
 * Why: when a preSend throws, n8n's RoutingNode emits `{ json: {}, error }` without `pairedItem`, which breaks
 * item linking for operations that return several items per input. Parking the error on the request options
 * (the same object reaches the pagination function) lets the transport emit it in place, with `pairedItem`,
 * still before any request is sent.
 */
const parked = new WeakMap<object, NodeOperationError | NodeApiError>();

/** Parks `error` on the request options of one item. */
export function parkItemError(requestOptions: object, error: NodeOperationError | NodeApiError): void {
	parked.set(requestOptions, error);
}

/** Takes the parked error of these request options, if any. */
export function takeParkedError(requestOptions: object): NodeOperationError | NodeApiError | undefined {
	const error = parked.get(requestOptions);
	parked.delete(requestOptions);
	return error;
}

/**
 * The output item of a failed input item under "Continue On Fail" (either "Continue (regular output)" or "Continue
 * (using error output)"): `json.error` is the message, `json.details` the machine-readable fields a downstream node
 * branches on: `outcome` (`not-applied` | `unknown` | `failed`), `httpStatus`, `bcErrorCode`, `correlationId`,
 * `networkError`, `description`.
 *
 * Why `details` and no `error` property on the item: n8n's WorkflowExecute replaces the json of every item that has
 * `error` with `{ error: <message> }` (normalizeNodeErrors), and routes an item to the error output only when its json
 * keys are among `error`, `message` and `details` (handleNodeErrorOutput). This shape survives both.
 * @param method the item's HTTP method, for the outcome of errors raised before any request
 */
export function errorItem(
	error: NodeOperationError | NodeApiError,
	itemIndex: number,
	method: string,
): INodeExecutionData {
	return {
		json: { error: error.message, details: { ...itemErrorDetails(error, method) } },
		pairedItem: { item: itemIndex },
	};
}
