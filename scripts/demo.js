#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: the same set-up as `npm start`, without the editor. Every example workflow runs through
 * n8n's CLI (`n8n execute --id=<id> --rawOutput`) against the sandbox; per workflow the nodes, their item
 * counts and times are printed. Exits 1 when any workflow fails.
 *
 * The delegated OAuth2 credential is connected programmatically first (authorization-code grant against
 * the sandbox with its sign-in auto-approved); when that is impossible, its workflows are skipped with a note.
 *
 * Environment: DEMO_N8N_PORT (default 5688; only used for the OAuth redirect URL, no server runs).
 */
const path = require('node:path');
const { RUNTIME_DIR } = require('./lib/n8n-runtime');
const { prepareStack, isSubWorkflow } = require('./lib/stack');
const { executeWorkflowCli } = require('./lib/n8n-cli');
const { summariseRun } = require('./lib/run-summary');
const { connectOAuthCredentials } = require('./lib/oauth-connect');
const { shutdown, handleSignals, onShutdown } = require('./lib/shutdown');
const { startN8nServer } = require('./lib/n8n-server');
const { N8nRestClient } = require('./lib/n8n-rest');
const {
	BcClient,
	activateWorkflow,
	deactivateWorkflow,
	executionIds,
	isTriggerWorkflow,
	waitForItems,
	waitForSubscription,
} = require('./lib/trigger-run');

/**
 * Trigger workflows cannot run with `n8n execute` (it needs a manual trigger): start the n8n server, activate each,
 * change a customer in the sandbox, wait for the execution the trigger starts, deactivate.
 * @returns {Promise<Array<{ name: string, status: string, ms: number }>>}
 */
async function runTriggerWorkflows(triggerWorkflows, { env, port, sandbox }) {
	const rows = [];
	const server = await startN8nServer({ env, port, logFile: path.join(RUNTIME_DIR, 'demo', 'n8n-demo.log') });
	onShutdown('n8n', server.stop);
	const rest = new N8nRestClient(server.url);
	await rest.setupOwner();
	await rest.login();
	await sandbox.control.request('PATCH', '/sandbox/webhooks/settings', { delayMs: 500 });
	const bc = new BcClient(sandbox.info);
	for (const { file, workflow } of triggerWorkflows) {
		const started = Date.now();
		let ok = false;
		let detail = '';
		try {
			const known = await executionIds(rest, workflow.id);
			await activateWorkflow(rest, workflow.id);
			const trigger = workflow.nodes.find((n) => n.type.endsWith('.businessCentralTrigger'));
			if (trigger.parameters.mode !== 'polling') await waitForSubscription(sandbox, `/${trigger.webhookId}/`);
			const customer = await bc.createCustomer(`Demo ${file}`);
			const node = trigger.name;
			const { items } = await waitForItems(
				rest,
				workflow.id,
				node,
				known,
				(list) => list.some((i) => i.id === customer.id) || (/polling/.test(file) && list.length > 0),
				{ timeoutMs: 150_000 },
			);
			detail = `${items.length} items (${[...new Set(items.map((i) => `${i.changeType}/${i.source}`))].join(', ')})`;
			ok = true;
		} catch (error) {
			detail = `ERROR: ${error.message}`;
		} finally {
			await deactivateWorkflow(rest, workflow.id).catch(() => undefined);
		}
		const ms = Date.now() - started;
		console.log(`${ok ? '✔' : '✘'} ${workflow.name} (${file}, activated) ${(ms / 1000).toFixed(1)} s`);
		console.log(`    ${detail}`);
		rows.push({ name: workflow.name, status: ok ? 'ok' : 'failed', ms });
	}
	return rows;
}

async function main() {
	const started = Date.now();
	handleSignals();
	const port = Number(process.env.DEMO_N8N_PORT || 5688);
	const notConnected = new Set();
	const { env, workflows, timings, sandbox } = await prepareStack({
		userFolder: path.join(RUNTIME_DIR, 'demo'),
		port,
		fresh: true,
		sandboxOptions: { port: 0, autoApprove: true },
		adjustCredentials: async (credentials, sandbox) => {
			const result = await connectOAuthCredentials(credentials, sandbox, {
				redirectUri: `http://localhost:${port}/rest/oauth2-credential/callback`,
			});
			for (const c of result.skipped) {
				console.log(
					`Note: credential "${c.name}" could not be connected programmatically (${c.reason}); its workflows are skipped.`,
				);
				notConnected.add(c.id);
			}
			return result.credentials;
		},
	});
	console.log(
		`Set-up: ${Object.entries(timings)
			.map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
			.join(', ')}\n`,
	);

	let failures = 0;
	const rows = [];
	const triggerWorkflows = workflows.filter(({ workflow }) => isTriggerWorkflow(workflow));
	for (const { file, workflow } of workflows.filter(({ workflow }) => !isTriggerWorkflow(workflow))) {
		const uses = workflow.nodes.flatMap((n) => Object.values(n.credentials ?? {}).map((c) => c.id));
		if (uses.some((id) => notConnected.has(id))) {
			console.log(`○ ${workflow.name} (${file}): skipped, its OAuth2 credential is not connected`);
			rows.push({ name: workflow.name, status: 'skipped' });
			continue;
		}
		if (isSubWorkflow(workflow)) {
			console.log(`○ ${workflow.name} (${file}): a sub-workflow, run by the workflow that calls it`);
			continue;
		}
		const { ok, run, ms, output } = await executeWorkflowCli(workflow.id, env);
		console.log(`${ok ? '✔' : '✘'} ${workflow.name} (${file}) ${(ms / 1000).toFixed(1)} s`);
		if (run) {
			for (const node of summariseRun(run)) {
				console.log(
					`    ${node.node.padEnd(40)} ${String(node.items).padStart(6)} items ${String(node.ms).padStart(6)} ms${node.error ? `  ERROR: ${node.error}` : ''}`,
				);
			}
		}
		if (!ok) {
			failures++;
			console.log(output.split('\n').slice(-12).join('\n').replace(/^/gm, '    | '));
		}
		rows.push({ name: workflow.name, status: ok ? 'ok' : 'failed', ms });
	}
	if (triggerWorkflows.length) {
		const triggerRows = await runTriggerWorkflows(triggerWorkflows, { env, port, sandbox });
		failures += triggerRows.filter((r) => r.status === 'failed').length;
		rows.push(...triggerRows);
	}
	const ran = rows.filter((r) => r.status !== 'skipped').length;
	console.log(
		`\n${ran - failures}/${ran} workflows succeeded${rows.length > ran ? `, ${rows.length - ran} skipped` : ''}; total ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	await shutdown();
	process.exit(failures ? 1 : 0);
}

main().catch(async (error) => {
	console.error(`\nnpm run demo failed: ${error.message}`);
	await shutdown();
	process.exit(1);
});
