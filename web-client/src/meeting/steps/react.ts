// react (R28): the presenter says which observation touches most, from the notes of the most
// recent revealed step; everyone sees the mark.
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { notice } from '../../ui/widgets';
import { lang, t } from '../../i18n';
import type { Note } from '../../protocol/types';
import { notesOfStep } from '../state';
import { isPresenter, presenterReady, reactSourceStep } from '../rules';
import { bareTitle, notesByAuthor } from '../views';
import type { StepCtx, StepPanel } from './panel';

export function reactPanel(): StepPanel {
  const head = h('div');
  const list = h('div');
  const el = h('div', { class: 'step-body', 'data-testid': 'react-step' }, head, list);
  return {
    el,
    update(ctx: StepCtx) {
      const s = ctx.s;
      const src = reactSourceStep(s, ctx.index);
      const notes = src === null ? [] : notesOfStep(s, src);
      const marking = ctx.live && isPresenter(s) && presenterReady(s);
      renderIfChanged(head, JSON.stringify([lang(), ctx.live, isPresenter(s), presenterReady(s), src]), () => {
        if (src === null) return notice('info', t('react_none'));
        const from = h('p', { class: 'help react-from' }, t('react_from', { step: bareTitle(s.meeting.method.steps[src].title[lang()]) }));
        if (marking) return [notice('info', icon('star', 'icon icon-sm'), ' ', t('react_presenter')), from];
        if (ctx.live && isPresenter(s)) return [notice('info', t('consent_first')), from];
        return [h('p', { class: 'help' }, t('react_others')), from];
      });
      const extra = (n: Note) =>
        marking
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn-chip touch-btn',
                'aria-pressed': n.marks?.touches ? 'true' : 'false',
                'data-testid': 'mark-touch',
                onclick: () => ctx.send({ type: 'note_mark', data: { meeting_id: s.meetingId, note_id: n.note_id, touches: !n.marks?.touches } }),
              },
              icon('star', 'icon icon-sm'),
              n.marks?.touches ? t('react_unmark') : t('react_mark'),
            )
          : null;
      renderIfChanged(list, JSON.stringify([lang(), notes, marking, s.members.map((m) => [m.member_id, m.name]), s.presenterId]), () =>
        src === null ? null : notesByAuthor(s, notes, { title: 'react_notes', testid: 'react-notes', extra }),
      );
    },
  };
}
