/**
 * Authorization codes and refresh tokens held by the sandbox's Entra stand-in.
 *
 * Codes live 10 minutes and can be redeemed once (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-auth-code-flow; reuse → AADSTS54005,
 * https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes).
 * Refresh tokens rotate: each use returns a new one and kills the old one (the sandbox's own, stricter-than-Entra rule,
 * so clients that keep a stale refresh token fail fast); inactivity beyond the configured lifetime → AADSTS700082.
 */
import { randomBytes } from 'node:crypto';
import { AUTHORIZATION_CODE_LIFETIME_SECONDS } from '../config';

/** What the user consented to on the authorize page. */
export interface AuthorizationGrant {
	clientId: string;
	redirectUri: string;
	/** Requested scopes, space-split as sent. */
	scopes: string[];
	userObjectId: string;
	codeChallenge?: string;
	/** `S256` or `plain` (Entra's default when a challenge is sent without a method is `plain`). */
	codeChallengeMethod?: 'S256' | 'plain';
	nonce?: string;
}

interface StoredCode extends AuthorizationGrant {
	expiresAt: number;
	redeemed: boolean;
}

/** A live or dead refresh token. */
export interface StoredRefreshToken {
	clientId: string;
	userObjectId: string;
	scopes: string[];
	issuedAt: Date;
	lastUsedAt: number;
	alive: boolean;
}

/** Result of looking up a code for redemption. */
export type CodeLookup = { status: 'ok'; grant: AuthorizationGrant } | { status: 'unknown' | 'expired' | 'redeemed' };

/** In-memory store of codes and refresh tokens. */
export class GrantStore {
	private readonly codes = new Map<string, StoredCode>();
	private readonly refreshTokens = new Map<string, StoredRefreshToken>();

	/** Issues a one-time authorization code for a consented grant. */
	issueCode(grant: AuthorizationGrant): string {
		const code = `1.sbx.${randomBytes(48).toString('base64url')}`;
		this.codes.set(code, {
			...grant,
			expiresAt: Date.now() + AUTHORIZATION_CODE_LIFETIME_SECONDS * 1000,
			redeemed: false,
		});
		return code;
	}

	/** Redeems a code: marks it used and returns its grant, or says why it cannot be used. */
	redeemCode(code: string): CodeLookup {
		const stored = this.codes.get(code);
		if (!stored) return { status: 'unknown' };
		if (stored.redeemed) return { status: 'redeemed' };
		if (stored.expiresAt < Date.now()) return { status: 'expired' };
		stored.redeemed = true;
		return { status: 'ok', grant: stored };
	}

	/** Issues a new opaque refresh token. */
	issueRefreshToken(clientId: string, userObjectId: string, scopes: string[]): string {
		const token = `1.sbx.${randomBytes(64).toString('base64url')}`;
		this.refreshTokens.set(token, {
			clientId,
			userObjectId,
			scopes,
			issuedAt: new Date(),
			lastUsedAt: Date.now(),
			alive: true,
		});
		return token;
	}

	/** Looks a refresh token up without changing it. */
	findRefreshToken(token: string): StoredRefreshToken | undefined {
		return this.refreshTokens.get(token);
	}

	/** Kills a refresh token (rotation). */
	revokeRefreshToken(token: string): void {
		const stored = this.refreshTokens.get(token);
		if (stored) stored.alive = false;
	}

	/** Forgets every code and refresh token. */
	clear(): void {
		this.codes.clear();
		this.refreshTokens.clear();
	}
}
