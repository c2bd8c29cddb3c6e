import PDFDocument from 'pdfkit';
import { accessInDutch, momentInDutch, organisationInDutch, valueInDutch, type InzageDocument } from '@estafette/privacy';
import { serviceTitle, TEXT } from './inzage-text.js';

/**
 * The inzage as a PDF (A4, the standard Helvetica of every PDF reader, text wrapped by pdfkit), the same words as the
 * HTML page. Resolves to the whole file.
 */
export function inzagePdf(doc: InzageDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: TEXT.title, Author: 'Estafette' }, lang: 'nl-NL' });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const heading = (text: string, size: number) =>
    pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(10);
  const bullets = (items: string[], empty: string) => {
    if (!items.length) pdf.text(empty);
    for (const item of items) pdf.text(`• ${item}`, { indent: 10 });
  };
  heading(TEXT.title, 18);
  pdf.moveDown(0.5).text(TEXT.intro(doc));
  for (const section of doc.sections) {
    heading(serviceTitle(section), 14);
    if (section.status === 'niet-beschikbaar') {
      pdf.text(`Niet beschikbaar. ${TEXT.unavailable} ${section.reason}`);
      continue;
    }
    heading(TEXT.records, 12);
    if (!section.records.length) pdf.text(TEXT.noRecords);
    for (const record of section.records) {
      pdf
        .moveDown(0.3)
        .font('Helvetica-Bold')
        .text(`${record.category} (${TEXT.heldBy}: ${organisationInDutch(record.organisation)})`)
        .font('Helvetica');
      for (const [field, value] of Object.entries(record.fields)) pdf.text(`${field}: ${valueInDutch(value)}`, { indent: 10 });
    }
    heading(TEXT.accesses, 12);
    bullets(section.accesses.map(accessInDutch), TEXT.noAccesses);
    heading(TEXT.removals, 12);
    bullets(
      section.removals.map((r) => `${momentInDutch(r.at)}: ${r.what} (${r.reason})`),
      TEXT.noRemovals,
    );
  }
  pdf.end();
  return done;
}
