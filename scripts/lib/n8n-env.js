'use strict';
/**
 * Environment variables for every n8n process we start (server and CLI), so that the server,
 * `import:*` and `execute` share one user folder, one database and one encryption key.
 * Variable names: https://docs.n8n.io/hosting/configuration/environment-variables/.
 */
const path = require('node:path');

/**
 * @param {object} options
 * @param {string} options.userFolder absolute path; n8n keeps its data in `<userFolder>/.n8n`
 * @param {number} options.port editor/REST port (e.g. 5678)
 * @param {string} [options.caCertPath] PEM file of the sandbox's CA, trusted through NODE_EXTRA_CA_CERTS
 * @param {string} [options.logLevel] n8n log level (default 'warn' for CLI runs, 'info' for the server)
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv({ userFolder, port, caCertPath, logLevel = 'warn' }) {
	const env = {
		...process.env,
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_LISTEN_ADDRESS: process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: logLevel,
		N8N_NO_COLOR: 'true',
		DB_TYPE: 'sqlite',
		NODE_ENV: 'production',
		// The tsx/ts-node hooks of the parent must not leak into n8n's Node 24 process.
		NODE_OPTIONS: '',
	};
	if (caCertPath) env.NODE_EXTRA_CA_CERTS = path.resolve(caCertPath);
	return env;
}

module.exports = { n8nEnv };
