// Read-only pieces of the meeting screen, each a function of the state. The meeting screen
// decides when to redraw them (only when their inputs change).
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { categoryLabel, lang, t, type TranslationKey } from '../i18n';
import type { Member, Method, Note, Step } from '../protocol/types';
import { BOARD_STEP_KIND, lastStepNumber, stepNumber } from '../protocol/types';
import { memberById, notesOfStep, progressOf, type MeetingState } from './state';
import { authorOrder, expectedWriters, isRevealStep } from './rules';

/** Method titles may start with "Stap 3 — "; the number is shown separately, so drop it there. */
export function bareTitle(title: string): string {
  return title.replace(/^\s*(stap|step|fase|phase)\s+\d+\s*[—–:.-]\s*/i, '');
}

export function memberName(s: MeetingState, id: string | null): string {
  return (id && memberById(s, id)?.name) || '?';
}

/** Facilitators first, then by name: a stable order everyone shares. Removed members are left out. */
export function sortedMembers(s: MeetingState): Member[] {
  return s.members
    .filter((m) => !m.removed)
    .sort((a, b) => {
      if (a.role !== b.role) return a.role === 'facilitator' ? -1 : 1;
      return a.name.localeCompare(b.name, lang());
    });
}

/** "Stap 3 van 10", or "Optionele stap" for a step without a number. */
export function stepLabel(m: Method, index: number): string {
  const n = stepNumber(m, index);
  return n === null ? t('step_optional') : t('step_n_of', { n, total: lastStepNumber(m) });
}

const KIND_LABEL: Record<string, TranslationKey> = {
  check_in: 'kind_check_in',
  check_out: 'kind_check_out',
  recall: 'kind_recall',
  case_choice: 'kind_case_choice',
  present: 'kind_present',
  private_write: 'kind_private_write',
  question_round: 'kind_question_round',
  react: 'kind_react',
  discussion: 'kind_discussion',
  reflection: 'kind_reflection',
  takeaways: 'kind_takeaways',
  evaluation: 'kind_evaluation',
  board: 'kind_board',
};

/** The kicker's name for a step's kind; a board step says whether everyone draws together or alone (R31). */
export function kindLabel(st: Pick<Step, 'kind' | 'board'>): string | null {
  const k = st.kind === BOARD_STEP_KIND && st.board === 'private' ? 'kind_board_private' : KIND_LABEL[st.kind];
  return k ? t(k) : null;
}

export function stepListView(s: MeetingState, viewing: number, onPick: (i: number) => void, open: boolean): HTMLElement {
  const m = s.meeting.method;
  return h(
    'details',
    { class: 'panel steps', open },
    h('summary', null, t('steps_all')),
    h(
      'ol',
      { class: 'step-list', 'data-testid': 'step-list' },
      m.steps.map((st, i) => {
        const n = stepNumber(m, i);
        return h(
          'li',
          { class: ['step-item', i === s.stepIndex ? 'is-current' : '', i < s.stepIndex ? 'is-past' : '', i === viewing ? 'is-viewing' : '', st.optional ? 'is-optional' : ''].join(' ') },
          h(
            'button',
            { type: 'button', class: 'step-btn', 'data-testid': 'step-btn', 'data-step': i, 'aria-current': i === s.stepIndex ? 'step' : null, onclick: () => onPick(i) },
            n === null ? h('span', { class: 'step-num step-num-opt', 'aria-hidden': 'true' }, '·') : h('span', { class: 'step-num' }, String(n)),
            h('span', { class: 'step-title' }, bareTitle(st.title[lang()]), st.optional ? h('span', { class: 'step-opt' }, t('optional')) : null),
            isRevealStep(st) ? icon(s.revealedSteps.includes(i) ? 'eye' : 'lock', 'icon icon-sm muted') : null,
            i === s.stepIndex ? h('span', { class: 'badge badge-now' }, t('step_current')) : null,
          ),
        );
      }),
    ),
  );
}

export function progressBar(s: MeetingState): HTMLElement {
  const m = s.meeting.method;
  const total = m.steps.length;
  const bar = h('progress', { class: 'progress', max: Math.max(1, total - 1), value: s.stepIndex });
  return h('div', { class: 'step-progress' }, h('span', { class: 'step-count', 'data-testid': 'step-count' }, stepLabel(m, s.stepIndex)), bar);
}

/** Every step shows its title and instructions; the kicker says what kind of step it is. */
export function stepView(s: MeetingState, index: number): HTMLElement {
  const st = s.meeting.method.steps[index];
  if (!st) return h('div');
  const l = lang();
  const m = s.meeting.method;
  const kicker = [
    // The header already says which step is current; say it here only when looking at another one.
    index !== s.stepIndex ? stepLabel(m, index) : '',
    kindLabel(st) ?? '',
    st.timebox_minutes ? t('step_minutes', { n: st.timebox_minutes }) : '',
  ].filter(Boolean);
  const locked = isRevealStep(st);
  return h(
    'article',
    { class: `step-card step-${st.kind}`, 'data-testid': 'step-card', 'data-step': index, 'data-kind': st.kind },
    kicker.length ? h('p', { class: 'step-kicker' }, locked ? icon('lock', 'icon icon-sm') : null, ' ', kicker.join(' · ')) : null,
    // The meeting screen fills this with the countdown (R22), only in the current step.
    index === s.stepIndex ? h('div', { class: 'timer-slot' }) : null,
    h('h2', { class: 'step-heading', 'data-testid': 'step-title' }, bareTitle(st.title[l])),
    h('div', { class: 'instructions', 'data-testid': 'step-instructions' }, st.instructions[l]),
  );
}

export function countText(n: number): string {
  return n === 1 ? t('one_note') : t('n_notes', { n });
}

/** Who is done: counts and done flags of the members expected to write, never their text. */
export function progressView(s: MeetingState, step: number, showCounts = true): HTMLElement {
  const writers = new Set(expectedWriters(s, step).map((m) => m.member_id));
  return h(
    'section',
    { class: 'panel progress-panel', 'aria-labelledby': 'progress-h' },
    h('h2', { id: 'progress-h' }, t('progress_title')),
    h(
      'ul',
      { class: 'progress-list', 'data-testid': 'progress-list' },
      sortedMembers(s)
        .filter((m) => writers.has(m.member_id))
        .map((m) => {
          const p = progressOf(s, step, m.member_id);
          return h(
            'li',
            { class: `progress-item ${p.done ? 'is-done' : ''}`, 'data-member': m.member_id },
            h('span', { class: 'member-name' }, m.name),
            showCounts ? h('span', { class: 'progress-count', 'data-testid': 'progress-count' }, countText(p.note_count)) : null,
            h('span', { class: `badge ${p.done ? 'badge-done' : 'badge-busy'}` }, p.done ? icon('check', 'icon icon-sm') : null, p.done ? t('done') : t('busy')),
          );
        }),
    ),
  );
}

/** The marks the presenter gave a note (R28), as small badges everyone can read. */
export function marksView(n: Note): HTMLElement | null {
  const m = n.marks;
  if (!m) return null;
  const out: HTMLElement[] = [];
  if (m.touches) out.push(h('span', { class: 'badge badge-touches', 'data-testid': 'mark-touches' }, icon('star', 'icon icon-sm'), t('mark_touches')));
  if (m.picked) out.push(h('span', { class: 'badge badge-picked', 'data-testid': 'mark-picked' }, t('mark_picked')));
  if (m.rating) out.push(h('span', { class: `badge badge-rating rating-${m.rating}`, 'data-testid': 'mark-rating' }, t(`rating_${m.rating}`)));
  if (m.answered) out.push(h('span', { class: 'badge badge-done', 'data-testid': 'mark-answered' }, icon('check', 'icon icon-sm'), t('mark_answered')));
  return out.length ? h('span', { class: 'marks' }, out) : null;
}

/** One note as everyone reads it: a proposal's title, the text, the label and the marks. */
export function noteCard(n: Note, extra?: HTMLElement | null): HTMLElement {
  return h(
    'li',
    { class: `note-card ${n.marks?.touches ? 'is-touching' : ''}`, 'data-testid': 'revealed-note', 'data-note': n.note_id },
    n.label ? h('span', { class: `badge badge-label label-${n.label}` }, t(n.label === 'top' ? 'eval_top' : 'eval_tip')) : null,
    n.title ? h('strong', { class: 'note-title' }, n.title) : null,
    h('span', { class: 'note-text' }, n.text),
    marksView(n),
    extra ?? null,
  );
}

export interface NotesByAuthorOptions {
  title: TranslationKey;
  /** A heading text instead of the title key (already translated). */
  heading?: string;
  testid?: string;
  presenterFirst?: boolean;
  /** Leave out this member's notes (mine, when they are in the editor above). */
  exclude?: string;
  empty?: TranslationKey;
  /** Something to put under each note (the presenter's mark buttons). */
  extra?: (n: Note) => HTMLElement | null;
}

/** Notes grouped by author, read-only. */
export function notesByAuthor(s: MeetingState, notes: Note[], o: NotesByAuthorOptions): HTMLElement {
  const list = notes.filter((n) => n.author_id !== o.exclude).sort((a, b) => a.updated_at - b.updated_at);
  const order = authorOrder(s, list, !!o.presenterFirst);
  return h(
    'section',
    { class: 'panel revealed', 'data-testid': o.testid ?? 'revealed' },
    h('h2', null, icon('eye'), ' ', o.heading ?? t(o.title)),
    order.length === 0
      ? h('p', { class: 'muted' }, t(o.empty ?? 'revealed_none'))
      : order.map((id) => {
          const m = memberById(s, id);
          return h(
            'div',
            { class: 'author-block', 'data-author': id },
            h(
              'h3',
              null,
              m?.name ?? '?',
              m ? h('span', { class: 'member-cat' }, ` · ${categoryLabel(m.category)}`) : null,
              s.presenterId === id ? h('span', { class: 'badge badge-presenter' }, icon('star', 'icon icon-sm'), t('presenter')) : null,
            ),
            h('ul', { class: 'note-list' }, list.filter((n) => n.author_id === id).map((n) => noteCard(n, o.extra?.(n)))),
          );
        }),
  );
}

/** After the reveal: every note of the step, grouped by author, read-only. */
export function revealedView(s: MeetingState, step: number, presenterFirst = false): HTMLElement {
  return notesByAuthor(s, notesOfStep(s, step), { title: 'revealed_title', presenterFirst });
}

/** My own notes of a step that is not current and not revealed: read-only, only I see them. */
export function myOldNotesView(notes: Note[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return h(
    'section',
    { class: 'panel' },
    h('h2', null, icon('lock'), ' ', t('my_notes')),
    h('ul', { class: 'note-list' }, notes.map((n) => noteCard(n))),
  );
}
