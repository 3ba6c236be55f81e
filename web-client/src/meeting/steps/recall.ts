// The group's previous meeting as the snapshot's `recall` brings it: its case and what everyone
// took along, the presenter's first (the seed's Stap 0: "terugblik op de vorige inbreng").
import { h } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { t } from '../../i18n';
import type { Recall } from '../../protocol/types';

export function recallView(r: Recall | null): HTMLElement {
  if (!r) {
    return h('section', { class: 'panel recall', 'data-testid': 'recall' }, h('h2', null, icon('history'), ' ', t('recall_title')), h('p', { class: 'muted' }, t('recall_none')));
  }
  // Presenter first, whatever order they came in.
  const takeaways = r.takeaways.slice().sort((a, b) => Number(b.presenter) - Number(a.presenter));
  return h(
    'section',
    { class: 'panel recall', 'data-testid': 'recall' },
    h('h2', null, icon('history'), ' ', t('recall_title')),
    h('p', { class: 'recall-meeting' }, r.meeting_title),
    r.presenter_name ? h('p', { class: 'help' }, t('recall_presenter', { name: r.presenter_name })) : null,
    r.case
      ? h('div', { class: 'case-box', 'data-testid': 'recall-case' }, h('p', { class: 'case-title' }, r.case.title), h('p', { class: 'case-text' }, r.case.text))
      : null,
    h('h3', null, t('recall_takeaways')),
    takeaways.length === 0
      ? h('p', { class: 'muted' }, t('recall_no_takeaways'))
      : h(
          'ul',
          { class: 'note-list', 'data-testid': 'recall-takeaways' },
          takeaways.map((x) =>
            h(
              'li',
              { class: 'note-card' },
              h('strong', { class: 'note-title' }, x.name, x.presenter ? h('span', { class: 'badge badge-presenter' }, icon('star', 'icon icon-sm'), t('presenter')) : null),
              h('span', { class: 'note-text' }, x.text),
            ),
          ),
        ),
  );
}
