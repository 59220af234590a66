/**
 * The transport: everything about talking HTTP to Business Central lives here (credential selection,
 * concurrency limiter, throttling and retries, `@odata.nextLink` paging, error translation).
 *
 * Every operation of the node runs through {@link executeBcOperation}, registered as the declarative
 * `operations.pagination` function. n8n's RoutingNode builds the request from the node's routing and preSends,
 * then hands it here instead of sending it itself.
 */
import type { DeclarativeRestApiSettings, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem, takeParkedError } from './itemErrors';
import { requestOf, retryPolicyOf, toItemJson } from './options';
import { readCollection } from './paging';
import { bcRequest, limiterKeyOf } from './request';

export { bcRequest, credentialTypeOf, limiterKeyOf, type BcContext, type BcRequest } from './request';
export { asNodeError, parkItemError } from './itemErrors';
export { resolveCompanyId } from './companies';
export { retryPolicyOf } from './options';

/**
 * Runs one item's request as prepared by RoutingNode and the operation's preSends (the declarative
 * `operations.pagination` hook). Get Many reads pages (Return All or up to Limit); other operations send once.
 * Output items carry `pairedItem`; with "Continue On Fail" an error becomes an error item in place.
 */
export async function executeBcOperation(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const paired = { item: itemIndex };
	const options = requestData.options;
	try {
		const parked = takeParkedError(options);
		if (parked) throw parked;
		const policy = retryPolicyOf(this);
		const limiterKey = limiterKeyOf(this, String(options.baseURL));
		const operation = this.getNodeParameter('operation') as string;

		if (operation === 'getAll') {
			const returnAll = this.getNodeParameter('returnAll', false) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', 50) as number);
			const records = await readCollection(this, options, limit, policy, limiterKey);
			return records.map((json) => ({ json, pairedItem: paired }));
		}

		const request = requestOf(options);
		const response = await bcRequest(this, request, { policy, limiterKey, itemIndex });
		if (request.method === 'DELETE') {
			return [{ json: { deleted: true, id: this.getNodeParameter('recordId', '') as string }, pairedItem: paired }];
		}
		return [{ json: toItemJson(response.body), pairedItem: paired }];
	} catch (error) {
		const nodeError = asNodeError(this.getNode(), error, itemIndex);
		if (this.continueOnFail()) return [errorItem(nodeError, itemIndex)];
		throw nodeError;
	}
}
