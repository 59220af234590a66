import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

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
 * The output item of a failed input item under "Continue On Fail". n8n's WorkflowExecute rewrites the json of every
 * item with `error` to `{ error: <message> }` (normalizeNodeErrors); BC's code and CorrelationId stay on
 * `error.context` (`bcErrorCode`, `correlationId`).
 */
export function errorItem(error: NodeOperationError | NodeApiError, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
}
