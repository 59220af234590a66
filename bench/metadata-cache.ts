/**
 * Benchmark: the node's live `$metadata`, through the real n8n engine against the sandbox, in one run:
 * 1. size and fetch time (request + parse) of the standard route's `$metadata` (`v2.0`) and of the custom route
 *    `contoso/shipping/v1.0`, cold (first read, token already held) and warm (cache hit);
 * 2. a 1,000-item Create through the field mapper (Map Automatically) on the custom route: the `$metadata` requests
 *    the sandbox counted versus the node's cache hits, next to the same 1,000 creates with a JSON body (no metadata).
 *
 * Run: npx tsx bench/metadata-cache.ts [items=1000]
 */
import { performance } from 'node:perf_hooks';
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { sendOptionsOf } from '../nodes/BusinessCentral/actions/settings';
import { clearMetadataCache, metadataCacheStats, readMetadata } from '../nodes/BusinessCentral/transport';
import { additionalDataFor, buildNode, runNode, workflowOf } from '../test/helpers/engine';
import { requestCount, startClientSecretSetup } from '../test/helpers/nodeTest';

const itemCount = Number(process.argv[2] ?? 1000);

async function main(): Promise<void> {
	const { sandbox, helper, credential, companyId } = await startClientSecretSetup();
	const node = buildNode({ resource: 'record', operation: 'getAll' }, credential);
	const ctx = new LoadOptionsContext(
		workflowOf(node),
		node,
		additionalDataFor(helper, undefined, node.parameters),
		'parameters.entitySet',
	) as unknown as ILoadOptionsFunctions;
	const credentials = await ctx.getCredentials('businessCentralClientCredentialsApi');
	const environmentUrl = String(credentials.environmentUrl);
	const send = sendOptionsOf(ctx, environmentUrl);
	const lines: string[] = [];
	// Warm-up: the first request of the credential also fetches its access token; keep that out of the figures.
	await readMetadata(ctx, environmentUrl, 'contoso/shipping/v1.0', send);
	for (const route of ['v2.0', 'contoso/shipping/v1.0']) {
		clearMetadataCache();
		const cold = await readMetadata(ctx, environmentUrl, route, send);
		const started = performance.now();
		await readMetadata(ctx, environmentUrl, route, send);
		const warmMs = performance.now() - started;
		const sets = cold.source.entitySets(route);
		lines.push(
			`$metadata ${route}: ${(cold.bytes / 1024).toFixed(1)} KiB, ${sets.length} entity sets, ` +
				`${sets.reduce((n, s) => n + s.fields.length, 0)} fields; cold read ${cold.ms} ms (request + parse), ` +
				`cached ${warmMs.toFixed(3)} ms`,
		);
	}

	const items = Array.from({ length: itemCount }, (_, i) => ({
		code: `B-${i}`,
		customerNumber: '10000',
		weightKg: i / 8,
		status: 'Open',
	}));
	const base = {
		resource: 'record',
		operation: 'create',
		company: { __rl: true, mode: 'id', value: companyId },
		apiRoute: 'discovered',
		customApiRoute: 'contoso/shipping/v1.0',
		entitySet: { __rl: true, mode: 'name', value: 'shipments' },
	};
	clearMetadataCache();
	sandbox.control.reset();
	let started = performance.now();
	const mapped = await runNode(helper, {
		credential,
		items,
		parameters: { ...base, bodyMode: 'mapper', columns: { mappingMode: 'autoMapInputData', value: null } },
	});
	const mapperMs = performance.now() - started;
	if (mapped.error) throw mapped.error;
	const metadataRequests = requestCount(sandbox, 'GET', '/$metadata');
	const posts = requestCount(sandbox, 'POST', '/shipments');
	const cache = metadataCacheStats();

	sandbox.control.reset();
	started = performance.now();
	const json = await runNode(helper, {
		credential,
		items: items.map((item) => ({ ...item, code: `J-${item.code}` })),
		parameters: { ...base, bodyMode: 'json', jsonBody: '={{ JSON.stringify($json) }}' },
	});
	const jsonMs = performance.now() - started;
	if (json.error) throw json.error;

	lines.push(
		`${itemCount} creates through the field mapper: ${mapped.items.length} items in ${(mapperMs / 1000).toFixed(1)} s; ` +
			`sandbox counted ${metadataRequests} GET $metadata and ${posts} POST; node cache ${cache.misses} miss(es), ${cache.hits} hits`,
		`${itemCount} creates with a JSON body (no metadata): ${json.items.length} items in ${(jsonMs / 1000).toFixed(1)} s; ` +
			`ratio mapper/JSON ${(mapperMs / jsonMs).toFixed(2)}`,
	);
	console.log(lines.join('\n'));
	await sandbox.stop();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
