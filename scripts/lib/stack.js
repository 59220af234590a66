'use strict';
/**
 * The set-up shared by `npm start`, `npm run demo` and `npm run test:e2e`:
 * pinned n8n runtime → build + install this package into n8n → sandbox → example credentials and
 * workflows imported through n8n's CLI. Each step's time is recorded (ms).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureRuntime } = require('./n8n-runtime');
const { n8nEnv } = require('./n8n-env');
const { runN8nCliOrThrow } = require('./n8n-cli');
const { buildPackage, packPackage, installIntoN8n } = require('./package-install');
const { startSandboxInProcess } = require('./sandbox-runner');
const { loadCredentials, loadWorkflows } = require('./fixtures');
const { checkExamples } = require('./fixture-check');
const { onShutdown } = require('./shutdown');

/**
 * @param {object} options
 * @param {string} options.userFolder N8N_USER_FOLDER (created if missing)
 * @param {number} options.port n8n port
 * @param {boolean} [options.fresh] delete the user folder first (demo, e2e)
 * @param {object} [options.sandboxOptions] passed to startSandbox()
 * @param {(credentials: any[], sandbox: any) => Promise<any[]> | any[]} [options.adjustCredentials] last chance to change the credentials before import (e.g. add OAuth tokens)
 * @param {NodeJS.ProcessEnv} [options.envOverrides] extra n8n environment (e.g. queue mode's database and Redis)
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ env: NodeJS.ProcessEnv, sandbox: any, credentials: any[], workflows: Array<{file: string, workflow: any}>, timings: Record<string, number>, runtime: any }>}
 */
async function prepareStack({
	userFolder,
	port,
	fresh = false,
	sandboxOptions = {},
	adjustCredentials,
	envOverrides = {},
	log = console.log,
}) {
	const timings = {};
	const step = async (name, fn) => {
		const started = Date.now();
		const result = await fn();
		timings[name] = Date.now() - started;
		return result;
	};
	assertDevDependencies();
	const runtime = await step('runtime', () => ensureRuntime({ log }));
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });

	log('Building the package (npm run build) and installing it into n8n…');
	await step('build', () => buildPackage());
	const tarball = packPackage();
	try {
		await step('installPackage', () => installIntoN8n(userFolder, tarball));
	} finally {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}

	const sandbox = await step('sandbox', () => startSandboxInProcess(sandboxOptions));
	onShutdown('sandbox', () => sandbox.stop());
	log(`Sandbox (Business Central + Entra ID stand-in) on ${sandbox.baseUrl}`);

	const env = { ...n8nEnv({ userFolder, port, caCertPath: sandbox.info.caCertPath }), ...envOverrides };
	const scopes = { sandbox: sandbox.info, n8n: { baseUrl: `http://localhost:${port}` } };
	let credentials = loadCredentials(scopes);
	if (adjustCredentials) credentials = await adjustCredentials(credentials, sandbox);
	const workflows = loadWorkflows();
	const problems = checkExamples(credentials, workflows);
	if (problems.length) throw new Error(`The examples do not match the built package:\n  - ${problems.join('\n  - ')}`);

	const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-n8n-import-'));
	try {
		const credentialsFile = path.join(importDir, 'credentials.json');
		fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
		await step('importCredentials', () => runN8nCliOrThrow(['import:credentials', `--input=${credentialsFile}`], env));
		const workflowsDir = path.join(importDir, 'workflows');
		fs.mkdirSync(workflowsDir);
		for (const { file, workflow } of workflows)
			fs.writeFileSync(path.join(workflowsDir, file), JSON.stringify(workflow));
		await step('importWorkflows', () =>
			runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], env),
		);
		// n8n 2 runs a sub-workflow's published version only: publish the examples called by another one (25).
		for (const { workflow } of workflows.filter(({ workflow }) => isSubWorkflow(workflow)))
			await step(`publish ${workflow.id}`, () => runN8nCliOrThrow(['publish:workflow', `--id=${workflow.id}`], env));
	} finally {
		fs.rmSync(importDir, { recursive: true, force: true });
	}
	log(`Imported ${credentials.length} credentials and ${workflows.length} example workflows.`);
	return { env, sandbox, credentials, workflows, timings, runtime };
}

/** Whether a workflow starts with n8n's "When Executed by Another Workflow" trigger (a sub-workflow). */
function isSubWorkflow(workflow) {
	return workflow.nodes.some((n) => n.type === 'n8n-nodes-base.executeWorkflowTrigger');
}

/**
 * The build and the sandbox need the project's dev dependencies (typescript, gulp, tsx, …).
 * @throws Error telling to run `npm install` when they are missing
 */
function assertDevDependencies() {
	const { REPO_ROOT } = require('./n8n-runtime');
	for (const name of ['typescript', 'tsx', 'gulp', 'rimraf']) {
		if (!fs.existsSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'))) {
			throw new Error(
				`The project's dev dependencies are not installed (${name} is missing): run "npm install" in ${REPO_ROOT} first.`,
			);
		}
	}
}

module.exports = { prepareStack, isSubWorkflow };
