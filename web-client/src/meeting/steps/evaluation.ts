// evaluation (R29): tops and tips and a 1–5 rating. Only the author and the facilitator see them,
// so a participant sees their own and the facilitator sees everyone's.
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { lang, oneDecimal, t } from '../../i18n';
import { LIMITS } from '../../protocol/limits';
import { myNotes, notesOfStep, type MeetingState } from '../state';
import { memberName, myOldNotesView, notesByAuthor, progressView } from '../views';
import { doneSlot, EditorSlot } from './common';
import type { StepCtx, StepPanel } from './panel';

function scoreOf(s: MeetingState, step: number, memberId: string): number | null {
  return s.ratings.find((r) => r.step_index === step && r.member_id === memberId)?.score ?? null;
}

function ratingView(ctx: StepCtx): HTMLElement {
  const s = ctx.s;
  const mine = scoreOf(s, ctx.index, s.memberId);
  const scores: number[] = [];
  for (let i = LIMITS.scoreMin; i <= LIMITS.scoreMax; i++) scores.push(i);
  return h(
    'section',
    { class: 'panel rating', 'data-testid': 'rating' },
    h('h2', null, icon('star'), ' ', t('eval_rating')),
    h('p', { class: 'help' }, t('eval_rating_hint')),
    h(
      'div',
      { class: 'score-row', role: 'group', 'aria-label': t('eval_rating') },
      scores.map((n) =>
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-score',
            'aria-pressed': mine === n ? 'true' : 'false',
            'data-testid': `score-${n}`,
            disabled: !ctx.live,
            onclick: () => ctx.send({ type: 'rate', data: { meeting_id: s.meetingId, score: n } }),
          },
          String(n),
        ),
      ),
    ),
    h('p', { class: 'score-scale help' }, h('span', null, t('eval_scale_low')), h('span', null, t('eval_scale_high'))),
  );
}

/** The facilitator's overview: every score and every top and tip. */
function facilitatorView(ctx: StepCtx): HTMLElement[] {
  const s = ctx.s;
  const ratings = s.ratings.filter((r) => r.step_index === ctx.index);
  const avg = ratings.length ? ratings.reduce((a, r) => a + r.score, 0) / ratings.length : null;
  return [
    h(
      'section',
      { class: 'panel', 'data-testid': 'eval-scores' },
      h('h2', null, icon('users'), ' ', t('eval_scores_title'), avg !== null ? h('span', { class: 'count' }, t('eval_average', { n: oneDecimal(avg) })) : null),
      ratings.length === 0
        ? h('p', { class: 'muted' }, t('eval_scores_none'))
        : h('ul', { class: 'progress-list' }, ratings.map((r) => h('li', { class: 'progress-item' }, h('span', { class: 'member-name' }, memberName(s, r.member_id)), h('span', { class: 'badge badge-score' }, `${r.score} / ${LIMITS.scoreMax}`)))),
    ),
    notesByAuthor(s, notesOfStep(s, ctx.index), { title: 'eval_all_title', testid: 'eval-all', exclude: ctx.live ? s.memberId : undefined, empty: 'eval_none' }),
  ];
}

export function evaluationPanel(): StepPanel {
  const editor = new EditorSlot({ heading: 'eval_mine', hint: 'eval_hint', icon: 'lock', placeholder: 'eval_placeholder', withLabel: true });
  const rating = h('div');
  const done = h('div', { class: 'done-slot' });
  const side = h('div');
  const el = h('div', { class: 'step-body', 'data-testid': 'evaluation-step' }, rating, editor.el, done, side);
  return {
    el,
    update(ctx: StepCtx) {
      const s = ctx.s;
      renderIfChanged(rating, JSON.stringify([lang(), ctx.live, scoreOf(s, ctx.index, s.memberId)]), () => ratingView(ctx));
      const writing = editor.update(ctx);
      doneSlot(done, ctx, writing);
      const key = [lang(), s.role, writing, ctx.live, notesOfStep(s, ctx.index), s.ratings, s.progress.filter((p) => p.step_index === ctx.index), s.members.map((m) => [m.member_id, m.name, m.removed])];
      renderIfChanged(side, JSON.stringify(key), () => {
        if (s.role === 'facilitator') return [ctx.live ? progressView(s, ctx.index, false) : null, ...facilitatorView(ctx)];
        return writing ? null : myOldNotesView(myNotes(s, ctx.index));
      });
    },
    onReply: (ref, msg) => editor.onReply(ref, msg),
    relabel: () => editor.relabel(),
    destroy: () => editor.destroy(),
  };
}
