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
const { prepareStack } = require('./lib/stack');
const { executeWorkflowCli } = require('./lib/n8n-cli');
const { summariseRun } = require('./lib/run-summary');
const { connectOAuthCredentials } = require('./lib/oauth-connect');
const { shutdown, handleSignals } = require('./lib/shutdown');

async function main() {
	const started = Date.now();
	handleSignals();
	const port = Number(process.env.DEMO_N8N_PORT || 5688);
	const notConnected = new Set();
	const { env, workflows, timings } = await prepareStack({
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
	for (const { file, workflow } of workflows) {
		const uses = workflow.nodes.flatMap((n) => Object.values(n.credentials ?? {}).map((c) => c.id));
		if (uses.some((id) => notConnected.has(id))) {
			console.log(`○ ${workflow.name} (${file}): skipped, its OAuth2 credential is not connected`);
			rows.push({ name: workflow.name, status: 'skipped' });
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
