/**
 * Media of API v2.0 as BC serves them (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_pdfdocument,
 * …/dynamics_attachment, …/dynamics_documentattachment, …/dynamics_picture):
 * - `GET …/<document>(<id>)/pdfDocument` (metadata with `pdfDocumentContent@odata.mediaReadLink`) and
 *   `…/pdfDocument/pdfDocumentContent` (the PDF's bytes);
 * - `GET|PATCH …/documentAttachments(<id>)/attachmentContent` (and `attachments`): the bytes; PATCH needs `If-Match`
 *   and stores the raw body; collection and entity reads carry `attachmentContent@odata.mediaReadLink`;
 * - `GET|DELETE …/<parent>(<id>)/picture` and `GET|PATCH …/picture/pictureContent` (PATCH needs `If-Match`).
 * Bytes live in the rows' stream fields, so a sandbox reset drops them with the rows.
 */
import type { BcApiResponse } from '../../../contracts';
import { DOCUMENTS } from '../../behaviours';
import { BcErrors, BcRequestError } from '../../request-error';
import { jsonResponse, type RequestContext, type Route } from '../../routes/context';
import { entitySetRoute } from '../../routes';
import { resolveTarget, type ResolvedTarget } from '../../routes/resolve';
import { formatDateTime } from '../../store/formats';
import type { Row } from '../../store/table';
import { isPosted } from './action-specs';
import { contentTypeOfFile, imageInfo } from './content-types';
import { renderDocumentPdf } from './pdf';

const last = (ctx: RequestContext, back = 0) => ctx.segments[ctx.segments.length - 1 - back];

/** Whether segment `back` from the end is a keyed entity of a set that has the navigation property `nav`. */
const keyedParentWith = (ctx: RequestContext, back: number, nav: string) => {
	const seg = last(ctx, back);
	if (!seg || seg.key === undefined) return false;
	return !!ctx.state.catalog.entitySet(ctx.request.apiRoute, seg.name)?.navigation.some((n) => n.name === nav);
};

/** The target of the first `length` segments of the path (the parent of a media segment). */
function parentTarget(ctx: RequestContext, length: number): ResolvedTarget {
	const target = resolveTarget({ ...ctx, segments: ctx.segments.slice(0, length) });
	if (target.key === undefined && !target.single) throw BcErrors.segmentNotFound(ctx.segments[length].name);
	return target;
}

function rowOrNotFound(target: ResolvedTarget): Row {
	const key = target.key ?? '';
	const row = target.table.get(key);
	if (!row) throw BcErrors.recordNotFound(target.def.caption, 'Id', key);
	return row;
}

/** `If-Match` for a media upload: required (BC's token error without it); `*` or the row's current ETag. */
function checkIfMatch(ctx: RequestContext, etag: string | undefined): void {
	const sent = ctx.request.headers['if-match'];
	if (!sent) throw BcErrors.missingIfMatch();
	if (sent !== '*' && etag !== undefined && sent !== etag) throw BcErrors.entityChanged();
}

function bytesOf(ctx: RequestContext): Buffer {
	const body = ctx.request.body;
	if (Buffer.isBuffer(body)) return body;
	if (body === undefined) return Buffer.alloc(0);
	// A JSON body instead of the raw bytes (e.g. base64 in a JSON string): BC's media PATCH takes the bytes themselves.
	throw new BcRequestError(
		400,
		'BadRequest',
		'Invalid Request Body: send the raw bytes with Content-Type application/octet-stream.',
	);
}

function binary(bytes: Buffer, contentType: string): BcApiResponse {
	return { status: 200, headers: { 'content-type': contentType, 'content-length': String(bytes.length) }, body: bytes };
}

const canonical = (ctx: RequestContext, target: ResolvedTarget, key: string) =>
	`${ctx.request.serviceRootUrl}/${target.canonicalPath}(${key})`;

/** `…/pdfDocument` and `…/pdfDocument/pdfDocumentContent` of every entity set with a `pdfDocument` part. */
export const pdfDocumentRoute: Route = {
	name: 'documents-pdf',
	match: (ctx) =>
		(last(ctx)?.name === 'pdfDocument' && keyedParentWith(ctx, 1, 'pdfDocument')) ||
		(last(ctx)?.name === 'pdfDocumentContent' &&
			last(ctx, 1)?.name === 'pdfDocument' &&
			keyedParentWith(ctx, 2, 'pdfDocument')),
	async handle(ctx) {
		const content = last(ctx).name === 'pdfDocumentContent';
		const parent = parentTarget(ctx, ctx.segments.length - (content ? 2 : 1));
		const nav = parent.def.navigation.find((n) => n.name === 'pdfDocument');
		if (!nav) throw BcErrors.segmentNotFound('pdfDocument');
		if (ctx.request.method !== 'GET') throw BcErrors.methodNotAllowed(ctx.request.method, 'pdfDocument');
		const row = rowOrNotFound(parent);
		const parentType = nav.link.find((c) => c.constValue)?.constValue ?? parent.def.caption;
		const id = String(row.id);
		if (!content) {
			const link = `${canonical(ctx, parent, id)}/pdfDocument/pdfDocumentContent`;
			return jsonResponse(200, {
				'@odata.context': `${ctx.request.serviceRootUrl}/$metadata#${parent.contextPath}(${id})/pdfDocument/$entity`,
				'@odata.etag': parent.table.etag(id),
				id,
				parentId: id,
				parentType,
				'pdfDocumentContent@odata.mediaReadLink': link,
			});
		}
		// Codeunit 5447 (Base Application): purchase credit memos must be posted before their PDF can be generated.
		if (parent.def.entitySet === 'purchaseCreditMemos' && !isPosted(row)) {
			throw BcErrors.dialog(
				`You must post purchase credit memo ${String(row.number)} before generating the PDF document.`,
			);
		}
		const lineSet = DOCUMENTS.find((d) => d.headerSet === parent.def.entitySet)?.lineSet;
		const lines = lineSet
			? [...parent.company!.tableOf(lineSet).rows()]
					.filter((l) => String(l.documentId).toLowerCase() === id.toLowerCase())
					.sort((a, b) => Number(a.sequence) - Number(b.sequence))
			: [];
		const pdf = await renderDocumentPdf({
			title: parentType,
			header: row,
			lines,
			companyName: String(parent.company!.row.name ?? ''),
			purchase: parent.def.entitySet.startsWith('purchase'),
			posted: isPosted(row) || !('status' in row),
			language: ctx.request.headers['accept-language'],
		});
		return binary(pdf, 'application/pdf');
	},
};

const ATTACHMENT_SETS = new Set(['documentAttachments', 'attachments']);

/** Adds `attachmentContent@odata.mediaReadLink`/`mediaEditLink` to attachment rows as BC returns them. */
function withMediaLinks(ctx: RequestContext, response: BcApiResponse): BcApiResponse {
	const body = response.body as Record<string, unknown> | undefined;
	if (!body || response.status !== 200) return response;
	const target = resolveTarget(ctx);
	const root = `${ctx.request.serviceRootUrl}/${target.canonicalPath.replace(/\/[^/]+$/, '')}/${target.def.entitySet}`;
	const link = (r: Record<string, unknown>) => {
		if (typeof r.id !== 'string') return r;
		const url = `${root}(${r.id})/attachmentContent`;
		return { ...r, 'attachmentContent@odata.mediaReadLink': url, 'attachmentContent@odata.mediaEditLink': url };
	};
	const next = Array.isArray(body.value)
		? { ...body, value: (body.value as Record<string, unknown>[]).map(link) }
		: link(body);
	return { ...response, body: next };
}

/** Reads of `documentAttachments`/`attachments` (collections and entities), with media links. */
export const attachmentReadRoute: Route = {
	name: 'documents-attachment-read',
	match: (ctx) => ctx.request.method === 'GET' && ATTACHMENT_SETS.has(last(ctx)?.name ?? ''),
	async handle(ctx) {
		return withMediaLinks(ctx, await entitySetRoute.handle(ctx));
	},
};

/** `GET|PATCH …/<attachments set>(<id>)/attachmentContent`. */
export const attachmentContentRoute: Route = {
	name: 'documents-attachment-content',
	match: (ctx) => last(ctx)?.name === 'attachmentContent' && ATTACHMENT_SETS.has(last(ctx, 1)?.name ?? ''),
	handle(ctx) {
		const target = parentTarget(ctx, ctx.segments.length - 1);
		const row = rowOrNotFound(target);
		const key = String(row.id);
		if (ctx.request.method === 'GET') {
			const bytes = Buffer.isBuffer(row.attachmentContent) ? row.attachmentContent : Buffer.alloc(0);
			return binary(bytes, contentTypeOfFile(String(row.fileName ?? '')));
		}
		if (ctx.request.method !== 'PATCH') throw BcErrors.methodNotAllowed(ctx.request.method, target.def.entitySet);
		checkIfMatch(ctx, target.table.etag(key));
		const bytes = bytesOf(ctx);
		ctx.state.store.atomic(() =>
			target.table.replace(key, {
				...row,
				attachmentContent: bytes,
				byteSize: bytes.length,
				lastModifiedDateTime: formatDateTime(ctx.state.now()),
			}),
		);
		return { status: 204, headers: {} };
	},
};

/** `GET|DELETE …/<parent>(<id>)/picture` and `GET|PATCH …/picture/pictureContent`. */
export const pictureRoute: Route = {
	name: 'documents-picture',
	match: (ctx) =>
		(last(ctx)?.name === 'picture' && keyedParentWith(ctx, 1, 'picture')) ||
		(last(ctx)?.name === 'pictureContent' && last(ctx, 1)?.name === 'picture' && keyedParentWith(ctx, 2, 'picture')),
	handle(ctx) {
		const content = last(ctx).name === 'pictureContent';
		const parent = parentTarget(ctx, ctx.segments.length - (content ? 2 : 1));
		const nav = parent.def.navigation.find((n) => n.name === 'picture');
		if (!nav) throw BcErrors.segmentNotFound('picture');
		const owner = rowOrNotFound(parent);
		const id = String(owner.id);
		const pictures = parent.company!.tableOf('pictures');
		const stored = pictures.get(id);
		const parentType = nav.link.find((c) => c.constValue)?.constValue ?? parent.def.caption;
		const method = ctx.request.method;
		const link = `${canonical(ctx, parent, id)}/picture/pictureContent`;
		if (!content && method === 'GET') {
			return jsonResponse(200, {
				'@odata.context': `${ctx.request.serviceRootUrl}/$metadata#${parent.contextPath}(${id})/picture/$entity`,
				'@odata.etag': stored ? pictures.etag(id) : parent.table.etag(id),
				id,
				parentType,
				width: stored?.width ?? 0,
				height: stored?.height ?? 0,
				contentType: stored?.contentType ?? '',
				'pictureContent@odata.mediaReadLink': link,
				'pictureContent@odata.mediaEditLink': link,
			});
		}
		if (!content && method === 'DELETE') {
			if (stored) ctx.state.store.atomic(() => pictures.delete(id));
			return { status: 204, headers: {} };
		}
		if (content && method === 'GET') {
			if (!stored) return { status: 204, headers: {} };
			return binary(stored.pictureContent as Buffer, String(stored.contentType || 'application/octet-stream'));
		}
		if (content && method === 'PATCH') {
			checkIfMatch(ctx, stored ? pictures.etag(id) : undefined);
			const bytes = bytesOf(ctx);
			const info = imageInfo(bytes);
			const row: Row = { id, parentType, ...info, pictureContent: bytes };
			ctx.state.store.atomic(() => (stored ? pictures.replace(id, row) : pictures.insert(row)));
			return { status: 204, headers: {} };
		}
		throw BcErrors.methodNotAllowed(method, 'picture');
	},
};
