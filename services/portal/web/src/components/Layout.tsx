import type { ReactNode } from 'react';
import type { Claims } from '../auth/oidc.js';
import { ROLE_NAMES } from '../roles.js';
import { Link } from '../router.js';
import { Organisatie } from './Organisatie.js';

/** Skip link, header with who is logged in, the role's navigation, main, footer: the page landmarks. */
export function Layout({
  claims,
  nav,
  current,
  onLogout,
  children,
}: {
  claims?: Claims;
  nav: { path: string; label: string }[];
  current: string;
  onLogout: () => void;
  children: ReactNode;
}) {
  return (
    <>
      <a className="skiplink" href="#inhoud">
        Naar de inhoud
      </a>
      <header className="kop">
        <p className="merk">
          <Link href="/">Estafette</Link>
        </p>
        {claims ? (
          <div className="wie">
            <span>
              {/* A young person's subject is a pseudonym: meaningless to them, so their role is shown instead. */}
              {claims.role === 'jongere' ? (
                <>Ingelogd als jongere</>
              ) : (
                <>
                  Ingelogd als <strong>{claims.sub}</strong> ({ROLE_NAMES[claims.role] ?? claims.role})
                  {/* The organisation on a line of its own: a long name does not push the header onto a second row. */}
                  {claims.organisation_id ? (
                    <>
                      <br />
                      bij <Organisatie id={claims.organisation_id} />
                    </>
                  ) : null}
                </>
              )}
            </span>
            <button type="button" onClick={onLogout}>
              Uitloggen
            </button>
          </div>
        ) : null}
      </header>
      {nav.length ? (
        <nav className="hoofdnavigatie" aria-label="Hoofdnavigatie">
          <ul>
            {nav.map((item) => (
              <li key={item.path}>
                <Link href={item.path} aria-current={current === item.path || current.startsWith(`${item.path}/`) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="inhoud" tabIndex={-1}>
        {children}
      </main>
      <footer className="voet">
        <p>Estafette: geen jongere tussen wal en schip. Gegevens worden alleen gedeeld met toestemming of op grond van de wet.</p>
      </footer>
    </>
  );
}
