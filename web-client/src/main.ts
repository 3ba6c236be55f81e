// Boot: the always-visible header with the NL/EN switch, and the hash router that mounts one
// screen at a time.
import './styles.css';
import { initLang, lang, onLangChange, setLang, t } from './i18n';
import { parseRoute } from './router';
import { h } from './ui/dom';
import type { Screen } from './ui/screen';
import { homeScreen } from './screens/home';
import { adminScreen } from './screens/admin';
import { coordinatorScreen } from './screens/coordinator';
import { joinScreen } from './screens/join';
import { meetingScreen } from './screens/meeting';
import { methodEditorScreen } from './screens/method-editor';

initLang();

const view = h('main', { id: 'view', class: 'view' });
const langSwitch = h('div', { class: 'lang-switch', role: 'group' });
const brand = h('a', { class: 'brand', href: '#/' });
const header = h('header', { class: 'app-header' }, h('div', { class: 'app-header-inner' }, brand, langSwitch));
document.body.replaceChildren(header, view);

function renderHeader() {
  brand.textContent = t('app_name');
  langSwitch.setAttribute('aria-label', t('lang_switch_label'));
  langSwitch.replaceChildren(
    ...(['nl', 'en'] as const).map((l) =>
      h('button', { type: 'button', class: 'lang-btn', 'aria-pressed': lang() === l ? 'true' : 'false', lang: l, 'data-testid': `lang-${l}`, onclick: () => setLang(l) }, l.toUpperCase()),
    ),
  );
}

let current: Screen | null = null;

function mount() {
  current?.destroy?.();
  const r = parseRoute(location.hash);
  switch (r.name) {
    case 'admin':
      current = adminScreen(r.key);
      break;
    case 'coordinator':
      current = coordinatorScreen();
      break;
    case 'join':
      current = joinScreen(r.token);
      break;
    case 'meeting':
      current = meetingScreen(r.meetingId);
      break;
    case 'method-editor':
      current = methodEditorScreen(r);
      break;
    default:
      current = homeScreen();
  }
  view.replaceChildren(current.el);
  window.scrollTo(0, 0);
}

onLangChange(() => {
  renderHeader();
  if (current?.relabel) current.relabel();
  else mount();
});
window.addEventListener('hashchange', mount);
renderHeader();
mount();
