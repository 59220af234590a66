/**
 * The text of a PDF written with standard fonts (as the sandbox's pdfkit PDFs are): inflates every FlateDecode
 * stream and decodes the hex and literal strings of its text operators. Enough to assert what a page shows, without
 * a PDF library in the test dependencies.
 */
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string {
	const text: string[] = [];
	const latin = pdf.toString('latin1');
	const streams = /stream\r?\n/g;
	let match: RegExpExecArray | null;
	while ((match = streams.exec(latin))) {
		const start = match.index + match[0].length;
		const end = latin.indexOf('endstream', start);
		if (end < 0) break;
		let content: string;
		try {
			content = inflateSync(pdf.subarray(start, end)).toString('latin1');
		} catch {
			content = latin.slice(start, end);
		}
		for (const block of content.match(/\[(.*?)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj|\((.*?)\)\s*Tj/g) ?? []) {
			const hex = block.match(/<([0-9a-fA-F]+)>/g) ?? [];
			const literal = block.match(/\(((?:\\.|[^\\)])*)\)/g) ?? [];
			text.push(
				hex.map((h) => Buffer.from(h.slice(1, -1), 'hex').toString('latin1')).join('') +
					literal.map((l) => l.slice(1, -1).replace(/\\(.)/g, '$1')).join(''),
			);
		}
		streams.lastIndex = end;
	}
	return text.join(' ');
}
