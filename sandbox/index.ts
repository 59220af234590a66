/**
 * The Business Central + Microsoft Entra ID sandbox: a faithful local stand-in for BC online/on-premises and its token
 * endpoint, served over HTTPS with its own CA. Behaviour follows Microsoft's documentation and public captures of
 * real responses, cited per module; the sandbox's own choices where BC is undocumented are listed in docs/sandbox.md.
 * Start it with {@link startSandbox} or `npm run sandbox`.
 */
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importX509, type CryptoKey } from 'jose';
import type { BcApiExtendedOptions } from './bc/index';
import type { BcApi, BcCompanySummary } from './contracts';
import {
	ALL_ENVIRONMENTS,
	COMPANY_NAMES_BY_ENVIRONMENT,
	DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
	DEFAULT_HOST,
	DEFAULT_LIMITS,
	DEFAULT_PORT,
	DEFAULT_REFRESH_TOKEN_INACTIVITY_SECONDS,
	DEMO,
	defaultStateDir,
	type FaultSettings,
	type LimitSettings,
} from './config';
import { createSandboxControl, validateSettingsPatch, type SandboxControl } from './control/control';
import { buildSandboxInfo, type SandboxInfo } from './control/info';
import { StatsRecorder } from './control/stats';
import { EntraDirectory } from './entra/apps';
import type { EntraContext } from './entra/context';
import { GrantStore } from './entra/grants';
import { ensureDemoAppCertificate, TokenKeys } from './entra/keys';
import { OnlineAuthenticator } from './http/auth';
import { recordDispatch } from './http/bc-routes';
import type { RuntimeSettings, SandboxRuntime } from './http/runtime';
import { createServer } from './http/server';
import { FaultInjector } from './limits/faults';
import { PrincipalLimiter } from './limits/limiter';
import type { SandboxPlugin } from './plugins';
import { customApiPlugin } from './bc/plugins/custom-api';
import { environmentsPlugin } from './admin/plugin';
import { batchSandboxPlugin } from './batch/plugin';
import { dataAccessIntentPlugin } from './bc/plugins/data-access-intent';
import { metadataPlugin } from './bc/plugins/metadata';
import { odataV4Plugin } from './bc/plugins/odatav4/plugin';
import { webhooksPlugin } from './webhooks/plugin';
import type { WebhookSettings } from './webhooks/settings';
import { ensureCertificateAuthority, ensureServerCertificate } from './tls/ca';

export { ensureCertificateAuthority } from './tls/ca';
export type { CertificateAuthority } from './tls/ca';
export type { FaultSettings, LimitSettings } from './config';
export type { SandboxControl, SettingsPatch, ResetOptions } from './control/control';
export type { SandboxInfo } from './control/info';
export type { SandboxStats, RequestLogEntry } from './control/stats';
export type { RuntimeSettings } from './http/runtime';
export type * from './plugins';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
	/** TCP port (default 7048; 0 = a free port). */
	port?: number;
	/** Interface to listen on (default `127.0.0.1`). */
	host?: string;
	/** Serve HTTPS with the sandbox CA (default true); false = plain HTTP. */
	tls?: boolean;
	/** Where the CA, server certificate, token signing key and demo app certificate live (default `BC_SANDBOX_STATE_DIR` or `<repo>/.sandbox`). */
	stateDir?: string;
	/** Customers seeded in the first company of every environment (data layer default when omitted). */
	customerCount?: number;
	/** Access token lifetime in seconds (default 3599, as real Entra responses: test/fixtures/entra-token-success-client-credentials.json). */
	accessTokenLifetimeSeconds?: number;
	/** Refresh tokens unused this long (seconds) die with AADSTS700082 (default 90 days). */
	refreshTokenInactivitySeconds?: number;
	/** Skip the sign-in/consent page in the authorization code flow (default false). */
	autoApprove?: boolean;
	/** Limits per principal; defaults are BC online's (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online). */
	limits?: Partial<LimitSettings>;
	/** Extra latency per BC API request in ms (default 0). */
	latencyMs?: number;
	/** Fault injection on BC API requests (default none). */
	faults?: FaultSettings;
	/** Extra redirect URIs registered on every demo app (the n8n callback on localhost:5678 is always registered). */
	redirectUris?: string[];
	/** A data layer to serve instead of `createBcApi()` from `sandbox/bc` (e.g. a benchmark double). */
	bcApi?: BcApi;
	/**
	 * Plugins, loaded after the built-in `core` plugin in this order: their BC routes, behaviours, derived sets and
	 * change listeners go to the data layer, their `http` part to the server. With `bcApi`, only `http` parts are
	 * allowed (the other parts need the built-in data layer).
	 */
	plugins?: SandboxPlugin[];
	/**
	 * Settings of the built-in `webhooks` plugin (subscriptions, notifications; `sandbox/webhooks/`), e.g.
	 * `{ delayMs: 200 }`; false leaves it out. Not loaded with `bcApi`, or when `plugins` has one named `webhooks`.
	 */
	webhooks?: Partial<WebhookSettings> | false;
	/** Suppress all console output (the CLI prints; `startSandbox` itself never does). */
	quiet?: boolean;
	/** Fastify request logging to stdout (default false). */
	logger?: boolean;
}

/** A started sandbox. */
export interface RunningSandbox {
	/** e.g. `https://127.0.0.1:7048` */
	baseUrl: string;
	info: SandboxInfo;
	control: SandboxControl;
	/** Time `startSandbox` took, in ms. */
	startupMs: number;
	/** Closes the server (open keep-alive connections are closed too). */
	stop(): Promise<void>;
}

async function createDefaultBcApi(options: BcApiExtendedOptions): Promise<BcApi> {
	// Loaded lazily so the HTTP layer can run with an injected data layer.
	const module = await import('./bc/index');
	return module.createBcApi(options);
}

/**
 * Plugins every sandbox started without its own `bcApi` serves, before `options.plugins` (a given plugin of the same
 * name replaces one): `$batch` (`batch`), `$metadata`, route
 * discovery and `entityDefinitions` (`metadata`), the `contoso/shipping/v1.0` custom API extension (`customApi`),
 * OData V4 web services (`odataV4`); `Data-Access-Intent` checks (`dataAccessIntent`, first, so it sees every write); the Admin Center and
 * `environments/v1.2` environment lists (`environments`, HTTP only).
 */
export function defaultPlugins(): SandboxPlugin[] {
	return [
		dataAccessIntentPlugin(),
		batchSandboxPlugin(),
		metadataPlugin(),
		customApiPlugin(),
		odataV4Plugin(),
		environmentsPlugin(),
	];
}

/**
 * The built-in webhooks plugin (`sandbox/webhooks/`, configured by `options.webhooks`), unless left out, served by
 * `bcApi`, or replaced by a given plugin named `webhooks`.
 */
function webhooksFor(options: SandboxOptions, given: SandboxPlugin[]): SandboxPlugin[] {
	if (options.bcApi || options.webhooks === false || given.some((p) => p.name === 'webhooks')) return [];
	return [webhooksPlugin(options.webhooks ?? {})];
}

/** Whether a plugin has parts for the data layer (anything but `http`). */
function hasBcParts(plugin: SandboxPlugin): boolean {
	return !!(
		plugin.routes?.length ||
		plugin.behaviours?.length ||
		plugin.derivedSets?.length ||
		plugin.onChange ||
		plugin.catalog ||
		plugin.seed
	);
}

/**
 * Starts the sandbox.
 * @throws Error when an option is invalid (naming it) or the port is taken (`EADDRINUSE`)
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const started = performance.now();
	const tls = options.tls ?? true;
	const host = options.host ?? DEFAULT_HOST;
	const port = options.port ?? DEFAULT_PORT;
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0..65535, got ${port}`);
	const stateDir = path.resolve(options.stateDir ?? process.env.BC_SANDBOX_STATE_DIR ?? defaultStateDir());
	for (const name of ['accessTokenLifetimeSeconds', 'refreshTokenInactivitySeconds', 'customerCount'] as const) {
		const value = options[name];
		if (value !== undefined && !(Number.isInteger(value) && value >= (name === 'customerCount' ? 0 : 1))) {
			throw new Error(
				`${name} must be a whole number${name === 'customerCount' ? ' >= 0' : ' of seconds >= 1'}, got ${value}`,
			);
		}
	}
	const settingsProblem = validateSettingsPatch({
		limits: options.limits,
		latencyMs: options.latencyMs,
		faults: options.faults,
	});
	if (settingsProblem) throw new Error(settingsProblem);
	const given = options.plugins ?? [];
	// With the built-in data layer the default plugins load first (BC serves `$batch` on every API route, `$metadata`,
	// OData V4, …), except those whose name a given plugin takes; then the webhooks plugin (`options.webhooks`).
	const defaults = options.bcApi ? [] : defaultPlugins().filter((d) => !given.some((p) => p.name === d.name));
	const plugins = [...defaults, ...webhooksFor(options, given), ...given];
	const bcPlugin = options.bcApi ? plugins.find(hasBcParts) : undefined;
	if (bcPlugin)
		throw new Error(
			`plugin '${bcPlugin.name}' adds BC routes, behaviours, derived sets or change listeners, which need the built-in data layer (omit bcApi)`,
		);

	const ca = tls ? ensureCertificateAuthority(stateDir) : undefined;
	const serverCertificate = ca ? ensureServerCertificate(ca) : undefined;
	const demoCertificate = ensureDemoAppCertificate(stateDir);
	const keys = await TokenKeys.load(stateDir);
	const directory = new EntraDirectory(
		{
			certificatePem: demoCertificate.certificatePem,
			thumbprintSha1: demoCertificate.thumbprintSha1,
			thumbprintSha256: demoCertificate.thumbprintSha256,
		},
		options.redirectUris,
	);
	const certificateKeys = new Map<string, Promise<CryptoKey>>();
	const stats = new StatsRecorder();
	const entra: EntraContext = {
		directory,
		keys,
		grants: new GrantStore(),
		settings: {
			accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
			refreshTokenInactivitySeconds: options.refreshTokenInactivitySeconds ?? DEFAULT_REFRESH_TOKEN_INACTIVITY_SECONDS,
			autoApprove: options.autoApprove ?? false,
		},
		clientCertificateKey: (clientId, alg) => {
			const certificate = directory.findApp(clientId)?.certificate;
			if (!certificate) return Promise.resolve(undefined);
			const cacheKey = `${clientId}|${alg}`;
			if (!certificateKeys.has(cacheKey)) certificateKeys.set(cacheKey, importX509(certificate.certificatePem, alg));
			return certificateKeys.get(cacheKey) as Promise<CryptoKey>;
		},
		countTokenRequest: (clientId) => stats.countToken(clientId),
	};
	const bcApi =
		options.bcApi ??
		(await createDefaultBcApi({
			customerCount: options.customerCount,
			environments: ALL_ENVIRONMENTS,
			companyNames: COMPANY_NAMES_BY_ENVIRONMENT,
			plugins,
			onDispatch: (record) => recordDispatch(stats, record),
		}));
	const settings: RuntimeSettings = {
		limits: { ...DEFAULT_LIMITS, ...options.limits },
		latencyMs: options.latencyMs ?? 0,
		faults: { ...options.faults },
	};
	const runtime: SandboxRuntime = {
		bcApi,
		entra,
		onlineAuth: new OnlineAuthenticator(directory, keys),
		limiter: new PrincipalLimiter(() => settings.limits),
		faults: new FaultInjector(options.faults ?? {}),
		stats,
		settings,
	};
	const control = createSandboxControl(runtime, () => {
		entra.grants.clear();
		directory.resetTenants();
	});

	let info: SandboxInfo | undefined;
	const app = createServer({
		runtime,
		control,
		info: () => info as SandboxInfo,
		tls: serverCertificate
			? { key: serverCertificate.privateKeyPem, cert: serverCertificate.certificatePem }
			: undefined,
		logger: options.logger,
		plugins,
	});
	await app.listen({ port, host });
	const address = app.server.address() as AddressInfo;
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	const baseUrl = `${tls ? 'https' : 'http'}://${urlHost}:${address.port}`;
	const companies: Record<string, BcCompanySummary[]> = {};
	for (const environment of bcApi.environments()) companies[environment] = bcApi.companies(environment);
	info = buildSandboxInfo(
		baseUrl,
		companies,
		{
			clientId: DEMO.certificateApp.clientId,
			certificatePem: demoCertificate.certificatePem,
			privateKeyPem: demoCertificate.privateKeyPem,
			thumbprintSha1: demoCertificate.thumbprintSha1,
			thumbprintSha256: demoCertificate.thumbprintSha256,
		},
		ca?.caCertPath ?? '',
	);
	return {
		baseUrl,
		info,
		control,
		startupMs: Math.round(performance.now() - started),
		stop: async () => {
			app.server.closeAllConnections?.();
			await app.close();
		},
	};
}
