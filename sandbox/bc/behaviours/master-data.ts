import { BcErrors } from '../request-error';
import type { EntityBehaviour } from './types';

/** Employees: `displayName` (read-only) is the full name "Given Middle Surname" (BaseApp Employee.FullName). */
export const employeeBehaviour: EntityBehaviour = {
	beforeInsert(_ctx, row) {
		row.displayName = [row.givenName, row.middleName, row.surname]
			.filter((p) => String(p ?? '').trim() !== '')
			.join(' ');
	},
	beforeUpdate(_ctx, row) {
		row.displayName = [row.givenName, row.middleName, row.surname]
			.filter((p) => String(p ?? '').trim() !== '')
			.join(' ');
	},
};

/** Items: `inventory` cannot be set on POST (AL `InventoryCannotBeChangedInAPostRequestErr`). */
export const itemBehaviour: EntityBehaviour = {
	beforeInsert(ctx, row, provided) {
		if (provided.has('inventory') && Number(row.inventory) !== 0) {
			throw BcErrors.dialog(
				ctx.def.errorLabels.InventoryCannotBeChangedInAPostRequestErr ??
					'Inventory cannot be changed during on insert.',
			);
		}
	},
};
