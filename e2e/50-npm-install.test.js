'use strict';
/**
 * The README's "With npm" install, exactly as written there, into a fresh n8n user folder: the command is read
 * from the README (Install section) with the package name replaced by the `npm pack` tarball, and run in
 * `<user folder>/.n8n/nodes`. Then:
 * - no second `n8n-workflow` may be installed next to the package (npm 7+ installs peer dependencies unless told
 *   not to; n8n's own editor install strips `peerDependencies` before `npm install`, and n8n puts its own
 *   node_modules on NODE_PATH, so a package without its own copy uses n8n's);
 * - a real n8n (CLI `execute`, under the pinned runtime, loading the package from that folder) runs a workflow
 *   whose Business Central node fails with 404 `Internal_RecordNotFound` under "Continue On Fail", and BC's error
 *   code, the CorrelationId and the HTTP code must still be on the error item. With two copies of n8n-workflow,
 *   n8n-core does not recognise the node's NodeApiError (`instanceof` fails across copies) and re-wraps it,
 *   which drops them.
 * Uses the shared stack's sandbox and build (e2e/harness.js); n8n gets its own user folder under the OS temp
 * directory (npm must not find a package.json above `nodes/` and install there instead).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, describe, it } = require('node:test');
const { ARTIFACTS_DIR, getStack } = require('./harness');
const { PACKAGE_NAME, packPackage } = require('../scripts/lib/package-install');
const { REPO_ROOT, run } = require('../scripts/lib/n8n-runtime');
const { n8nEnv } = require('../scripts/lib/n8n-env');
const { executeWorkflowCli, runN8nCliOrThrow } = require('../scripts/lib/n8n-cli');
const { freePort } = require('../scripts/lib/free-port');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MISSING_ID = '0badc0de-0000-4000-8000-000000000404';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The npm arguments of the README's install command (the line `npm install … n8n-nodes-business-central` in the
 * Install section), without the package name.
 */
function readmeInstallArguments() {
	const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
	const install = readme.slice(readme.indexOf('## Install'));
	const line = install.split('\n').find((l) => new RegExp(`^npm (install|i) .*\\b${PACKAGE_NAME}\\s*$`).test(l.trim()));
	assert.ok(line, `the README's Install section has an "npm install … ${PACKAGE_NAME}" line`);
	const words = line.trim().split(/\s+/);
	return words.slice(1, -1);
}

/** Every installed copy of `name` under a node_modules folder (nested ones included). */
function installedCopies(nodeModules, name, found = []) {
	if (!fs.existsSync(nodeModules)) return found;
	for (const entry of fs.readdirSync(nodeModules, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		const dir = path.join(nodeModules, entry.name);
		const packages = entry.name.startsWith('@')
			? fs.readdirSync(dir, { withFileTypes: true }).map((e) => [`${entry.name}/${e.name}`, path.join(dir, e.name)])
			: [[entry.name, dir]];
		for (const [packageName, packageDir] of packages) {
			if (packageName === name && fs.existsSync(path.join(packageDir, 'package.json'))) found.push(packageDir);
			installedCopies(path.join(packageDir, 'node_modules'), name, found);
		}
	}
	return found;
}

/** Bytes and package count of a node_modules folder. */
function footprint(dir) {
	let bytes = 0;
	const walk = (d) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) walk(p);
			else if (entry.isFile()) bytes += fs.statSync(p).size;
		}
	};
	walk(dir);
	const packages = fs.readdirSync(dir).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(dir, n)) : [n]));
	return { megabytes: Math.round(bytes / 1e6), packages: packages.filter((n) => !n.startsWith('.')).length };
}

/** npm's environment without anything that changes how peer dependencies are handled (only the README's flags count). */
function plainNpmEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_config_(omit|include|legacy_peer_deps|strict_peer_deps|install_strategy|global|prefix)$/i.test(key))
			delete env[key];
	}
	return env;
}

const CONTINUE_NODE = 'Get missing customer (continue)';
const STOP_NODE = 'Get missing customer (stop)';
const CREDENTIAL_REF = { id: 'bcNpmInstallS2S1', name: 'BC sandbox (npm install)' };

/** A Business Central Get of a customer id that does not exist (BC answers 404 Internal_RecordNotFound). */
function getMissingCustomer(name, companyId, index, extra) {
	return {
		parameters: {
			authentication: 'businessCentralClientCredentialsApi',
			resource: 'record',
			operation: 'get',
			company: { __rl: true, mode: 'id', value: companyId },
			entitySet: { __rl: true, mode: 'name', value: 'customers' },
			recordId: MISSING_ID,
		},
		id: `0a4b7e52-1c6d-4f0e-9a3b-5d2c1e0f9a0${index}`,
		name,
		type: `${PACKAGE_NAME}.businessCentral`,
		typeVersion: 1,
		position: [220 * index, 0],
		credentials: { businessCentralClientCredentialsApi: CREDENTIAL_REF },
		...extra,
	};
}

/**
 * Manual Trigger → Get (Continue On Fail: the error becomes an item) → Get (stops the run). Both paths matter:
 * n8n-core's RoutingNode passes a Continue On Fail item through untouched, but re-wraps a thrown error that is
 * not `instanceof` its own NodeApiError, losing the context (BC code, CorrelationId) and the HTTP code.
 */
function workflowJson(companyId) {
	return {
		id: 'bcNpmInstall0001',
		name: 'e2e: README npm install keeps BC errors intact',
		nodes: [
			{
				parameters: {},
				id: '0a4b7e52-1c6d-4f0e-9a3b-5d2c1e0f9a00',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			getMissingCustomer(CONTINUE_NODE, companyId, 1, { onError: 'continueRegularOutput' }),
			getMissingCustomer(STOP_NODE, companyId, 2, {}),
		],
		connections: {
			Start: { main: [[{ node: CONTINUE_NODE, type: 'main', index: 0 }]] },
			[CONTINUE_NODE]: { main: [[{ node: STOP_NODE, type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Asserts that a serialised node error (as in the execution data) still carries BC's code and CorrelationId.
 * Accepted places: machine-readable fields on the item (`json.details`), the error's context, and for the
 * CorrelationId also the description ("CorrelationId: <guid>").
 */
function assertBcErrorIntact(where, error, json = {}, { requireHttpCode = false } = {}) {
	const evidence = `${where}:\n${JSON.stringify({ json, error }, null, 1).slice(0, 3000)}`;
	assert.match(String(error.message ?? json.error), /^Internal_RecordNotFound: /, evidence);
	assert.equal(error.name, 'NodeApiError', `n8n kept the node's NodeApiError. ${evidence}`);
	const bcErrorCode = json.details?.bcErrorCode ?? error.context?.bcErrorCode;
	assert.equal(bcErrorCode, 'Internal_RecordNotFound', `BC's error code is kept. ${evidence}`);
	const correlationId =
		json.details?.correlationId ??
		error.context?.correlationId ??
		/CorrelationId: ([0-9a-f-]{36})/i.exec(String(error.description ?? ''))?.[1];
	assert.match(String(correlationId), GUID, `the CorrelationId is kept. ${evidence}`);
	// n8n's error serialisation (ExecutionBaseError.toJSON) leaves httpCode out of the execution data; where it is
	// there (json.details from the node, or a future n8n), it must be BC's 404 and not a re-wrapper's 'none'.
	const httpCode = json.details?.httpStatus ?? error.httpCode;
	if (httpCode !== undefined || requireHttpCode)
		assert.equal(String(httpCode), '404', `the HTTP code is kept. ${evidence}`);
}

describe("the README's npm install", { timeout: 10 * 60_000 }, () => {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-e2e-npm-install-'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const timings = {};
	let installed = false;
	after(() => {
		fs.rmSync(userFolder, { recursive: true, force: true });
		process.stderr.write(`# README npm install test timings (ms) ${JSON.stringify(timings)}\n`);
	});

	it('installs the package without a second n8n-workflow', async () => {
		const args = readmeInstallArguments();
		const tarball = packPackage();
		fs.mkdirSync(nodesDir, { recursive: true });
		const logFile = path.join(ARTIFACTS_DIR, 'npm-install-readme.log');
		const logStream = fs.createWriteStream(logFile);
		const started = Date.now();
		try {
			await run(npm, [...args, '--no-audit', '--no-fund', tarball], { cwd: nodesDir, env: plainNpmEnv(), logStream });
		} finally {
			logStream.end();
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		}
		timings.npmInstall = Date.now() - started;
		const nodeModules = path.join(nodesDir, 'node_modules');
		assert.ok(
			fs.existsSync(path.join(nodeModules, PACKAGE_NAME, 'package.json')),
			`npm ${args.join(' ')} installed ${PACKAGE_NAME} into nodes/node_modules (log: ${logFile})`,
		);
		assert.deepEqual(
			installedCopies(nodeModules, 'n8n-workflow').map((p) => path.relative(nodesDir, p)),
			[],
			`npm ${args.join(' ')} must not install n8n-workflow (a peer dependency) next to the package`,
		);
		installed = true;
		const { megabytes, packages } = footprint(nodeModules);
		process.stderr.write(`# npm ${args.join(' ')}: nodes/node_modules ${megabytes} MB, ${packages} packages\n`);
	});

	it("keeps BC's error code and CorrelationId, on a Continue On Fail error item and on an error that stops the run", async () => {
		assert.ok(installed, "the package was installed the README's way (previous test)");
		const { sandbox } = getStack();
		const env = n8nEnv({ userFolder, port: await freePort(), caCertPath: sandbox.info.caCertPath });
		const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-e2e-npm-import-'));
		let started = Date.now();
		try {
			const credentialsFile = path.join(importDir, 'credentials.json');
			const credential = {
				id: 'bcNpmInstallS2S1',
				name: 'BC sandbox (npm install)',
				type: 'businessCentralClientCredentialsApi',
				data: {
					cloud: 'custom',
					authorityHost: sandbox.info.authorityHost,
					apiBaseUrl: sandbox.info.apiBaseUrl,
					tenantId: sandbox.info.tenantId,
					clientId: sandbox.info.app.clientId,
					clientAuthentication: 'secret',
					clientSecret: sandbox.info.app.clientSecret,
					environment: 'production',
				},
			};
			fs.writeFileSync(credentialsFile, JSON.stringify([credential]), { mode: 0o600 });
			await runN8nCliOrThrow(['import:credentials', `--input=${credentialsFile}`], env);
			const workflowFile = path.join(importDir, 'workflow.json');
			fs.writeFileSync(workflowFile, JSON.stringify(workflowJson(sandbox.info.companies.production[0].id)));
			await runN8nCliOrThrow(['import:workflow', `--input=${workflowFile}`], env);
		} finally {
			fs.rmSync(importDir, { recursive: true, force: true });
		}
		timings.n8nImport = Date.now() - started;

		started = Date.now();
		const result = await executeWorkflowCli('bcNpmInstall0001', env);
		timings.n8nExecute = Date.now() - started;
		const runData = result.run?.data?.resultData?.runData;
		assert.ok(runData?.[CONTINUE_NODE], `${CONTINUE_NODE} ran:\n${result.output}`);
		const continued = runData[CONTINUE_NODE].at(-1).data?.main?.[0]?.[0];
		// The error item: json.error (message) and json.details (outcome, httpStatus, bcErrorCode, correlationId).
		const evidence = JSON.stringify(continued, null, 1).slice(0, 3000);
		assert.match(
			String(continued?.json?.error),
			/^Internal_RecordNotFound: /,
			`${CONTINUE_NODE} output an error item: ${evidence}`,
		);
		assert.equal(continued.json.details?.bcErrorCode, 'Internal_RecordNotFound', evidence);
		assert.match(String(continued.json.details?.correlationId), GUID, evidence);
		assert.equal(continued.json.details?.httpStatus, 404, evidence);
		assert.equal(continued.json.details?.outcome, 'failed', evidence);

		assert.equal(result.ok, false, `${STOP_NODE} stops the run`);
		const stopError = result.run.data.resultData.error;
		assert.equal(result.run.data.resultData.lastNodeExecuted, STOP_NODE);
		// The run's error is stored with all its fields (httpCode included).
		assertBcErrorIntact(`${STOP_NODE}: the run's error`, stopError, {}, { requireHttpCode: true });
		assertBcErrorIntact(`${STOP_NODE}: the node's error`, runData[STOP_NODE].at(-1).error);
	});
});
