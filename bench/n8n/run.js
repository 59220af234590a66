#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: bulk data in a real n8n (the pinned runtime of `npm start`), this node against n8n's HTTP Request
 * node, in one run against one sandbox; every workflow runs through `n8n execute`. Prints per scenario the measured
 * node's execution time (n8n's own `executionTime`), the requests the sandbox saw, the peak in flight and, for the
 * large reads, the n8n process's peak RSS; then the ratios the issue sets targets for.
 *
 * Sizes: full (default: 1,000 creates/gets at 20 ms latency, 100,000 customers, 1,000,000 ledger entries) or
 * `npm run bench -- --small` / BENCH_SIZE=small for CI (100 / 5,000 / 50,000). BENCH_ONLY=getsHttp,getsBc,… runs only
 * those scenarios; BENCH_REPEAT=n repeats the per-item ones; BENCH_N8N_NODE_OPTIONS goes to the n8n process.
 */
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { RUNTIME_DIR, nodeBin, n8nBin } = require('../../scripts/lib/n8n-runtime');
const { prepareStack } = require('../../scripts/lib/stack');
const { runN8nCliOrThrow, parseRawOutput } = require('../../scripts/lib/n8n-cli');
const { freePort } = require('../../scripts/lib/free-port');
const { shutdown, handleSignals } = require('../../scripts/lib/shutdown');
const { benchWorkflows, pageLoopWorkflows } = require('./workflows');

const SMALL = process.argv.includes('--small') || process.env.BENCH_SIZE === 'small';
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT) || 1);
/** n8n's V8 old-space limit (MB) for the capped page-loop runs (BENCH_PAGE_LOOP_HEAP_MB). */
const PAGE_LOOP_HEAP_MB = Number(process.env.BENCH_PAGE_LOOP_HEAP_MB) || 256;
const SIZE = SMALL
	? { creates: 100, gets: 100, customers: 5_000, ledger: 50_000, latencyMs: 20 }
	: { creates: 1_000, gets: 1_000, customers: 100_000, ledger: 1_000_000, latencyMs: 20 };

/** HTTPS JSON request trusting the sandbox CA. */
function request(url, { method = 'GET', headers = {}, body, ca }) {
	return new Promise((resolve, reject) => {
		const req = https.request(url, { method, headers, ca }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
			});
		});
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

/**
 * `n8n execute --id` with the main process's peak RSS (VmHWM, sampled every 100 ms).
 * @param {string} [heapMb] V8's old-space limit of the n8n process (`--max-old-space-size`, MB); default V8's own
 */
async function execute(id, env, heapMb) {
	const brokerPort = await freePort();
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		// stdout to a file: n8n exits right after printing the run data, and a pipe would lose the tail of a large one.
		const outFile = path.join(os.tmpdir(), `bc-bench-${process.pid}-${id}.out`);
		const out = fs.openSync(outFile, 'w');
		const child = spawn(nodeBin(), [n8nBin(), 'execute', `--id=${id}`, '--rawOutput'], {
			env: {
				...env,
				N8N_LOG_LEVEL: 'info',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				// e.g. BENCH_N8N_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the n8n process.
				NODE_OPTIONS: [process.env.BENCH_N8N_NODE_OPTIONS ?? '', heapMb ? `--max-old-space-size=${heapMb}` : '']
					.join(' ')
					.trim(),
			},
			stdio: ['ignore', out, 'pipe'],
		});
		fs.closeSync(out);
		let stderr = '';
		let peakRssKb = 0;
		let cpuTicks = 0;
		const sample = setInterval(() => {
			try {
				const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
				if (m) peakRssKb = Math.max(peakRssKb, Number(m[1]));
				// utime + stime (fields 14 and 15) of the n8n process, in clock ticks (1/100 s on Linux).
				const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				cpuTicks = Number(fields[11]) + Number(fields[12]);
			} catch {
				// not Linux, or the process ended
			}
		}, 100);
		child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)));
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(sample);
			const stdout = fs.readFileSync(outFile, 'utf8');
			fs.rmSync(outFile, { force: true });
			const failure = /"message": "(Return All stopped[^"]*|[^"]*Maximum call stack[^"]*)"/.exec(stdout)?.[1];
			resolve({
				code,
				run: parseRawOutput(stdout),
				ms: Date.now() - started,
				peakRssMb: peakRssKb / 1024,
				cpuMs: cpuTicks * 10,
				failure,
			});
		});
	});
}

/** Sum of a node's execution times over its runs (ms), its items and its error. */
function nodeFigures(run, name) {
	const runs = run?.data?.resultData?.runData?.[name] ?? [];
	return {
		ms: runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0),
		items: runs.reduce((sum, r) => sum + (r.data?.main?.[0]?.length ?? 0), 0),
		runs: runs.length,
		error: runs.find((r) => r.error)?.error?.message,
	};
}

async function main() {
	handleSignals();
	const port = await freePort();
	const { env, sandbox } = await prepareStack({
		userFolder: path.join(RUNTIME_DIR, 'bench'),
		port,
		fresh: true,
		sandboxOptions: { port: 0, customerCount: SIZE.customers, ledgerEntries: SIZE.ledger },
	});
	const info = sandbox.info;
	const ca = fs.readFileSync(info.caCertPath);
	const token = (
		await request(info.tokenEndpoint, {
			method: 'POST',
			ca,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: info.app.clientId,
				client_secret: info.app.clientSecret,
				scope: 'https://api.businesscentral.dynamics.com/.default',
			}).toString(),
		})
	).body.access_token;
	const apiRoot = `${info.apiBaseUrl}/${info.tenantId}/production/api/v2.0`;
	const companyId = info.companies.production[0].id;
	const auth = { authorization: `Bearer ${token}` };
	const firstIds = await request(`${apiRoot}/companies(${companyId})/customers?$select=id&$top=${SIZE.gets}`, {
		ca,
		headers: auth,
	});
	const ids = firstIds.body.value.map((c) => c.id);

	const workflows = benchWorkflows({ apiRoot, companyId, token, size: SIZE, ids });
	const pageLoop = pageLoopWorkflows();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-bench-'));
	for (const wf of [...Object.values(workflows), ...Object.values(pageLoop)])
		fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf));
	await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${dir}`], env);
	fs.rmSync(dir, { recursive: true, force: true });
	// n8n 2 runs a sub-workflow's published version. `n8n publish:workflow` sets it; with n8n's publication service
	// off (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false, the service runs only in `n8n start`) `n8n execute` reads it.
	await runN8nCliOrThrow(['publish:workflow', `--id=${pageLoop.sub.id}`], env);
	env.N8N_USE_WORKFLOW_PUBLICATION_SERVICE = 'false';

	const results = {};
	const history = {};
	const cpuHistory = {};
	const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined;
	const scenario = async (key, id, nodeName, latencyMs, heapMb) => {
		if (only && !only.includes(key)) {
			results[key] = { ms: 0, items: 0, requests: 0, runs: 0, skipped: true };
			return;
		}
		await sandbox.control.updateSettings({ latencyMs });
		await sandbox.control.reset();
		const before = await sandbox.control.request('GET', '/sandbox/batch/stats');
		const run = await execute(id, env, heapMb);
		const stats = await sandbox.control.stats();
		const batch = await sandbox.control.request('GET', '/sandbox/batch/stats');
		const innerOps = batch.operations - before.operations;
		const names = Array.isArray(nodeName) ? nodeName : [nodeName];
		const parts = names.map((name) => nodeFigures(run.run, name));
		const figures = {
			...parts[parts.length - 1],
			ms: parts.reduce((sum, p) => sum + p.ms, 0),
			error: parts.find((p) => p.error)?.error,
		};
		results[key] = {
			...figures,
			requests: stats.totalRequests - innerOps,
			batches: batch.batchRequests - before.batchRequests,
			// At BC at once: processing (at most 5) plus waiting in BC's queue.
			peakInFlight: Math.max(0, ...Object.values(stats.peakInFlight ?? {})),
			peakProcessing: Math.max(0, ...Object.values(stats.peakConcurrency)),
			throttled: stats.throttled,
			peakRssMb: Math.round(run.peakRssMb),
			// CPU time of the whole n8n process (start-up included): robust where wall times are not (a shared machine).
			cpuMs: run.cpuMs,
			ok: run.code === 0,
		};
		const r = results[key];
		if (key === 'createAuto' || key === 'createMapped' || key === 'upsert') {
			// What the sandbox saw since the reset (method and path without the query; a $batch's operations too).
			const kinds = new Map();
			const entries = await sandbox.control.log(1_000_000);
			if (process.env.BENCH_DUMP_LOG)
				fs.writeFileSync(`${process.env.BENCH_DUMP_LOG}-${key}.json`, JSON.stringify(entries));
			for (const e of entries) {
				const kind = `${e.method} ${e.path
					.split('?')[0]
					.replace(/.*\/(api|v2\.0)\//, '…/')
					.replace(/\([^)]*\)/g, '(…)')}`;
				kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
			}
			r.kinds = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
		}
		(history[key] ??= []).push(r.ms);
		(cpuHistory[key] ??= []).push(r.cpuMs);
		console.log(
			`${key.padEnd(16)} ${String(r.ms).padStart(7)} ms  ${String(r.items).padStart(7)} items  ${String(r.requests).padStart(5)} requests  peak ${r.peakInFlight} at BC (${r.peakProcessing} processing)  RSS ${r.peakRssMb} MB  n8n CPU ${r.cpuMs} ms${r.error ? `  error: ${r.error.slice(0, 110)}` : ''}${r.kinds ? `\n${' '.repeat(18)}requests: ${r.kinds}` : ''}`,
		);
	};

	console.log(`\nBench (${SMALL ? 'small' : 'full'} size): ${JSON.stringify(SIZE)}\n`);
	// BENCH_REPEAT=n runs the per-item scenarios n times, alternating the nodes, and prints min / median.
	for (let round = 0; round < REPEAT; round++) {
		await scenario('createHttp', workflows.createHttp.id, 'HTTP Create', SIZE.latencyMs);
		await scenario('createOff', workflows.createOff.id, 'BC Create', SIZE.latencyMs);
		// Batching Auto creates fixed numbers (the upsert's existing half): once.
		if (round === 0) {
			await scenario('createAuto', workflows.createAuto.id, 'BC Create', SIZE.latencyMs);
			await scenario('createMapped', workflows.createMapped.id, 'BC Create', SIZE.latencyMs);
			await scenario('upsert', workflows.upsert.id, 'BC Upsert', SIZE.latencyMs);
		}
		await scenario('getsHttp', workflows.getsHttp.id, 'HTTP Get', SIZE.latencyMs);
		await scenario('getsBc', workflows.getsBc.id, 'BC Get', SIZE.latencyMs);
		// Requests in Flight above the default: only when asked for (BENCH_ONLY=getsBc8,…).
		for (const n of [6, 8, 10])
			if (only?.includes(`getsBc${n}`))
				await scenario(`getsBc${n}`, workflows[`getsBc${n}`].id, 'BC Get', SIZE.latencyMs);
	}
	if (REPEAT > 1) {
		for (const [key, times] of Object.entries(history)) {
			const sorted = [...times].sort((a, b) => a - b);
			const cpu = [...cpuHistory[key]].sort((a, b) => a - b);
			console.log(
				`${key.padEnd(16)} min ${sorted[0]} ms, median ${sorted[Math.floor(sorted.length / 2)]} ms over ${times.length}; n8n CPU median ${cpu[Math.floor(cpu.length / 2)]} ms`,
			);
		}
	}
	await scenario('getAllHttp', workflows.getAllHttp.id, ['HTTP Get Many', 'Split Out'], 0);
	await scenario('getAllBc', workflows.getAllBc.id, 'BC Get Many', 0);

	// A plain fetch loop over the same pages, in this process.
	await sandbox.control.updateSettings({ latencyMs: 0 });
	let started = Date.now();
	let url = only && !only.includes('getAllFetch') ? undefined : `${apiRoot}/companies(${companyId})/customers`;
	let plain = 0;
	while (url) {
		const page = await request(url, { ca, headers: { ...auth, prefer: 'odata.maxpagesize=20000' } });
		plain += page.body.value.length;
		url = page.body['@odata.nextLink'];
	}
	results.getAllFetch = { ms: Date.now() - started, items: plain };
	console.log(
		`${'getAllFetch'.padEnd(16)} ${String(results.getAllFetch.ms).padStart(7)} ms  ${String(plain).padStart(7)} items`,
	);

	await scenario('idle', workflows.idle.id, 'Start', 0);
	await scenario('ledgerReturnAll', workflows.ledgerReturnAll.id, 'BC Ledger', 0);
	started = Date.now();
	await scenario('ledgerPageLoop', pageLoop.single.id, ['Read a page', 'Totals'], 0);
	results.ledgerPageLoop.wallMs = Date.now() - started;
	started = Date.now();
	await scenario('ledgerPageSub', pageLoop.parent.id, 'Page (sub-workflow)', 0);
	results.ledgerPageSub.wallMs = Date.now() - started;
	// The same two loops with n8n's heap limited (V8 otherwise grows its heap long before it collects): the
	// sub-workflow loop's memory is bounded, the one-workflow loop runs out of memory part-way.
	started = Date.now();
	await scenario('ledgerPageSubCap', pageLoop.parent.id, 'Page (sub-workflow)', 0, PAGE_LOOP_HEAP_MB);
	results.ledgerPageSubCap.wallMs = Date.now() - started;
	started = Date.now();
	await scenario('ledgerPageLoopCap', pageLoop.single.id, ['Read a page', 'Totals'], 0, PAGE_LOOP_HEAP_MB);
	results.ledgerPageLoopCap.wallMs = Date.now() - started;

	const ratio = (a, b) => (b ? (a / b).toFixed(2) : 'n/a');
	// With BENCH_REPEAT the per-item scenarios' ratios use their medians.
	const median = (key) => {
		const sorted = [...(history[key] ?? [results[key]?.ms ?? 0])].sort((x, y) => x - y);
		return sorted[Math.floor(sorted.length / 2)];
	};
	const r = Object.fromEntries(Object.entries(results).map(([key, value]) => [key, { ...value, ms: median(key) }]));
	console.log('\nTargets (issue 10):');
	console.log(
		`  creates: HTTP Request / Batching Auto = ${ratio(r.createHttp.ms, r.createAuto.ms)}× faster, with the Field Mapper's Map Automatically ${ratio(r.createHttp.ms, r.createMapped.ms)}× (target ≥ 10×); requests ${r.createAuto.requests} of which ${r.createAuto.batches} $batch (target ≤ 12); Batching Off / HTTP Request = ${ratio(r.createOff.ms, r.createHttp.ms)}`,
	);
	console.log(`  per-item gets: this node / HTTP Request = ${ratio(r.getsBc.ms, r.getsHttp.ms)} (target ≤ 1.00)`);
	console.log(
		`  get many: this node / fetch loop = ${ratio(r.getAllBc.ms, r.getAllFetch.ms)} (target ≤ 1.25); HTTP Request + Split Out / this node = ${ratio(r.getAllHttp.ms, r.getAllBc.ms)}`,
	);
	console.log(`  upsert ${SIZE.creates} (half exist): ${r.upsert.ms} ms, ${r.upsert.requests} requests`);
	console.log(
		`  return all over ${SIZE.ledger.toLocaleString('en-US')} ledger entries: ${r.ledgerReturnAll.error ? `clear error, no crash (${r.ledgerReturnAll.ms} ms)` : `${r.ledgerReturnAll.items} items`}, n8n exit ${r.ledgerReturnAll.ok ? 0 : 'non-zero (workflow error)'}`,
	);
	const pages = (x) =>
		`${x.runs} pages (${x.requests} requests), ${x.ok ? 'finished' : 'n8n failed'}, ${x.wallMs ?? x.ms} ms, peak RSS ${x.peakRssMb} MB`;
	console.log(
		`  page loop over ${SIZE.ledger.toLocaleString('en-US')} entries (target < 600 MB peak RSS; n8n execute of an empty workflow: ${r.idle.peakRssMb} MB):\n` +
			`    a sub-workflow per page: ${pages(r.ledgerPageSub)}; with n8n's heap limited to ${PAGE_LOOP_HEAP_MB} MB: ${pages(r.ledgerPageSubCap)}\n` +
			`    in one workflow: ${pages(r.ledgerPageLoop)}; with n8n's heap limited to ${PAGE_LOOP_HEAP_MB} MB: ${pages(r.ledgerPageLoopCap)}`,
	);
	await shutdown();
	process.exit(0);
}

main().catch(async (error) => {
	console.error(`\nnpm run bench failed: ${error.stack || error.message}`);
	await shutdown();
	process.exit(1);
});
