'use strict';
/**
 * Child-process entry that runs the TypeScript sandbox (`sandbox/index.ts`) under tsx
 * (`node --import tsx scripts/lib/sandbox-child.js`). Options come as JSON in BC_SANDBOX_OPTIONS;
 * once listening it prints one line `SANDBOX_READY <json>` with `{ baseUrl, info }`. SIGTERM/SIGINT stop it.
 */
const path = require('node:path');

async function main() {
	const { startSandbox } = require(path.join(__dirname, '..', '..', 'sandbox', 'index.ts'));
	const options = JSON.parse(process.env.BC_SANDBOX_OPTIONS || '{}');
	const sandbox = await startSandbox({ quiet: true, ...options });
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
