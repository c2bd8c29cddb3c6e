import { useEffect, useState } from 'react';
import { completeLogin, currentSession, login, logout, type Session } from './auth/oidc.js';
import { Alert } from './components/Alert.js';
import { Layout } from './components/Layout.js';
import { PageTitle } from './components/PageTitle.js';
import type { PortalConfig } from './config.js';
import { Home } from './pages/Home.js';
import { jongereRoutes } from './pages/jongere/index.js';
import { opsRoutes } from './pages/ops/index.js';
import { privacyRoutes } from './pages/privacy/index.js';
import { ontvangerRoutes } from './pages/ontvanger/index.js';
import { rmcRoutes } from './pages/rmc/index.js';
import { schoolRoutes } from './pages/school/index.js';
import { verzoekenRoutes } from './pages/verzoeken/index.js';
import type { RouteDef } from './routes.js';
import { match, useLocation, useNavigateTo } from './router.js';

/** Every page of every role; each role's folder under pages/ exports its own list. */
const ROUTES: RouteDef[] = [
  ...rmcRoutes,
  ...ontvangerRoutes,
  ...jongereRoutes,
  ...schoolRoutes,
  ...opsRoutes,
  ...privacyRoutes,
  ...verzoekenRoutes,
];
/** A code is exchanged once, even when React runs the effect twice (StrictMode in development). */
let exchanging: string | undefined;

export function App({ config }: { config: PortalConfig }) {
  const url = useLocation();
  const navigate = useNavigateTo();
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const [loginError, setLoginError] = useState<string>();

  useEffect(() => {
    if (url.pathname !== '/callback' || exchanging === url.search) return;
    exchanging = url.search;
    completeLogin(config, url).then(
      (returnTo) => {
        setSession(currentSession());
        navigate(returnTo, true);
      },
      (error: Error) => {
        setLoginError(error.message);
        navigate('/', true);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url.pathname]);

  // Access tokens live 10 minutes: once expired, the login page comes back (and returns here after login).
  useEffect(() => {
    const timer = setInterval(() => setSession((s) => (s && s.expiresAt <= Date.now() ? undefined : s)), 15_000);
    return () => clearInterval(timer);
  }, []);

  const claims = session?.claims;
  const allowed = claims ? ROUTES.filter((r) => r.roles.includes(claims.role)) : [];
  const nav = allowed.filter((r) => r.nav).map((r) => ({ path: r.path, label: r.nav! }));
  const doLogout = () => void logout(config);

  let content;
  if (url.pathname === '/callback') content = <p aria-live="polite">Bezig met inloggen...</p>;
  else if (!claims)
    content = (
      <LoginLanding error={loginError} onLogin={() => void login(config, url.pathname === '/' ? '/' : url.pathname + url.search)} />
    );
  else if (url.pathname === '/') content = <Home claims={claims} nav={nav} />;
  else {
    const found = ROUTES.map((r) => ({ r, params: match(r.path, url.pathname) })).find((x) => x.params);
    if (!found) content = <NotFound />;
    else if (!found.r.roles.includes(claims.role)) content = <Forbidden />;
    else {
      const Page = found.r.component;
      content = <Page key={url.pathname} params={found.params!} />;
    }
  }

  return (
    <Layout claims={claims} nav={nav} current={url.pathname} onLogout={doLogout}>
      {content}
    </Layout>
  );
}

function LoginLanding({ error, onLogin }: { error?: string; onLogin: () => void }) {
  return (
    <>
      <PageTitle>Inloggen bij Estafette</PageTitle>
      {error ? <Alert kind="fout">Inloggen is niet gelukt: {error}</Alert> : null}
      <p>
        Het portaal voor scholen, RMC-consulenten, Werk & Inkomen, zorgaanbieders en jongeren. U logt in bij de inlogdienst van het
        platform.
      </p>
      <button type="button" className="primair" onClick={onLogin}>
        Inloggen
      </button>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle>Pagina niet gevonden</PageTitle>
      <p>Deze pagina bestaat niet. Kies een pagina in de navigatie.</p>
    </>
  );
}

function Forbidden() {
  return (
    <>
      <PageTitle>Geen toegang</PageTitle>
      <p>Deze pagina is niet beschikbaar voor uw rol.</p>
    </>
  );
}
