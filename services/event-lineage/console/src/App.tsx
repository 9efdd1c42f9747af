import { useCallback, useEffect, useState } from 'react';
import { api, principalOf, Principal, session } from './api';
import { DeadLettersView } from './views/DeadLetters';
import { FlowView } from './views/Flow';
import { SearchView } from './views/Search';
import { SignIn } from './views/SignIn';
import { TopologyView } from './views/Topology';

/** `#/search`, `#/flows/<correlationId>`, `#/topology`, `#/dead-letters[/<id>]`. */
function useRoute(): [string[], (to: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [route, useCallback((to: string) => (window.location.hash = to), [])];
}

const TABS: { path: string; label: string; testId: string }[] = [
  { path: 'search', label: '检索 Search', testId: 'nav-search' },
  { path: 'topology', label: '拓扑 Topology', testId: 'nav-topology' },
  { path: 'dead-letters', label: '死信 Dead letters', testId: 'nav-dead-letters' },
];

export function App() {
  const [token, setToken] = useState(session.token());
  const [principal, setPrincipal] = useState<Principal | null>(token ? principalOf(token) : null);
  const [zipkinTraceUrl, setZipkin] = useState<string | null>(null);
  const [route, go] = useRoute();

  useEffect(() => {
    api
      .config()
      .then((c) => setZipkin(c.zipkinTraceUrl))
      .catch(() => setZipkin(null));
  }, []);

  const signIn = (t: string) => {
    session.set(t);
    setToken(t);
    setPrincipal(principalOf(t));
    if (route.length === 0) go('/search');
  };
  const signOut = () => {
    session.clear();
    setToken(null);
    setPrincipal(null);
  };

  if (!token || !principal) return <SignIn onSignIn={signIn} />;

  const [view = 'search', id] = route;
  return (
    <div className="app">
      <header>
        <h1>事件溯源 Event lineage</h1>
        <nav>
          {TABS.map((t) => (
            <a key={t.path} href={`#/${t.path}`} className={view === t.path ? 'active' : ''} data-testid={t.testId}>
              {t.label}
            </a>
          ))}
        </nav>
        <div className="who" data-testid="who">
          <span data-testid="who-sub">{principal.sub}</span>
          <span className="roles" data-testid="who-roles">
            {principal.roles.join(', ')}
          </span>
          <span data-testid="who-jurisdiction">辖区 {principal.jurisdiction}</span>
          <button onClick={signOut} data-testid="sign-out">
            退出 Sign out
          </button>
        </div>
      </header>
      <main>
        {view === 'flows' && id ? (
          <FlowView key={id} correlationId={id} zipkinTraceUrl={zipkinTraceUrl} />
        ) : view === 'topology' ? (
          <TopologyView />
        ) : view === 'dead-letters' ? (
          <DeadLettersView selectedId={id} canReplay={principal.roles.some((r) => r === 'operator' || r === 'admin')} go={go} />
        ) : (
          <SearchView />
        )}
      </main>
    </div>
  );
}
