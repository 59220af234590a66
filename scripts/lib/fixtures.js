'use strict';
/**
 * The example credentials and workflows shipped in `examples/`, made ready for import into n8n.
 *
 * Credential templates (`examples/credentials/*.json`) are arrays in n8n's `import:credentials` format
 * whose string values may hold placeholders `{{sandbox.<path>}}`, resolved against the sandbox's
 * `/sandbox/info` document (e.g. `{{sandbox.app.clientId}}`), or `{{n8n.<key>}}` (e.g. `{{n8n.baseUrl}}`).
 * n8n encrypts the plain `data` on import (n8n-io/n8n `packages/cli/src/commands/import/credentials.ts`).
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./n8n-runtime');

const CREDENTIALS_DIR = path.join(REPO_ROOT, 'examples', 'credentials');
const WORKFLOWS_DIR = path.join(REPO_ROOT, 'examples', 'workflows');

function lookup(root, dotted) {
	return dotted.split('.').reduce((value, key) => (value == null ? undefined : value[key]), root);
}

/**
 * Replace `{{scope.path}}` placeholders in every string of `value`.
 * @param {unknown} value JSON value
 * @param {Record<string, unknown>} scopes e.g. { sandbox: info, n8n: { baseUrl } }
 * @returns {unknown} a copy with placeholders replaced
 * @throws Error naming the placeholder when it does not resolve to a string or number
 */
function fillPlaceholders(value, scopes) {
	if (typeof value === 'string') {
		return value.replace(/\{\{\s*([a-zA-Z0-9_]+)\.([a-zA-Z0-9_.]+)\s*\}\}/g, (match, scope, dotted) => {
			const resolved = lookup(scopes[scope], dotted);
			if (typeof resolved !== 'string' && typeof resolved !== 'number') {
				throw new Error(
					`Credential template placeholder ${match} did not resolve (is the sandbox info missing "${dotted}"?)`,
				);
			}
			return String(resolved);
		});
	}
	if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, scopes));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, scopes)]));
	}
	return value;
}

/** Credential fields that hold a URL the credential sends its token or key to (or gets its token from). */
const URL_FIELDS = ['serverUrl', 'apiBaseUrl', 'authorityHost'];

/**
 * Turns on "Allow Unencrypted HTTP (Local Testing Only)" (`allowUnencryptedHttp`) for a credential whose URLs point
 * at a plain-HTTP sandbox (`npm run sandbox -- --http`, `startSandbox({ tls: false })`); without it the credential
 * refuses to send its token or access key over http://. Credentials with https:// URLs are returned unchanged.
 * @param {{ data?: Record<string, unknown> }} credential a filled template
 * @returns {object} the credential, with `data.allowUnencryptedHttp: true` when a URL field starts with http://
 */
function withPlainHttpSwitch(credential) {
	const data = credential.data ?? {};
	const plainHttp = URL_FIELDS.some((field) => typeof data[field] === 'string' && /^http:\/\//i.test(data[field]));
	return plainHttp ? { ...credential, data: { ...data, allowUnencryptedHttp: true } } : credential;
}

/**
 * Load every credential template and fill its placeholders; credentials for a plain-HTTP sandbox get the
 * local-testing switch (see {@link withPlainHttpSwitch}).
 * @param {Record<string, unknown>} scopes
 * @returns {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>}
 */
function loadCredentials(scopes) {
	return fs
		.readdirSync(CREDENTIALS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.flatMap((f) => JSON.parse(fs.readFileSync(path.join(CREDENTIALS_DIR, f), 'utf8')))
		.map((credential) => withPlainHttpSwitch(fillPlaceholders(credential, scopes)));
}

/**
 * Load the example workflows.
 * @returns {Array<{ file: string, workflow: any }>} sorted by file name
 */
function loadWorkflows() {
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) }));
}

module.exports = {
	CREDENTIALS_DIR,
	WORKFLOWS_DIR,
	fillPlaceholders,
	withPlainHttpSwitch,
	loadCredentials,
	loadWorkflows,
};
