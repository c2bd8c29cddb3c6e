import escapeHtml from 'escape-html';
import {
  accessInDutch,
  momentInDutch,
  organisationInDutch,
  valueInDutch,
  type InzageAvailableSection,
  type InzageDocument,
  type InzageSection,
} from '@estafette/privacy';
import { serviceTitle, TEXT } from './inzage-text.js';

const e = (text: string) => escapeHtml(text);

function records(section: InzageAvailableSection): string {
  if (!section.records.length) return `<p>${e(TEXT.noRecords)}</p>`;
  return section.records
    .map(
      (record) => `<table>
  <caption>${e(record.category)} <span class="wie">(${e(TEXT.heldBy)}: ${e(organisationInDutch(record.organisation))})</span></caption>
  <tbody>${Object.entries(record.fields)
    .map(([field, value]) => `<tr><th scope="row">${e(field)}</th><td>${e(valueInDutch(value))}</td></tr>`)
    .join('')}</tbody>
</table>`,
    )
    .join('\n');
}

function section(s: InzageSection, index: number): string {
  const id = `deel-${index + 1}`;
  if (s.status === 'niet-beschikbaar')
    return `<section aria-labelledby="${id}"><h2 id="${id}">${e(serviceTitle(s))}</h2><p class="niet-beschikbaar"><strong>Niet beschikbaar.</strong> ${e(TEXT.unavailable)} ${e(s.reason)}</p></section>`;
  const list = (items: string[], empty: string) =>
    items.length ? `<ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>` : `<p>${e(empty)}</p>`;
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${e(serviceTitle(s))}</h2>
<h3>${e(TEXT.records)}</h3>
${records(s)}
<h3>${e(TEXT.accesses)}</h3>
${list(s.accesses.map(accessInDutch), TEXT.noAccesses)}
<h3>${e(TEXT.removals)}</h3>
${list(
  s.removals.map((r) => `${momentInDutch(r.at)}: ${r.what} (${r.reason})`),
  TEXT.noRemovals,
)}
</section>`;
}

/**
 * The inzage as one readable HTML page (Dutch, B1, "je"): every value escaped, no scripts, styles inline so the
 * page can be saved and opened on its own.
 */
export function inzageHtml(doc: InzageDocument): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(TEXT.title)}</title>
<style>
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:50rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse;margin:0 0 1rem;width:100%}caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}th{width:35%;background:#f2f2f2}
.wie{font-weight:normal}.niet-beschikbaar{border-left:4px solid #a4262c;padding-left:.5rem}
</style>
</head>
<body>
<main>
<h1>${e(TEXT.title)}</h1>
<p>${e(TEXT.intro(doc))}</p>
${doc.sections.map(section).join('\n')}
</main>
</body>
</html>
`;
}
