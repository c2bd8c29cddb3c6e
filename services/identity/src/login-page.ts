/**
 * The provider's own pages (login, logout) as plain HTML: Dutch, one form, labelled fields, an error tied
 * to its field, visible focus and AA contrast. No script, so the page works under a strict CSP.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f4f6f8; line-height: 1.5; }
  header { background: #01689b; color: #fff; padding: 1rem 1.5rem; }
  header p { margin: 0; font-size: 1.25rem; font-weight: 600; }
  main { max-width: 26rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 6px; box-shadow: 0 1px 3px #0003; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { display: block; width: 100%; box-sizing: border-box; font-size: 1rem; padding: .5rem; border: 2px solid #4d4d4d; border-radius: 4px; margin-top: .25rem; }
  input[aria-invalid="true"] { border-color: #b00020; }
  button { margin-top: 1.5rem; font-size: 1rem; padding: .6rem 1.2rem; background: #01689b; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  :focus-visible { outline: 3px solid #e17000; outline-offset: 2px; }
  .fout { color: #b00020; font-weight: 600; margin: .25rem 0 0; }
  .hint { color: #4d4d4d; font-size: .9rem; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body>
<header><p>Estafette</p></header>
<main id="inhoud">
${body}
</main>
</body>
</html>`;
}

export interface LoginForm {
  action: string;
  clientName: string;
  username?: string;
  error?: string;
}

export function loginPage(form: LoginForm): string {
  const invalid = form.error ? ' aria-invalid="true" aria-describedby="login-fout"' : '';
  return page(
    form.error ? 'Fout bij inloggen - Estafette' : 'Inloggen - Estafette',
    `<h1>Inloggen</h1>
<p>Log in om verder te gaan naar ${escape(form.clientName)}.</p>
<form method="post" action="${escape(form.action)}" novalidate>
  <label for="username">Gebruikersnaam</label>
  <input id="username" name="username" type="text" autocomplete="username" required value="${escape(form.username ?? '')}"${invalid}>
  <label for="password">Wachtwoord</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
  ${form.error ? `<p id="login-fout" class="fout" role="alert">${escape(form.error)}</p>` : ''}
  <button type="submit">Inloggen</button>
</form>
<p class="hint">Ontwikkelomgeving: de demo-accounts en het wachtwoord staan in de uitvoer van <code>npm start</code>.</p>`,
  );
}

/** oidc-provider's logout confirmation, in Dutch: `form` is the provider's own hidden form (with its xsrf token). */
export function logoutPage(form: string): string {
  return page(
    'Uitloggen - Estafette',
    `<h1>Uitloggen</h1>
<p>Wilt u uitloggen bij Estafette?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>`,
  );
}

export function loggedOutPage(): string {
  return page('Uitgelogd - Estafette', '<h1>U bent uitgelogd</h1><p>U kunt dit venster sluiten.</p>');
}
