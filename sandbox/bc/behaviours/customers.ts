import { BcErrors } from '../request-error';
import type { EntityBehaviour } from './types';

/**
 * Customer rules of AL "APIV2 - Customers": a new customer needs a `displayName`
 * (`NotProvidedCustomerNameErr`), and it cannot be blanked (`BlankCustomerNameErr`). Deleting a
 * customer with an open sales order fails like BaseApp's Customer.OnDelete ("You cannot delete
 * Customer <no.> because there is at least one outstanding Sales Order for this customer.").
 */
export const customerBehaviour: EntityBehaviour = {
	beforeInsert(ctx, row) {
		if (!String(row.displayName ?? '').trim())
			throw BcErrors.dialog(ctx.def.errorLabels.NotProvidedCustomerNameErr ?? 'A "displayName" must be provided.');
	},
	beforeDelete(ctx, row) {
		const id = String(row.id).toLowerCase();
		for (const order of ctx.company.tableOf('salesOrders').rows()) {
			if (String(order.customerId).toLowerCase() === id) {
				throw BcErrors.dialog(
					`You cannot delete Customer ${String(row.number)} because there is at least one outstanding Sales Order for this customer.`,
				);
			}
		}
	},
	beforeUpdate(ctx, row, _old, provided) {
		if (provided.has('displayName') && !String(row.displayName ?? '').trim()) {
			throw BcErrors.dialog(ctx.def.errorLabels.BlankCustomerNameErr ?? 'The blank "displayName" is not allowed.');
		}
	},
};
