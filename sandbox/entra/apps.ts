/**
 * The sandbox's Entra tenant: its app registrations, the demo user, and which apps BC accepts.
 *
 * Sources: tenant as GUID or verified domain (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow); BC's "Microsoft Entra
 * Applications" page (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication);
 * Entra redirect URI rules (learn.microsoft.com/entra/identity-platform/reply-url: for `http://localhost`
 * and `http://127.0.0.1` the port is ignored when matching).
 */
import { createHash } from 'node:crypto';
import { CUSTOMER_TENANTS, DEMO, MULTI_TENANT_APPS, N8N_OAUTH_CALLBACK, type CustomerTenantData } from '../config';

/** An app registration in the sandbox tenant. */
export interface EntraApp {
	clientId: string;
	displayName: string;
	/** Service principal object id (the `oid` of S2S tokens). */
	objectId: string;
	/** Valid client secret values (not secret ids). */
	secrets: string[];
	/** Registered certificate for client assertions, if any. */
	certificate?: { certificatePem: string; thumbprintSha1: string; thumbprintSha256: string };
	/** Registered redirect URIs (web platform). */
	redirectUris: string[];
	/** Whether the app is on BC's Microsoft Entra Applications page in state Enabled (S2S calls of other apps → 401). */
	enabledInBusinessCentral: boolean;
	/** "Accounts in any organizational directory": usable in other tenants once consented there. */
	multiTenant?: boolean;
}

/** An app's state in a customer tenant (the control API's view). */
export interface TenantAppState {
	/** Whether the app has a service principal in the tenant (admin consent given). */
	consented: boolean;
	/** Whether the app is on the tenant's BC "Microsoft Entra Applications" page with State Enabled. */
	enabledInBusinessCentral: boolean;
}

/**
 * A customer's tenant: which multi-tenant apps of the home tenant have a service principal here (consent) and which
 * are enabled on its BC's Microsoft Entra Applications page. Starts from (and resets to) its {@link CustomerTenantData}.
 */
export class CustomerTenant {
	private consented = new Set<string>();
	private enabledInBc = new Set<string>();

	constructor(readonly data: CustomerTenantData) {
		this.reset();
	}

	get tenantId(): string {
		return this.data.tenantId;
	}

	/** Back to the configured state. */
	reset(): void {
		this.consented = new Set(this.data.consentedApps.map((id) => id.toLowerCase()));
		this.enabledInBc = new Set(this.data.businessCentralApps.map((id) => id.toLowerCase()));
	}

	/** Whether the app has a service principal here. */
	hasConsented(clientId: string): boolean {
		return this.consented.has(clientId.toLowerCase());
	}

	/** Whether the app is enabled on this tenant's BC Microsoft Entra Applications page. */
	isEnabledInBusinessCentral(clientId: string): boolean {
		return this.enabledInBc.has(clientId.toLowerCase());
	}

	/** The app's state. */
	state(clientId: string): TenantAppState {
		return {
			consented: this.hasConsented(clientId),
			enabledInBusinessCentral: this.isEnabledInBusinessCentral(clientId),
		};
	}

	/** Changes the given fields of the app's state and returns the new state. */
	update(clientId: string, patch: Partial<TenantAppState>): TenantAppState {
		const id = clientId.toLowerCase();
		if (patch.consented !== undefined) {
			if (patch.consented) this.consented.add(id);
			else this.consented.delete(id);
		}
		if (patch.enabledInBusinessCentral !== undefined) {
			if (patch.enabledInBusinessCentral) this.enabledInBc.add(id);
			else this.enabledInBc.delete(id);
		}
		return this.state(clientId);
	}

	/** The service principal's object id (the `oid` of S2S tokens here): stable, derived from tenant and app. */
	servicePrincipalId(clientId: string): string {
		const h = createHash('sha1').update(`sp/${this.tenantId}/${clientId.toLowerCase()}`).digest('hex');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

/** A concrete tenant named in a URL: the home tenant (app registrations, demo user) or a customer tenant. */
export type ResolvedTenant =
	| { home: true; tenantId: string; tenantDomain: string; customer?: undefined }
	| { home: false; tenantId: string; tenantDomain: string; customer: CustomerTenant };

/** A user who can sign in on the authorize page. */
export interface EntraUser {
	userName: string;
	password: string;
	objectId: string;
	displayName: string;
}

/** Tenant names that are not a concrete tenant (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow). */
export const MULTI_TENANT_ALIASES = ['common', 'organizations', 'consumers'];

/** The sandbox tenant with its apps and user. */
export class EntraDirectory {
	readonly tenantId = DEMO.tenantId;
	readonly tenantDomain = DEMO.tenantDomain;
	readonly apps = new Map<string, EntraApp>();
	readonly users: EntraUser[] = [{ ...DEMO.user }];
	/** The customer tenants ({@link CUSTOMER_TENANTS}). */
	readonly customerTenants = CUSTOMER_TENANTS.map((data) => new CustomerTenant(data));

	/**
	 * @param certificateApp the demo certificate (its thumbprints register it on the certificate app)
	 * @param extraRedirectUris added to every app's registered redirect URIs
	 */
	constructor(certificateApp: EntraApp['certificate'], extraRedirectUris: string[] = []) {
		const redirectUris = [
			N8N_OAUTH_CALLBACK,
			'http://127.0.0.1:5678/rest/oauth2-credential/callback',
			...extraRedirectUris,
		];
		this.add({
			...DEMO.app,
			secrets: [DEMO.app.clientSecret],
			redirectUris,
			enabledInBusinessCentral: true,
			multiTenant: MULTI_TENANT_APPS.includes(DEMO.app.clientId),
		});
		this.add({
			...DEMO.certificateApp,
			secrets: [],
			certificate: certificateApp,
			redirectUris,
			enabledInBusinessCentral: true,
		});
		this.add({
			...DEMO.disabledApp,
			secrets: [DEMO.disabledApp.clientSecret],
			redirectUris,
			enabledInBusinessCentral: false,
		});
	}

	/**
	 * Registers an app or service principal (e.g. a managed identity: no secrets, no redirect URIs); its client id
	 * replaces an existing entry with the same id.
	 */
	add(app: EntraApp): void {
		this.apps.set(app.clientId.toLowerCase(), app);
	}

	/** Looks an app up by client id (GUIDs compare case-insensitively). */
	findApp(clientId: string): EntraApp | undefined {
		return this.apps.get(clientId.toLowerCase());
	}

	/** Finds a user by sign-in name (case-insensitive). */
	findUser(userName: string): EntraUser | undefined {
		return this.users.find((user) => user.userName.toLowerCase() === userName.trim().toLowerCase());
	}

	/** Finds a user by object id. */
	findUserById(objectId: string): EntraUser | undefined {
		return this.users.find((user) => user.objectId === objectId);
	}

	/**
	 * Whether `tenant` (GUID or verified domain, case-insensitive) names this tenant.
	 * Multi-tenant aliases are not a concrete tenant; callers decide whether to allow them.
	 */
	isThisTenant(tenant: string): boolean {
		let value = tenant.toLowerCase();
		try {
			value = decodeURIComponent(value);
		} catch {
			/* malformed escape: compare as sent */
		}
		return value === this.tenantId || value === this.tenantDomain;
	}

	/**
	 * The home or customer tenant `tenant` names (GUID or verified domain, case-insensitive, URL-decoded);
	 * undefined for an unknown tenant and for the multi-tenant aliases.
	 */
	findTenant(tenant: string): ResolvedTenant | undefined {
		if (this.isThisTenant(tenant)) return { home: true, tenantId: this.tenantId, tenantDomain: this.tenantDomain };
		let value = tenant.toLowerCase();
		try {
			value = decodeURIComponent(value);
		} catch {
			/* malformed escape: compare as sent */
		}
		const customer = this.customerTenants.find(
			(t) => t.tenantId === value || t.data.tenantDomain.toLowerCase() === value,
		);
		return customer
			? { home: false, tenantId: customer.tenantId, tenantDomain: customer.data.tenantDomain, customer }
			: undefined;
	}

	/** Resets every customer tenant's consent and BC state to its configuration. */
	resetTenants(): void {
		for (const tenant of this.customerTenants) tenant.reset();
	}

	/** Whether `tenant` is `common`, `organizations` or `consumers`. */
	isMultiTenantAlias(tenant: string): boolean {
		return MULTI_TENANT_ALIASES.includes(tenant.toLowerCase());
	}
}

/**
 * Entra's redirect URI match: exact, except that for `http://localhost` and `http://127.0.0.1` the port is ignored
 * (learn.microsoft.com/entra/identity-platform/reply-url "Localhost exceptions").
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
	if (registered === requested) return true;
	let a: URL;
	let b: URL;
	try {
		a = new URL(registered);
		b = new URL(requested);
	} catch {
		return false;
	}
	const loopback = (url: URL) =>
		url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
	if (!loopback(a) || !loopback(b)) return false;
	return a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
}
