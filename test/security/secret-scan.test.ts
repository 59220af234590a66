/**
 * Secret scan: every kind of secret the package handles is planted in a credential, the node runs through the real
 * engine against the sandbox (successes and failures, with and without "Continue On Fail"), and everything a user,
 * an operator or another workflow can see afterwards is searched for the secret:
 * - the run data (IRun), every output item, every error: message, description, context, cause, stack and any other
 *   own property (enumerable or not), and their JSON serialisations;
 * - everything logged through n8n's logger (all levels, including debug) and everything written to the console;
 * - the sandbox's request log (which, as asserted here, holds no headers and no bodies).
 *
 * The one place a secret may appear is the request that must carry it (the token request body, the Authorization
 * header); those are never captured here, so any hit is a leak. Secrets: client secret (app-only and delegated),
 * private key (certificate credential, PEM), web service access key (on-premises, also as its Basic header value),
 * access tokens (app-only from MSAL, delegated from n8n's OAuth2 flow) and refresh tokens (delegated, before and
 * after rotation).
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import * as net from 'node:net';
import * as path from 'node:path';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Container } from '@n8n/di';
import type { ICredentialDataDecryptedObject, INodeCredentialsDetails, INodeParameters, Logger } from 'n8n-workflow';
import { LoggerProxy, sleep } from 'n8n-workflow';

import { BusinessCentralOAuth2Api } from '../../credentials/BusinessCentralOAuth2Api.credentials';
import { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { credentialTypes, runNode, type NodeRun, type RunOptions } from '../helpers/engine';
import {
	accessKeyCredential,
	certificateCredential,
	clientSecretCredential,
	delegatedCredential,
	startNodeSandbox,
	type RunningSandbox,
} from '../helpers/sandbox';

/** Access tokens of this sandbox live 3 s, so the delegated flow sees a real expiry and refresh during the suite. */
const TOKEN_LIFETIME_SECONDS = 3;

// ---------------------------------------------------------------------------------------------------------------
// Secrets and their needles
// ---------------------------------------------------------------------------------------------------------------

/** A secret and the strings whose presence anywhere means it leaked. */
interface Secret {
	kind: string;
	value: string;
	needles: string[];
}

const secrets: Secret[] = [];

/** Registers a secret; its needles are the value, its URL and base64 encodings, and for PEM every body line. */
function plant(kind: string, value: string, extraNeedles: string[] = []): void {
	if (!value || secrets.some((s) => s.value === value)) return;
	const needles = new Set<string>([value, encodeURIComponent(value), Buffer.from(value).toString('base64')]);
	if (value.includes('-----BEGIN')) {
		for (const line of value.split(/\r?\n/)) if (/^[A-Za-z0-9+/=]{40,}$/.test(line.trim())) needles.add(line.trim());
	}
	// A JWT's signature alone identifies it (and survives truncation of the header and payload).
	const jwt = /^eyJ[\w-]+\.[\w-]+\.([\w-]{16,})$/.exec(value);
	if (jwt) needles.add(jwt[1]);
	for (const extra of extraNeedles) needles.add(extra);
	secrets.push({ kind, value, needles: [...needles].filter((n) => n.length >= 8) });
}

/** Token-shaped text that must never be visible, whatever secret it belongs to. */
const TOKEN_SHAPES: Array<[string, RegExp]> = [
	['a JWT', /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/],
	['a Bearer header value', /Bearer\s+[\w.~+/-]{16,}/],
	['a Basic header value', /Basic\s+[A-Za-z0-9+/]{12,}={0,2}/],
	['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/]{40,}/],
];

// ---------------------------------------------------------------------------------------------------------------
// What is scanned
// ---------------------------------------------------------------------------------------------------------------

/** One visible string and where it was found. */
interface Found {
	where: string;
	text: string;
}

/**
 * Every string reachable from `value`: object keys and values, every own property of errors and objects (also
 * non-enumerable ones such as `message`, `stack`, `cause`, `description`), Map/Set entries and Buffer contents.
 */
function strings(value: unknown, where: string, out: Found[] = [], seen = new WeakSet<object>(), depth = 0): Found[] {
	if (value === null || value === undefined || depth > 60) return out;
	if (typeof value === 'string') {
		out.push({ where, text: value });
		return out;
	}
	if (typeof value !== 'object') return out;
	if (seen.has(value)) return out;
	seen.add(value);
	if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
		out.push({ where, text: Buffer.from(value).toString('utf8') });
		return out;
	}
	if (value instanceof Map) {
		for (const [k, v] of value) {
			strings(k, `${where}<key>`, out, seen, depth + 1);
			strings(v, `${where}.get(${String(k)})`, out, seen, depth + 1);
		}
		return out;
	}
	if (value instanceof Set) {
		for (const v of value) strings(v, `${where}<entry>`, out, seen, depth + 1);
		return out;
	}
	for (const key of Reflect.ownKeys(value)) {
		const name = String(key);
		out.push({ where: `${where}<key>`, text: name });
		let child: unknown;
		try {
			child = (value as Record<string | symbol, unknown>)[key];
		} catch {
			continue;
		}
		strings(child, `${where}.${name}`, out, seen, depth + 1);
	}
	return out;
}

/** JSON of anything, errors with all own properties; never throws. */
function json(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, function (_key, v: unknown) {
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
				if (v instanceof Error) {
					const plain: Record<string, unknown> = {};
					for (const name of Object.getOwnPropertyNames(v))
						plain[name] = (v as unknown as Record<string, unknown>)[name];
					return plain;
				}
			}
			if (typeof v === 'bigint') return String(v);
			return v;
		});
	} catch (error) {
		return `[unserialisable: ${(error as Error).message}]`;
	}
}

/** What a run makes visible: the run data, output items, the error and its message/description/context/JSON. */
function runMaterial(label: string, run: NodeRun): Found[] {
	const found: Found[] = [];
	strings(run.run, `${label}.run`, found);
	strings(run.items, `${label}.items`, found);
	if (run.error) {
		strings(run.error, `${label}.error`, found);
		found.push({ where: `${label}.error.toString()`, text: String(run.error) });
		found.push({ where: `${label}.error (JSON.stringify)`, text: JSON.stringify(run.error) ?? '' });
		found.push({ where: `${label}.error (all own properties)`, text: json(run.error) });
	}
	run.items.forEach((item, index) => {
		if (item.error) found.push({ where: `${label}.items[${index}].error (JSON)`, text: json(item.error) });
	});
	found.push({ where: `${label}.run (JSON.stringify)`, text: JSON.stringify(run.run) ?? '' });
	found.push({ where: `${label}.run (all own properties)`, text: json(run.run) });
	return found;
}

/** The leaks in `found`: planted secrets and token-shaped text. */
function leaks(found: Found[]): string[] {
	const problems: string[] = [];
	for (const { where, text } of found) {
		for (const secret of secrets) {
			const needle = secret.needles.find((n) => text.includes(n));
			if (needle) problems.push(`${secret.kind} in ${where}: …${excerpt(text, needle)}…`);
		}
		for (const [shape, pattern] of TOKEN_SHAPES) {
			const match = pattern.exec(text);
			if (match) problems.push(`${shape} in ${where}: …${excerpt(text, match[0])}…`);
		}
	}
	const unique = [...new Set(problems)];
	return unique.length > 25 ? [...unique.slice(0, 25), `… and ${unique.length - 25} more`] : unique;
}

function excerpt(text: string, needle: string): string {
	const at = text.indexOf(needle);
	return text.slice(Math.max(0, at - 40), Math.min(text.length, at + needle.length + 40)).replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Log and console capture
// ---------------------------------------------------------------------------------------------------------------

const logged: Array<{ level: string; message: unknown; metadata: unknown }> = [];
const consoleOutput: Array<{ stream: string; args: unknown[] }> = [];

/** A logger that keeps everything at every level (n8n's own would drop debug and below its level). */
const capturingLogger = {
	error: (message: unknown, metadata?: unknown) => logged.push({ level: 'error', message, metadata }),
	warn: (message: unknown, metadata?: unknown) => logged.push({ level: 'warn', message, metadata }),
	info: (message: unknown, metadata?: unknown) => logged.push({ level: 'info', message, metadata }),
	debug: (message: unknown, metadata?: unknown) => logged.push({ level: 'debug', message, metadata }),
	verbose: (message: unknown, metadata?: unknown) => logged.push({ level: 'verbose', message, metadata }),
	scoped: () => capturingLogger,
};

/**
 * n8n-core takes its logger from the DI container (`Container.get(Logger)` of its own @n8n/backend-common copy)
 * and n8n-workflow through `LoggerProxy`; both get the capturing logger.
 */
function captureN8nLogs(): void {
	const backendCommon = require.resolve('@n8n/backend-common', { paths: [path.dirname(require.resolve('n8n-core'))] });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger: N8nLogger } = require(backendCommon) as { Logger: new (...args: never[]) => unknown };
	Container.set(N8nLogger, capturingLogger);
	LoggerProxy.init(capturingLogger as unknown as Logger);
}

function captureConsole(): void {
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			consoleOutput.push({ stream: `console.${method}`, args });
		});
	}
	for (const stream of ['stdout', 'stderr'] as const) {
		const original = process[stream].write.bind(process[stream]);
		jest.spyOn(process[stream], 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
			consoleOutput.push({ stream: `process.${stream}`, args: [chunk] });
			return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof process.stdout.write);
	}
}

/** Logs and console output since `marks`, as scan material. */
function outputSince(marks: { logs: number; console: number }, label: string): Found[] {
	const found: Found[] = [];
	logged.slice(marks.logs).forEach((entry, i) => {
		strings(entry, `${label}.log[${i}](${entry.level})`, found);
		found.push({ where: `${label}.log[${i}] (JSON)`, text: json(entry) });
	});
	consoleOutput.slice(marks.console).forEach((entry, i) => {
		strings(entry.args, `${label}.${entry.stream}[${i}]`, found);
		found.push({ where: `${label}.${entry.stream}[${i}] (JSON)`, text: json(entry.args) });
	});
	return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------------------------------------------

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let companyId: string;
let onPremCompanyId: string;
/** A TCP port nothing listens on (connection refused). */
let closedPort: number;

const credentials: Record<
	'secret' | 'wrongSecret' | 'disabledApp' | 'certificate' | 'mismatchedKey' | 'accessKey' | 'wrongKey' | 'delegated',
	INodeCredentialsDetails
> = {} as never;

/** Every app-only access token MSAL handed to the node. */
const msalTokens: string[] = [];

/** Node runs whose material was scanned. */
let runsScanned = 0;

/** Scenario label → scanned strings, kept for the final re-scan against every secret (also those found later). */
const material = new Map<string, Found[]>();

function freeClosedPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

beforeAll(async () => {
	captureN8nLogs();
	captureConsole();
	const acquire = ConfidentialClientApplication.prototype.acquireTokenByClientCredential;
	jest
		.spyOn(ConfidentialClientApplication.prototype, 'acquireTokenByClientCredential')
		.mockImplementation(async function (this: ConfidentialClientApplication, request) {
			const result = await acquire.call(this, request);
			if (result?.accessToken) {
				msalTokens.push(result.accessToken);
				plant('app-only access token (MSAL)', result.accessToken);
			}
			return result;
		});

	sandbox = await startNodeSandbox({ accessTokenLifetimeSeconds: TOKEN_LIFETIME_SECONDS });
	helper = new TestCredentialsHelper(credentialTypes());
	companyId = sandbox.info.companies.production[0].id;
	onPremCompanyId = sandbox.info.companies.onprem[0].id;
	closedPort = await freeClosedPort();

	const { app, disabledApp, certificateApp, onPrem } = sandbox.info;
	plant('client secret', app.clientSecret);
	plant('client secret (app not enabled in BC)', disabledApp.clientSecret);
	const wrongSecret = 'PLANTED~WrongClientSecret-7f3a9c1e5b2d4068';
	plant('client secret (wrong)', wrongSecret);
	plant('private key (PEM)', certificateApp.privateKeyPem);
	const strayKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
		type: 'pkcs8',
		format: 'pem',
	}) as string;
	plant('private key (PEM, not matching the certificate)', strayKey);
	const basic = (key: string) => Buffer.from(`${onPrem.userName}:${key}`).toString('base64');
	plant('web service access key', onPrem.accessKey, [basic(onPrem.accessKey)]);
	const wrongKey = 'PLANTEDWrongAccessKey0c4e8a2f6b1d93570=';
	plant('web service access key (wrong)', wrongKey, [basic(wrongKey)]);

	credentials.secret = helper.add('businessCentralClientCredentialsApi', clientSecretCredential(sandbox));
	credentials.wrongSecret = helper.add('businessCentralClientCredentialsApi', {
		...clientSecretCredential(sandbox),
		clientSecret: wrongSecret,
	});
	credentials.disabledApp = helper.add('businessCentralClientCredentialsApi', {
		...clientSecretCredential(sandbox),
		clientId: disabledApp.clientId,
		clientSecret: disabledApp.clientSecret,
	});
	credentials.certificate = helper.add('businessCentralClientCredentialsApi', certificateCredential(sandbox));
	credentials.mismatchedKey = helper.add('businessCentralClientCredentialsApi', {
		...certificateCredential(sandbox),
		privateKey: strayKey,
	});
	credentials.accessKey = helper.add('businessCentralAccessKeyApi', accessKeyCredential(sandbox));
	credentials.wrongKey = helper.add('businessCentralAccessKeyApi', {
		...accessKeyCredential(sandbox),
		password: wrongKey,
	});

	const scope = String(new BusinessCentralOAuth2Api().properties.find((p) => p.name === 'scope')?.default);
	const delegated = await delegatedCredential(sandbox, scope);
	plantOAuthTokens(delegated, 'delegated');
	credentials.delegated = helper.add('businessCentralOAuth2Api', delegated);
}, 30_000);

afterAll(async () => {
	jest.restoreAllMocks();
	await sandbox?.stop();
});

function plantOAuthTokens(data: ICredentialDataDecryptedObject, label: string): void {
	const tokens = (data.oauthTokenData ?? {}) as Record<string, unknown>;
	if (typeof tokens.access_token === 'string') plant(`${label} access token`, tokens.access_token);
	if (typeof tokens.refresh_token === 'string') plant(`${label} refresh token`, tokens.refresh_token);
	if (typeof tokens.id_token === 'string') plant(`${label} id token`, tokens.id_token);
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------------------------

const S2S = 'businessCentralClientCredentialsApi';
const ON_PREM = 'businessCentralAccessKeyApi';
const DELEGATED = 'businessCentralOAuth2Api';

const listCompanies = (authentication: string): INodeParameters => ({
	authentication,
	resource: 'company',
	operation: 'getAll',
	returnAll: true,
});

const customers = (authentication: string, operation: string, extra: INodeParameters = {}, company = companyId) => ({
	authentication,
	resource: 'record',
	operation,
	company: { __rl: true, mode: 'id', value: company },
	entitySet: { __rl: true, mode: 'list', value: 'customers' },
	...extra,
});

const MISSING_ID = '0badc0de-0000-4000-8000-000000000404';

/** Runs `options` twice: stopping on the error, and with "Continue On Fail" (the error becomes an item). */
async function bothWays(options: RunOptions): Promise<{ stopped: NodeRun; continued: NodeRun }> {
	const stopped = await runNode(helper, options);
	const continued = await runNode(helper, { ...options, continueOnFail: true });
	return { stopped, continued };
}

/** The error item of a continued run: `json.error` (message) and `json.details` (outcome, httpStatus, …). */
function errorItemOf(run: NodeRun): { error: string; details: Record<string, unknown> } | undefined {
	const item = run.items.find((i) => typeof i.json.error === 'string' && typeof i.json.details === 'object');
	return item ? (item.json as { error: string; details: Record<string, unknown> }) : undefined;
}

/** The error of a failed run, stopped or continued (then from the error item's json). */
function failure(run: NodeRun): { message: string; description: string; httpCode?: string | null } {
	if (run.error) {
		const { message, description, httpCode } = run.error as {
			message: string;
			description?: string | null;
			httpCode?: string | null;
		};
		return { message, description: String(description ?? ''), httpCode };
	}
	const item = errorItemOf(run);
	if (!item) throw new Error(`expected the run to fail, got ${run.items.length} items`);
	const status = item.details.httpStatus;
	return {
		message: item.error,
		description: String(item.details.description ?? ''),
		httpCode: status === undefined ? undefined : String(status),
	};
}

/** Asserts the expectation of both variants: the stopped run has the error, the continued run an error item. */
function expectFailure(runs: { stopped: NodeRun; continued: NodeRun }, pattern: RegExp, httpCode?: string): void {
	expect(runs.stopped.error).toBeDefined();
	expect(runs.continued.error).toBeUndefined();
	expect(errorItemOf(runs.continued)).toBeDefined();
	for (const run of [runs.stopped, runs.continued]) {
		const { message, description, httpCode: code } = failure(run);
		expect(`${message}\n${description}`).toMatch(pattern);
		if (httpCode) expect(code).toBe(httpCode);
	}
}

/** Runs a scenario, then scans what it made visible (runs, logs, console output). */
async function scenario(label: string, body: () => Promise<Record<string, NodeRun>>): Promise<void> {
	const marks = { logs: logged.length, console: consoleOutput.length };
	const runs = await body();
	runsScanned += Object.keys(runs).length;
	const found = [
		...Object.entries(runs).flatMap(([name, run]) => runMaterial(`${label} [${name}]`, run)),
		...outputSince(marks, label),
	];
	material.set(label, found);
	expect(leaks(found)).toEqual([]);
}

describe('no secret is visible outside the request that carries it', () => {
	it('app-only (client secret): list companies, create, get, update', async () => {
		await scenario('client secret: successes', async () => {
			const companies = await runNode(helper, { parameters: listCompanies(S2S), credential: credentials.secret });
			expect(companies.error).toBeUndefined();
			const created = await runNode(helper, {
				parameters: customers(S2S, 'create', { bodyMode: 'json', jsonBody: '{"displayName":"Secret Scan Ltd"}' }),
				credential: credentials.secret,
			});
			expect(created.error).toBeUndefined();
			const read = await runNode(helper, {
				parameters: customers(S2S, 'get', { recordId: '={{ $json.id }}' }),
				credential: credentials.secret,
				items: [created.items[0].json],
			});
			expect(read.error).toBeUndefined();
			const updated = await runNode(helper, {
				parameters: customers(S2S, 'update', {
					recordId: '={{ $json.id }}',
					bodyMode: 'json',
					jsonBody: '{"phoneNumber":"+1 555 0100"}',
				}),
				credential: credentials.secret,
				items: [created.items[0].json],
			});
			expect(updated.error).toBeUndefined();
			// The original item's ETag is stale now: BC answers 409 Request_EntityChanged.
			const { stopped, continued } = await bothWays({
				parameters: customers(S2S, 'update', {
					recordId: '={{ $json.id }}',
					bodyMode: 'json',
					jsonBody: '{"phoneNumber":"+1 555 0199"}',
				}),
				credential: credentials.secret,
				items: [created.items[0].json],
			});
			expectFailure({ stopped, continued }, /Request_EntityChanged/, '409');
			return { companies, created, read, updated, conflict: stopped, conflictContinued: continued };
		});
		expect(msalTokens.length).toBeGreaterThan(0);
	});

	it('app-only: wrong client secret (AADSTS7000215)', async () => {
		await scenario('client secret: wrong secret', async () => {
			const runs = await bothWays({ parameters: listCompanies(S2S), credential: credentials.wrongSecret });
			expectFailure(runs, /AADSTS7000215/);
			return { ...runs };
		});
	});

	it("app-only: app not on BC's Microsoft Entra Applications page (BC 401)", async () => {
		await scenario('client secret: BC 401', async () => {
			const runs = await bothWays({ parameters: listCompanies(S2S), credential: credentials.disabledApp });
			expectFailure(runs, /Authentication_InvalidCredentials/, '401');
			return { ...runs };
		});
	});

	it('app-only: unknown environment (404 NoEnvironment)', async () => {
		await scenario('client secret: 404 NoEnvironment', async () => {
			const credential = helper.add(S2S, clientSecretCredential(sandbox, 'nowhere'));
			const runs = await bothWays({ parameters: listCompanies(S2S), credential });
			expectFailure(runs, /NoEnvironment/, '404');
			return { ...runs };
		});
	});

	it('app-only: record not found (404) and a validation error before sending', async () => {
		await scenario('client secret: 404 record and validation', async () => {
			const notFound = await bothWays({
				parameters: customers(S2S, 'get', { recordId: MISSING_ID }),
				credential: credentials.secret,
			});
			expectFailure(notFound, /Internal_RecordNotFound|not exist/, '404');
			const invalid = await bothWays({
				parameters: customers(S2S, 'get', { recordId: '={{ "10000" }}' }),
				credential: credentials.secret,
			});
			expectFailure(invalid, /Record ID: "10000" is not a GUID/);
			return {
				notFound: notFound.stopped,
				notFoundContinued: notFound.continued,
				invalid: invalid.stopped,
				invalidContinued: invalid.continued,
			};
		});
	});

	it('app-only: network failures (dropped connection on a write, token service unreachable)', async () => {
		await scenario('client secret: network failures', async () => {
			sandbox.control.updateSettings({ faults: { dropConnection: 1 } });
			let dropped;
			try {
				dropped = await bothWays({
					parameters: customers(S2S, 'create', { bodyMode: 'json', jsonBody: '{"displayName":"Dropped"}' }),
					credential: credentials.secret,
				});
			} finally {
				sandbox.control.updateSettings({ faults: {} });
			}
			expectFailure(dropped, /connection to Business Central failed/);
			const unreachable = await bothWays({
				parameters: listCompanies(S2S),
				credential: helper.add(S2S, {
					...clientSecretCredential(sandbox),
					authorityHost: `https://127.0.0.1:${closedPort}`,
				}),
			});
			expectFailure(unreachable, /token service/);
			return {
				dropped: dropped.stopped,
				droppedContinued: dropped.continued,
				unreachable: unreachable.stopped,
				unreachableContinued: unreachable.continued,
			};
		});
	});

	it('certificate: success, 404 NoEnvironment, and a private key that does not match the certificate', async () => {
		await scenario('certificate', async () => {
			const ok = await runNode(helper, { parameters: listCompanies(S2S), credential: credentials.certificate });
			expect(ok.error).toBeUndefined();
			const noEnvironment = await bothWays({
				parameters: listCompanies(S2S),
				credential: helper.add(S2S, certificateCredential(sandbox, 'nowhere')),
			});
			expectFailure(noEnvironment, /NoEnvironment/, '404');
			const mismatched = await bothWays({ parameters: listCompanies(S2S), credential: credentials.mismatchedKey });
			expectFailure(mismatched, /private key does not belong to the certificate/);
			return {
				ok,
				noEnvironment: noEnvironment.stopped,
				noEnvironmentContinued: noEnvironment.continued,
				mismatched: mismatched.stopped,
				mismatchedContinued: mismatched.continued,
			};
		});
	});

	it('on-premises access key: success, wrong key (401), record not found, server unreachable', async () => {
		await scenario('access key', async () => {
			const ok = await runNode(helper, {
				parameters: customers(ON_PREM, 'getAll', { limit: 2 }, onPremCompanyId),
				credential: credentials.accessKey,
			});
			expect(ok.error).toBeUndefined();
			expect(ok.items).toHaveLength(2);
			const wrongKey = await bothWays({ parameters: listCompanies(ON_PREM), credential: credentials.wrongKey });
			expectFailure(wrongKey, /access key/, '401');
			const notFound = await bothWays({
				parameters: customers(ON_PREM, 'get', { recordId: MISSING_ID }, onPremCompanyId),
				credential: credentials.accessKey,
			});
			expectFailure(notFound, /Internal_RecordNotFound|not exist/, '404');
			const unreachable = await bothWays({
				parameters: customers(ON_PREM, 'getAll', { limit: 1, retryOptions: { maxAttempts: 1 } }, onPremCompanyId),
				credential: helper.add(ON_PREM, {
					...accessKeyCredential(sandbox),
					serverUrl: `https://127.0.0.1:${closedPort}/BC`,
				}),
			});
			expectFailure(unreachable, /connect|reach|ECONNREFUSED/i);
			return {
				ok,
				wrongKey: wrongKey.stopped,
				wrongKeyContinued: wrongKey.continued,
				notFound: notFound.stopped,
				notFoundContinued: notFound.continued,
				unreachable: unreachable.stopped,
				unreachableContinued: unreachable.continued,
			};
		});
	});

	it('delegated OAuth2: success and record not found', async () => {
		await scenario('delegated: fresh token', async () => {
			const ok = await runNode(helper, { parameters: listCompanies(DELEGATED), credential: credentials.delegated });
			expect(ok.error).toBeUndefined();
			const notFound = await bothWays({
				parameters: customers(DELEGATED, 'get', { recordId: MISSING_ID }),
				credential: credentials.delegated,
			});
			expectFailure(notFound, /Internal_RecordNotFound|not exist/, '404');
			return { ok, notFound: notFound.stopped, notFoundContinued: notFound.continued };
		});
	});

	it('delegated OAuth2: expired access token is refreshed; a rotated refresh token asks to reconnect', async () => {
		// The copy is taken now and both runs start after its access token expired, however long earlier scenarios took
		// (an earlier run may already have refreshed the stored tokens on a slow machine).
		const stale = structuredClone(helper.stored(credentials.delegated.id as string));
		await sleep((TOKEN_LIFETIME_SECONDS + 0.5) * 1000);
		await scenario('delegated: refresh', async () => {
			const refreshed = await runNode(helper, {
				parameters: listCompanies(DELEGATED),
				credential: credentials.delegated,
			});
			expect(refreshed.error).toBeUndefined();
			expect(helper.oauthTokenUpdates.some((u) => u.id === credentials.delegated.id)).toBe(true);
			plantOAuthTokens(helper.stored(credentials.delegated.id as string), 'delegated (refreshed)');
			// A copy holding the tokens from before the refresh: its refresh token was rotated away (invalid_grant).
			const revoked = await bothWays({
				parameters: listCompanies(DELEGATED),
				credential: helper.add(DELEGATED, stale),
			});
			expectFailure(revoked, /needs to be reconnected/);
			return { refreshed, revoked: revoked.stopped, revokedContinued: revoked.continued };
		});
		expect(secrets.filter((s) => s.kind.startsWith('delegated (refreshed)'))).toHaveLength(2);
	});

	it("the sandbox's request log holds no headers or bodies, and no secret", () => {
		const log = sandbox.control.log(5000);
		expect(log.length).toBeGreaterThan(20);
		const allowed = ['time', 'method', 'path', 'status', 'principal', 'ms', 'correlationId'];
		for (const entry of log) expect(Object.keys(entry).filter((k) => !allowed.includes(k))).toEqual([]);
		const found = [...strings(log, 'sandbox log'), { where: 'sandbox log (JSON)', text: JSON.stringify(log) }];
		material.set('sandbox log', found);
		expect(leaks(found)).toEqual([]);
	});

	it('nothing scanned earlier holds a secret learnt later (refreshed tokens, later MSAL tokens)', () => {
		const all = [...material.values()].flat();
		expect(leaks(all)).toEqual([]);
		// Every kind of secret was planted, and the scan saw a substantial amount of material.
		const kinds = new Set(secrets.map((s) => s.kind));
		for (const kind of [
			'client secret',
			'private key (PEM)',
			'web service access key',
			'app-only access token (MSAL)',
			'delegated access token',
			'delegated refresh token',
			'delegated (refreshed) access token',
			'delegated (refreshed) refresh token',
		])
			expect(kinds).toContain(kind);
		expect(all.length).toBeGreaterThan(1000);
		expect(runsScanned).toBeGreaterThanOrEqual(35);
		if (process.env.SECRET_SCAN_SUMMARY)
			process.stderr.write(
				`secret scan: ${secrets.length} secrets (${secrets.reduce((n, s) => n + s.needles.length, 0)} needles) × ${runsScanned} node runs in ${material.size} scenarios; ${all.length} strings, ${logged.length} log entries, ${consoleOutput.length} console writes\n`,
			);
	});
});

describe('the scanner itself', () => {
	it('finds a secret in a non-enumerable property, a cause, a nested array, a Buffer and a logged error', () => {
		const secret = secrets[0];
		const error = new Error('outer');
		Object.defineProperty(error, 'hidden', { value: `x ${secret.value} y`, enumerable: false });
		expect(leaks(strings(error, 'e'))).toHaveLength(1);
		expect(leaks(strings(new Error('outer', { cause: new Error(secret.value) }), 'e')).length).toBeGreaterThan(0);
		expect(leaks(strings({ a: [{ b: [encodeURIComponent(secret.value)] }] }, 'o'))).toHaveLength(1);
		expect(leaks(strings({ body: Buffer.from(`client_secret=${secret.value}`) }, 'o'))).toHaveLength(1);
		expect(leaks([{ where: 'text', text: `Authorization: Bearer ${msalTokens[0]}` }]).length).toBeGreaterThan(0);
		const pem = secrets.find((s) => s.kind === 'private key (PEM)') as Secret;
		expect(leaks([{ where: 'json', text: JSON.stringify({ key: pem.value }) }]).length).toBeGreaterThan(0);
	});
});
