/**
 * Tiny HTTP(S) client for sandbox tests, on node:https with the sandbox CA passed explicitly
 * (Node 20's global fetch does not read NODE_EXTRA_CA_CERTS, and jest may run in band).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index';

/** A received response. */
export interface HttpResult {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json(): any;
}

/** Request options. */
export interface RequestInit {
	method?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

/** A client bound to one sandbox (trusts its CA; unlimited sockets so concurrency tests really run in parallel). */
export class SandboxClient {
	private readonly agent: http.Agent;

	constructor(readonly sandbox: RunningSandbox) {
		const ca = sandbox.info.caCertPath ? fs.readFileSync(sandbox.info.caCertPath) : undefined;
		this.agent = sandbox.baseUrl.startsWith('https:')
			? new https.Agent({ ca, keepAlive: true, maxSockets: Infinity })
			: new http.Agent({ keepAlive: true, maxSockets: Infinity });
	}

	/** Sends a request; `url` may be absolute or a path relative to the sandbox's base URL. Rejects on network errors. */
	request(url: string, init: RequestInit = {}): Promise<HttpResult> {
		const target = new URL(url.startsWith('http') ? url : `${this.sandbox.baseUrl}${url}`);
		const lib = target.protocol === 'https:' ? https : http;
		return new Promise((resolve, reject) => {
			const req = lib.request(
				target,
				{ method: init.method ?? 'GET', headers: init.headers, agent: this.agent },
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('error', reject);
					res.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
					});
				},
			);
			req.on('error', reject);
			if (init.body !== undefined) req.write(init.body);
			req.end();
		});
	}

	/** POSTs an `application/x-www-form-urlencoded` form. */
	postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpResult> {
		return this.request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
			body: new URLSearchParams(fields).toString(),
		});
	}

	/** Client-credentials token of the demo app (or another client id/secret). */
	async appToken(
		clientId = this.sandbox.info.app.clientId,
		clientSecret = this.sandbox.info.app.clientSecret,
	): Promise<string> {
		const response = await this.postForm(this.sandbox.info.tokenEndpoint, {
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
			scope: this.sandbox.info.scope,
		});
		if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${response.text}`);
		return response.json().access_token;
	}

	/** API root of an online environment in the tenant-id form. */
	apiRoot(environment = 'production'): string {
		return `${this.sandbox.info.apiBaseUrl}/${this.sandbox.info.tenantId}/${environment}/api/v2.0`;
	}

	close(): void {
		this.agent.destroy();
	}
}

/** Starts a sandbox on a free port (HTTPS unless told otherwise) with its client. */
export async function startTestSandbox(
	options: SandboxOptions = {},
): Promise<{ sandbox: RunningSandbox; client: SandboxClient }> {
	const sandbox = await startSandbox({ port: 0, quiet: true, ...options });
	return { sandbox, client: new SandboxClient(sandbox) };
}

/** Closes the client's sockets, then stops its sandbox (the counterpart of {@link startTestSandbox}). */
export async function stopTestSandbox(client: SandboxClient): Promise<void> {
	client.close();
	await client.sandbox.stop();
}

/** Reads a copied fixture from test/fixtures. */
export function fixture<T = unknown>(name: string): T {
	return JSON.parse(fs.readFileSync(`${__dirname}/../../fixtures/${name}`, 'utf8')) as T;
}
