import type { INodeProperties } from 'n8n-workflow';

import { bcRequest } from '../../transport';
import type { BcOperation } from '../operation';
import { fail, readCollectionParameter, readText, shown } from '../shared/parameters';
import { companyLocator } from '../shared/properties';
import {
	binaryItem,
	bodyBytes,
	bytesRequest,
	companyPath,
	outputBinaryProperty,
	readBinaryPropertyName,
	recordPath,
	safeFileName,
} from '../shared/files';
import {
	parentEntitySetProperty,
	readParentEntitySet,
	parentRecordIdProperty,
	readParentRecordId,
} from '../shared/fileParents';
import { readCompany } from '../shared/validation';

const properties: INodeProperties[] = [
	companyLocator,
	parentEntitySetProperty('pdfDocument', 'The kind of document to print'),
	parentRecordIdProperty,
	outputBinaryProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Print Language',
				name: 'printLanguage',
				type: 'string',
				default: '',
				placeholder: 'e.g. nl-NL',
				description: 'Language of the printed document (sent as Accept-Language); empty: the company default',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. invoice.pdf',
				description: 'Name of the output file; empty: the document number, e.g. 103001.pdf',
			},
		],
	},
];

/** A language tag as Accept-Language takes it (`nl-NL`, `de`, `en-US`). */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * File → Download PDF: reads the document's number, then `GET …/<documents>(<id>)/pdfDocument/pdfDocumentContent`
 * (the v2.0 path; the v1.0-era `pdfDocument(<id>)/content` is stale), optionally in a print language via
 * `Accept-Language` (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesinvoice_pdfdocument).
 * Output: `{ id, entitySet, number, fileName, mimeType, fileSize }` and the PDF as binary `application/pdf`.
 */
export const downloadPdf: BcOperation = {
	value: 'downloadPdf',
	name: 'Download PDF',
	description: 'Download the PDF of a sales or purchase document',
	action: 'Download the PDF of a document',
	method: 'GET',
	properties,
	async preSend(requestOptions) {
		const set = readParentEntitySet(this, 'pdfDocument');
		const company = readCompany(this);
		const key = readParentRecordId(this);
		readBinaryPropertyName(this);
		const options = readCollectionParameter(this, 'options', 'Options');
		const language = readText(this, 'options.printLanguage', 'Options → Print Language', { maxLength: 35 }).trim();
		if (language && !LANGUAGE_TAG.test(language)) {
			fail(
				this,
				`Options → Print Language: ${shown(language)} is not a language tag`,
				'Use a tag such as nl-NL, de-DE or en-US.',
			);
		}
		if (options.fileName !== undefined) readText(this, 'options.fileName', 'Options → File Name', { maxLength: 200 });
		requestOptions.qs = { $select: 'id,number' };
		requestOptions.headers = { ...requestOptions.headers, ...(language ? { 'Accept-Language': language } : {}) };
		return await companyPath(this, requestOptions, company, recordPath(set, key));
	},
	async executeItems({ ctx, request, send }) {
		const record = (await bcRequest(ctx, request, send)).body as { id?: string; number?: string };
		const response = await bcRequest(
			ctx,
			bytesRequest(request, `${request.url}/pdfDocument/pdfDocumentContent`, 'application/pdf, */*'),
			send,
		);
		const bytes = bodyBytes(response.body);
		const named = String(ctx.getNodeParameter('options.fileName', '') ?? '').trim();
		const fileName = safeFileName(named || `${record.number || record.id}.pdf`);
		const entitySet = ctx.getNodeParameter('parentEntitySet', '') as string;
		const json = { id: record.id, entitySet, number: record.number, fileName, mimeType: 'application/pdf' };
		return [await binaryItem(ctx, json, readBinaryPropertyName(ctx), bytes, fileName, 'application/pdf', true)];
	},
};
