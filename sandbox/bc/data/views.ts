import type { CompanyData } from '../store/store';
import { roundAmount } from '../store/formats';
import type { Row } from '../store/table';
import type { DerivedSetRegistration } from '../plugins/types';
import type { DerivedSet } from '../store/views';

/** Invoice statuses that mean "posted" (draft invoices do not count in balances). */
const POSTED = new Set(['Open', 'Paid', 'Corrective', 'Canceled']);

/**
 * `customerFinancialDetails` (AL "APIV2 - Cust Financial Details", source table Customer, key
 * SystemId = the customer's id; exposed on customers as `customerFinancialDetail`): `balance` =
 * the customer's `balanceDue`; `totalSalesExcludingTax` = posted invoices' net totals;
 * `overdueAmount` = remaining amounts of open invoices due before today.
 */
export const customerFinancialDetails: DerivedSet = {
	sources: ['customers', 'salesInvoices'],
	build(company: CompanyData, _def, today): Row[] {
		const sales = new Map<string, { total: number; overdue: number }>();
		for (const inv of company.tableOf('salesInvoices').rows()) {
			if (!POSTED.has(String(inv.status))) continue;
			const k = String(inv.customerId).toLowerCase();
			const s = sales.get(k) ?? { total: 0, overdue: 0 };
			s.total += Number(inv.totalAmountExcludingTax);
			if (inv.status === 'Open' && String(inv.dueDate) < today) s.overdue += Number(inv.remainingAmount);
			sales.set(k, s);
		}
		const rows: Row[] = [];
		for (const c of company.tableOf('customers').rows()) {
			const s = sales.get(String(c.id).toLowerCase());
			rows.push({
				id: c.id,
				number: c.number,
				balance: c.balanceDue,
				totalSalesExcludingTax: roundAmount(s?.total ?? 0),
				overdueAmount: roundAmount(s?.overdue ?? 0),
				lastModifiedDateTime: c.lastModifiedDateTime,
			});
		}
		return rows;
	},
};

/**
 * `contactsInformation` (AL "APIV2 - Contacts Information", buffer over Contact Business Relation):
 * one row per contact whose company is a customer (matched by `companyName` = customer `displayName`),
 * `relatedType` Customer, `relatedId` the customer's id; exposed on customers as `contactsInformation`.
 */
export const contactsInformation: DerivedSet = {
	sources: ['contacts', 'customers'],
	build(company: CompanyData): Row[] {
		const customers = company.tableOf('customers');
		const rows: Row[] = [];
		for (const c of company.tableOf('contacts').rows()) {
			if (c.contactBusinessRelation !== 'Customer' || !c.companyName) continue;
			const key = customers.findKeyBy('displayName', String(c.companyName));
			if (!key) continue;
			rows.push({
				contactId: c.id,
				contactNumber: c.number,
				contactName: c.displayName,
				contactType: c.type,
				relatedId: customers.get(key)!.id,
				relatedType: 'Customer',
			});
		}
		return rows;
	},
};

/** The derived sets the sandbox serves (loaded by the `core` plugin). */
export function coreDerivedSets(): DerivedSetRegistration[] {
	return [
		{ route: 'v2.0', entitySet: 'customerFinancialDetails', set: customerFinancialDetails },
		{ route: 'v2.0', entitySet: 'contactsInformation', set: contactsInformation },
	];
}
