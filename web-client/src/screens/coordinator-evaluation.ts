// The coordinator's reading of a meeting's evaluation (R29, GET /api/meetings/ID/evaluation):
// per evaluation step the average and every score, then the tops, the tips and the notes without
// a label ("overig"), each with the name of who wrote it. Calm: no colours for good or bad scores,
// an empty state while nobody has evaluated yet.
import './coordinator.css';
import type { Evaluation, EvaluationNote, EvaluationStep } from '../api';
import { h } from '../ui/dom';
import { lang, oneDecimal, t, type TranslationKey } from '../i18n';
import { LIMITS } from '../protocol/limits';

/** What the report of one meeting is doing: fetching, failed (an error code), or shown. */
export type EvaluationLoad = { status: 'loading' } | { status: 'error'; code: string } | { status: 'ok'; data: Evaluation };

export type NoteGroup = 'top' | 'tip' | 'other';
export const NOTE_GROUPS: readonly NoteGroup[] = ['top', 'tip', 'other'];
const GROUP_TITLE: Record<NoteGroup, TranslationKey> = { top: 'coord_eval_tops', tip: 'coord_eval_tips', other: 'coord_eval_other' };

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, lang());

/** Tops, tips and the rest (no label, or a label this client does not know), each by name. */
export function groupNotes(notes: EvaluationNote[]): Record<NoteGroup, EvaluationNote[]> {
  const out: Record<NoteGroup, EvaluationNote[]> = { top: [], tip: [], other: [] };
  for (const n of notes) out[n.label === 'top' ? 'top' : n.label === 'tip' ? 'tip' : 'other'].push(n);
  for (const g of NOTE_GROUPS) out[g].sort(byName);
  return out;
}

/** The mean score, or null without scores. */
export function averageScore(step: EvaluationStep): number | null {
  if (step.ratings.length === 0) return null;
  return step.ratings.reduce((a, r) => a + r.score, 0) / step.ratings.length;
}

/** One decimal, as the reader writes numbers (4,5 in Dutch, 4.5 in English). */
export const formatAverage = oneDecimal;

export function isEmptyEvaluation(e: Evaluation): boolean {
  return e.steps.every((s) => s.ratings.length === 0 && s.notes.length === 0);
}

const who = (name: string) => (name.trim() === '' ? '—' : name);

function scoresView(step: EvaluationStep): HTMLElement {
  const avg = averageScore(step);
  const n = step.ratings.length;
  return h(
    'div',
    { class: 'eval-block', 'data-testid': 'eval-report-scores' },
    h('h5', null, t('coord_eval_scores'), n > 0 ? h('span', { class: 'count' }, String(n)) : null),
    avg === null
      ? h('p', { class: 'muted' }, t('eval_scores_none'))
      : [
          h('p', { class: 'eval-average', 'data-testid': 'eval-average' }, t('coord_eval_average', { n: formatAverage(avg) })),
          h(
            'ul',
            { class: 'eval-ratings' },
            step.ratings
              .slice()
              .sort(byName)
              .map((r) => h('li', null, h('span', { class: 'eval-name' }, who(r.name)), h('span', { class: 'badge badge-score' }, `${r.score} / ${LIMITS.scoreMax}`))),
          ),
        ],
  );
}

function notesView(step: EvaluationStep): HTMLElement[] {
  const groups = groupNotes(step.notes);
  if (step.notes.length === 0) return [h('div', { class: 'eval-block' }, h('p', { class: 'muted' }, t('eval_none')))];
  return NOTE_GROUPS.filter((g) => groups[g].length > 0).map((g) =>
    h(
      'div',
      { class: 'eval-block', 'data-testid': `eval-group-${g}` },
      h('h5', null, t(GROUP_TITLE[g]), h('span', { class: 'count' }, String(groups[g].length))),
      h(
        'ul',
        { class: 'eval-notes' },
        groups[g].map((n) => h('li', null, h('p', { class: 'eval-text' }, n.text), h('p', { class: 'eval-author muted' }, `— ${who(n.name)}`))),
      ),
    ),
  );
}

/**
 * The report itself. `stepTitle` names an evaluation step from the meeting's method, shown only
 * when a method has more than one.
 */
export function evaluationReport(e: Evaluation, stepTitle: (stepIndex: number) => string | null): HTMLElement[] {
  const running: HTMLElement[] = e.ended ? [] : [h('p', { class: 'help eval-running' }, t('coord_eval_running'))];
  if (e.steps.length === 0) return [h('p', { class: 'muted', 'data-testid': 'eval-no-step' }, t('coord_eval_no_step'))];
  // Nothing yet: say so first; while the meeting runs, that may change.
  if (isEmptyEvaluation(e)) return [h('p', { class: 'eval-empty', 'data-testid': 'eval-empty' }, t('coord_eval_empty')), ...running];
  const out: HTMLElement[] = [...running];
  for (const step of e.steps) {
    const title = e.steps.length > 1 ? stepTitle(step.step_index) : null;
    out.push(
      h(
        'div',
        { class: 'eval-step', 'data-step': step.step_index },
        title ? h('h5', { class: 'eval-step-title' }, title) : null,
        h('div', { class: 'eval-cols' }, scoresView(step), h('div', { class: 'eval-notes-col' }, notesView(step))),
      ),
    );
  }
  return out;
}
