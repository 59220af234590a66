/**
 * A data-layer double for HTTP-layer tests: it answers every request with what the HTTP layer handed over
 * (the `BcApiRequest` contract), so URL parsing, auth and limits are checked independently of sandbox/bc.
 * Suites that need real BC data use the real `createBcApi` (see bc-data.test.ts).
 */
import type { BcApi, BcApiRequest, BcApiResponse } from '../../../sandbox/contracts';

/** The echo double plus what it saw. */
export interface EchoBcApi extends BcApi {
	received: BcApiRequest[];
	resets: number;
}

export function createEchoBcApi(): EchoBcApi {
	const api: EchoBcApi = {
		received: [],
		resets: 0,
		environments: () => ['production', 'sandbox', 'onprem'],
		companies: (environment) => [{ id: '11111111-2222-3333-4444-555555555555', name: `CRONUS ${environment}` }],
		async handle(request: BcApiRequest): Promise<BcApiResponse> {
			api.received.push(request);
			const { headers: _headers, ...rest } = request;
			return { status: 200, body: { echo: rest } };
		},
		reset() {
			api.resets++;
		},
	};
	return api;
}
