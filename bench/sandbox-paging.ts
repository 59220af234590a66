/**
 * Benchmark: seed 100,000 customers and read them in server-driven pages of 20,000 by following
 * `@odata.nextLink` — in process through `createBcApi().handle()`, then over HTTPS through
 * `startSandbox` with a real Entra token. Prints time (ms), pages, items, RSS (MB) and, for the HTTPS
 * run, the sandbox's counters. Run: `npx tsx bench/sandbox-paging.ts [customerCount]`.
 */
import { performance } from 'node:perf_hooks';
import { createBcApi } from '../sandbox/bc';
import type { BcApiRequest } from '../sandbox/contracts';
import { startTestSandbox, stopTestSandbox } from '../test/sandbox/http/client';

const CUSTOMERS = Number(process.argv[2] ?? 100_000);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

interface RunResult {
	ms: number;
	pages: number;
	items: number;
	slowestPageMs: number;
}

/** One page of a collection as BC returns it. */
interface Page {
	value: unknown[];
	'@odata.nextLink'?: string;
}

/**
 * Reads a collection from `first` by following `@odata.nextLink` until the last page. `fetchPage` gets and decodes
 * one page; its time counts towards the slowest page.
 */
async function readAllPages(
	first: string,
	fetchPage: (url: string, pageNumber: number) => Promise<Page>,
): Promise<RunResult> {
	const result: RunResult = { ms: 0, pages: 0, items: 0, slowestPageMs: 0 };
	const start = performance.now();
	let next: string | undefined = first;
	while (next) {
		const p0 = performance.now();
		const body = await fetchPage(next, result.pages + 1);
		result.slowestPageMs = Math.max(result.slowestPageMs, performance.now() - p0);
		result.pages++;
		result.items += body.value.length;
		next = body['@odata.nextLink'];
	}
	result.ms = performance.now() - start;
	return result;
}

async function inProcess(): Promise<void> {
	const t0 = performance.now();
	const api = createBcApi({ customerCount: CUSTOMERS });
	const companyId = api.companies('production')[0].id;
	const root = 'https://127.0.0.1:7048/v2.0/bench/production/api/v2.0';
	const request = (resourcePath: string, rawQuery: string): BcApiRequest => ({
		method: 'GET',
		environment: 'production',
		apiRoute: 'v2.0',
		resourcePath,
		rawQuery,
		headers: {},
		body: undefined,
		serviceRootUrl: root,
		principal: { id: 'bench', kind: 'app', name: 'bench' },
		correlationId: '00000000-0000-0000-0000-00000000be0c',
	});
	const seedStart = performance.now();
	const first = await api.handle(request(`companies(${companyId})/customers`, '$top=1'));
	if (first.status !== 200) throw new Error(`seed request failed: ${first.status}`);
	const seedMs = performance.now() - seedStart;
	const result = await readAllPages(`${root}/companies(${companyId})/customers`, async (url) => {
		const rest = url.slice(root.length + 1);
		const q = rest.indexOf('?');
		const res = await api.handle(request(q < 0 ? rest : rest.slice(0, q), q < 0 ? '' : rest.slice(q + 1)));
		const body = res.body as Page;
		JSON.stringify(body);
		return body;
	});
	console.log(
		`in-process: created in ${Math.round(seedStart - t0)} ms, seeded ${CUSTOMERS} customers on first access in ${Math.round(seedMs)} ms`,
	);
	console.log(
		`in-process: ${result.pages} pages, ${result.items} items in ${Math.round(result.ms)} ms (slowest page incl. JSON.stringify ${Math.round(result.slowestPageMs)} ms), RSS ${rssMb()} MB`,
	);
}

async function overHttps(): Promise<void> {
	const t0 = performance.now();
	const { sandbox, client } = await startTestSandbox({ customerCount: CUSTOMERS });
	try {
		const headers = { authorization: `Bearer ${await client.appToken()}` };
		const root = client.apiRoot();
		const get = (url: string) => client.request(url, { headers });
		const companies = (await get(`${root}/companies`)).json() as { value: Array<{ id: string; name: string }> };
		const companyId = companies.value.find((c) => c.name === 'CRONUS USA, Inc.')!.id;
		const seedStart = performance.now();
		await get(`${root}/companies(${companyId})/customers?$top=1`);
		const seedMs = performance.now() - seedStart;
		const result = await readAllPages(`${root}/companies(${companyId})/customers`, async (url, pageNumber) => {
			const res = await get(url);
			if (res.status !== 200) throw new Error(`page ${pageNumber}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
			return JSON.parse(res.text) as Page;
		});
		console.log(
			`https: sandbox started in ${Math.round(sandbox.startupMs)} ms (${Math.round(seedStart - t0)} ms incl. token), first customers request (seeding) ${Math.round(seedMs)} ms`,
		);
		console.log(
			`https: ${result.pages} pages, ${result.items} items in ${Math.round(result.ms)} ms (slowest page ${Math.round(result.slowestPageMs)} ms), RSS ${rssMb()} MB`,
		);
		console.log('https: sandbox counters', JSON.stringify(sandbox.control.stats(), null, 2));
	} finally {
		await stopTestSandbox(client);
	}
}

(async () => {
	await inProcess();
	await overHttps();
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
