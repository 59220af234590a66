/** 32-bit FNV-1a hash of a string with a seed (fast, deterministic; not cryptographic). */
function fnv1a(text: string, seed: number): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/**
 * BC-shaped weak ETag for a row version: `W/"` + base64(`'<len>;<digits>;00;'`) + `"`, where digits is a
 * 19-digit number (as in real responses, e.g. `W/"JzE5OzgzMTM5MjY4MTQ1NzY2MDMzNDIxOzAwOyc="` = `'19;83139268145766033421;00;'`
 * in github.com/amp-labs/connectors `providers/dynamicsbusiness/test/read/customers/1-first-page.json`).
 * Deterministic in (row key, version) so a reset reproduces the same ETags; changes on every write.
 * Treat as opaque, like BC's.
 */
export function formatEtag(rowKey: string, version: number): string {
	const text = `${rowKey}#${version}`;
	const digits = `${(fnv1a(text, 0) % 900000000) + 100000000}${String(fnv1a(text, 0x5bd1e995)).padStart(10, '0')}`;
	return `W/"${Buffer.from(`'${digits.length};${digits};00;'`).toString('base64')}"`;
}
