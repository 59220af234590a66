import { createHash } from 'node:crypto';

/** The empty GUID as BC serialises it. */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** True for the 8-4-4-4-12 hex form BC accepts (no braces in URLs or JSON). */
export function isGuid(value: string): boolean {
	return GUID_RE.test(value);
}

/**
 * Deterministic lower-case GUID (RFC 4122 version-5 layout) derived from a seed string, so the demo
 * data has the same ids on every start.
 */
export function derivedGuid(seed: string): string {
	const h = createHash('sha1').update(seed).digest('hex');
	const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Random lower-case version-4 GUID for rows created by clients without an `id`. */
export function randomGuid(): string {
	return crypto.randomUUID();
}
