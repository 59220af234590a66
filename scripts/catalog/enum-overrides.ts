/**
 * Enum members where the docs descriptions are missing or garbled (e.g. `"Resource" Value"`), taken from the BC base
 * application enums of the same name (AL `enum` objects, BC 24+). Members keep BC's spelling; the blank member is
 * `" "`, which BC serialises as `_x0020_` (real responses, e.g. github.com/amp-labs/connectors
 * `providers/dynamicsbusiness/test/read/customers/1-first-page.json`: `"blocked": "_x0020_"`).
 */
export const ENUM_OVERRIDES: Record<string, string[]> = {
	invoiceLineAggLineType: ['Comment', 'Account', 'Item', 'Resource', 'Value', 'Fixed Asset', 'Charge'],
	vendorBlocked: [' ', 'Payment', 'All'],
	customerBlocked: [' ', 'Ship', 'Invoice', 'All'],
	contactType: ['Company', 'Person'],
	salesQuoteEntityBufferStatus: ['Draft', 'Sent', 'Accepted', 'Expired '],
	// UNVERIFIED member order (BaseApp enum "Contact Business Relation"; docs list no members): the sandbox's own choice.
	contactBusinessRelation: [' ', 'Customer', 'Vendor', 'Bank Account', 'None', 'Other', 'Multiple', 'Employee'],
	purchCrMemoEntityStatus: ['Draft', 'In Review', 'Open', 'Paid', 'Canceled', 'Corrective'],
	opportunityStatus: ['Not Started', 'In Progress', 'Won', 'Lost'],
};
