/**
 * Plugins at the data layer (`createBcApi({ plugins })`): route order, derived sets, nested dispatch and listeners
 * that throw. The HTTPS side is in test/sandbox/http/plugins.test.ts.
 */
import type { BcPlugin, RecordChange } from '../../../sandbox/bc';
import { expectBcError, TestApi } from './api';

describe('data-layer plugins', () => {
	it('route before the built-in routes and can serve a derived set', async () => {
		const plugin: BcPlugin = {
			name: 'shadow',
			routes: [
				{
					name: 'post-action',
					match: (ctx) => ctx.segments.at(-1)?.name === 'Microsoft.NAV.post',
					handle: () => ({ status: 204 }),
				},
			],
			derivedSets: [
				{
					route: 'v2.0',
					entitySet: 'agedAccountsReceivables',
					set: {
						sources: ['customers'],
						build: (company) =>
							[...company.tableOf('customers').rows()]
								.slice(0, 2)
								.map((c) => ({ customerId: c.id, customerNumber: c.number, name: c.displayName, balanceDue: 0 })),
					},
				},
			],
		};
		const t = new TestApi({ plugins: [plugin] });
		const invoice = (await t.get(t.path('salesInvoices'), '$top=1')).body.value[0];
		expect((await t.call('POST', t.path(`salesInvoices(${invoice.id})/Microsoft.NAV.post`))).status).toBe(204);
		const aged = await t.get(t.path('agedAccountsReceivables'), '$select=customerNumber');
		expect(aged.body.value.map((r: { customerNumber: string }) => r.customerNumber)).toEqual(['10000', '20000']);
		// Without it, the built-in documents plugin answers as BC does (the first invoice is posted).
		const plain = new TestApi();
		expectBcError(
			await plain.call('POST', plain.path(`salesInvoices(${invoice.id})/Microsoft.NAV.post`)),
			400,
			'Application_DialogException',
			'The action can be applied to a draft invoice only.',
		);
		expect(() => new TestApi({ plugins: [plugin, { ...plugin, name: 'again' }] })).toThrow(
			"plugin 'again' derives v2.0|agedAccountsReceivables, which another plugin derives",
		);
	});

	it('stops dispatch loops and keeps writes when a listener throws', async () => {
		const seen: RecordChange[] = [];
		const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
		const t = new TestApi({
			plugins: [
				{
					name: 'loop',
					routes: [
						{
							name: 'loop',
							match: (ctx) => ctx.segments[0]?.name === '$loop',
							handle: (ctx) => ctx.dispatch({ method: 'GET', url: '$loop' }),
						},
					],
				},
				{
					name: 'faulty',
					onChange: () => {
						throw new Error('listener bug');
					},
				},
				{ name: 'recorder', onChange: (c) => seen.push(c) },
			],
		});
		expectBcError(await t.get('$loop'), 400, 'BadRequest', 'Inner requests are nested too deeply.');
		const created = await t.call('POST', t.path('customers'), { body: { displayName: 'Still Written' } });
		expect(created.status).toBe(201);
		expect(seen.map((c) => `${c.type} ${c.entitySet} ${c.id}`)).toEqual([`created customers ${created.body.id}`]);
		expect(warn).toHaveBeenCalledWith("sandbox plugin 'faulty' failed in onChange: listener bug", {
			type: 'SandboxPluginWarning',
		});
		warn.mockRestore();
	});
});
