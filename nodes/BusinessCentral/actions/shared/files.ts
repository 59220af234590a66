/**
 * Files as n8n binary data: the binary property parameter (like n8n's own nodes), reading an input file for an
 * upload (size checked against BC's limit before any request; streamed from n8n's binary data store when the file
 * lives there), and turning downloaded bytes into an output binary property.
 */
import type {
	IBinaryData,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { keyPredicate } from '../../../../core/odata';
import type { BcRequest } from '../../transport';
import { companyIdOf } from './target';
import type { CompanyRef } from './validation';
import type { OperationItem } from '../operation';
import { fail, readText, shown } from './parameters';

/**
 * Largest file Business Central online takes or gives: 350 MB ("Max file size … uploaded to or downloaded from the
 * service", https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/operational-limits-online).
 */
export const MAX_FILE_BYTES = 350 * 1024 * 1024;

/** The binary property an upload reads (n8n's name and default: `binaryPropertyName`, `data`). */
export const inputBinaryProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field containing the file to upload',
};

/** The binary property a download writes (n8n's name and default: `binaryPropertyName`, `data`). */
export const outputBinaryProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the output binary field to put the file in',
};

/** The checked binary property name: 1 to 128 characters, no control characters. */
export function readBinaryPropertyName(ctx: IExecuteSingleFunctions): string {
	const name = readText(ctx, 'binaryPropertyName', 'Binary Field', { fallback: 'data', maxLength: 128 }).trim();
	if (!name)
		fail(ctx, 'Binary Field: enter the name of the binary field', 'n8n puts files in a field named data by default.');
	return name;
}

/** An input file ready to upload. */
export interface UploadFile {
	/** Size in bytes. */
	bytes: number;
	fileName?: string;
	mimeType: string;
	/** Opens the file's bytes: a fresh stream from n8n's binary data store per call, or the in-memory buffer. */
	open: () => Promise<Buffer | NodeJS.ReadableStream>;
}

function sizeOf(data: IBinaryData): number | undefined {
	if (typeof data.bytes === 'number') return data.bytes;
	if (!data.id && typeof data.data === 'string') return Buffer.byteLength(data.data, 'base64');
	return undefined;
}

/**
 * The input item's file in `binaryPropertyName`, checked before any request: it exists and is at most
 * {@link MAX_FILE_BYTES}. Files in n8n's binary data store (filesystem or another external mode) are streamed from
 * there, not loaded into memory.
 * @throws NodeOperationError naming the field: no such binary property, or the file is too large
 */
export async function readUploadFile(ctx: IExecuteSingleFunctions): Promise<UploadFile> {
	const property = readBinaryPropertyName(ctx);
	const item = ctx.getInputData();
	if (!item.binary?.[property]) {
		const present = Object.keys(item.binary ?? {});
		fail(
			ctx,
			`Input Binary Field: the input item has no binary field ${shown(property)}`,
			present.length
				? `Its binary fields are: ${present.join(', ')}. Enter one of them.`
				: 'The input item has no file at all: read or download one first (e.g. Read/Write Files from Disk, HTTP Request).',
		);
	}
	const data = ctx.helpers.assertBinaryData(property);
	let bytes = sizeOf(data);
	if (bytes === undefined && data.id) bytes = (await ctx.helpers.getBinaryMetadata(data.id)).fileSize;
	if (bytes !== undefined && bytes > MAX_FILE_BYTES) {
		fail(
			ctx,
			`Input Binary Field: the file ${shown(data.fileName ?? property)} has ${bytes.toLocaleString('en-US')} bytes, Business Central takes at most 350 MB`,
			'Business Central online refuses larger files (operational limits); compress or split it.',
		);
	}
	const id = data.id;
	return {
		bytes: bytes ?? 0,
		fileName: data.fileName,
		mimeType: data.mimeType,
		open: async () => (id ? await ctx.helpers.getBinaryStream(id) : await ctx.helpers.getBinaryDataBuffer(property)),
	};
}

/**
 * One output item: `json` plus the downloaded bytes as binary property `property`, stored through n8n's binary
 * data helpers: a stream goes straight into the binary data store in filesystem mode (never held in memory whole).
 * `json.fileSize` is set to the stored size in bytes when `withSize`.
 */
export async function binaryItem(
	ctx: IExecuteSingleFunctions,
	json: OperationItem['json'],
	property: string,
	bytes: Buffer | NodeJS.ReadableStream,
	fileName: string,
	mimeType?: string,
	withSize = false,
): Promise<OperationItem> {
	const binary = await ctx.helpers.prepareBinaryData(bytes as Buffer, fileName, mimeType);
	const size =
		binary.bytes ??
		(typeof binary.data === 'string' && !binary.id ? Buffer.byteLength(binary.data, 'base64') : undefined);
	return { json: withSize ? { ...json, fileSize: size } : json, binary: { [property]: binary } };
}

/** A file name safe for any file system: no path separators or control characters, at most 200 characters. */
export function safeFileName(name: string): string {
	// eslint-disable-next-line no-control-regex
	return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 200) || 'file';
}

/**
 * The request URL `/api/v2.0/companies(<id>)/<path>`. Call it last in a preSend: it may send the company-name
 * lookup, and everything must be checked before the first request.
 */
export async function companyPath(
	ctx: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	company: CompanyRef,
	path: string,
): Promise<IHttpRequestOptions> {
	const id = await companyIdOf(ctx, company, requestOptions);
	requestOptions.url = `/api/v2.0/companies(${id})/${path}`;
	delete requestOptions.body;
	return requestOptions;
}

/** The path of one record: `<entitySet>(<key>)`. */
export function recordPath(entitySet: string, key: string): string {
	return `${entitySet}${keyPredicate(key)}`;
}

/** Headers of a raw upload: `Content-Type: application/octet-stream` (BC's media PATCH) and `If-Match`. */
export function uploadHeaders(request: BcRequest, ifMatch: string): IDataObject {
	return { ...request.headers, 'Content-Type': 'application/octet-stream', 'If-Match': ifMatch };
}

/**
 * A GET of raw bytes (PDF, attachment, picture) at `url`, with the prepared request's base URL and headers; the
 * answer is streamed (see {@link binaryItem}).
 */
export function bytesRequest(request: BcRequest, url: string, accept = '*/*'): BcRequest {
	return {
		...request,
		method: 'GET',
		url,
		qs: undefined,
		body: undefined,
		headers: { ...request.headers, Accept: accept },
		responseType: 'stream',
	};
}

/** The body of a response to {@link bytesRequest}: the stream, or the bytes when it was not streamed. */
export function bodyBytes(body: unknown): Buffer | NodeJS.ReadableStream {
	if (Buffer.isBuffer(body)) return body;
	if (body && typeof (body as NodeJS.ReadableStream).pipe === 'function') return body as NodeJS.ReadableStream;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.alloc(0);
}
