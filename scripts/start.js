#!/usr/bin/env node
'use strict';
/**
 * `npm start`: run the product locally.
 * Pinned Node 24 + n8n 2.41.1 (installed once into .n8n-runtime/) → build + install this package into n8n
 * → the BC + Entra sandbox → one credential of each type and the example workflows imported → n8n editor.
 * Prints the editor URL and the owner login. Ctrl-C stops n8n and the sandbox.
 *
 * Environment: N8N_PORT (default 5678), SANDBOX_PORT (default: the sandbox's own default),
 * N8N_USER_FOLDER (default .n8n-runtime/user).
 */
const path = require('node:path');
const { RUNTIME_DIR } = require('./lib/n8n-runtime');
const { prepareStack } = require('./lib/stack');
const { startN8nServer } = require('./lib/n8n-server');
const { N8nRestClient, OWNER } = require('./lib/n8n-rest');
const { onShutdown, shutdown, handleSignals, isShuttingDown } = require('./lib/shutdown');
const { assertPortFree } = require('./lib/free-port');

async function main() {
	const started = Date.now();
	handleSignals();
	const port = Number(process.env.N8N_PORT || 5678);
	const userFolder = path.resolve(process.env.N8N_USER_FOLDER || path.join(RUNTIME_DIR, 'user'));
	const sandboxOptions = { autoApprove: false };
	if (process.env.SANDBOX_PORT) sandboxOptions.port = Number(process.env.SANDBOX_PORT);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`N8N_PORT must be a port number 1..65535, got '${process.env.N8N_PORT}'`);
	await assertPortFree(port, 'n8n (set N8N_PORT)');
	await assertPortFree(sandboxOptions.port ?? 7048, 'the sandbox (set SANDBOX_PORT)');

	const { env, sandbox, credentials, workflows, timings, runtime } = await prepareStack({
		userFolder,
		port,
		sandboxOptions,
	});

	console.log(`Starting n8n on port ${port} (log: ${path.join(userFolder, 'n8n.log')})…`);
	const serverStarted = Date.now();
	const server = await startN8nServer({
		env: { ...env, N8N_LOG_LEVEL: 'info' },
		port,
		logFile: path.join(userFolder, 'n8n.log'),
	});
	onShutdown('n8n', server.stop);
	timings.n8nStart = Date.now() - serverStarted;

	const rest = new N8nRestClient(server.url);
	const createdOwner = await rest.setupOwner();
	const total = Date.now() - started;
	const info = sandbox.info;

	console.log(`
────────────────────────────────────────────────────────────────────────
 n8n with the Business Central node is ready (${(total / 1000).toFixed(1)} s${runtime.installedNow ? ', including the one-time n8n install' : ''})

   Editor:    ${server.url}
   Login:     ${OWNER.email}  /  ${OWNER.password}${createdOwner ? '   (owner created now)' : ''}

 Credentials (pointing at the sandbox):
${credentials.map((c) => `   • ${c.name}  [${c.type}]`).join('\n')}
   The OAuth2 (delegated) one needs a click on "Connect" in its dialog; sign in on the
   sandbox's page as ${info.user?.userName ?? '(see sandbox info)'} / ${info.user?.password ?? ''}

 Example workflows (Overview → Workflows):
${workflows.map((w) => `   • ${w.workflow.name}`).join('\n')}

 Sandbox (Business Central online + Entra ID stand-in): ${sandbox.baseUrl}
   info: ${sandbox.baseUrl}/sandbox/info     CA certificate: ${info.caCertPath}

 Timings (s): ${Object.entries(timings)
		.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
		.join(', ')}
 Press Ctrl-C to stop n8n and the sandbox.
────────────────────────────────────────────────────────────────────────`);

	server.exited.then(async ({ code, signal }) => {
		if (isShuttingDown()) return;
		console.error(`n8n stopped unexpectedly (${code ?? signal}); see ${path.join(userFolder, 'n8n.log')}`);
		await shutdown();
		process.exit(1);
	});
}

main().catch(async (error) => {
	console.error(`\nnpm start failed: ${error.message}`);
	await shutdown();
	process.exit(1);
});
