import { h } from '../ui/dom';
import { page } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { t } from '../i18n';

export function homeScreen(): Screen {
  const el = h('div');
  const render = () =>
    el.replaceChildren(
      page(
        t('home_title'),
        h('p', { class: 'lead' }, t('home_text')),
        h('p', null, t('home_coordinator'), ' ', h('a', { href: '#/coordinator' }, t('home_coordinator_link'))),
      ),
    );
  render();
  return { el, relabel: render };
}
