'use strict';
/**
 * Build this package and install it into an n8n user folder the way users install community
 * packages: an npm package in `<N8N_USER_FOLDER>/.n8n/nodes/node_modules/n8n-nodes-business-central`
 * (loaded by n8n's PackageDirectoryLoader, so node types are `n8n-nodes-business-central.<name>`;
 * n8n-io/n8n `packages/cli/src/load-nodes-and-credentials.ts`). We install the `npm pack` tarball, i.e. exactly what would be published.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO_ROOT, RUNTIME_DIR, run } = require('./n8n-runtime');

const PACKAGE_NAME = require(path.join(REPO_ROOT, 'package.json')).name;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * `npm run build` in the repository (tsc + icons into dist/).
 * @param {{ quiet?: boolean }} [options] quiet: capture output, print it only on failure
 * @throws Error when the build fails (with its output)
 */
async function buildPackage({ quiet = true } = {}) {
	try {
		execFileSync(npm, ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: quiet ? 'pipe' : 'inherit' });
	} catch (error) {
		const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
		throw new Error(`npm run build failed:\n${output.split('\n').slice(-30).join('\n')}`);
	}
}

/**
 * `npm pack` into a fresh folder under `.n8n-runtime/pack/` (one per call, so concurrent start/demo/e2e runs
 * do not delete each other's tarball). The caller may delete the folder after installing.
 * @returns {string} absolute path of the tarball
 */
function packPackage() {
	fs.mkdirSync(path.join(RUNTIME_DIR, 'pack'), { recursive: true });
	const destination = fs.mkdtempSync(path.join(RUNTIME_DIR, 'pack', `${process.pid}-`));
	const out = execFileSync(npm, ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [{ filename }] = JSON.parse(out);
	return path.join(destination, path.basename(filename));
}

/**
 * Install the tarball into `<userFolder>/.n8n/nodes`. Skips npm when the same tarball (by SHA-256) is already installed.
 * @param {string} userFolder the N8N_USER_FOLDER
 * @param {string} tarball from packPackage()
 * @returns {Promise<{ installedNow: boolean, packageDir: string }>}
 */
async function installIntoN8n(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	const stampFile = path.join(nodesDir, '.business-central-tarball.sha256');
	const sha = crypto.createHash('sha256').update(fs.readFileSync(tarball)).digest('hex');
	if (fs.existsSync(packageDir) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === sha) {
		return { installedNow: false, packageDir };
	}
	fs.mkdirSync(nodesDir, { recursive: true });
	const stable = path.join(nodesDir, `${PACKAGE_NAME}.tgz`);
	fs.copyFileSync(tarball, stable);
	const manifestPath = path.join(nodesDir, 'package.json');
	const manifest = fs.existsSync(manifestPath)
		? JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...manifest.dependencies, [PACKAGE_NAME]: `file:./${PACKAGE_NAME}.tgz` };
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
	fs.rmSync(packageDir, { recursive: true, force: true });
	const logStream = fs.createWriteStream(path.join(nodesDir, 'npm-install.log'), { flags: 'a' });
	await run(
		npm,
		['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--package-lock=false'],
		{ cwd: nodesDir, env: { ...process.env, npm_config_yes: 'true' }, logStream },
	);
	logStream.end();
	fs.writeFileSync(stampFile, sha);
	return { installedNow: true, packageDir };
}

module.exports = { PACKAGE_NAME, buildPackage, packPackage, installIntoN8n };
