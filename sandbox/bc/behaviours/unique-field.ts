import { BcRequestError } from '../request-error';
import { normaliseKey } from '../store/table';
import type { EntityBehaviour } from './types';

/**
 * Rejects a second row with the same primary-key value (e.g. customer `number` = table key "No.")
 * with 409 `Internal_EntityWithSameKeyExists` "The Customer already exists. Identification fields and
 * values: No.='10000'" (code and text: https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/webservices/dynamics-error-codes; the 409 status is UNVERIFIED, the sandbox's own choice).
 */
export function uniqueFieldBehaviour(field: string, alCaption: string, tableCaption: string): EntityBehaviour {
	const check = (ctx: Parameters<NonNullable<EntityBehaviour['beforeQuery']>>[0], value: unknown, selfKey?: string) => {
		if (value === '' || value === undefined) return;
		const k = ctx.table.findKeyBy(field, String(value));
		if (k !== undefined && k !== selfKey) {
			throw new BcRequestError(
				409,
				'Internal_EntityWithSameKeyExists',
				`The ${tableCaption} already exists. Identification fields and values: ${alCaption}='${String(value)}'`,
			);
		}
	};
	return {
		beforeInsert: (ctx, row) => check(ctx, row[field]),
		beforeUpdate: (ctx, row, old) => {
			if (row[field] !== old[field]) check(ctx, row[field], normaliseKey(old[ctx.def.keyField]));
		},
	};
}
