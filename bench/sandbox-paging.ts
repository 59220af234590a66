/**
 * Benchmark: seed 100,000 customers and read them in server-driven pages of 20,000 by following
 * `@odata.nextLink` — in process through `createBcApi().handle()`, then over HTTPS through
 * `startSandbox` with a real Entra token. Prints time (ms), pages, items, RSS (MB) and, for the HTTPS
 * run, the sandbox's counters. Run: `npx tsx bench/sandbox-paging.ts [customerCount]`.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { createBcApi } from '../sandbox/bc';
import type { BcApiRequest } from '../sandbox/contracts';
import { startSandbox } from '../sandbox/index';

const CUSTOMERS = Number(process.argv[2] ?? 100_000);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

interface RunResult {
	ms: number;
	pages: number;
	items: number;
	slowestPageMs: number;
}

async function inProcess(): Promise<void> {
	const t0 = performance.now();
	const api = createBcApi({ customerCount: CUSTOMERS });
	const companyId = api.companies('production')[0].id;
	const root = 'https://127.0.0.1:7048/v2.0/bench/production/api/v2.0';
	const request = (resourcePath: string, rawQuery: string): BcApiRequest => ({
		method: 'GET', environment: 'production', apiRoute: 'v2.0', resourcePath, rawQuery, headers: {}, body: undefined,
		serviceRootUrl: root, principal: { id: 'bench', kind: 'app', name: 'bench' }, correlationId: '00000000-0000-0000-0000-00000000be0c',
	});
	const seedStart = performance.now();
	const first = await api.handle(request(`companies(${companyId})/customers`, '$top=1'));
	if (first.status !== 200) throw new Error(`seed request failed: ${first.status}`);
	const seedMs = performance.now() - seedStart;
	const result: RunResult = { ms: 0, pages: 0, items: 0, slowestPageMs: 0 };
	const start = performance.now();
	let next: string | undefined = `${root}/companies(${companyId})/customers`;
	while (next) {
		const rest = next.slice(root.length + 1);
		const q = rest.indexOf('?');
		const p0 = performance.now();
		const res = await api.handle(request(q < 0 ? rest : rest.slice(0, q), q < 0 ? '' : rest.slice(q + 1)));
		const body = res.body as { value: unknown[]; '@odata.nextLink'?: string };
		JSON.stringify(body);
		result.slowestPageMs = Math.max(result.slowestPageMs, performance.now() - p0);
		result.pages++;
		result.items += body.value.length;
		next = body['@odata.nextLink'];
	}
	result.ms = performance.now() - start;
	console.log(`in-process: created in ${Math.round(seedStart - t0)} ms, seeded ${CUSTOMERS} customers on first access in ${Math.round(seedMs)} ms`);
	console.log(`in-process: ${result.pages} pages, ${result.items} items in ${Math.round(result.ms)} ms (slowest page incl. JSON.stringify ${Math.round(result.slowestPageMs)} ms), RSS ${rssMb()} MB`);
}

function get(url: string, headers: Record<string, string>, ca: Buffer | undefined, agent: https.Agent): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		https.get(url, { headers, ca, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		}).on('error', reject);
	});
}

async function overHttps(): Promise<void> {
	const t0 = performance.now();
	const sandbox = await startSandbox({ port: 0, quiet: true, customerCount: CUSTOMERS });
	const ca = sandbox.info.caCertPath ? fs.readFileSync(sandbox.info.caCertPath) : undefined;
	const agent = new https.Agent({ keepAlive: true, ca });
	try {
		const tokenRes = await new Promise<string>((resolve, reject) => {
			const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sandbox.info.app.clientId, client_secret: sandbox.info.app.clientSecret, scope: sandbox.info.scope }).toString();
			const req = https.request(sandbox.info.tokenEndpoint, { method: 'POST', agent, ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			});
			req.on('error', reject);
			req.end(form);
		});
		const headers = { authorization: `Bearer ${(JSON.parse(tokenRes) as { access_token: string }).access_token}` };
		const root = `${sandbox.info.apiBaseUrl}/${sandbox.info.tenantId}/production/api/v2.0`;
		const companies = JSON.parse((await get(`${root}/companies`, headers, ca, agent)).text) as { value: Array<{ id: string; name: string }> };
		const companyId = companies.value.find((c) => c.name === 'CRONUS USA, Inc.')!.id;
		const seedStart = performance.now();
		await get(`${root}/companies(${companyId})/customers?$top=1`, headers, ca, agent);
		const seedMs = performance.now() - seedStart;
		const result: RunResult = { ms: 0, pages: 0, items: 0, slowestPageMs: 0 };
		const start = performance.now();
		let next: string | undefined = `${root}/companies(${companyId})/customers`;
		while (next) {
			const p0 = performance.now();
			const res = await get(next, headers, ca, agent);
			if (res.status !== 200) throw new Error(`page ${result.pages + 1}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
			const body = JSON.parse(res.text) as { value: unknown[]; '@odata.nextLink'?: string };
			result.slowestPageMs = Math.max(result.slowestPageMs, performance.now() - p0);
			result.pages++;
			result.items += body.value.length;
			next = body['@odata.nextLink'];
		}
		result.ms = performance.now() - start;
		console.log(`https: sandbox started in ${Math.round(sandbox.startupMs)} ms (${Math.round(seedStart - t0)} ms incl. token), first customers request (seeding) ${Math.round(seedMs)} ms`);
		console.log(`https: ${result.pages} pages, ${result.items} items in ${Math.round(result.ms)} ms (slowest page ${Math.round(result.slowestPageMs)} ms), RSS ${rssMb()} MB`);
		console.log('https: sandbox counters', JSON.stringify(sandbox.control.stats(), null, 2));
	} finally {
		agent.destroy();
		await sandbox.stop();
	}
}

(async () => {
	await inProcess();
	await overHttps();
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
