/**
 * Benchmark: Get Many with Return All over 100,000 customers, through the real n8n engine (WorkflowExecute →
 * RoutingNode → this package's transport) versus a plain node:https loop over the same pages, in the same run
 * against the same sandbox. Prints wall time, item counts, token requests and peak concurrency.
 *
 * Run: npx tsx bench/connector-getall.ts [customerCount=100000] [pageSize=20000]
 */
import { performance } from 'node:perf_hooks';

import { runNode } from '../test/helpers/engine';
import { customerParameters, startClientSecretSetup } from '../test/helpers/nodeTest';
import { SandboxClient, stopTestSandbox } from '../test/sandbox/http/client';

const customerCount = Number(process.argv[2] ?? 100_000);
const pageSize = Number(process.argv[3] ?? 20_000);

async function main(): Promise<void> {
	const { sandbox, helper, credential, companyId } = await startClientSecretSetup({ customerCount });
	const client = new SandboxClient(sandbox);
	const heapBefore = process.memoryUsage().heapUsed;

	// 1. The connector through the engine.
	sandbox.control.reset();
	let started = performance.now();
	const { items, error } = await runNode(helper, {
		parameters: customerParameters(companyId, 'getAll', { returnAll: true, options: { pageSize } }),
		credential,
	});
	const engineMs = performance.now() - started;
	if (error) throw error;
	const engineStats = sandbox.control.stats();
	const heapAfter = process.memoryUsage().heapUsed;

	// 2. A plain loop over the same pages with node:https (one token, nextLink followed verbatim).
	sandbox.control.reset();
	started = performance.now();
	const token = await client.appToken();
	let url: string | undefined = `${client.apiRoot()}/companies(${companyId})/customers`;
	let plainCount = 0;
	let pages = 0;
	while (url) {
		const response = await client.request(url, {
			headers: {
				authorization: `Bearer ${token}`,
				accept: 'application/json',
				prefer: `odata.maxpagesize=${pageSize}`,
			},
		});
		if (response.status !== 200) throw new Error(`plain loop got ${response.status}`);
		const body = response.json() as { value: unknown[]; '@odata.nextLink'?: string };
		plainCount += body.value.length;
		pages++;
		url = body['@odata.nextLink'];
	}
	const plainMs = performance.now() - started;
	const plainStats = sandbox.control.stats();
	const principal = sandbox.info.app.clientId;

	const lines = [
		`customers seeded: ${customerCount}, page size: ${pageSize}, pages: ${pages}`,
		`engine (n8n RoutingNode + connector): ${engineMs.toFixed(0)} ms, ${items.length} items, token requests ${engineStats.tokenRequests[principal] ?? 0}, peak concurrency ${engineStats.peakConcurrency[principal] ?? 0}, heap +${((heapAfter - heapBefore) / 1048576).toFixed(0)} MiB`,
		`plain node:https loop:                ${plainMs.toFixed(0)} ms, ${plainCount} items, token requests ${plainStats.tokenRequests[principal] ?? 0}, peak concurrency ${plainStats.peakConcurrency[principal] ?? 0}`,
		`engine / plain: ${(engineMs / plainMs).toFixed(2)}x`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	await stopTestSandbox(client);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
