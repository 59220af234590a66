/** The Action list search of Record → Run Action: the catalog's bound actions of the chosen entity set. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../nodes/BusinessCentral/methods';

const context = (apiRoute: string, entitySet: string) =>
	({
		getCurrentNodeParameter: (name: string) =>
			({ apiRoute, entitySet: { __rl: true, mode: 'list', value: entitySet } })[name],
	}) as unknown as ILoadOptionsFunctions;

describe('searchBoundActions', () => {
	it('lists the bound actions of the entity set, filtered by the search text', async () => {
		const all = await listSearch.searchBoundActions.call(context('v2.0', 'salesInvoices'));
		expect(all.results.map((r) => r.value)).toEqual([
			'post',
			'postAndSend',
			'send',
			'cancel',
			'cancelAndSend',
			'makeCorrectiveCreditMemo',
		]);
		const make = await listSearch.searchBoundActions.call(context('v2.0', 'salesQuotes'), 'MAKE');
		expect(make.results).toEqual([
			{ name: 'makeInvoice', value: 'makeInvoice' },
			{ name: 'makeOrder', value: 'makeOrder' },
		]);
	});

	it('is empty for sets without actions and for custom APIs (enter the action by name)', async () => {
		expect((await listSearch.searchBoundActions.call(context('v2.0', 'customers'))).results).toEqual([]);
		expect((await listSearch.searchBoundActions.call(context('contoso/app/v1.0', 'orders'))).results).toEqual([]);
	});
});
