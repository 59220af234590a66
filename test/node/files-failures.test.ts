/**
 * Upload Attachment when the second step fails: the empty attachment record made by the first step is deleted again
 * and the error says so (nothing half-made is left behind). A test plugin makes BC refuse the content PATCH.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { SandboxPlugin } from '../../sandbox';
import { BcRequestError } from '../../sandbox/bc/request-error';
import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { requestCount, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

const refuseContent: SandboxPlugin = {
	name: 'refuse-attachment-content',
	routes: [
		{
			name: 'refuse-attachment-content',
			match: (ctx) => ctx.request.method === 'PATCH' && ctx.segments.at(-1)?.name === 'attachmentContent',
			handle: () => {
				throw new BcRequestError(400, 'Application_DialogException', 'The file type is not allowed.');
			},
		},
	],
};

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup({ plugins: [refuseContent] }));
});
afterAll(async () => sandbox.stop());

const file = (operation: string, extra: INodeParameters): INodeParameters => ({
	resource: 'file',
	operation,
	company: { __rl: true, mode: 'id', value: companyId },
	...extra,
});

it('deletes the empty attachment again when the content upload fails, and says so', async () => {
	const { items: customers } = await runNode(helper, {
		parameters: {
			resource: 'record',
			operation: 'getAll',
			company: { __rl: true, mode: 'id', value: companyId },
			entitySet: { __rl: true, mode: 'list', value: 'customers' },
			returnAll: false,
			limit: 1,
		},
		credential,
	});
	const customerId = customers[0].json.id as string;
	sandbox.control.reset();
	const { error } = await runNode(helper, {
		parameters: file('uploadAttachment', { parentEntitySet: 'customers', parentRecordId: customerId }),
		credential,
		inputItems: [
			{
				json: {},
				binary: {
					data: {
						data: Buffer.from('MZ').toString('base64'),
						mimeType: 'application/x-msdownload',
						fileName: 'tool.exe',
					},
				},
			},
		],
	});
	expect(error?.message).toBe('Application_DialogException: The file type is not allowed.');
	expect(error?.description).toMatch(
		/The attachment record was created but its content was not uploaded\. It was deleted again\./,
	);
	expect(requestCount(sandbox, 'DELETE', '/documentAttachments(')).toBe(1);
	const list = await runNode(helper, {
		parameters: file('getAttachments', { parentEntitySet: 'customers', parentRecordId: customerId }),
		credential,
	});
	expect(list.error).toBeUndefined();
	expect(list.items.filter((i) => i.json.fileName === 'tool.exe')).toEqual([]);
});
