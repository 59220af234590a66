/**
 * Nothing is lost and nothing is duplicated: 1,000 Creates with "Continue On Fail" through the real engine while the
 * sandbox injects about 5 % faults, including "apply, then lose the answer" (the record is created, the answer is a
 * dropped connection or a 504). Every input gets exactly one output item; successes exist once; an `unknown` item's
 * record may or may not exist (a read tells); a `not-applied` item's record never exists; no name exists twice.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../helpers/credentialsHelper';
import { runNode } from '../helpers/engine';
import { customerParameters, startClientSecretSetup, type ClientSecretSetup } from '../helpers/nodeTest';
import type { RunningSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let helper: TestCredentialsHelper;
let credential: ClientSecretSetup['credential'];
let companyId: string;

beforeAll(async () => {
	({ sandbox, helper, credential, companyId } = await startClientSecretSetup());
});
afterAll(async () => sandbox.stop());

const record = (operation: string, extra?: INodeParameters): INodeParameters =>
	customerParameters(companyId, operation, extra);

const COUNT = 1_000;
const PREFIX = 'Reliability';

it(`${COUNT} creates under 5 % faults: one output per input, no duplicates, every outcome labelled`, async () => {
	sandbox.control.updateSettings({
		faults: {
			seed: 11,
			dropConnection: 0.01,
			serviceUnavailable: 0.01,
			gatewayTimeout: 0.01,
			retryAfterSeconds: 0,
			lostAnswers: [
				{ methods: ['POST'], resources: ['customers'], share: 0.01, outcome: 'drop' },
				{ methods: ['POST'], resources: ['customers'], share: 0.01, outcome: 'gateway-timeout' },
			],
		},
	});
	const names = Array.from({ length: COUNT }, (_, i) => `${PREFIX} ${String(i).padStart(4, '0')}`);
	const started = Date.now();
	const { items, error } = await runNode(helper, {
		// One request per item, so every fault class hits single writes ($batch under faults: test/node/batching.test.ts).
		parameters: record('create', {
			bodyMode: 'json',
			jsonBody: '={{ JSON.stringify({ displayName: $json.name }) }}',
			batchMode: 'off',
		}),
		credential,
		continueOnFail: true,
		items: names.map((name) => ({ name })),
	});
	const ms = Date.now() - started;
	sandbox.control.updateSettings({ faults: {} });
	expect(error).toBeUndefined();

	// Exactly one output item per input item, each paired with its input.
	expect(items).toHaveLength(COUNT);
	const byInput = new Map<number, IDataObject>();
	for (const item of items) byInput.set((item.pairedItem as { item: number }).item, item.json);
	expect(byInput.size).toBe(COUNT);

	const created = new Set<string>();
	const unknown = new Set<string>();
	const notApplied = new Set<string>();
	for (const [index, json] of byInput) {
		if (json.error === undefined) created.add(names[index]);
		else {
			const outcome = (json.details as { outcome?: string }).outcome;
			expect(['unknown', 'not-applied']).toContain(outcome);
			(outcome === 'unknown' ? unknown : notApplied).add(names[index]);
		}
	}

	// Read back every record of this run.
	const read = await runNode(helper, {
		parameters: record('getAll', {
			returnAll: true,
			options: { filter: `startswith(displayName,'${PREFIX} ')`, select: 'id,displayName' },
		}),
		credential,
	});
	expect(read.error).toBeUndefined();
	const stored = read.items.map((item) => String(item.json.displayName));
	const storedSet = new Set(stored);
	expect(stored.length).toBe(storedSet.size); // 0 duplicates
	for (const name of created) expect(storedSet.has(name)).toBe(true);
	for (const name of notApplied) expect(storedSet.has(name)).toBe(false);
	const unknownApplied = [...unknown].filter((name) => storedSet.has(name));
	// Created records = successful items + unknown items that were applied; nothing else exists.
	expect(stored.length).toBe(created.size + unknownApplied.length);
	// The faults really happened, in every class.
	expect(unknown.size).toBeGreaterThan(10);
	expect(unknownApplied.length).toBeGreaterThan(5);
	expect(unknownApplied.length).toBeLessThan(unknown.size);

	console.log(
		`${COUNT} creates in ${ms} ms: ${created.size} created, ${unknown.size} unknown ` +
			`(${unknownApplied.length} applied, ${unknown.size - unknownApplied.length} not), ${notApplied.size} not applied; ` +
			`stored ${stored.length}, duplicates ${stored.length - storedSet.size}; sandbox faulted ${sandbox.control.stats().faulted}`,
	);
}, 300_000);
