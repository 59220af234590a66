import { createHash } from 'node:crypto';

/**
 * BC-shaped weak ETag for a row version: `W/"` + base64(`'<len>;<digits>;00;'`) + `"`, where digits is a
 * 19–20 digit number (reference §3.3, e.g. `W/"JzE5OzgzMTM5MjY4MTQ1NzY2MDMzNDIxOzAwOyc="`).
 * Deterministic in (row id, version) so a reset reproduces the same ETags; changes on every write.
 */
export function formatEtag(rowId: string, version: number): string {
	const h = createHash('sha1').update(`${rowId}#${version}`).digest();
	const digits = (h.readBigUInt64BE(0) % 9000000000000000000n + 1000000000000000000n).toString();
	return `W/"${Buffer.from(`'${digits.length};${digits};00;'`).toString('base64')}"`;
}
