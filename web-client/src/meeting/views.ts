// Read-only pieces of the meeting screen, each a function of the state. The meeting screen
// decides when to redraw them (only when their inputs change).
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { categoryLabel, lang, t } from '../i18n';
import type { Member, Note } from '../protocol/types';
import { stepNumber } from '../protocol/types';
import { memberById, notesOfStep, progressOf, type MeetingState } from './state';

/** Method titles may start with "Stap 3 — "; the number is shown separately, so drop it there. */
export function bareTitle(title: string): string {
  return title.replace(/^\s*(stap|step|fase|phase)\s+\d+\s*[—–:.-]\s*/i, '');
}

export function memberName(s: MeetingState, id: string): string {
  return memberById(s, id)?.name ?? '?';
}

function badges(s: MeetingState, m: Member): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (m.role === 'facilitator') out.push(h('span', { class: 'badge badge-facilitator' }, t('role_facilitator')));
  if (s.presenterId === m.member_id) out.push(h('span', { class: 'badge badge-presenter' }, icon('star', 'icon icon-sm'), t('presenter')));
  return out;
}

/** Facilitators first, then by name: a stable order everyone shares. */
export function sortedMembers(s: MeetingState): Member[] {
  return s.members.slice().sort((a, b) => {
    if (a.role !== b.role) return a.role === 'facilitator' ? -1 : 1;
    return a.name.localeCompare(b.name, lang());
  });
}

export function membersView(s: MeetingState): HTMLElement {
  return h(
    'section',
    { class: 'panel members', 'aria-labelledby': 'members-h' },
    h('h2', { id: 'members-h' }, t('members'), h('span', { class: 'count' }, String(s.members.length))),
    h(
      'ul',
      { class: 'member-list', 'data-testid': 'members' },
      sortedMembers(s).map((m) =>
        h(
          'li',
          { class: 'member', 'data-member': m.member_id },
          h('span', { class: `dot ${m.online ? 'dot-on' : 'dot-off'}`, role: 'img', 'aria-label': m.online ? t('online') : t('offline'), title: m.online ? t('online') : t('offline') }),
          h(
            'span',
            { class: 'member-main' },
            h('span', { class: 'member-name' }, m.name, m.member_id === s.memberId ? h('span', { class: 'muted' }, ` (${t('you')})`) : null),
            h('span', { class: 'member-cat' }, categoryLabel(m.category)),
          ),
          h('span', { class: 'member-badges' }, badges(s, m)),
        ),
      ),
    ),
  );
}

export function stepListView(s: MeetingState, viewing: number, onPick: (i: number) => void, open: boolean): HTMLElement {
  const steps = s.meeting.method.steps;
  return h(
    'details',
    { class: 'panel steps', open },
    h('summary', null, t('steps_all')),
    h(
      'ol',
      { class: 'step-list', 'data-testid': 'step-list' },
      steps.map((st, i) =>
        h(
          'li',
          { class: ['step-item', i === s.stepIndex ? 'is-current' : '', i < s.stepIndex ? 'is-past' : '', i === viewing ? 'is-viewing' : ''].join(' ') },
          h(
            'button',
            { type: 'button', class: 'step-btn', 'aria-current': i === s.stepIndex ? 'step' : null, onclick: () => onPick(i) },
            h('span', { class: 'step-num' }, String(stepNumber(s.meeting.method, i))),
            h('span', { class: 'step-title' }, bareTitle(st.title[lang()])),
            st.kind === 'private_write' ? icon(s.revealedSteps.includes(i) ? 'eye' : 'lock', 'icon icon-sm muted') : null,
            i === s.stepIndex ? h('span', { class: 'badge badge-now' }, t('step_current')) : null,
          ),
        ),
      ),
    ),
  );
}

export function progressBar(s: MeetingState): HTMLElement {
  const m = s.meeting.method;
  const total = m.steps.length;
  const bar = h('progress', { class: 'progress', max: Math.max(1, total - 1), value: s.stepIndex });
  return h(
    'div',
    { class: 'step-progress' },
    h('span', { class: 'step-count', 'data-testid': 'step-count' }, t('step_n_of', { n: stepNumber(m, s.stepIndex), total: stepNumber(m, total - 1) })),
    bar,
  );
}

export function stepView(s: MeetingState, index: number): HTMLElement {
  const st = s.meeting.method.steps[index];
  if (!st) return h('div');
  const l = lang();
  // The header already says which step is current; say it here only when looking at another one.
  const kicker = [
    index !== s.stepIndex
      ? t('step_n_of', { n: stepNumber(s.meeting.method, index), total: stepNumber(s.meeting.method, s.meeting.method.steps.length - 1) })
      : '',
    st.kind === 'private_write' ? t('kind_private_write') : '',
    st.timebox_minutes ? t('step_minutes', { n: st.timebox_minutes }) : '',
  ].filter(Boolean);
  return h(
    'article',
    { class: `step-card step-${st.kind}`, 'data-testid': 'step-card', 'data-step': index },
    kicker.length ? h('p', { class: 'step-kicker' }, st.kind === 'private_write' ? icon('lock', 'icon icon-sm') : null, ' ', kicker.join(' · ')) : null,
    // The meeting screen fills this with the countdown (R22), only in the current step.
    index === s.stepIndex ? h('div', { class: 'timer-slot' }) : null,
    h('h2', { class: 'step-heading', 'data-testid': 'step-title' }, bareTitle(st.title[l])),
    h('div', { class: 'instructions' }, st.instructions[l]),
  );
}

export function countText(n: number): string {
  return n === 1 ? t('one_note') : t('n_notes', { n });
}

export function progressView(s: MeetingState, step: number): HTMLElement {
  return h(
    'section',
    { class: 'panel progress-panel', 'aria-labelledby': 'progress-h' },
    h('h2', { id: 'progress-h' }, t('progress_title')),
    h(
      'ul',
      { class: 'progress-list', 'data-testid': 'progress-list' },
      sortedMembers(s).map((m) => {
        const p = progressOf(s, step, m.member_id);
        return h(
          'li',
          { class: `progress-item ${p.done ? 'is-done' : ''}`, 'data-member': m.member_id },
          h('span', { class: 'member-name' }, m.name),
          h('span', { class: 'progress-count', 'data-testid': 'progress-count' }, countText(p.note_count)),
          h('span', { class: `badge ${p.done ? 'badge-done' : 'badge-busy'}` }, p.done ? icon('check', 'icon icon-sm') : null, p.done ? t('done') : t('busy')),
        );
      }),
    ),
  );
}

/** After the reveal: every note of the step, grouped by author, read-only. */
export function revealedView(s: MeetingState, step: number): HTMLElement {
  const notes = notesOfStep(s, step);
  const byAuthor = new Map<string, Note[]>();
  for (const n of notes.slice().sort((a, b) => a.updated_at - b.updated_at)) {
    const list = byAuthor.get(n.author_id) ?? [];
    list.push(n);
    byAuthor.set(n.author_id, list);
  }
  const order = sortedMembers(s)
    .map((m) => m.member_id)
    .filter((id) => byAuthor.has(id));
  for (const id of byAuthor.keys()) if (!order.includes(id)) order.push(id);
  return h(
    'section',
    { class: 'panel revealed', 'data-testid': 'revealed' },
    h('h2', null, icon('eye'), ' ', t('revealed_title')),
    order.length === 0
      ? h('p', { class: 'muted' }, t('revealed_none'))
      : order.map((id) => {
          const m = memberById(s, id);
          return h(
            'div',
            { class: 'author-block', 'data-author': id },
            h('h3', null, m?.name ?? '?', m ? h('span', { class: 'member-cat' }, ` · ${categoryLabel(m.category)}`) : null),
            h('ul', { class: 'note-list' }, byAuthor.get(id)!.map((n) => h('li', { class: 'note-card', 'data-testid': 'revealed-note' }, n.text))),
          );
        }),
  );
}

/** My own notes of a step that is not current and not revealed: read-only, only I see them. */
export function myOldNotesView(notes: Note[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return h(
    'section',
    { class: 'panel' },
    h('h2', null, icon('lock'), ' ', t('my_notes')),
    h('ul', { class: 'note-list' }, notes.map((n) => h('li', { class: 'note-card' }, n.text))),
  );
}
