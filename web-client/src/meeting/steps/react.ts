// react (R28): the presenter says what touches most, from the notes everyone has seen since the
// question round (the observations; in the roddelmethode the gossip and the tips); everyone sees
// the mark. One mark per step, as the server keeps it.
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { notice } from '../../ui/widgets';
import { lang, t } from '../../i18n';
import type { Note } from '../../protocol/types';
import { notesOfStep } from '../state';
import { isPresenter, presenterReady, reactSourceSteps } from '../rules';
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
      const srcs = reactSourceSteps(s, ctx.index);
      const marking = ctx.live && isPresenter(s) && presenterReady(s);
      renderIfChanged(head, JSON.stringify([lang(), ctx.live, isPresenter(s), presenterReady(s), srcs.length]), () => {
        if (srcs.length === 0) return notice('info', t('react_none'));
        if (marking) return notice('info', icon('star', 'icon icon-sm'), ' ', t('react_presenter'));
        if (ctx.live && isPresenter(s)) return notice('info', t('consent_first'));
        return h('p', { class: 'help' }, t('react_others'));
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
      const notes = srcs.map((i) => notesOfStep(s, i));
      renderIfChanged(list, JSON.stringify([lang(), srcs, notes, marking, s.members.map((m) => [m.member_id, m.name]), s.presenterId]), () =>
        h(
          'div',
          { class: 'react-notes', 'data-testid': 'react-notes' },
          srcs.map((i, k) =>
            notesByAuthor(s, notes[k], { title: 'react_notes', heading: t('react_from', { step: bareTitle(s.meeting.method.steps[i].title[lang()]) }), testid: 'react-step-notes', extra }),
          ),
        ),
      );
    },
  };
}
