/** `SandboxInfo`: what the sandbox prints at start-up and serves at `GET /sandbox/info`. */
import type { BcCompanySummary } from '../contracts';
import { BC_DEFAULT_SCOPE, CUSTOMER_TENANTS, DEMO, ONLINE_ENVIRONMENTS } from '../config';

/** Deterministic description of a running sandbox: endpoints and demo credentials (all fixed except ports, paths and the certificate). */
export interface SandboxInfo {
	tenantId: string;
	/** Verified domain of the tenant, accepted wherever the tenant id is. */
	tenantDomain: string;
	/** Online environment names. */
	environments: string[];
	/** Companies per data-layer environment key (online environments, `onprem`, and the customer tenants' keys such as `fabrikam-production`). */
	companies: Record<string, BcCompanySummary[]>;
	/** `${baseUrl}/v2.0`; API root = `${apiBaseUrl}/${tenantId}/${environment}/api/v2.0`. */
	apiBaseUrl: string;
	/** Entra authority host (= baseUrl); authority = `${authorityHost}/${tenantId}`. */
	authorityHost: string;
	tokenEndpoint: string;
	authorizeEndpoint: string;
	/** `https://api.businesscentral.dynamics.com/.default` */
	scope: string;
	/** S2S + delegated app, enabled in BC. */
	app: { clientId: string; clientSecret: string };
	/** App authenticating with a client assertion signed by this certificate (thumbprints upper-case hex). */
	certificateApp: {
		clientId: string;
		certificatePem: string;
		privateKeyPem: string;
		thumbprintSha1: string;
		thumbprintSha256: string;
	};
	/** Valid in Entra, not on BC's Microsoft Entra Applications page: BC answers 401. */
	disabledApp: { clientId: string; clientSecret: string };
	/** Delegated sign-in user. */
	user: { userName: string; password: string };
	/** On-premises instance: API root = `${onPrem.baseUrl}/api/v2.0`, Basic auth with user name + web service access key. */
	onPrem: { baseUrl: string; instance: string; userName: string; accessKey: string };
	/** CA certificate to trust (`NODE_EXTRA_CA_CERTS`, curl `--cacert`); empty when serving plain HTTP. */
	caCertPath: string;
	/**
	 * Customer tenants, where the demo app (multi-tenant) works only after admin consent: ids, online environment
	 * names, companies per environment name, and the demo app's admin-consent URL there.
	 */
	customerTenants: Array<{
		tenantId: string;
		tenantDomain: string;
		tenantName: string;
		environments: string[];
		companies: Record<string, BcCompanySummary[]>;
		adminConsentUrl: string;
	}>;
}

/** Builds the info for a base URL such as `https://127.0.0.1:7048`. */
export function buildSandboxInfo(
	baseUrl: string,
	companies: Record<string, BcCompanySummary[]>,
	certificateApp: SandboxInfo['certificateApp'],
	caCertPath: string,
): SandboxInfo {
	return {
		tenantId: DEMO.tenantId,
		tenantDomain: DEMO.tenantDomain,
		environments: [...ONLINE_ENVIRONMENTS],
		companies,
		apiBaseUrl: `${baseUrl}/v2.0`,
		authorityHost: baseUrl,
		tokenEndpoint: `${baseUrl}/${DEMO.tenantId}/oauth2/v2.0/token`,
		authorizeEndpoint: `${baseUrl}/${DEMO.tenantId}/oauth2/v2.0/authorize`,
		scope: BC_DEFAULT_SCOPE,
		app: { clientId: DEMO.app.clientId, clientSecret: DEMO.app.clientSecret },
		certificateApp,
		disabledApp: { clientId: DEMO.disabledApp.clientId, clientSecret: DEMO.disabledApp.clientSecret },
		user: { userName: DEMO.user.userName, password: DEMO.user.password },
		onPrem: {
			baseUrl: `${baseUrl}/${DEMO.onPrem.instance}`,
			instance: DEMO.onPrem.instance,
			userName: DEMO.onPrem.userName,
			accessKey: DEMO.onPrem.accessKey,
		},
		caCertPath,
		customerTenants: CUSTOMER_TENANTS.map((t) => ({
			tenantId: t.tenantId,
			tenantDomain: t.tenantDomain,
			tenantName: t.tenantName,
			environments: Object.keys(t.environments),
			companies: Object.fromEntries(Object.entries(t.environments).map(([name, key]) => [name, companies[key] ?? []])),
			adminConsentUrl: `${baseUrl}/${t.tenantId}/adminconsent?client_id=${DEMO.app.clientId}`,
		})),
	};
}
