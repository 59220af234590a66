/**
 * `npm run sandbox` — starts the Business Central + Entra sandbox and prints how to use it.
 *
 * Options (flags win over environment variables):
 *   --port <n>            BC_SANDBOX_PORT        default 7048 (0 = free port)
 *   --host <addr>                                default 127.0.0.1
 *   --http                BC_SANDBOX_TLS=false   plain HTTP instead of HTTPS
 *   --state-dir <dir>     BC_SANDBOX_STATE_DIR   default <repo>/.sandbox (CA, keys, demo certificate)
 *   --customers <n>                              customers in the first company of each environment
 *   --token-lifetime <s>                         access token lifetime in seconds (default 3599)
 *   --auto-approve                               skip the sign-in page in the authorization code flow
 *   --latency <ms>                               extra latency per BC API request
 *   --ledger-entries <n>                         generated general ledger entries of the first company (large-ledger plugin)
 *   --managed-identity    IDENTITY_ENDPOINT,     serve the App Service managed identity endpoint (managedIdentity plugin)
 *                         IDENTITY_HEADER        on a loopback port; the variables fix its URL and header (default: a free
 *                                                port, a random header), and the summary prints them for n8n's environment
 *   --json                                       print SandboxInfo as JSON instead of the summary
 *   --log                                        log every request (fastify/pino) to stdout
 */
import { largeLedgerPlugin } from './bc/plugins/large-ledger';
import { managedIdentityPlugin, type ManagedIdentityPlugin } from './managed-identity/plugin';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { readEnvSettings } from './config';
import { startSandbox, type RunningSandbox, type SandboxInfo } from './index';

const USAGE = `Usage: npm run sandbox -- [--port 7048] [--host 127.0.0.1] [--http] [--state-dir DIR] [--customers N]
                      [--token-lifetime SECONDS] [--auto-approve] [--latency MS] [--ledger-entries N] [--managed-identity] [--json] [--log]
Environment: BC_SANDBOX_PORT, BC_SANDBOX_TLS=false, BC_SANDBOX_STATE_DIR; with --managed-identity IDENTITY_ENDPOINT, IDENTITY_HEADER`;

function wholeNumber(name: string, value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} must be a whole number >= 0, got '${value}'`);
	return number;
}

/** Human summary printed at start-up (demo credentials are fixed and only valid inside the sandbox). */
export function summary(info: SandboxInfo, startupMs: number, processMs: number): string {
	const company = info.companies.production?.[0];
	const lines = [
		`Business Central sandbox ready in ${startupMs} ms (${processMs} ms since process start)`,
		'',
		`  Base URL          ${info.authorityHost}`,
		`  API root          ${info.apiBaseUrl}/${info.tenantId}/production/api/v2.0   (environments: ${info.environments.join(', ')})`,
		`  On-premises root  ${info.onPrem.baseUrl}/api/v2.0`,
		`  Token endpoint    ${info.tokenEndpoint}`,
		`  Authorize         ${info.authorizeEndpoint}`,
		`  Scope             ${info.scope}`,
		`  Info (JSON)       ${info.authorityHost}/sandbox/info`,
		'',
		`  Tenant            ${info.tenantId} (${info.tenantDomain})`,
		`  App (S2S+OAuth2)  client id ${info.app.clientId}  secret ${info.app.clientSecret}`,
		`  Certificate app   client id ${info.certificateApp.clientId}  thumbprint SHA-256 ${info.certificateApp.thumbprintSha256}`,
		`  Disabled app      client id ${info.disabledApp.clientId}  secret ${info.disabledApp.clientSecret}  (not enabled in BC → 401)`,
		`  User (delegated)  ${info.user.userName} / ${info.user.password}`,
		`  On-premises       user ${info.onPrem.userName}  web service access key ${info.onPrem.accessKey}`,
	];
	if (company) lines.push(`  First company     ${company.name} (${company.id})`);
	if (info.caCertPath) {
		lines.push(
			'',
			`  CA certificate    ${info.caCertPath}`,
			`  Trust it:         export NODE_EXTRA_CA_CERTS=${info.caCertPath}   (curl: --cacert ${info.caCertPath})`,
		);
	}
	lines.push('', 'Press Ctrl+C to stop.');
	return lines.join('\n');
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			http: { type: 'boolean' },
			'state-dir': { type: 'string' },
			customers: { type: 'string' },
			'token-lifetime': { type: 'string' },
			'auto-approve': { type: 'boolean' },
			latency: { type: 'string' },
			'ledger-entries': { type: 'string' },
			'managed-identity': { type: 'boolean' },
			json: { type: 'boolean' },
			log: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
		strict: true,
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const env = readEnvSettings();
	const ledgerEntries = wholeNumber('ledger-entries', values['ledger-entries']);
	const identity: ManagedIdentityPlugin | undefined = values['managed-identity']
		? managedIdentityPlugin({
				endpoint: process.env.IDENTITY_ENDPOINT || undefined,
				header: process.env.IDENTITY_HEADER || undefined,
			})
		: undefined;
	const sandbox: RunningSandbox = await startSandbox({
		port: wholeNumber('port', values.port) ?? env.port,
		host: values.host,
		tls: values.http ? false : (env.tls ?? true),
		stateDir: values['state-dir'] ?? env.stateDir,
		customerCount: wholeNumber('customers', values.customers),
		accessTokenLifetimeSeconds: wholeNumber('token-lifetime', values['token-lifetime']),
		autoApprove: values['auto-approve'] ?? false,
		latencyMs: wholeNumber('latency', values.latency),
		logger: values.log ?? false,
		plugins: [
			...(ledgerEntries === undefined ? [] : [largeLedgerPlugin({ entries: ledgerEntries })]),
			...(identity ? [identity] : []),
		],
	});
	const processMs = Math.round(performance.now());
	console.log(
		values.json
			? JSON.stringify(
					{
						...sandbox.info,
						startupMs: sandbox.startupMs,
						...(identity ? { managedIdentity: identity.environment() } : {}),
					},
					null,
					2,
				)
			: summary(sandbox.info, sandbox.startupMs, processMs),
	);
	if (identity && !values.json) {
		const env = identity.environment();
		console.log(
			`\nManaged identity endpoint (App Service protocol; demo identities: ${sandbox.info.authorityHost}/sandbox/managed-identity)\n` +
				`  export IDENTITY_ENDPOINT=${env.IDENTITY_ENDPOINT} IDENTITY_HEADER=${env.IDENTITY_HEADER}`,
		);
	}
	const stop = async (signal: string) => {
		console.error(`\n${signal}: stopping the sandbox`);
		await sandbox.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: NodeJS.ErrnoException) => {
	if (error.code === 'EADDRINUSE')
		console.error(`Port in use: ${error.message}. Choose another with --port or BC_SANDBOX_PORT (0 = any free port).`);
	else if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
		console.error(`${error.message}\n${USAGE}`);
	else console.error(error.message);
	process.exit(1);
});
