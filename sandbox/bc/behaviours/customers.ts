import { BcErrors } from '../request-error';
import type { EntityBehaviour } from './types';

/**
 * Customer rules of AL "APIV2 - Customers": a new customer needs a `displayName`
 * (`NotProvidedCustomerNameErr`), and it cannot be blanked (`BlankCustomerNameErr`).
 */
export const customerBehaviour: EntityBehaviour = {
	beforeInsert(ctx, row) {
		if (!String(row.displayName ?? '').trim()) throw BcErrors.dialog(ctx.def.errorLabels.NotProvidedCustomerNameErr ?? 'A "displayName" must be provided.');
	},
	beforeUpdate(ctx, row, _old, provided) {
		if (provided.has('displayName') && !String(row.displayName ?? '').trim()) {
			throw BcErrors.dialog(ctx.def.errorLabels.BlankCustomerNameErr ?? 'The blank "displayName" is not allowed.');
		}
	},
};
