#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e:queue`: the node in n8n's queue mode (main, webhook processor, two workers, Redis, PostgreSQL),
 * node:test suites in e2e-queue/*.test.js sharing one stack (e2e-queue/harness.js). Needs Debian's `redis-server`
 * and `postgresql` (`.ci/run` installs them) and the pinned n8n runtime (installed when missing).
 */
const fs = require('node:fs');
const path = require('node:path');
const { before, after } = require('node:test');
const { startQueueStack } = require('../e2e-queue/harness');
const { shutdown, handleSignals } = require('./lib/shutdown');

const dir = path.join(__dirname, '..', 'e2e-queue');
const only = process.argv.slice(2);
const files = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.test.js'))
	.sort()
	.filter((f) => !only.length || only.some((o) => f.includes(o)));
if (!files.length) {
	process.stderr.write(`No queue-mode test file matches ${only.join(', ')} (files: e2e-queue/*.test.js)\n`);
	process.exit(1);
}

handleSignals({ log: (line) => process.stderr.write(`${line}\n`) });
const started = Date.now();
before(() => startQueueStack(), { timeout: 30 * 60_000 });
after(async () => {
	await shutdown();
	process.stderr.write(`# queue-mode suite wall time ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

for (const file of files) require(path.join(dir, file));
