import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { JoinScreen as PhoneJoin } from './phone/Join.js';
import { WriteScreen } from './phone/Write.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { withFacilitatorStrings } from './i18n.js';

// Only the phone's screens are in the first download; the rest loads where it is used, the
// facilitator's screens with their strings.
const Home = lazy(withFacilitatorStrings(() => import('./facilitator/Home.js')));
const Console = lazy(withFacilitatorStrings(() => import('./facilitator/Console.js')));
const ProjectorJoin = lazy(() => import('./facilitator/ProjectorJoin.js'));
const Report = lazy(withFacilitatorStrings(() => import('./facilitator/Report.js')));
const Board = lazy(() => import('./board/BoardScreen.js'));
const Plenary = lazy(() => import('./day/PlenaryScreen.js'));

export function App() {
  return (
    <>
      <LanguageSwitch />
      <Suspense fallback={null}>
        <Switch>
          <Route path="/j/:code?">{(p) => <PhoneJoin code={p.code} />}</Route>
          <Route path="/s/:seminarId">{(p) => <WriteScreen seminarId={p.seminarId} />}</Route>
          <Route path="/t/:seminarId">{(p) => <Board seminarId={p.seminarId} />}</Route>
          <Route path="/f/:seminarId/plenary">{(p) => <Plenary seminarId={p.seminarId} />}</Route>
          <Route path="/f/:seminarId/join">{(p) => <ProjectorJoin seminarId={p.seminarId} />}</Route>
          <Route path="/f/:seminarId/report">{(p) => <Report seminarId={p.seminarId} />}</Route>
          <Route path="/f/:seminarId">{(p) => <Console seminarId={p.seminarId} />}</Route>
          <Route path="/"><Home /></Route>
          <Route><Home /></Route>
        </Switch>
      </Suspense>
    </>
  );
}
