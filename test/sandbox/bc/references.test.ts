import type { DataChange } from '../../../sandbox/bc';
import { expectBcError, TestApi } from './api';

const changes: DataChange[] = [];
const t = new TestApi({ onChange: (c) => changes.push(c) });
const post = (set: string, body: unknown) => t.call('POST', t.path(set), { body });

describe('references between entities (AL APIV2 page rules)', () => {
	it('resolves currencyCode → currencyId (upper-casing the code) and currencyId → currencyCode', async () => {
		const eur = (await t.get(t.path('currencies'), `$filter=code eq 'EUR'`)).body.value[0];
		const byCode = await post('customers', { displayName: 'Euro Kunde', currencyCode: 'eur' });
		expect(byCode.body).toMatchObject({ currencyCode: 'EUR', currencyId: eur.id });
		const byId = await post('customers', { displayName: 'Euro Kunde 2', currencyId: eur.id });
		expect(byId.body.currencyCode).toBe('EUR');
	});

	it('rejects unknown or contradicting references with the page’s labels', async () => {
		expectBcError(
			await post('customers', { displayName: 'x', currencyCode: 'XYZ' }),
			400,
			'Application_DialogException',
			'The "currencyCode" does not match to a Currency.',
		);
		expectBcError(
			await post('customers', { displayName: 'x', currencyId: '0badf00d-0000-4000-8000-000000000000' }),
			400,
			'Application_DialogException',
			'The "currencyId" does not match to a Currency.',
		);
		const gbp = (await t.get(t.path('currencies'), `$filter=code eq 'GBP'`)).body.value[0];
		expectBcError(
			await post('customers', { displayName: 'x', currencyId: gbp.id, currencyCode: 'EUR' }),
			400,
			'Application_DialogException',
			'The currency values do not match to a specific Currency.',
		);
		expectBcError(
			await post('customers', { displayName: 'x', paymentTermsId: '0badf00d-0000-4000-8000-000000000000' }),
			400,
			'Application_DialogException',
			'The "paymentTermsId" does not match to a Payment Terms.',
		);
		expectBcError(
			await post('items', { displayName: 'x', itemCategoryCode: 'NOPE' }),
			400,
			'Application_DialogException',
			'The "itemCategoryCode" does not match to a Item Category.',
		);
	});

	it('derives an employee’s displayName and refuses inventory on item POST', async () => {
		const e = await post('employees', { givenName: 'Zoë', surname: "D'Arcy" });
		expect(e.status).toBe(201);
		expect(e.body.displayName).toBe("Zoë D'Arcy");
		expectBcError(
			await post('items', { displayName: 'Stock', inventory: 5 }),
			400,
			'Application_DialogException',
			'Inventory cannot be changed during on insert.',
		);
		const item = await post('items', { displayName: 'Stock', baseUnitOfMeasureCode: 'box' });
		expect(item.body).toMatchObject({ number: '1000', baseUnitOfMeasureCode: 'BOX' });
	});

	it('refuses to delete a customer with an outstanding sales order', async () => {
		const c = (await t.get(t.path('customers'), `$filter=number eq '10000'`)).body.value[0];
		expectBcError(
			await t.call('DELETE', t.path(`customers(${c.id})`), { headers: { 'If-Match': '*' } }),
			400,
			'Application_DialogException',
			'You cannot delete Customer 10000 because there is at least one outstanding Sales Order for this customer.',
		);
	});

	it('reports every change (including header totals refreshed by a line) to onChange listeners', async () => {
		changes.length = 0;
		const order = (
			await post('salesOrders', {
				customerNumber: '20000',
				salesOrderLines: [{ lineObjectNumber: '1928-S', quantity: 1 }],
			})
		).body;
		expect(changes.map((c) => `${c.changeType} ${c.entitySet}`)).toEqual([
			'created salesOrders',
			'created salesOrderLines',
			'updated salesOrders',
		]);
		expect(changes[0]).toMatchObject({
			environment: 'production',
			companyId: t.companyId(),
			route: 'v2.0',
			key: order.id,
		});
		changes.length = 0;
		const failed = await post('salesOrders', {
			customerNumber: '20000',
			salesOrderLines: [{ lineObjectNumber: '1928-S', quantity: 1 }, { lineObjectNumber: 'NOPE' }],
		});
		expect(failed.status).toBe(400);
		expect(changes).toEqual([]);
		expect(
			(await t.call('DELETE', t.path(`salesOrders(${order.id})`), { headers: { 'If-Match': '*' } })).body,
		).toBeUndefined();
		expect(changes.map((c) => `${c.changeType} ${c.entitySet}`)).toEqual([
			'deleted salesOrders',
			'deleted salesOrderLines',
		]);
	});
});
