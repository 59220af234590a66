'use strict';
/**
 * The shared end-to-end stack: one real n8n (pinned 2.41.1 on Node 24) with this package installed as a
 * community package, one sandbox with a short access-token lifetime (so token refresh happens during the
 * suite), the example credentials and workflows imported, and an owner logged in through the REST API.
 * Started once by `scripts/e2e.js` before the test files run; stopped after them.
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT, RUNTIME_DIR } = require('../scripts/lib/n8n-runtime');
const { prepareStack } = require('../scripts/lib/stack');
const { startN8nServer } = require('../scripts/lib/n8n-server');
const { executeWorkflowCli } = require('../scripts/lib/n8n-cli');
const { N8nRestClient } = require('../scripts/lib/n8n-rest');
const { freePort } = require('../scripts/lib/free-port');
const { onShutdown } = require('../scripts/lib/shutdown');

/** Where screenshots and logs go (git-ignored). */
const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');
/** Access-token lifetime the sandbox issues during the suite, in seconds. */
const ACCESS_TOKEN_LIFETIME_SECONDS = 20;

/** @type {{ url: string, port: number, env: NodeJS.ProcessEnv, sandbox: any, credentials: any[], workflows: any[], rest: N8nRestClient, timings: Record<string, number> } | undefined} */
let stack;

/**
 * Start everything (idempotent).
 * @returns {Promise<NonNullable<typeof stack>>}
 */
async function startStack() {
	if (stack) return stack;
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const port = await freePort();
	const log = (line) => process.stderr.write(`# ${line}\n`);
	const prepared = await prepareStack({
		userFolder: path.join(RUNTIME_DIR, 'e2e'),
		port,
		fresh: true,
		sandboxOptions: { port: 0, accessTokenLifetimeSeconds: ACCESS_TOKEN_LIFETIME_SECONDS },
		log,
	});
	const started = Date.now();
	const server = await startN8nServer({
		env: { ...prepared.env, N8N_LOG_LEVEL: 'info' },
		port,
		logFile: path.join(ARTIFACTS_DIR, 'n8n-e2e.log'),
	});
	onShutdown('n8n', server.stop);
	prepared.timings.n8nStart = Date.now() - started;
	const rest = new N8nRestClient(server.url);
	await rest.setupOwner();
	await rest.login();
	stack = { ...prepared, url: server.url, port, rest };
	log(`n8n ${server.url}, sandbox ${prepared.sandbox.baseUrl}; set-up times (ms) ${JSON.stringify(prepared.timings)}`);
	return stack;
}

/** The started stack; throws when startStack() has not run. */
function getStack() {
	if (!stack) throw new Error('The e2e stack is not started (run the suite with npm run test:e2e)');
	return stack;
}

/** A credential of the imported examples by id. */
function credential(id) {
	const found = getStack().credentials.find((c) => c.id === id);
	if (!found) throw new Error(`No example credential with id ${id}`);
	return found;
}

/** An example workflow by file name prefix, e.g. '01-'. */
function workflow(prefix) {
	const found = getStack().workflows.find((w) => w.file.startsWith(prefix));
	if (!found) throw new Error(`No example workflow ${prefix}*`);
	return found.workflow;
}

/**
 * Run a workflow with `n8n execute --id --rawOutput` (the same database as the running server).
 * @returns {Promise<{ ok: boolean, run: any, ms: number, output: string }>} output: CLI text for failure messages
 */
async function executeWorkflow(id) {
	return executeWorkflowCli(id, getStack().env);
}

module.exports = {
	ARTIFACTS_DIR,
	ACCESS_TOKEN_LIFETIME_SECONDS,
	startStack,
	getStack,
	credential,
	workflow,
	executeWorkflow,
};
