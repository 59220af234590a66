/**
 * Checks of the credential fields that become part of a URL or of a request carrying a secret. They run when a
 * credential is saved (its Test) and before every request that carries a token or an access key, so a bad value
 * fails with a message naming the field instead of changing the URL, sending a secret somewhere else, or sending it
 * unencrypted.
 *
 * Every check is a pure function that returns a problem text (what is wrong with which field, and the fix) or
 * undefined when the value is fine. Problem texts show the bad value shortened, never a secret: a Tenant that fails
 * its rule is only echoed when it cannot be a pasted secret, and URLs are shown without user info and query.
 *
 * URL rules follow the WHATWG URL Standard (https://url.spec.whatwg.org/), which Node.js and n8n's HTTP client use:
 * `.`/`..` path segments, also written `%2e`, are removed while parsing (https://url.spec.whatwg.org/#double-dot-path-segment),
 * so a field holding one would silently address another path.
 */

import { CREDENTIAL_TYPES } from './constants';

/** Field names as the credential dialogs show them; problem texts use these. */
/** The fix shown under a credential field's problem (by the credentials when signing, and by the node before sending). */
export const CREDENTIAL_FIELD_DESCRIPTION =
	'Nothing was sent. The credential checks the fields that become part of a URL before any request carries its token or access key: open the credential, correct the field and save it.';

export const CREDENTIAL_FIELDS = {
	tenant: 'Tenant',
	environment: 'Environment',
	apiBaseUrl: 'API Base URL',
	authorityHost: 'Authority Host',
	serverUrl: 'Server Instance URL',
	userName: 'User Name',
	accessKey: 'Web Service Access Key',
	allowUnencryptedHttp: 'Allow Unencrypted HTTP (Local Testing Only)',
} as const;

/**
 * Longest Business Central environment name accepted. Microsoft's admin center API documents the rule as "fewer
 * than 30 characters" (error `environmentNameNotValid`,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api_environments);
 * 30 is accepted as well, so that no name the admin center may show is refused.
 */
export const ENVIRONMENT_NAME_MAX_LENGTH = 30;

/**
 * A Business Central environment name: starts with a letter; letters, digits, `_` and `-`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api_environments,
 * error `environmentNameNotValid`). Length is checked separately ({@link ENVIRONMENT_NAME_MAX_LENGTH}).
 */
export const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** A directory (tenant) ID: a GUID, 8-4-4-4-12 hex digits, no braces. */
export const TENANT_GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * A verified domain as a DNS name (RFC 1035 §2.3.1 letter-digit-hyphen labels of 1–63 characters, at least two
 * labels, at most 253 characters, a top-level label that is not all digits), e.g. `contoso.onmicrosoft.com`.
 * Internationalised domains are accepted in their `xn--` form.
 */
export const TENANT_DOMAIN_PATTERN =
	/^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Tenant values Microsoft Entra ID accepts for multi-tenant sign-in (delegated only). */
const MULTI_TENANT_VALUES = ['organizations', 'common'];

/** Longest excerpt of a bad value shown in a problem text, in characters. */
const SHOWN_MAX_LENGTH = 60;

/** `value` quoted and shortened for a problem text; control characters escaped. */
function shown(value: string): string {
	const short = value.length > SHOWN_MAX_LENGTH ? `${value.slice(0, SHOWN_MAX_LENGTH - 1)}…` : value;
	return JSON.stringify(short);
}

/** Whether `text` holds a C0 control character (U+0000–U+001F) or DEL (U+007F). */
function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/** Text of a field value as n8n hands it over (string, number or missing). */
function textOf(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** What the first character of `text` that is not allowed in a URL segment is, for a problem text; undefined if none. */
function separatorIn(text: string): string | undefined {
	if (hasControlCharacter(text)) return 'a control character';
	if (/\s/.test(text)) return 'a space';
	const match = /[/\\?#%@:]/.exec(text);
	return match ? `"${match[0]}"` : undefined;
}

/**
 * Whether a tenant value could be a pasted secret (then it is never echoed): it contains `~` (common in the client
 * secrets Microsoft Entra ID issues, e.g. `abc8Q~…`), or it has 32 characters or more, or it mixes upper case, lower
 * case and digits without a dot. A false positive only means the value is described instead of shown.
 */
function mayBeSecret(text: string): boolean {
	return (
		text.includes('~') ||
		text.length >= 32 ||
		(/[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text) && !text.includes('.'))
	);
}

/**
 * Checks the Tenant field of an online credential.
 *
 * Accepted: a directory (tenant) ID GUID, a verified domain such as `contoso.onmicrosoft.com`, and, only with
 * `allowMultiTenant` (delegated sign-in), `organizations` or `common`. `consumers` is never accepted (personal
 * Microsoft accounts have no Business Central). App-only (client credentials) sign-in needs a specific tenant.
 * Sources: https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow (the `{tenant}` path
 * values) and https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow (client
 * credentials: tenant "in GUID or domain-name format").
 *
 * @param value the field value (leading and trailing spaces are ignored, as the credential's URLs trim them)
 * @param options.allowMultiTenant true for delegated sign-in, false for app-only
 * @returns a problem text naming the field and the fix (the value is echoed only when it cannot be a secret), or
 *   undefined when the tenant is usable
 */
export function checkTenant(value: unknown, options: { allowMultiTenant: boolean }): string | undefined {
	const text = textOf(value).trim();
	const expected = options.allowMultiTenant
		? 'the Directory (tenant) ID (a GUID), a verified domain such as contoso.onmicrosoft.com, or "organizations" for a multi-tenant app'
		: 'the Directory (tenant) ID (a GUID) or a verified domain such as contoso.onmicrosoft.com';
	if (!text) return `Tenant is empty: enter ${expected}.`;
	const lower = text.toLowerCase();
	if (MULTI_TENANT_VALUES.includes(lower)) {
		if (options.allowMultiTenant) return undefined;
		return `App-only sign-in needs a specific tenant: Tenant "${lower}" only works for delegated sign-in. Enter ${expected}.`;
	}
	if (lower === 'consumers')
		return `Tenant "consumers" is for personal Microsoft accounts, which have no Business Central: enter ${expected}.`;
	if (TENANT_GUID_PATTERN.test(text) || TENANT_DOMAIN_PATTERN.test(text)) return undefined;
	if (TENANT_GUID_PATTERN.test(text.replace(/^\{(.*)\}$/, '$1')))
		return `Tenant ${shown(text)} has braces: enter the GUID without "{" and "}".`;
	if (mayBeSecret(text)) {
		return `Tenant is not a tenant ID or domain (the value entered, ${text.length} characters, is not shown because it looks like a secret; client secrets belong in Client Secret only): enter ${expected}.`;
	}
	const separator = separatorIn(text);
	const why = separator ? `contains ${separator}` : 'is neither a GUID nor a domain name';
	return `Tenant ${shown(text)} ${why}: enter ${expected}.`;
}

/**
 * Checks the Environment field of an online credential: the environment name as the Business Central admin
 * center shows it, e.g. `production`. Business Central's rule: it starts with a letter and consists of letters,
 * digits, `_` and `-`, fewer than 30 characters (error `environmentNameNotValid` of
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/administration-center-api_environments);
 * up to {@link ENVIRONMENT_NAME_MAX_LENGTH} (30) characters are accepted here.
 *
 * @param value the field value (leading and trailing spaces are ignored, as the credential's URLs trim them)
 * @returns a problem text naming the field, showing the value shortened, with the fix; undefined when usable
 */
export function checkEnvironmentName(value: unknown): string | undefined {
	const text = textOf(value).trim();
	const fix =
		'enter the environment name as the Business Central admin center shows it, e.g. production (letters, digits, "_" and "-", starting with a letter)';
	if (!text) return `Environment is empty: ${fix}.`;
	if (text.length > ENVIRONMENT_NAME_MAX_LENGTH) {
		return `Environment ${shown(text)} is ${text.length} characters long; Business Central environment names have at most ${ENVIRONMENT_NAME_MAX_LENGTH}: ${fix}.`;
	}
	if (ENVIRONMENT_NAME_PATTERN.test(text)) return undefined;
	const bad = /[^A-Za-z0-9_-]/.exec(text)?.[0];
	if (bad !== undefined) {
		const what = hasControlCharacter(bad) ? 'a control character' : /\s/.test(bad) ? 'a space' : `"${bad}"`;
		const hint = /[/\\?#%.]/.test(bad) ? ' (a name, not a path or URL)' : '';
		return `Environment ${shown(text)} contains ${what}${hint}: ${fix}.`;
	}
	return `Environment ${shown(text)} does not start with a letter: ${fix}.`;
}

/** A URL for a problem text: user info replaced by `***`, query and fragment cut, shortened and quoted. */
function shownUrl(text: string): string {
	const withoutUserInfo = text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
	const cut = withoutUserInfo.replace(/([?#]).*$/s, '$1…');
	return shown(cut);
}

/** The raw authority and path of an `http(s)://` URL string, before any normalisation. */
function rawParts(text: string): { authority: string; path: string; query?: string; fragment?: string } {
	const rest = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
	const hash = rest.indexOf('#');
	const beforeHash = hash < 0 ? rest : rest.slice(0, hash);
	const question = beforeHash.indexOf('?');
	const beforeQuery = question < 0 ? beforeHash : beforeHash.slice(0, question);
	const slash = beforeQuery.indexOf('/');
	return {
		authority: slash < 0 ? beforeQuery : beforeQuery.slice(0, slash),
		path: slash < 0 ? '' : beforeQuery.slice(slash),
		query: question < 0 ? undefined : beforeHash.slice(question + 1),
		fragment: hash < 0 ? undefined : rest.slice(hash + 1),
	};
}

/** What is wrong with the raw path of a base URL (dot segments, encoded separators, empty segments), or undefined. */
function pathProblem(path: string, allowTrailingSlash: boolean): string | undefined {
	const segments = (allowTrailingSlash ? path.replace(/\/+$/, '') : path).split('/').slice(1);
	for (const [index, segment] of segments.entries()) {
		const decodedDots = segment.replace(/%2e/gi, '.');
		if (decodedDots === '.' || decodedDots === '..')
			return `contains the path segment "${segment}", which would address another path`;
		const encoded = /%(2f|5c|3f|23)/i.exec(segment)?.[0];
		if (encoded) return `contains "${encoded}" (an encoded "/", "\\", "?" or "#") in its path`;
		if (segment === '')
			return index === segments.length - 1 ? 'ends with "/"' : 'contains an empty path segment ("//")';
	}
	return undefined;
}

/** The scheme rule: https://, or http:// when allowed. Returns a problem (without the field name) or undefined. */
function schemeProblem(text: string, allowUnencryptedHttp: boolean): string | undefined {
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
	if (!scheme) return 'is not an absolute URL: start it with https://';
	if (scheme === 'http') {
		if (allowUnencryptedHttp) return /^http:\/\//i.test(text) ? undefined : 'must start with http:// or https://';
		return `uses plain http://, which would send the token or access key unencrypted: use https://. Only for a local test server, turn on "${CREDENTIAL_FIELDS.allowUnencryptedHttp}"`;
	}
	if (scheme !== 'https') return `uses "${scheme}:", which is not supported: use an https:// URL`;
	if (!/^https:\/\//i.test(text)) return 'must start with https:// (two slashes)';
	return undefined;
}

/** Problems every base URL shares (scheme, characters, host, user info, query, fragment, path). */
function baseUrlProblem(
	text: string,
	allowUnencryptedHttp: boolean,
	allowTrailingSlash: boolean,
	allowPath: boolean,
): string | undefined {
	const scheme = schemeProblem(text, allowUnencryptedHttp);
	if (scheme) return scheme;
	if (/\s/.test(text) || hasControlCharacter(text)) return 'contains a space or control character';
	if (text.includes('\\')) return 'contains "\\" (URLs use "/")';
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return 'is not a valid URL';
	}
	const { authority, path, query, fragment } = rawParts(text);
	if (authority.includes('@') || parsed.username || parsed.password)
		return 'contains a user name or password ("…@" before the host): remove it; credentials go into their own fields';
	if (!parsed.hostname) return 'has no host';
	if (query !== undefined) return 'contains a query ("?…"): remove it';
	if (fragment !== undefined) return 'contains a fragment ("#…"): remove it';
	if (!allowPath && path.replace(/\/+$/, '') !== '') return 'must be only the scheme and host, without a path';
	return pathProblem(path, allowTrailingSlash);
}

/**
 * Checks a service URL field: the API Base URL and Authority Host of a custom cloud, or the on-premises Server
 * Instance URL.
 *
 * Rules: an absolute `https://` URL (`http://` only with `allowUnencryptedHttp`, the credential's switch for a local
 * test server) with a host; no user info, query or fragment; no `.`/`..` path segments (also percent-encoded), no
 * encoded `/`, `\`, `?` or `#` and no empty path segments, since all of them would change which path the requests
 * reach (https://url.spec.whatwg.org/#double-dot-path-segment). A trailing `/` is fine (the credential removes it).
 * Plain HTTP is refused because the requests carry a bearer token or the web service access key: Microsoft warns that
 * access keys "can be exposed if the … data traffic is intercepted" without SSL
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/web-services-authentication).
 *
 * @param value the field value (leading and trailing spaces are ignored)
 * @param options.field the field's display name, e.g. `API Base URL` (see {@link CREDENTIAL_FIELDS})
 * @param options.allowUnencryptedHttp whether `http://` is allowed (the credential's local-testing switch)
 * @param options.allowPath false for a URL that must be only scheme and host (the Authority Host); default true
 * @returns a problem text naming the field, showing the URL without user info and query, with the fix; or
 *   undefined when the URL is usable
 */
export function checkServiceUrl(
	value: unknown,
	options: { field: string; allowUnencryptedHttp: boolean; allowPath?: boolean },
): string | undefined {
	const text = textOf(value).trim();
	if (!text) return `${options.field} is empty: enter an https:// URL.`;
	const problem = baseUrlProblem(text, options.allowUnencryptedHttp, true, options.allowPath ?? true);
	return problem ? `${options.field} ${shownUrl(text)} ${problem}.` : undefined;
}

/**
 * Checks the environment URL the node uses as its base URL (the credential's hidden `environmentUrl`:
 * `<API Base URL>/<tenant>/<environment>` online, the Server Instance URL on-premises), before a request is sent.
 *
 * Rules: an absolute `https://` URL (`http://` only with `allowUnencryptedHttp`) with a host; no user info, query
 * or fragment; no `.`/`..` path segments (also percent-encoded); no encoded `/`, `\`, `?` or `#` (the credential
 * writes Tenant and Environment percent-encoded, so these stand for a bad Tenant or Environment); no empty path
 * segment and no trailing `/` (an empty Environment). Source of the URL shape:
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics
 *
 * @param url the environment URL as resolved from the credential
 * @param allowUnencryptedHttp whether `http://` is allowed (see {@link allowsUnencryptedHttp})
 * @returns a problem text naming the credential fields to check, or undefined when the URL is usable
 */
export function checkEnvironmentUrl(url: string, allowUnencryptedHttp: boolean): string | undefined {
	const text = textOf(url).trim();
	const fields =
		"check the credential's API Base URL, Tenant and Environment (online) or Server Instance URL (on-premises)";
	if (!text) return `The credential's environment URL is empty: ${fields}.`;
	const problem = baseUrlProblem(text, allowUnencryptedHttp, false, true);
	return problem ? `The credential's environment URL ${shownUrl(text)} ${problem}; ${fields}.` : undefined;
}

/**
 * The URL a request goes to, combined the way n8n's HTTP client (axios) combines `baseURL` and `url`: an absolute
 * `url` (with a scheme, or starting with `//`) stands alone; otherwise `baseURL` without its trailing `/` + `/` +
 * `url` without its leading slashes.
 *
 * @param url the request's `url` (or `uri`); may be absolute
 * @param baseURL the request's `baseURL`, if any
 * @returns the combined URL text (not normalised), or '' when both are empty
 */
export function requestUrlOf(url: string | undefined, baseURL: string | undefined): string {
	const path = url ?? '';
	if (!baseURL || /^([a-z][a-z\d+\-.]*:)?\/\//i.test(path)) return path;
	return path ? `${baseURL.replace(/\/?\/$/, '')}/${path.replace(/^\/+/, '')}` : baseURL;
}

/**
 * Checks the URL a request carrying a secret is about to go to (after `baseURL` and `url` are combined, see
 * {@link requestUrlOf}): an absolute `https://` URL (`http://` only with `allowUnencryptedHttp`), with a host,
 * without user info, on the origin (scheme, host and port) of `expectedBase` when one is given.
 *
 * @param url the combined request URL
 * @param allowUnencryptedHttp whether `http://` is allowed (the credential's local-testing switch)
 * @param secret what the request carries, for the text, e.g. `the access token`
 * @param expected the URL field the request must stay on: its display name and value (e.g. the API Base URL)
 * @returns a problem text, or undefined when the request may carry the secret
 */
export function checkRequestUrl(
	url: string,
	allowUnencryptedHttp: boolean,
	secret: string,
	expected?: { field: string; url: string },
): string | undefined {
	const text = textOf(url).trim();
	const refusal = `Refused to send ${secret} to ${text ? shownUrl(text) : 'an empty URL'}`;
	const scheme = schemeProblem(text, allowUnencryptedHttp);
	if (scheme) return `${refusal}: the request URL ${scheme}.`;
	let parsed: URL;
	try {
		parsed = new URL(text);
	} catch {
		return `${refusal}: it is not a valid URL.`;
	}
	if (rawParts(text).authority.includes('@') || parsed.username || parsed.password)
		return `${refusal}: it contains a user name or password.`;
	if (expected) {
		let origin: string | undefined;
		try {
			origin = new URL(textOf(expected.url).trim()).origin;
		} catch {
			origin = undefined;
		}
		if (origin !== parsed.origin)
			return `${refusal}: it is not on the ${expected.field} (${shown(origin ?? textOf(expected.url))}), the only host the credential sends it to.`;
	}
	return undefined;
}

/**
 * Checks the User Name of the on-premises credential: not empty, no `:` (Basic authentication cannot carry a user
 * name with a colon: RFC 7617 §2, https://www.rfc-editor.org/rfc/rfc7617#section-2), no control characters.
 *
 * @param value the field value
 * @returns a problem text naming the field, or undefined when usable
 */
export function checkUserName(value: unknown): string | undefined {
	const text = textOf(value);
	const fix = 'enter the Business Central user name as the Users page shows it';
	if (!text.trim()) return `User Name is empty: ${fix}.`;
	if (text.includes(':'))
		return `User Name ${shown(text)} contains ":", which HTTP Basic authentication cannot carry: ${fix}.`;
	if (hasControlCharacter(text)) return `User Name ${shown(text)} contains a control character: ${fix}.`;
	return undefined;
}

/**
 * Whether a credential allows plain `http://`: its "Allow Unencrypted HTTP (Local Testing Only)" switch
 * (`allowUnencryptedHttp`) is on and, for the online types, Cloud is Custom (the switch is only shown there, and the
 * global cloud's URLs are https:// anyway).
 *
 * @param credentials the decrypted credential data (`cloud`, `allowUnencryptedHttp`)
 */
export function allowsUnencryptedHttp(credentials: Record<string, unknown>): boolean {
	const cloud = credentials.cloud;
	return credentials.allowUnencryptedHttp === true && (cloud === undefined || cloud === 'custom');
}

/** A credential field that fails its check: the field's property name and the problem text. */
export interface CredentialProblem {
	/** Property name of the field, e.g. `tenantId`, `environment`, `apiBaseUrl`, `serverUrl`. */
	field: string;
	/** What is wrong and how to fix it (never a secret). */
	problem: string;
}

/**
 * Checks every field of a Business Central credential that goes into a URL, in the order the dialog shows them:
 * online: Tenant, Environment, and for Cloud = Custom the API Base URL and Authority Host; on-premises: Server
 * Instance URL, User Name and (not empty) Web Service Access Key. App-only (client credentials) needs a specific tenant; delegated sign-in also accepts
 * `organizations`/`common`. For app-only the Authority Host must be https:// even with the local-testing switch,
 * because Microsoft's token library (MSAL) refuses other authorities.
 *
 * @param credentialType one of `CREDENTIAL_TYPES` (core/constants.ts); other types are not checked
 * @param credentials the decrypted credential data
 * @returns the first field that fails, or undefined when all are usable
 */
export function checkCredentialFields(
	credentialType: string,
	credentials: Record<string, unknown>,
): CredentialProblem | undefined {
	const allowHttp = allowsUnencryptedHttp(credentials);
	const checks: Array<[string, () => string | undefined]> = [];
	if (credentialType === CREDENTIAL_TYPES.accessKey) {
		checks.push(
			[
				'serverUrl',
				() =>
					checkServiceUrl(credentials.serverUrl, {
						field: CREDENTIAL_FIELDS.serverUrl,
						allowUnencryptedHttp: allowHttp,
					}),
			],
			['username', () => checkUserName(credentials.username)],
			[
				'password',
				() =>
					textOf(credentials.password)
						? undefined
						: `${CREDENTIAL_FIELDS.accessKey} is empty: generate a key on the user's User Card in Business Central and paste it.`,
			],
		);
	} else if (credentialType === CREDENTIAL_TYPES.clientCredentials || credentialType === CREDENTIAL_TYPES.delegated) {
		const appOnly = credentialType === CREDENTIAL_TYPES.clientCredentials;
		checks.push(
			['tenantId', () => checkTenant(credentials.tenantId, { allowMultiTenant: !appOnly })],
			['environment', () => checkEnvironmentName(credentials.environment)],
		);
		if (credentials.cloud === 'custom') {
			checks.push(
				[
					'apiBaseUrl',
					() =>
						checkServiceUrl(credentials.apiBaseUrl, {
							field: CREDENTIAL_FIELDS.apiBaseUrl,
							allowUnencryptedHttp: allowHttp,
						}),
				],
				['authorityHost', () => authorityHostProblem(credentials.authorityHost, appOnly, allowHttp)],
			);
		}
	}
	for (const [field, check] of checks) {
		const problem = check();
		if (problem) return { field, problem };
	}
	return undefined;
}

/** The Authority Host check; app-only always needs https:// (MSAL refuses other authorities). */
function authorityHostProblem(value: unknown, appOnly: boolean, allowHttp: boolean): string | undefined {
	const field = CREDENTIAL_FIELDS.authorityHost;
	if (appOnly && allowHttp && /^\s*http:/i.test(textOf(value))) {
		return `${field} ${shownUrl(textOf(value).trim())} uses http://: app-only sign-in needs an https:// authority even with "${CREDENTIAL_FIELDS.allowUnencryptedHttp}", because Microsoft's token library (MSAL) refuses other authorities.`;
	}
	return checkServiceUrl(value, { field, allowUnencryptedHttp: allowHttp, allowPath: false });
}
