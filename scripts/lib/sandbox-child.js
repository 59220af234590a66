'use strict';
/**
 * Child-process entry that runs the TypeScript sandbox (`sandbox/index.ts`) under tsx
 * (`node --import tsx scripts/lib/sandbox-child.js`). Options come as JSON in BC_SANDBOX_OPTIONS (plus
 * `ledgerEntries` for the large-ledger plugin);
 * once listening it prints one line `SANDBOX_READY <json>` with `{ baseUrl, info }`. SIGTERM/SIGINT stop it.
 */
const path = require('node:path');

async function main() {
	const { startSandbox } = require(path.join(__dirname, '..', '..', 'sandbox', 'index.ts'));
	const { ledgerEntries, ...options } = JSON.parse(process.env.BC_SANDBOX_OPTIONS || '{}');
	// `ledgerEntries`: serve a generated general ledger of that many entries (sandbox/bc/plugins/large-ledger.ts).
	const plugins = [];
	if (ledgerEntries !== undefined) {
		const { largeLedgerPlugin } = require(
			path.join(__dirname, '..', '..', 'sandbox', 'bc', 'plugins', 'large-ledger.ts'),
		);
		plugins.push(largeLedgerPlugin({ entries: ledgerEntries }));
	}
	const sandbox = await startSandbox({ quiet: true, ...options, plugins });
	process.stdout.write(
		`SANDBOX_READY ${JSON.stringify({ baseUrl: sandbox.baseUrl, info: sandbox.info, startupMs: sandbox.startupMs })}\n`,
	);
	const stop = () =>
		sandbox.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((error) => {
	process.stderr.write(`Sandbox failed to start: ${error.stack || error.message}\n`);
	process.exit(1);
});
