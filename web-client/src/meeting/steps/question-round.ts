// question_round (R27): everyone but the presenter takes turns; the member at turn puts one
// question or passes; the facilitator can skip a turn and change the order; the presenter marks
// the questions (picked, koud/lauw/warm, answered) and everyone sees the marks (R28).
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { notice } from '../../ui/widgets';
import { errorText, lang, t } from '../../i18n';
import { LIMITS } from '../../protocol/limits';
import { RATINGS, type Note, type ServerMessage } from '../../protocol/types';
import { newNoteId } from '../noteid';
import { isRevealed, notesOfStep, type MeetingState } from '../state';
import { atTurn, isPresenter, moveInOrder, presenterReady, roundOf } from '../rules';
import { memberName, noteCard } from '../views';
import type { StepCtx, StepPanel } from './panel';

/** My own notes of the nearest earlier revealed step: the questions I wrote down (Stap 3) to pick from. */
function myWrittenQuestions(s: MeetingState, index: number): Note[] {
  for (let i = index - 1; i >= 0; i--) {
    const st = s.meeting.method.steps[i];
    if (st?.kind === 'private_write' && isRevealed(s, i)) return notesOfStep(s, i).filter((n) => n.author_id === s.memberId);
  }
  return [];
}

export function questionRoundPanel(): StepPanel {
  const turns = h('div');
  const ask = h('div');
  const list = h('div');
  // The member at turn finds the question box first; then the order and what was asked.
  const el = h('div', { class: 'step-body', 'data-testid': 'question-round' }, ask, turns, list);
  // The question being typed lives outside the redrawn parts, so updates never eat it.
  const input = h('textarea', { class: 'note-input', rows: 3, maxlength: LIMITS.noteTextMax, 'data-testid': 'ask-input' });
  let askRef: number | null = null;
  let askError: string | null = null;
  let ctxNow: StepCtx | null = null;

  function send(ctx: StepCtx) {
    const text = input.value;
    if (text.trim() === '') {
      input.focus();
      return;
    }
    const r = ctx.sendTracked({ type: 'ask', data: { meeting_id: ctx.s.meetingId, note_id: newNoteId(), text } });
    if ('error' in r) {
      askError = r.error;
      ctx.redraw();
      return;
    }
    askRef = r.ref;
    askError = null;
    ctx.redraw();
  }

  function turnsView(ctx: StepCtx): HTMLElement {
    const s = ctx.s;
    const r = roundOf(s, ctx.index)!;
    const now = atTurn(r);
    const fac = ctx.live && s.role === 'facilitator';
    const reorder = (id: string, d: -1 | 1) => {
      const order = moveInOrder(r.order, id, d);
      if (order !== r.order) ctx.send({ type: 'turn_order', data: { meeting_id: s.meetingId, member_ids: order } });
    };
    return h(
      'section',
      { class: 'panel turns', 'data-testid': 'turns' },
      h('h2', null, icon('users'), ' ', t('turns_title'), h('span', { class: 'count' }, t('turns_lap', { n: r.lap }))),
      h(
        'ol',
        { class: 'turn-list' },
        r.order.map((id, i) =>
          h(
            'li',
            { class: `turn ${id === now ? 'is-now' : ''}`, 'data-member': id, 'data-testid': 'turn', 'aria-current': id === now ? 'true' : null },
            h('span', { class: 'turn-num' }, String(i + 1)),
            h(
              'span',
              { class: 'turn-name' },
              memberName(s, id),
              id === s.memberId ? h('span', { class: 'muted' }, ` (${t('you')})`) : null,
              // Under the name, so a long name keeps its room beside the move buttons on a phone.
              id === now ? h('span', { class: 'badge badge-now', 'data-testid': 'turn-now' }, t('turn_now')) : null,
            ),
            fac
              ? h(
                  'span',
                  { class: 'turn-move' },
                  h('button', { type: 'button', class: 'btn btn-ghost btn-square', 'aria-label': t('turn_up', { name: memberName(s, id) }), 'data-testid': 'turn-up', disabled: i === 0, onclick: () => reorder(id, -1) }, icon('up')),
                  h('button', { type: 'button', class: 'btn btn-ghost btn-square', 'aria-label': t('turn_down', { name: memberName(s, id) }), 'data-testid': 'turn-down', disabled: i === r.order.length - 1, onclick: () => reorder(id, 1) }, icon('down')),
                )
              : null,
          ),
        ),
      ),
      fac && now ? h('button', { type: 'button', class: 'btn btn-secondary btn-wide', 'data-testid': 'turn-skip', onclick: () => ctx.send({ type: 'turn_skip', data: { meeting_id: s.meetingId } }) }, icon('skip'), t('turn_skip', { name: memberName(s, now) })) : null,
    );
  }

  function askView(ctx: StepCtx): HTMLElement | null {
    const s = ctx.s;
    const r = roundOf(s, ctx.index);
    const now = atTurn(r);
    if (!ctx.live) return null;
    if (isPresenter(s)) return notice('info', icon('star', 'icon icon-sm'), ' ', presenterReady(s) ? t('qr_presenter') : t('consent_first'));
    if (now !== s.memberId) return h('p', { class: 'turn-wait', 'data-testid': 'turn-wait' }, now ? t('turn_of', { name: memberName(s, now) }) : t('turns_empty'));
    const written = myWrittenQuestions(s, ctx.index);
    input.placeholder = t('ask_placeholder');
    input.setAttribute('aria-label', t('ask_label'));
    return h(
      'section',
      { class: 'panel ask-box', 'data-testid': 'ask-box' },
      h('h2', null, icon('chat'), ' ', t('ask_title')),
      input,
      // The questions this member wrote down in the private step before: one tap puts one in the box.
      written.length
        ? h(
            'div',
            { class: 'written' },
            h('p', { class: 'help' }, t('ask_pick_written')),
            h('div', { class: 'row' }, written.map((n) => h('button', { type: 'button', class: 'btn btn-chip', 'data-testid': 'ask-pick', onclick: () => { input.value = n.text; input.focus(); } }, n.text.length > 60 ? `${n.text.slice(0, 57)}…` : n.text))),
          )
        : null,
      askError ? notice('error', errorText(askError)) : null,
      h(
        'div',
        { class: 'row ask-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'ask-send', disabled: askRef !== null, onclick: () => send(ctx) }, t('ask_send')),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'ask-pass', disabled: askRef !== null, onclick: () => ctx.send({ type: 'pass', data: { meeting_id: s.meetingId } }) }, t('ask_pass')),
      ),
    );
  }

  function markButtons(ctx: StepCtx, n: Note): HTMLElement | null {
    const s = ctx.s;
    if (!ctx.live || !isPresenter(s) || !presenterReady(s)) return null;
    const m = n.marks ?? { picked: false, rating: null, answered: false, touches: false };
    const mark = (d: { picked?: boolean; rating?: (typeof RATINGS)[number] | null; answered?: boolean }) =>
      ctx.send({ type: 'note_mark', data: { meeting_id: s.meetingId, note_id: n.note_id, ...d } });
    return h(
      'div',
      { class: 'mark-row', 'data-testid': 'mark-row' },
      h('button', { type: 'button', class: 'btn btn-chip', 'aria-pressed': m.picked ? 'true' : 'false', 'data-testid': 'mark-pick', onclick: () => mark({ picked: !m.picked }) }, m.picked ? icon('check', 'icon icon-sm') : null, t('mark_pick')),
      h('button', { type: 'button', class: 'btn btn-chip', 'aria-pressed': m.answered ? 'true' : 'false', 'data-testid': 'mark-answer', onclick: () => mark({ answered: !m.answered }) }, m.answered ? icon('check', 'icon icon-sm') : null, t('mark_answer')),
      h(
        'span',
        { class: 'rating-group', role: 'group', 'aria-label': t('mark_rating') },
        RATINGS.map((r) => h('button', { type: 'button', class: `btn btn-chip rating-${r}`, 'aria-pressed': m.rating === r ? 'true' : 'false', 'data-testid': `mark-${r}`, onclick: () => mark({ rating: m.rating === r ? null : r }) }, t(`rating_${r}`))),
      ),
    );
  }

  function questionsView(ctx: StepCtx): HTMLElement {
    const s = ctx.s;
    const qs = notesOfStep(s, ctx.index)
      .slice()
      .sort((a, b) => a.updated_at - b.updated_at);
    return h(
      'section',
      { class: 'panel questions', 'data-testid': 'questions' },
      h('h2', null, icon('chat'), ' ', t('questions_title'), h('span', { class: 'count' }, String(qs.length))),
      qs.length === 0
        ? h('p', { class: 'muted' }, t('questions_none'))
        : h(
            'ol',
            { class: 'note-list question-list' },
            qs.map((n) => {
              const card = noteCard(n, markButtons(ctx, n));
              card.prepend(h('span', { class: 'question-by' }, memberName(s, n.author_id)));
              return card;
            }),
          ),
    );
  }

  return {
    el,
    update(ctx: StepCtx) {
      ctxNow = ctx;
      const s = ctx.s;
      const r = roundOf(s, ctx.index);
      const members = s.members.map((m) => [m.member_id, m.name]);
      renderIfChanged(turns, JSON.stringify([lang(), r, members, ctx.live, s.role, s.memberId]), () =>
        r ? turnsView(ctx) : notice('info', t('turns_not_started')),
      );
      renderIfChanged(ask, JSON.stringify([lang(), atTurn(r), ctx.live, s.presenterId, s.presenterConsent, askRef, askError, r?.lap]), () => askView(ctx));
      renderIfChanged(list, JSON.stringify([lang(), notesOfStep(s, ctx.index), members, ctx.live, s.presenterId, s.presenterConsent]), () => questionsView(ctx));
    },
    onReply(ref: number, msg: ServerMessage) {
      if (ref !== askRef) return false;
      askRef = null;
      if (msg.type === 'error') askError = msg.data.code;
      else input.value = '';
      ctxNow?.redraw();
      return true;
    },
  };
}
