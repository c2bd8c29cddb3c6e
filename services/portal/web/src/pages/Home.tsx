import type { Claims } from '../auth/oidc.js';
import { Organisatie } from '../components/Organisatie.js';
import { PageTitle } from '../components/PageTitle.js';
import { ROLE_NAMES } from '../roles.js';
import { Link } from '../router.js';

/** The start page after login: the pages this role may use. */
export function Home({ claims, nav }: { claims: Claims; nav: { path: string; label: string }[] }) {
  return (
    <>
      <PageTitle>Welkom</PageTitle>
      {/* The young person is addressed as "je" everywhere, professionals as "u". */}
      {claims.role === 'jongere' ? (
        <p>Je bent ingelogd. Kies hieronder wat je wilt doen.</p>
      ) : (
        <p>
          U bent ingelogd als {ROLE_NAMES[claims.role] ?? claims.role}
          {claims.organisation_id ? (
            <>
              {' '}
              bij <Organisatie id={claims.organisation_id} />
            </>
          ) : null}
          .
        </p>
      )}
      {nav.length ? (
        <ul className="startlijst">
          {nav.map((n) => (
            <li key={n.path}>
              <Link href={n.path}>{n.label}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>Voor uw rol zijn er (nog) geen pagina's in het portaal.</p>
      )}
    </>
  );
}
