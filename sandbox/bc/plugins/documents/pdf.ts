/**
 * The sandbox's stand-in for BC's report rendering behind `pdfDocument/pdfDocumentContent`: a real, valid PDF
 * (rendered with pdfkit) showing the document's title and number, customer or vendor, dates, lines and totals.
 * BC renders the report chosen in Report Selections in the print language of `Accept-Language`
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/api/dynamics_salesinvoice_pdfdocument);
 * the sandbox knows labels for English, Dutch and German and falls back to English.
 */
import PDFDocument from 'pdfkit';

import type { Row } from '../../store/table';

/** Labels of one print language. */
interface Labels {
	customer: string;
	vendor: string;
	date: string;
	description: string;
	quantity: string;
	unitPrice: string;
	amount: string;
	total: string;
	tax: string;
	draft: string;
}

const LABELS: Record<string, Labels> = {
	en: {
		customer: 'Customer',
		vendor: 'Vendor',
		date: 'Date',
		description: 'Description',
		quantity: 'Quantity',
		unitPrice: 'Unit Price',
		amount: 'Amount',
		total: 'Total',
		tax: 'Tax',
		draft: 'DRAFT',
	},
	nl: {
		customer: 'Klant',
		vendor: 'Leverancier',
		date: 'Datum',
		description: 'Omschrijving',
		quantity: 'Aantal',
		unitPrice: 'Prijs',
		amount: 'Bedrag',
		total: 'Totaal',
		tax: 'Btw',
		draft: 'CONCEPT',
	},
	de: {
		customer: 'Debitor',
		vendor: 'Kreditor',
		date: 'Datum',
		description: 'Beschreibung',
		quantity: 'Menge',
		unitPrice: 'VK-Preis',
		amount: 'Betrag',
		total: 'Gesamt',
		tax: 'MwSt.',
		draft: 'ENTWURF',
	},
};

/** What one PDF shows. */
export interface PdfContent {
	/** Document title in the print language, e.g. `Sales Invoice`. */
	title: string;
	header: Row;
	lines: Row[];
	companyName: string;
	/** Whether the party is a vendor (purchase documents). */
	purchase: boolean;
	posted: boolean;
	/** `Accept-Language` value, e.g. `nl-NL`; undefined for the default language. */
	language?: string;
}

function labelsFor(language: string | undefined): Labels {
	const primary = (language ?? '').split(',')[0].trim().slice(0, 2).toLowerCase();
	return LABELS[primary] ?? LABELS.en;
}

function money(value: unknown): string {
	return Number(value ?? 0).toFixed(2);
}

/**
 * Renders a document as a PDF file (A4, Helvetica, compressed streams).
 * @returns the PDF's bytes (`%PDF-1.x` … `%%EOF`)
 */
export function renderDocumentPdf(content: PdfContent): Promise<Buffer> {
	const { header, lines } = content;
	const l = labelsFor(content.language);
	const number = String(header.number ?? '');
	const doc = new PDFDocument({
		size: 'A4',
		margin: 50,
		info: { Title: `${content.title} ${number}`, Author: content.companyName, Producer: 'Business Central sandbox' },
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	doc.font('Helvetica-Bold').fontSize(18).text(content.companyName);
	doc
		.moveDown(0.5)
		.fontSize(16)
		.text(`${content.title} ${number}${content.posted ? '' : ` (${l.draft})`}`);
	const partyNumber = content.purchase ? header.vendorNumber : header.customerNumber;
	const partyName = content.purchase ? header.vendorName : header.customerName;
	const date =
		header.invoiceDate ?? header.orderDate ?? header.creditMemoDate ?? header.documentDate ?? header.postingDate;
	doc.moveDown().font('Helvetica').fontSize(11);
	doc.text(`${content.purchase ? l.vendor : l.customer}: ${String(partyNumber ?? '')} ${String(partyName ?? '')}`);
	const address = [header.sellToAddressLine1 ?? header.buyFromAddressLine1, header.sellToCity ?? header.buyFromCity]
		.filter((v) => v)
		.join(', ');
	if (address) doc.text(address);
	doc.text(`${l.date}: ${String(date ?? '')}`);
	doc.moveDown();
	const columns = [50, 110, 330, 400, 480];
	const row = (cells: string[], bold = false) => {
		const y = doc.y;
		doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
		cells.forEach((cell, i) => doc.text(cell, columns[i], y, { width: (columns[i + 1] ?? 545) - columns[i] - 5 }));
		doc.moveDown(0.3);
	};
	row(['#', l.description, l.quantity, l.unitPrice, l.amount], true);
	lines.forEach((line, i) =>
		row([
			String(i + 1),
			`${String(line.lineObjectNumber ?? '')} ${String(line.description ?? '')}`.trim(),
			String(line.quantity ?? ''),
			money(line.unitPrice ?? line.directUnitCost),
			money(line.amountExcludingTax),
		]),
	);
	doc.moveDown();
	row(['', '', '', l.amount, money(header.totalAmountExcludingTax)]);
	row(['', '', '', l.tax, money(header.totalTaxAmount)]);
	row(
		['', '', '', l.total, `${money(header.totalAmountIncludingTax)} ${String(header.currencyCode || '')}`.trim()],
		true,
	);
	doc.end();
	return done;
}
