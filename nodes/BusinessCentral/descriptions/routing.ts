import type { IHttpRequestMethods, INodePropertyRouting, PreSendAction } from 'n8n-workflow';

import { executeBcOperation } from '../transport';

/**
 * Routing of every operation: RoutingNode runs `preSend` (checks the item's parameters and builds URL, query,
 * body and headers), then hands the request to the transport's {@link executeBcOperation} (registered as
 * `operations.pagination`) instead of sending it itself.
 */
export function bcRouting(preSend: PreSendAction, method: IHttpRequestMethods = 'GET'): INodePropertyRouting {
	return {
		request: { method },
		send: { preSend: [preSend], paginate: true },
		operations: { pagination: executeBcOperation },
	};
}
