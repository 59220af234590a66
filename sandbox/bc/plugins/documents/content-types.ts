/** Content types of media the sandbox stores: by file extension (attachments) and by the bytes' signature (pictures). */

const BY_EXTENSION: Record<string, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	bmp: 'image/bmp',
	txt: 'text/plain',
	csv: 'text/csv',
	xml: 'application/xml',
	json: 'application/json',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The content type of an attachment by its file name's extension; `application/octet-stream` when unknown (UNVERIFIED which type BC sends). */
export function contentTypeOfFile(fileName: string): string {
	const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
	return BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** MIME type and size (pixels) of an image from its first bytes: PNG and GIF with size, JPEG and BMP type only. */
export function imageInfo(bytes: Buffer): { contentType: string; width: number; height: number } {
	if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
		return { contentType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes.length >= 10 && bytes.toString('latin1', 0, 4) === 'GIF8') {
		return { contentType: 'image/gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
	}
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8)
		return { contentType: 'image/jpeg', width: 0, height: 0 };
	if (bytes.length >= 2 && bytes.toString('latin1', 0, 2) === 'BM')
		return { contentType: 'image/bmp', width: 0, height: 0 };
	return { contentType: 'application/octet-stream', width: 0, height: 0 };
}
