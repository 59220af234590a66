/**
 * The sandbox for node tests: start/stop, credential data for each credential type, and the delegated sign-in
 * (authorization code) that yields the `oauthTokenData` n8n would store after its OAuth callback.
 */
import * as https from 'node:https';
import * as fs from 'node:fs';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { trustSandboxCa } from './trustSandboxCa';

export type { RunningSandbox };

/** The redirect URI n8n registers for OAuth2 credentials (n8n-io/n8n packages/cli/src/controllers/oauth/oauth2-credential.controller.ts). */
export const N8N_CALLBACK = 'http://localhost:5678/rest/oauth2-credential/callback';

/** Starts a sandbox on a free port and makes this process trust its CA. */
export async function startNodeSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const sandbox = await startSandbox({ port: 0, quiet: true, ...options });
	trustSandboxCa(sandbox.info.caCertPath as string);
	return sandbox;
}

/** The fields every cloud credential type shares: the sandbox as a custom cloud, its tenant and `environment`. */
function customCloud(sandbox: RunningSandbox, environment: string): ICredentialDataDecryptedObject {
	return {
		cloud: 'custom',
		authorityHost: sandbox.info.authorityHost,
		apiBaseUrl: sandbox.info.apiBaseUrl,
		tenantId: sandbox.info.tenantId,
		environment,
		// A plain-HTTP sandbox (`tls: false`) needs the credential's local-testing switch.
		allowUnencryptedHttp: sandbox.baseUrl.startsWith('http:'),
	};
}

/** Client-credentials (secret) credential data for the sandbox's demo app. */
export function clientSecretCredential(
	sandbox: RunningSandbox,
	environment = 'production',
): ICredentialDataDecryptedObject {
	return {
		...customCloud(sandbox, environment),
		clientId: sandbox.info.app.clientId,
		clientAuthentication: 'secret',
		clientSecret: sandbox.info.app.clientSecret,
	};
}

/** Client-credentials (certificate) credential data for the sandbox's certificate app. */
export function certificateCredential(
	sandbox: RunningSandbox,
	environment = 'production',
): ICredentialDataDecryptedObject {
	const app = sandbox.info.certificateApp;
	return {
		...customCloud(sandbox, environment),
		clientId: app.clientId,
		clientAuthentication: 'certificate',
		certificate: app.certificatePem,
		privateKey: app.privateKeyPem,
	};
}

/**
 * Client-credentials (secret) credential data for the demo app (multi-tenant) in a customer tenant of the sandbox
 * (`info.customerTenants[index]`, Fabrikam by default).
 */
export function customerTenantCredential(
	sandbox: RunningSandbox,
	index = 0,
	environment = 'production',
): ICredentialDataDecryptedObject {
	return { ...clientSecretCredential(sandbox, environment), tenantId: sandbox.info.customerTenants[index].tenantId };
}

/** GETs a sandbox URL (e.g. an admin-consent URL) without following redirects. */
export async function sandboxGet(
	sandbox: RunningSandbox,
	url: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
	return await request(url, {}, fs.readFileSync(sandbox.info.caCertPath as string));
}

/** On-premises access key credential data. */
export function accessKeyCredential(sandbox: RunningSandbox): ICredentialDataDecryptedObject {
	return {
		serverUrl: sandbox.info.onPrem.baseUrl,
		username: sandbox.info.onPrem.userName,
		password: sandbox.info.onPrem.accessKey,
		allowUnencryptedHttp: sandbox.baseUrl.startsWith('http:'),
	};
}

function request(
	url: string,
	init: { method?: string; body?: string; headers?: Record<string, string> },
	ca: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
	return new Promise((resolve, reject) => {
		const req = https.request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		if (init.body) req.write(init.body);
		req.end();
	});
}

/** The hidden inputs of an HTML form (the sandbox's authorize page), entity-decoded, by name. */
export function hiddenFields(html: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
		fields[match[1]] = match[2]
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&amp;/g, '&');
	}
	return fields;
}

/**
 * Delegated credential data after a completed sign-in: the authorize page is filled in like a browser, the code
 * is redeemed at the token endpoint with the scope and `authentication: body` the credential type declares, and the
 * token body becomes `oauthTokenData` with n8n's `n8n_expires_at` (as n8n's OAuth callback stores it).
 */
export async function delegatedCredential(
	sandbox: RunningSandbox,
	scope: string,
	environment = 'production',
): Promise<ICredentialDataDecryptedObject> {
	const ca = fs.readFileSync(sandbox.info.caCertPath as string);
	const params = new URLSearchParams({
		client_id: sandbox.info.app.clientId,
		response_type: 'code',
		redirect_uri: N8N_CALLBACK,
		response_mode: 'query',
		scope,
		state: 'n8n-state',
		prompt: 'select_account',
	});
	const page = await request(`${sandbox.info.authorizeEndpoint}?${params}`, {}, ca);
	let location: string;
	if (page.status === 302) {
		location = String(page.headers.location);
	} else {
		const action = /<form method="POST" action="([^"]+)"/.exec(page.text)?.[1];
		if (!action) throw new Error(`authorize page without form (status ${page.status})`);
		const target = new URL(action.replace(/&amp;/g, '&'), sandbox.baseUrl).toString();
		const form = new URLSearchParams({
			...hiddenFields(page.text),
			username: sandbox.info.user.userName,
			password: sandbox.info.user.password,
			consent: 'accept',
		});
		const answer = await request(
			target,
			{ method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
			ca,
		);
		if (answer.status !== 302) throw new Error(`sign-in failed with ${answer.status}: ${answer.text.slice(0, 200)}`);
		location = String(answer.headers.location);
	}
	const code = new URL(location).searchParams.get('code');
	if (!code) throw new Error(`no code in redirect ${location}`);
	const token = await request(
		sandbox.info.tokenEndpoint,
		{
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				client_id: sandbox.info.app.clientId,
				client_secret: sandbox.info.app.clientSecret,
				redirect_uri: N8N_CALLBACK,
				scope,
				code,
			}).toString(),
		},
		ca,
	);
	if (token.status !== 200) throw new Error(`code redemption failed with ${token.status}: ${token.text}`);
	const body = JSON.parse(token.text) as Record<string, unknown>;
	return {
		...customCloud(sandbox, environment),
		clientId: sandbox.info.app.clientId,
		clientSecret: sandbox.info.app.clientSecret,
		oauthTokenData: { ...body, n8n_expires_at: String(Date.now() + Number(body.expires_in) * 1000) },
	};
}
