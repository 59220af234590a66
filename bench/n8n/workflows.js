'use strict';
/**
 * The benchmark's workflows (n8n JSON), built for one sandbox: this package's node and n8n's HTTP Request node doing
 * the same work. The HTTP Request node gets a bearer token the benchmark fetched beforehand (its own cost of
 * authentication is therefore left out, in its favour).
 */
const S2S = {
	businessCentralClientCredentialsApi: { id: 'bcSandboxS2S0001', name: 'BC sandbox – app-only (client secret)' },
};
const BC = 'n8n-nodes-business-central.businessCentral';

let counter = 0;
const node = (name, type, parameters, extra = {}) => ({
	parameters,
	id: `b0000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
	name,
	type,
	typeVersion: extra.typeVersion ?? 1,
	position: [counter * 220, 0],
	...(extra.credentials ? { credentials: extra.credentials } : {}),
});
const trigger = () => node('Start', 'n8n-nodes-base.manualTrigger', {});
const subTrigger = () =>
	node('Page input', 'n8n-nodes-base.executeWorkflowTrigger', { inputSource: 'passthrough' }, { typeVersion: 1.1 });
const code = (name, js) => node(name, 'n8n-nodes-base.code', { jsCode: js }, { typeVersion: 2 });
const bc = (name, parameters) =>
	node(
		name,
		BC,
		{
			authentication: 'businessCentralClientCredentialsApi',
			resource: 'record',
			company: { __rl: true, mode: 'name', value: 'CRONUS USA, Inc.' },
			apiRoute: 'v2.0',
			entitySet: { __rl: true, mode: 'name', value: 'customers' },
			...parameters,
		},
		{ credentials: S2S },
	);
/**
 * HTTP Request node option (n8n's advice after a 429): 10 items every 40 ms = 250 requests/s, BC's throughput at 20 ms
 * latency with 5 processed at once. Without it the node starts every item at once and overflows BC's queue (429).
 */
const HTTP_BATCHING = { batching: { batch: { batchSize: 10, batchInterval: 40 } } };
const http = (name, parameters) =>
	node(name, 'n8n-nodes-base.httpRequest', { options: {}, ...parameters }, { typeVersion: 4.2 });

/** A linear workflow: each node feeds the next. */
function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** `count` new customers numbered `<prefix>000000`…; `unique`: `<prefix><execution id>-00000`…, new in every execution. */
const rowsCode = (count, prefix, unique = false) =>
	unique
		? `return Array.from({ length: ${count} }, (_, i) => ({ json: { number: '${prefix}' + $execution.id + '-' + String(i).padStart(5, '0'), displayName: '${prefix} customer ' + i } }));`
		: `return Array.from({ length: ${count} }, (_, i) => ({ json: { number: '${prefix}' + String(i).padStart(6, '0'), displayName: '${prefix} customer ' + i } }));`;

/**
 * @param {{ apiRoot: string, companyId: string, token: string, size: { creates: number, gets: number }, ids: string[] }} o
 * @returns {Record<string, object>} workflows by key
 */
function benchWorkflows(o) {
	const customers = `${o.apiRoot}/companies(${o.companyId})/customers`;
	const auth = {
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${o.token}` }] },
	};
	const idsCode = `return ${JSON.stringify(o.ids)}.map((id) => ({ json: { id } }));`;
	const create = (mode, prefix) =>
		bc('BC Create', {
			operation: 'create',
			bodyMode: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			batchMode: mode,
		});
	return {
		createAuto: chain('bcBench000000001', 'bench: create (Batching Auto)', [
			trigger(),
			code('Rows', rowsCode(o.size.creates, 'BA')),
			create('auto'),
		]),
		// The same creates with the Field Mapper's Map Automatically: the input item's fields, no expression per item.
		createMapped: chain('bcBench000000011', 'bench: create (Batching Auto, Field Mapper: Map Automatically)', [
			trigger(),
			code('Rows', rowsCode(o.size.creates, 'BM')),
			bc('BC Create', {
				operation: 'create',
				bodyMode: 'mapper',
				columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
				batchMode: 'auto',
			}),
		]),
		createOff: chain('bcBench000000002', 'bench: create (Batching Off)', [
			trigger(),
			code('Rows', rowsCode(o.size.creates, 'BO', true)),
			create('off'),
		]),
		createHttp: chain('bcBench000000003', 'bench: create (HTTP Request)', [
			trigger(),
			code('Rows', rowsCode(o.size.creates, 'BH', true)),
			http('HTTP Create', {
				options: HTTP_BATCHING,
				method: 'POST',
				url: customers,
				...auth,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
			}),
		]),
		upsert: chain('bcBench000000004', 'bench: upsert (half exist)', [
			trigger(),
			code(
				'Rows',
				`return Array.from({ length: ${o.size.creates} }, (_, i) => ({ json: { number: 'BA' + String(i).padStart(6, '0'), displayName: 'Upserted ' + i } })).map((r, i) => i % 2 ? { json: { ...r.json, number: 'UX' + r.json.number } } : r);`,
			),
			bc('BC Upsert', {
				operation: 'upsert',
				matchFields: ['number'],
				bodyMode: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
			}),
		]),
		getsBc: chain('bcBench000000005', 'bench: single gets (this node)', [
			trigger(),
			code('Ids', idsCode),
			bc('BC Get', { operation: 'get', recordId: '={{ $json.id }}' }),
		]),
		// The same Gets with Retry Options → Requests in Flight 6, 8, 10 (BENCH_ONLY=getsBc6,getsBc8,getsBc10).
		...Object.fromEntries(
			[6, 8, 10].map((n) => [
				`getsBc${n}`,
				chain(`bcBench0000001${String(n).padStart(2, '0')}`, `bench: single gets, ${n} in flight (this node)`, [
					trigger(),
					code('Ids', idsCode),
					bc('BC Get', { operation: 'get', recordId: '={{ $json.id }}', retryOptions: { maxInFlight: n } }),
				]),
			]),
		),
		getsHttp: chain('bcBench000000006', 'bench: single gets (HTTP Request)', [
			trigger(),
			code('Ids', idsCode),
			http('HTTP Get', { url: `=${customers}({{ $json.id }})`, ...auth, options: HTTP_BATCHING }),
		]),
		getAllBc: chain('bcBench000000007', 'bench: get many, return all (this node)', [
			trigger(),
			bc('BC Get Many', { operation: 'getAll', returnAll: true, options: { pageSize: 20000 } }),
		]),
		getAllHttp: chain('bcBench000000008', 'bench: get many (HTTP Request + pagination + Split Out)', [
			trigger(),
			http('HTTP Get Many', {
				url: customers,
				...auth,
				options: {
					pagination: {
						pagination: {
							paginationMode: 'responseContainsNextURL',
							nextURL: '={{ $response.body["@odata.nextLink"] }}',
							paginationCompleteWhen: 'other',
							completeExpression: '={{ !$response.body["@odata.nextLink"] }}',
						},
					},
				},
				headerParametersUi: undefined,
			}),
			node('Split Out', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'value', options: {} }),
		]),
		// n8n alone: `n8n execute` of a workflow that does nothing (the floor under every peak RSS figure).
		idle: chain('bcBench000000010', 'bench: n8n execute of an empty workflow', [trigger()]),
		ledgerReturnAll: chain('bcBench000000009', 'bench: return all over the large ledger', [
			trigger(),
			bc('BC Ledger', {
				operation: 'getAll',
				entitySet: { __rl: true, mode: 'name', value: 'generalLedgerEntries' },
				returnAll: true,
				options: { pageSize: 20000 },
			}),
		]),
	};
}

/** n8n's IF node: true when `$json.nextLink` is not empty (another page to read). */
const morePages = () =>
	node(
		'More pages?',
		'n8n-nodes-base.if',
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
				conditions: [
					{
						id: 'c1',
						leftValue: '={{ $json.nextLink }}',
						rightValue: '',
						operator: { type: 'string', operation: 'notEmpty', singleValue: true },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
		{ typeVersion: 2 },
	);

/** Records per page of the page loops (BENCH_PAGE_SIZE, default 20,000: BC's default page size). */
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE) || 20_000;

/** Get Many (Output: One Item per Page, Continue From the incoming `nextLink`) over the large ledger. */
const readPage = () =>
	bc('Read a page', {
		operation: 'getAll',
		entitySet: { __rl: true, mode: 'name', value: 'generalLedgerEntries' },
		output: 'pages',
		continueFrom: '={{ $json.nextLink ?? "" }}',
		options: { pageSize: PAGE_SIZE, select: 'entryNumber,debitAmount,creditAmount' },
	});

/** Processes a page and keeps only its totals and the next link. */
const pageTotals = () =>
	code(
		'Totals',
		'const page = $input.first().json; let debit = 0; for (const r of page.records) debit += r.debitAmount; return [{ json: { nextLink: page.nextLink, records: page.recordCount, debit } }];',
	);

/**
 * The page-by-page loop over the large ledger, two ways:
 * - `single`: in one workflow, Get Many (Output: One Item per Page) → Totals → "More pages?" → back to Get Many. n8n
 *   keeps every run's output of an execution, so every page stays in memory until the end.
 * - `parent` + `sub`: the parent loops an Execute Workflow node over a published sub-workflow that reads one page
 *   (Continue From the parent's `nextLink`) and returns only its totals and the next link; each page lives in its own
 *   sub-execution (not saved: `saveDataSuccessExecution: none`), the parent keeps a few bytes per page.
 */
function pageLoopWorkflows() {
	// Start → nodes[0] → … → "More pages?" (the last), whose true branch goes back to nodes[0].
	const loop = (id, name, nodes) => {
		const start = trigger();
		const chained = [start, ...nodes];
		const connections = {};
		for (let i = 0; i < chained.length - 1; i++)
			connections[chained[i].name] = { main: [[{ node: chained[i + 1].name, type: 'main', index: 0 }]] };
		connections[nodes.at(-1).name] = { main: [[{ node: nodes[0].name, type: 'main', index: 0 }], []] };
		return {
			id,
			name,
			nodes: chained,
			connections,
			active: false,
			settings: { executionOrder: 'v1' },
			pinData: {},
		};
	};
	const single = loop('bcBenchPageLoop1', 'bench: page-by-page loop over the large ledger, one workflow', [
		readPage(),
		pageTotals(),
		morePages(),
	]);
	const subStart = subTrigger();
	const subRead = readPage();
	const subTotals = pageTotals();
	const sub = {
		id: 'bcBenchPageSub01',
		name: 'bench: read and process one page of the large ledger (sub-workflow)',
		nodes: [subStart, subRead, subTotals],
		connections: {
			[subStart.name]: { main: [[{ node: subRead.name, type: 'main', index: 0 }]] },
			[subRead.name]: { main: [[{ node: subTotals.name, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', callerPolicy: 'workflowsFromSameOwner' },
		pinData: {},
	};
	const callPage = node(
		'Page (sub-workflow)',
		'n8n-nodes-base.executeWorkflow',
		{
			source: 'database',
			workflowId: { __rl: true, mode: 'id', value: sub.id },
			mode: 'once',
			options: { waitForSubWorkflow: true },
		},
		{ typeVersion: 1.2 },
	);
	const parent = loop('bcBenchPageLoop2', 'bench: page-by-page loop over the large ledger, a sub-workflow per page', [
		callPage,
		morePages(),
	]);
	return { single, parent, sub };
}

module.exports = { benchWorkflows, pageLoopWorkflows, chain, node, bc, trigger, code, S2S };
