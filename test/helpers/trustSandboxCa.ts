/**
 * Makes this process trust the sandbox CA for every TLS connection (n8n's axios agents, msal-node).
 *
 * NODE_EXTRA_CA_CERTS (set by test/global-setup.ts) only reaches jest workers spawned after global setup; when jest
 * runs in band (a single test file), the current process started without it. Adding the CA to every new secure
 * context has the same effect at run time. Test-only: the product never touches TLS trust.
 */
import * as fs from 'node:fs';
import tls from 'node:tls';

let installed = false;

/** Adds the PEM CA at `caCertPath` to every TLS context created from now on (idempotent). */
export function trustSandboxCa(caCertPath: string): void {
	if (installed) return;
	installed = true;
	const caPem = fs.readFileSync(caCertPath, 'utf8');
	const original = tls.createSecureContext;
	tls.createSecureContext = (options) => {
		const context = original(options);
		(context.context as { addCACert(pem: string): void }).addCACert(caPem);
		return context;
	};
}
