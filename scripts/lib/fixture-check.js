'use strict';
/**
 * Drift check between the examples and the built package (dist/): every field of a credential template
 * and every top-level parameter of a Business Central node in an example workflow must exist in the
 * credential type / node description. n8n silently ignores unknown names (an unknown credential field
 * becomes an empty value at run time), so we fail early and name the field instead.
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./n8n-runtime');

/** Fields every `extends: ['oAuth2Api']` credential has (n8n-io/n8n `packages/nodes-base/credentials/OAuth2Api.credentials.ts`) plus the token store. */
const OAUTH2_PARENT_FIELDS = [
	'clientId',
	'clientSecret',
	'authUrl',
	'accessTokenUrl',
	'scope',
	'authQueryParameters',
	'authentication',
	'grantType',
	'oauthTokenData',
];

function loadClasses(dir, suffix) {
	const out = new Map();
	if (!fs.existsSync(dir)) return out;
	for (const file of fs.readdirSync(dir, { recursive: true })) {
		if (!String(file).endsWith(suffix)) continue;
		const mod = require(path.join(dir, String(file)));
		for (const Exported of Object.values(mod)) {
			if (typeof Exported !== 'function') continue;
			try {
				const instance = new Exported();
				out.set(instance.name ?? instance.description?.name, instance);
			} catch {
				// best effort: ignored
			}
		}
	}
	return out;
}

/**
 * @param {Array<{ name: string, type: string, data: object }>} credentials filled templates
 * @param {Array<{ file: string, workflow: any }>} workflows
 * @returns {string[]} problems, each naming the example, the field and the fix; empty when all is well
 */
function checkExamples(credentials, workflows) {
	const problems = [];
	const types = loadClasses(path.join(REPO_ROOT, 'dist', 'credentials'), '.credentials.js');
	for (const c of credentials) {
		const type = types.get(c.type);
		if (!type) {
			problems.push(`credential "${c.name}": type ${c.type} is not in dist/credentials (run npm run build)`);
			continue;
		}
		const known = new Set(type.properties.map((p) => p.name));
		if ((type.extends ?? []).includes('oAuth2Api')) OAUTH2_PARENT_FIELDS.forEach((f) => known.add(f));
		for (const field of Object.keys(c.data ?? {})) {
			if (!known.has(field))
				problems.push(
					`credential "${c.name}": field "${field}" is not a property of ${c.type} (known: ${[...known].join(', ')}); fix examples/credentials/`,
				);
		}
	}
	const nodes = loadClasses(path.join(REPO_ROOT, 'dist', 'nodes'), '.node.js');
	for (const { file, workflow } of workflows) {
		for (const node of workflow.nodes) {
			const [pkg, name] = node.type.split('.');
			if (pkg !== 'n8n-nodes-business-central') continue;
			const description = nodes.get(name)?.description;
			if (!description) {
				problems.push(`${file}: node type ${node.type} is not in dist/nodes`);
				continue;
			}
			const known = new Set(description.properties.map((p) => p.name));
			// n8n adds Poll Times to every polling node (n8n-core nodes-loader).
			if (description.polling) known.add('pollTimes');
			for (const parameter of Object.keys(node.parameters ?? {})) {
				if (!known.has(parameter))
					problems.push(
						`${file} node "${node.name}": parameter "${parameter}" is not in the node description; fix examples/workflows/`,
					);
			}
			for (const credentialType of Object.keys(node.credentials ?? {})) {
				if (!description.credentials.some((c) => c.name === credentialType))
					problems.push(`${file} node "${node.name}": credential type ${credentialType} is not accepted by the node`);
			}
		}
	}
	return problems;
}

module.exports = { checkExamples };
