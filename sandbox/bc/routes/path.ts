import { BcErrors } from '../request-error';

/** One resource-path segment: `customers`, `customers(5d1c…)`, `Microsoft.NAV.post`, `$count`. */
export interface PathSegment {
	/** Decoded segment name. */
	name: string;
	/** Decoded text between the parentheses, if any (`5d1c…`, `'x'`, `id=5d1c…`). */
	key?: string;
	/** The segment as received (still percent-encoded). */
	raw: string;
}

/**
 * Splits a percent-encoded resource path into segments (slashes inside quotes or parentheses do
 * not split). Malformed escapes or parentheses → 400 "Bad Request - Error in query syntax.".
 */
export function parsePath(resourcePath: string): PathSegment[] {
	let text: string;
	try {
		text = decodeURIComponent(resourcePath);
	} catch {
		throw BcErrors.querySyntax();
	}
	const { parts, balanced } = splitAtTopLevelSlashes(text, true);
	if (!balanced) throw BcErrors.querySyntax();
	// The encoded path has no literal quotes to track (they arrive as %27); its parts line up with the decoded ones.
	const rawParts = splitAtTopLevelSlashes(resourcePath, false).parts;
	return parts
		.filter((p, i) => p !== '' || i < parts.length - 1)
		.map((p, i) => {
			const m = /^([^()]*)(?:\((.*)\))?$/s.exec(p);
			if (!m) throw BcErrors.querySyntax();
			return { name: m[1], key: m[2], raw: rawParts[i] ?? p };
		});
}

/**
 * Splits `text` at the slashes outside parentheses and, with `quotes`, outside single-quoted text.
 * `balanced` is false when a parenthesis or quote is left open.
 */
function splitAtTopLevelSlashes(text: string, quotes: boolean): { parts: string[]; balanced: boolean } {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let cur = '';
	for (const ch of text) {
		if (quotes && ch === "'") quoted = !quoted;
		else if (!quoted && ch === '(') depth++;
		else if (!quoted && ch === ')') depth--;
		if (ch === '/' && depth === 0 && !quoted) {
			parts.push(cur);
			cur = '';
		} else cur += ch;
	}
	parts.push(cur);
	return { parts, balanced: depth === 0 && !quoted };
}
