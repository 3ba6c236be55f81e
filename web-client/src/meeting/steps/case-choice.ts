// case_choice (R26): everyone proposes a case privately (a title and the question); after the
// reveal everyone spreads three urgency votes over the proposals, and the facilitator chooses the
// case, which appoints its author as presenter (who then has to say yes).
import { h } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { t } from '../../i18n';
import { LIMITS } from '../../protocol/limits';
import type { Note } from '../../protocol/types';
import { notesOfStep, type MeetingState } from '../state';
import { myVotesOn, voteTotal, votesLeft } from '../rules';
import { memberName } from '../views';
import { revealStepPanel } from './private-write';
import type { StepCtx, StepPanel } from './panel';

export function caseChoicePanel(): StepPanel {
  return revealStepPanel({
    editor: { heading: 'proposal_mine', hint: 'proposal_hint', icon: 'lock', placeholder: 'proposal_question_placeholder', addLabel: 'proposal_add', withTitle: true },
    revealed: proposalsView,
    revealedKey: (s: MeetingState) => [s.votes, s.caseNoteId, s.presenterConsent, s.role, s.ended, s.stepIndex],
  });
}

function proposalsView(ctx: StepCtx): HTMLElement {
  const s = ctx.s;
  const notes = notesOfStep(s, ctx.index)
    .slice()
    .sort((a, b) => a.updated_at - b.updated_at);
  const left = votesLeft(s);
  return h(
    'section',
    { class: 'panel proposals', 'data-testid': 'proposals' },
    h('h2', null, icon('flag'), ' ', t('proposals_title')),
    ctx.live ? h('p', { class: 'vote-budget', 'data-testid': 'vote-budget', 'aria-live': 'polite' }, t('votes_left', { n: left, total: LIMITS.voteBudget })) : null,
    notes.length === 0 ? h('p', { class: 'muted' }, t('proposals_none')) : h('ul', { class: 'proposal-list' }, notes.map((n) => proposalItem(ctx, n, left))),
  );
}

function proposalItem(ctx: StepCtx, n: Note, left: number): HTMLElement {
  const s = ctx.s;
  const mine = myVotesOn(s, n.note_id);
  const total = voteTotal(s, n.note_id);
  const chosen = s.caseNoteId === n.note_id;
  const vote = (v: number) => ctx.send({ type: 'vote', data: { meeting_id: s.meetingId, note_id: n.note_id, votes: v } });
  return h(
    'li',
    { class: `proposal ${chosen ? 'is-chosen' : ''}`, 'data-testid': 'proposal', 'data-note': n.note_id },
    h(
      'div',
      { class: 'proposal-head' },
      h('strong', { class: 'proposal-title' }, n.title ?? ''),
      h('span', { class: `proposal-total ${total === 0 ? 'is-zero' : ''}`, 'data-testid': 'vote-total', 'aria-label': t('votes_total_label', { n: total }) }, String(total)),
    ),
    h('p', { class: 'proposal-text' }, n.text),
    h('p', { class: 'help' }, t('proposal_by', { name: memberName(s, n.author_id) }), chosen ? h('span', { class: 'badge badge-presenter' }, icon('star', 'icon icon-sm'), t('proposal_chosen')) : null),
    ctx.live
      ? h(
          'div',
          { class: 'vote-row' },
          h('button', { type: 'button', class: 'btn btn-secondary btn-square', 'data-testid': 'vote-minus', 'aria-label': t('vote_less'), disabled: mine <= 0, onclick: () => vote(mine - 1) }, icon('minus')),
          h('span', { class: 'vote-mine', 'data-testid': 'vote-mine' }, t('votes_mine', { n: mine })),
          h('button', { type: 'button', class: 'btn btn-secondary btn-square', 'data-testid': 'vote-plus', 'aria-label': t('vote_more'), disabled: left <= 0 || mine >= LIMITS.voteBudget, onclick: () => vote(mine + 1) }, icon('plus')),
          s.role === 'facilitator' && !chosen
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-primary choose-case',
                  'data-testid': 'choose-case',
                  onclick: () => ctx.send({ type: 'appoint_presenter', data: { meeting_id: s.meetingId, member_id: n.author_id, case_note_id: n.note_id } }),
                },
                t('choose_case'),
              )
            : null,
        )
      : null,
  );
}
