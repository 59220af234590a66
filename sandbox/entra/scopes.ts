/**
 * Scope parsing for the sandbox's only resource, Business Central (scopes: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/developer/devenv-develop-connect-apps; scope syntax: https://learn.microsoft.com/en-us/entra/identity-platform/scopes-oidc).
 *
 * A resource scope is `<resource>/<permission>` where resource is `https://api.businesscentral.dynamics.com`
 * (trailing slash tolerated) or BC's app id; permission is `.default` or a delegated permission of BC.
 * OpenID Connect scopes (`openid`, `profile`, `email`, `offline_access`) stand alone.
 */
import { BC_AUDIENCE, BC_DELEGATED_SCOPES, BC_RESOURCE_APP_ID } from '../config';

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** A parsed scope parameter. */
export interface ParsedScopes {
	/** Every scope as sent, in order. */
	all: string[];
	/** OIDC scopes present (lower-case). */
	oidc: string[];
	/** BC permissions requested (`.default` or delegated names). */
	bcPermissions: string[];
	/** The first scope that is neither OIDC nor a known BC permission, if any. */
	invalid?: string;
}

/** Splits and classifies a space-separated scope string. */
export function parseScopes(scope: string): ParsedScopes {
	const all = scope.split(/\s+/).filter(Boolean);
	const result: ParsedScopes = { all, oidc: [], bcPermissions: [] };
	for (const item of all) {
		if (OIDC_SCOPES.includes(item.toLowerCase())) {
			result.oidc.push(item.toLowerCase());
			continue;
		}
		const permission = bcPermission(item);
		if (permission === undefined) result.invalid ??= item;
		else result.bcPermissions.push(permission);
	}
	return result;
}

/** Returns the BC permission of a resource scope (`.default` or a delegated permission), or undefined when not BC's. */
export function bcPermission(scope: string): string | undefined {
	const lower = scope.toLowerCase();
	for (const resource of [BC_AUDIENCE, BC_RESOURCE_APP_ID, `api://${BC_RESOURCE_APP_ID}`]) {
		for (const prefix of [`${resource}/`, `${resource}//`]) {
			if (!lower.startsWith(prefix.toLowerCase())) continue;
			const name = scope.slice(prefix.length);
			if (name === '.default') return name;
			const known = BC_DELEGATED_SCOPES.find((permission) => permission.toLowerCase() === name.toLowerCase());
			if (known) return known;
		}
	}
	return undefined;
}

/** The `scope` value of a delegated token response: the consented BC permissions plus requested OIDC scopes. */
export function delegatedResponseScope(oidc: string[]): string {
	return [...BC_DELEGATED_SCOPES.map((name) => `${BC_AUDIENCE}/${name}`), ...oidc].join(' ');
}
