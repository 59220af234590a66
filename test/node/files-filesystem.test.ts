/**
 * Files with n8n's binary data store in filesystem mode (n8n's default for regular executions): downloads land in
 * the store (an id, no base64 in the item) and uploads stream from it, byte-identical.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;
const storage = mkdtempSync(join(tmpdir(), 'bc-binary-'));

beforeAll(async () => {
	Container.set(BinaryDataConfig, {
		mode: 'filesystem',
		localStoragePath: storage,
		availableModes: ['filesystem'],
	} as never);
	await Container.get(BinaryDataService).init();
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => {
	await sandbox.stop();
	rmSync(storage, { recursive: true, force: true });
});

const file = (operation: string, extra: INodeParameters): INodeParameters => ({
	resource: 'file',
	operation,
	company: { __rl: true, mode: 'id', value: companyId },
	...extra,
});

it('downloads a PDF into the filesystem store and uploads it from there as an attachment, byte-identical', async () => {
	const { items: invoices } = await runNode(helper, {
		parameters: {
			resource: 'record',
			operation: 'getAll',
			company: { __rl: true, mode: 'id', value: companyId },
			entitySet: { __rl: true, mode: 'list', value: 'salesInvoices' },
			returnAll: false,
			limit: 1,
		},
		credential,
	});
	const invoice = invoices[0].json as IDataObject;
	const pdf = await runNode(helper, {
		parameters: file('downloadPdf', { parentEntitySet: 'salesInvoices', parentRecordId: invoice.id as string }),
		credential,
	});
	expect(pdf.error).toBeUndefined();
	const stored = pdf.items[0].binary!.data;
	expect(stored.id).toMatch(/^filesystem(-v2)?:/);
	expect(stored.data).not.toMatch(/^JVBER/); // no base64 copy in the item
	const original = await Container.get(BinaryDataService).getAsBuffer(stored);
	expect(original.subarray(0, 5).toString()).toBe('%PDF-');

	const up = await runNode(helper, {
		parameters: file('uploadAttachment', { parentEntitySet: 'salesInvoices', parentRecordId: invoice.id as string }),
		credential,
		inputItems: [{ json: {}, binary: { data: stored } }],
	});
	expect(up.error).toBeUndefined();
	expect(up.items[0].json).toMatchObject({ fileName: stored.fileName, byteSize: original.length });
	const down = await runNode(helper, {
		parameters: file('downloadAttachment', { attachmentId: up.items[0].json.id as string }),
		credential,
	});
	const back = await Container.get(BinaryDataService).getAsBuffer(down.items[0].binary!.data);
	expect(Buffer.compare(back, original)).toBe(0);
});
