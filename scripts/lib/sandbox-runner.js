'use strict';
/**
 * Start the BC + Entra sandbox (`sandbox/`, TypeScript) inside this Node process through tsx,
 * so the caller gets `{ baseUrl, info, control, stop() }` directly (no port or CA guessing).
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./n8n-runtime');

let unregister;

/**
 * @param {object} [options] passed to the sandbox's startSandbox() (e.g. { port, autoApprove, accessTokenLifetimeSeconds })
 * @returns {Promise<{ baseUrl: string, info: any, control: any, stop: () => Promise<void> }>}
 * @throws Error when `sandbox/index.ts` does not exist yet, naming the missing file
 */
async function startSandboxInProcess(options = {}) {
	const entry = ['index.ts', 'index.js'].map((f) => path.join(REPO_ROOT, 'sandbox', f)).find((f) => fs.existsSync(f));
	if (!entry) throw new Error('sandbox/index.ts is missing: the sandbox has not been built into this checkout yet.');
	if (!unregister) unregister = require('tsx/cjs/api').register();
	const { startSandbox } = require(entry);
	const sandbox = await startSandbox(options);
	return sandbox;
}

module.exports = { startSandboxInProcess };
