#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: end-to-end tests in a real n8n (pinned 2.41.1, started here) and a real browser
 * (Debian's Chromium through playwright-core), against the sandbox. Uses node's built-in test runner,
 * so the summary (`# tests`, `# pass`, `# fail`) is the standard one and the exit code is non-zero on failure.
 * Test files: e2e/*.test.js, run in this process in name order, sharing one stack (e2e/harness.js).
 * Screenshots and n8n's log: test-artifacts/.
 */
const fs = require('node:fs');
const path = require('node:path');
const { before, after } = require('node:test');
const { startStack } = require('../e2e/harness');
const { shutdown, handleSignals } = require('./lib/shutdown');

const dir = path.join(__dirname, '..', 'e2e');
const only = process.argv.slice(2);
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.test.js'))
	.sort()
	.filter((f) => !only.length || only.some((o) => f.includes(o)));
if (!files.length) {
	process.stderr.write(`No e2e test file matches ${only.join(', ')} (files: e2e/*.test.js)\n`);
	process.exit(1);
}

handleSignals({ log: (line) => process.stderr.write(`${line}\n`) });
const started = Date.now();
before(() => startStack(), { timeout: 30 * 60_000 });
after(async () => {
	await shutdown();
	process.stderr.write(`# e2e suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

for (const file of files) require(path.join(dir, file));
