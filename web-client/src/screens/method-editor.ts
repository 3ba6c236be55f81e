// #/coordinator/methods/GROUP_ID (coordinator) and #/meeting/MEETING_ID/methods (the meeting's
// facilitator): compose a method for the group from the step kinds (protocol §2, "Methods of a
// group"; §4.2). Start from any listed method as a template, add steps by kind, reorder, remove,
// edit the Dutch and English texts, timeboxes and options, save. A saved method never changes
// (a meeting that follows it must not change under its members): saving always makes a new one.
import './method-editor.css';
import { api, ApiError, type ListedMethod, type MethodBody } from '../api';
import { getCoordinatorToken, getMember } from '../storage';
import { go } from '../router';
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { card, notice, page, spinner } from '../ui/widgets';
import type { Screen } from '../ui/screen';
import { errorText, lang, t, tIn, type Lang, type TranslationKey } from '../i18n';
import { LIMITS } from '../protocol/limits';
import { BOARD_STEP_KIND, type Localized, type Method, type MethodStepKind, type Step } from '../protocol/types';

/** Limits of a composed method (server: protocol/group_method_json.hpp and parse_method). */
export const METHOD_LIMITS = {
  stepsMax: 60,
  titleMax: LIMITS.titleMax,
  instructionsMax: 4000,
  timeboxMax: 240,
} as const;

/** Every step kind of §4.2, in the order a meeting usually meets them. */
export const KINDS: readonly MethodStepKind[] = [
  'info',
  'check_in',
  'recall',
  'case_choice',
  'present',
  'private_write',
  'question_round',
  // Buiten je bubbel's creative variations (Stap 5) come between the observations and the reaction.
  'board',
  'react',
  'discussion',
  'takeaways',
  'reflection',
  'evaluation',
  'check_out',
];

const KIND_NAME: Record<MethodStepKind, TranslationKey> = {
  info: 'me_kind_info',
  check_in: 'kind_check_in',
  recall: 'kind_recall',
  case_choice: 'kind_case_choice',
  present: 'kind_present',
  private_write: 'kind_private_write',
  question_round: 'kind_question_round',
  react: 'kind_react',
  discussion: 'kind_discussion',
  takeaways: 'kind_takeaways',
  reflection: 'kind_reflection',
  board: 'me_kind_board',
  evaluation: 'kind_evaluation',
  check_out: 'kind_check_out',
};

const KIND_HELP: Record<MethodStepKind, TranslationKey> = {
  info: 'me_help_info',
  check_in: 'me_help_check_in',
  recall: 'me_help_recall',
  case_choice: 'me_help_case_choice',
  present: 'me_help_present',
  private_write: 'me_help_private_write',
  question_round: 'me_help_question_round',
  react: 'me_help_react',
  discussion: 'me_help_discussion',
  takeaways: 'me_help_takeaways',
  reflection: 'me_help_reflection',
  board: 'me_help_board',
  evaluation: 'me_help_evaluation',
  check_out: 'me_help_check_out',
};

export function kindName(kind: MethodStepKind, l: Lang = lang()): string {
  const key = KIND_NAME[kind];
  return key ? tIn(l, key) : kind;
}

export function kindHelp(kind: MethodStepKind, l: Lang = lang()): string {
  const key = KIND_HELP[kind];
  return key ? tIn(l, key) : '';
}

/** "Show to the presenter first" (R24): only where notes wait for a reveal and a presenter exists by then. */
export function allowsPresenterFirst(kind: MethodStepKind): boolean {
  return kind === 'private_write' || kind === 'takeaways';
}

/** "The presenter only listens": the steps in which the others write (or draw) about the presenter's case. */
export function allowsPresenterListens(kind: MethodStepKind): boolean {
  return kind === 'private_write' || kind === 'discussion' || kind === 'reflection' || kind === BOARD_STEP_KIND;
}

/** A board step's own options (R31): a shared or private board, and the relations template. */
export function allowsBoardOptions(kind: MethodStepKind): boolean {
  return kind === BOARD_STEP_KIND;
}

// ---- The draft: plain data and pure functions (tested in test/method-editor.test.ts) ----

export interface DraftStep {
  /** Stable for rendering and focus while steps move. */
  key: number;
  kind: MethodStepKind;
  title: Localized;
  instructions: Localized;
  /** As typed: '' is no timebox. */
  timebox: string;
  optional: boolean;
  presenterFirst: boolean;
  presenterListens: boolean;
  /** A board step: one board for everyone, or one per member revealed together (R35). */
  board: 'shared' | 'private';
  /** A board step: the relations template as its background. */
  relations: boolean;
}

export interface Draft {
  title: Localized;
  firstStepNumber: number;
  steps: DraftStep[];
}

let nextKey = 1;

export function emptyDraft(): Draft {
  return { title: { nl: '', en: '' }, firstStepNumber: 1, steps: [] };
}

function stepFrom(s: Step): DraftStep {
  return {
    key: nextKey++,
    kind: s.kind,
    title: { ...s.title },
    instructions: { ...s.instructions },
    timebox: s.timebox_minutes === undefined ? '' : String(s.timebox_minutes),
    optional: s.optional === true,
    presenterFirst: s.reveal === 'presenter_first' && allowsPresenterFirst(s.kind),
    presenterListens: s.presenter_listens === true && allowsPresenterListens(s.kind),
    // Kept from a template, so a private board never silently becomes a shared one.
    board: s.board === 'private' && allowsBoardOptions(s.kind) ? 'private' : 'shared',
    relations: s.template === 'relations' && allowsBoardOptions(s.kind),
  };
}

/** A copy of a listed method to start from: its name and steps, never its id. */
export function draftFrom(m: Method): Draft {
  return { title: { ...m.title }, firstStepNumber: m.first_step_number === 0 ? 0 : 1, steps: m.steps.map(stepFrom) };
}

/** A new step of a kind, named after it and explained with its one-line help, in both languages. */
export function newStep(kind: MethodStepKind): DraftStep {
  return stepFrom({
    kind,
    title: { nl: kindName(kind, 'nl'), en: kindName(kind, 'en') },
    instructions: { nl: kindHelp(kind, 'nl'), en: kindHelp(kind, 'en') },
  });
}

export function addStep(d: Draft, kind: MethodStepKind): Draft {
  return { ...d, steps: [...d.steps, newStep(kind)] };
}

export function moveStep(d: Draft, index: number, delta: -1 | 1): Draft {
  const to = index + delta;
  if (index < 0 || index >= d.steps.length || to < 0 || to >= d.steps.length) return d;
  const steps = [...d.steps];
  [steps[index], steps[to]] = [steps[to], steps[index]];
  return { ...d, steps };
}

export function removeStep(d: Draft, index: number): Draft {
  return { ...d, steps: d.steps.filter((_, i) => i !== index) };
}

/** Changes a step's kind; options the new kind does not allow are dropped. */
export function setKind(d: Draft, index: number, kind: MethodStepKind): Draft {
  const steps = d.steps.map((s, i) =>
    i !== index
      ? s
      : {
          ...s,
          kind,
          presenterFirst: s.presenterFirst && allowsPresenterFirst(kind),
          presenterListens: s.presenterListens && allowsPresenterListens(kind),
          board: allowsBoardOptions(kind) ? s.board : 'shared',
          relations: s.relations && allowsBoardOptions(kind),
        },
  );
  return { ...d, steps };
}

const codePoints = (s: string) => [...s].length;
const textOk = (s: string, max: number) => s.trim().length > 0 && codePoints(s) <= max;
const localizedOk = (l: Localized, max: number) => textOk(l.nl, max) && textOk(l.en, max);

function parseTimebox(s: string): number | null | 'bad' {
  const v = s.trim();
  if (v === '') return null;
  if (!/^\d+$/.test(v)) return 'bad';
  const n = Number(v);
  return n >= 1 && n <= METHOD_LIMITS.timeboxMax ? n : 'bad';
}

export interface Problem {
  key: TranslationKey;
  params?: Record<string, string | number>;
  /** The step it is about (0-based), if any. */
  step?: number;
}

/** What keeps the draft from being saved, in the order a person would fix it. Empty: ready. */
export function validateDraft(d: Draft): Problem[] {
  const out: Problem[] = [];
  const L = METHOD_LIMITS;
  if (!localizedOk(d.title, L.titleMax)) out.push({ key: 'me_p_name', params: { max: L.titleMax } });
  if (d.steps.length === 0) out.push({ key: 'me_p_no_steps' });
  if (d.steps.length > L.stepsMax) out.push({ key: 'me_p_too_many', params: { max: L.stepsMax } });
  d.steps.forEach((s, i) => {
    const n = i + 1;
    if (!localizedOk(s.title, L.titleMax)) out.push({ key: 'me_p_step_title', params: { n, max: L.titleMax }, step: i });
    if (!localizedOk(s.instructions, L.instructionsMax))
      out.push({ key: 'me_p_instructions', params: { n, max: L.instructionsMax }, step: i });
    if (parseTimebox(s.timebox) === 'bad') out.push({ key: 'me_p_timebox', params: { n, max: L.timeboxMax }, step: i });
  });
  if (d.steps.length > 0 && d.steps.every((s) => s.optional)) out.push({ key: 'me_p_all_optional' });
  return out;
}

const trimmed = (l: Localized): Localized => ({ nl: l.nl.trim(), en: l.en.trim() });

/** The body of POST .../methods: options only where they differ from their defaults. */
export function toBody(d: Draft): MethodBody {
  const body: MethodBody = {
    title: trimmed(d.title),
    steps: d.steps.map((s) => {
      const step: Step = { kind: s.kind, title: trimmed(s.title), instructions: trimmed(s.instructions) };
      const tb = parseTimebox(s.timebox);
      if (typeof tb === 'number') step.timebox_minutes = tb;
      if (s.optional) step.optional = true;
      if (s.presenterFirst && allowsPresenterFirst(s.kind)) step.reveal = 'presenter_first';
      if (s.presenterListens && allowsPresenterListens(s.kind)) step.presenter_listens = true;
      if (allowsBoardOptions(s.kind)) {
        if (s.board === 'private') step.board = 'private';
        if (s.relations) step.template = 'relations';
      }
      return step;
    }),
  };
  if (d.firstStepNumber === 0) body.first_step_number = 0;
  return body;
}

// ---- Hand-over to the coordinator screen: the method just saved is chosen there ----

export interface JustSaved {
  groupId: string;
  methodId: string;
  title: Localized;
}
let justSaved: JustSaved | null = null;

/** The method saved for this group a moment ago (once), so the coordinator screen can select it. */
export function takeJustSaved(groupId: string): JustSaved | null {
  if (!justSaved || justSaved.groupId !== groupId) return null;
  const j = justSaved;
  justSaved = null;
  return j;
}

// ---- The screen ----

export type EditorTarget = { groupId: string } | { meetingId: string };

interface Access {
  list(): Promise<{ methods: ListedMethod[] }>;
  save(body: MethodBody): Promise<{ method_id: string }>;
  back: string;
  groupId?: string;
}

function accessFor(target: EditorTarget): Access | null {
  if ('groupId' in target) {
    const token = getCoordinatorToken();
    if (!token) return null;
    return {
      list: () => api.groupMethods(token, target.groupId),
      save: (body) => api.saveGroupMethod(token, target.groupId, body),
      back: '#/coordinator',
      groupId: target.groupId,
    };
  }
  const member = getMember(target.meetingId);
  if (!member) return null;
  return {
    list: () => api.meetingMethods(member.member_token),
    save: (body) => api.saveMeetingMethod(member.member_token, body),
    back: `#/meeting/${encodeURIComponent(target.meetingId)}`,
  };
}

export function methodEditorScreen(target: EditorTarget): Screen {
  const el = h('div', { class: 'method-editor' });
  const access = accessFor(target);
  let methods: ListedMethod[] | null = null;
  let groupName: string | null = null;
  let loadError: string | null = null;
  let draft = emptyDraft();
  let templateId = '';
  let confirmTemplate = false;
  const open = new Set<number>();
  let problems: Problem[] = [];
  let saveError: string | null = null;
  let savedTitle: string | null = null;
  let busy = false;
  /** After a re-render, focus this element (by data-focus), so keyboard users keep their place. */
  let focusAfter: string | null = null;

  async function load() {
    if (!access) return render();
    try {
      const r = await access.list();
      methods = r.methods;
      loadError = null;
      if (access.groupId) {
        const token = getCoordinatorToken();
        if (token) {
          try {
            groupName = (await api.groups(token)).groups.find((g) => g.group_id === access.groupId)?.name ?? null;
          } catch {
            /* the name is only a courtesy */
          }
        }
      }
    } catch (e) {
      loadError = e instanceof ApiError ? e.code : 'internal';
    }
    render();
  }

  function update(d: Draft, focus: string | null = null) {
    draft = d;
    problems = [];
    saveError = null;
    savedTitle = null;
    focusAfter = focus;
    render();
  }

  function useTemplate() {
    const m = methods?.find((x) => x.method_id === templateId);
    confirmTemplate = false;
    open.clear();
    update(m ? draftFrom(m) : emptyDraft(), 'template');
  }

  async function save() {
    if (!access || busy) return;
    problems = validateDraft(draft);
    saveError = null;
    savedTitle = null;
    if (problems.length > 0) {
      focusAfter = 'problems';
      for (const p of problems) if (p.step !== undefined) open.add(draft.steps[p.step].key);
      return render();
    }
    busy = true;
    render();
    try {
      const body = toBody(draft);
      const r = await access.save(body);
      if (access.groupId) {
        justSaved = { groupId: access.groupId, methodId: r.method_id, title: body.title };
        busy = false;
        go(access.back);
        return;
      }
      savedTitle = body.title[lang()];
      focusAfter = 'saved';
      const list = await access.list().catch(() => null);
      if (list) methods = list.methods;
    } catch (e) {
      saveError = e instanceof ApiError ? e.code : 'internal';
      focusAfter = 'save-error';
    } finally {
      busy = false;
    }
    render();
  }

  // -- pieces --

  /** After a save attempt found problems, mark the very fields that are wrong. */
  const invalidText = (max: number) => (v: string) => problems.length > 0 && !textOk(v, max);
  const invalidName = invalidText(METHOD_LIMITS.titleMax);

  function focusStep(index: number) {
    const s = draft.steps[index];
    if (!s) return;
    open.add(s.key);
    focusAfter = `toggle-${s.key}`;
    render();
  }

  function textPair(
    label: string,
    value: Localized,
    max: number,
    multiline: boolean,
    testid: string,
    onChange: () => void,
    invalid: (v: string) => boolean = () => false,
  ): HTMLElement {
    const control = (l: Lang) => {
      const attrs = {
        id: `${testid}-${l}`,
        'aria-invalid': invalid(value[l]) ? 'true' : null,
        lang: l,
        maxlength: max,
        'data-testid': `${testid}-${l}`,
        oninput: (e: Event) => {
          value[l] = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
          onChange();
        },
      };
      const c = multiline ? h('textarea', { ...attrs, rows: 3 }) : h('input', { ...attrs, type: 'text' });
      c.value = value[l];
      return h('div', { class: 'me-lang' }, h('label', { for: `${testid}-${l}`, class: 'me-lang-label' }, l === 'nl' ? t('me_nl') : t('me_en')), c);
    };
    return h('fieldset', { class: 'me-pair' }, h('legend', null, label), h('div', { class: 'me-pair-row' }, control('nl'), control('en')));
  }

  function stepMeta(s: DraftStep): string {
    const parts = [kindName(s.kind)];
    if (allowsBoardOptions(s.kind) && s.board === 'private') parts.push(t('me_meta_private'));
    if (allowsBoardOptions(s.kind) && s.relations) parts.push(t('me_meta_template'));
    const tb = parseTimebox(s.timebox);
    if (typeof tb === 'number') parts.push(t('me_minutes', { n: tb }));
    if (s.optional) parts.push(t('optional'));
    return parts.join(' · ');
  }

  function stepItem(s: DraftStep, i: number): HTMLElement {
    const n = i + 1;
    const isOpen = open.has(s.key);
    const bad = problems.some((p) => p.step === i);
    const heading = h('span', { class: 'me-step-name' }, s.title[lang()] || kindName(s.kind));
    const meta = h('span', { class: 'me-step-meta' }, stepMeta(s));
    const refreshHead = () => {
      heading.textContent = s.title[lang()] || kindName(s.kind);
      meta.textContent = stepMeta(s);
    };
    const toolBtn = (name: 'up' | 'down' | 'trash', label: string, disabled: boolean, focusKey: string, onclick: () => void) =>
      h('button', { type: 'button', class: 'btn btn-ghost me-tool', 'aria-label': label, title: label, disabled, 'data-focus': focusKey, 'data-testid': `step-${name}-${i}`, onclick }, icon(name));

    const head = h(
      'div',
      { class: 'me-step-head' },
      h(
        'button',
        {
          type: 'button',
          class: 'me-step-toggle',
          'aria-expanded': isOpen ? 'true' : 'false',
          'aria-controls': `me-step-body-${s.key}`,
          'data-testid': `step-toggle-${i}`,
          'data-focus': `toggle-${s.key}`,
          onclick: () => {
            if (open.has(s.key)) open.delete(s.key);
            else open.add(s.key);
            focusAfter = `toggle-${s.key}`;
            render();
          },
        },
        h('span', { class: 'step-num' }, String(n)),
        h('span', { class: 'me-step-text' }, heading, meta),
      ),
      h(
        'div',
        { class: 'me-step-tools' },
        toolBtn('up', t('me_move_up', { n }), i === 0, `up-${s.key}`, () => update(moveStep(draft, i, -1), i - 1 === 0 ? `down-${s.key}` : `up-${s.key}`)),
        toolBtn('down', t('me_move_down', { n }), i === draft.steps.length - 1, `down-${s.key}`, () =>
          update(moveStep(draft, i, 1), i + 1 === draft.steps.length - 1 ? `up-${s.key}` : `down-${s.key}`),
        ),
        toolBtn('trash', t('me_remove', { n }), false, `trash-${s.key}`, () => {
          open.delete(s.key);
          const next = draft.steps[i + 1] ?? draft.steps[i - 1];
          update(removeStep(draft, i), next ? `toggle-${next.key}` : 'add-title');
        }),
      ),
    );

    let body: HTMLElement | null = null;
    if (isOpen) {
      const kindSelect = h(
        'select',
        {
          id: `me-kind-${s.key}`,
          'data-testid': `step-kind-${i}`,
          onchange: (e) => update(setKind(draft, i, (e.target as HTMLSelectElement).value as MethodStepKind), `kind-${s.key}`),
          'data-focus': `kind-${s.key}`,
        },
        KINDS.map((k) => h('option', { value: k, selected: k === s.kind }, kindName(k))),
      );
      const timebox = h('input', {
        id: `me-timebox-${s.key}`,
        type: 'number',
        inputmode: 'numeric',
        min: 1,
        max: METHOD_LIMITS.timeboxMax,
        step: 1,
        value: s.timebox,
        class: 'me-timebox',
        'aria-invalid': problems.length > 0 && parseTimebox(s.timebox) === 'bad' ? 'true' : null,
        'data-testid': `step-timebox-${i}`,
        oninput: (e) => {
          s.timebox = (e.target as HTMLInputElement).value;
          refreshHead();
        },
      });
      const check = (label: string, checked: boolean, testid: string, set: (v: boolean) => void) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            checked,
            'data-testid': testid,
            onchange: (e) => {
              set((e.target as HTMLInputElement).checked);
              refreshHead();
            },
          }),
          h('span', null, label),
        );
      const boardChoice = (mode: DraftStep['board'], label: string) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'radio',
            name: `me-board-${s.key}`,
            value: mode,
            checked: s.board === mode,
            'data-testid': `step-board-${mode}-${i}`,
            onchange: () => {
              s.board = mode;
              refreshHead();
            },
          }),
          h('span', null, label),
        );
      // Only on a board step (R31); the server refuses these options on any other kind.
      const boardOptions = allowsBoardOptions(s.kind)
        ? h(
            'fieldset',
            { class: 'me-options', 'data-testid': `step-board-options-${i}` },
            h('legend', null, t('me_opt_board')),
            boardChoice('shared', t('me_opt_board_shared')),
            boardChoice('private', t('me_opt_board_private')),
            check(t('me_opt_template'), s.relations, `step-template-${i}`, (v) => (s.relations = v)),
          )
        : null;
      body = h(
        'div',
        { class: 'me-step-body stack', id: `me-step-body-${s.key}` },
        h(
          'div',
          { class: 'field' },
          h('label', { for: `me-kind-${s.key}` }, t('me_kind')),
          kindSelect,
          h('p', { class: 'help' }, kindHelp(s.kind)),
        ),
        textPair(t('me_step_title'), s.title, METHOD_LIMITS.titleMax, false, `step-title-${i}`, refreshHead, invalidText(METHOD_LIMITS.titleMax)),
        textPair(t('me_instructions'), s.instructions, METHOD_LIMITS.instructionsMax, true, `step-instructions-${i}`, () => {}, invalidText(METHOD_LIMITS.instructionsMax)),
        h('div', { class: 'field' }, h('label', { for: `me-timebox-${s.key}` }, t('me_timebox')), timebox, h('p', { class: 'help' }, t('me_timebox_help'))),
        boardOptions,
        h(
          'fieldset',
          { class: 'me-options' },
          h('legend', null, t('me_options')),
          check(t('me_opt_optional'), s.optional, `step-optional-${i}`, (v) => (s.optional = v)),
          allowsPresenterFirst(s.kind) ? check(t('me_opt_presenter_first'), s.presenterFirst, `step-presenter-first-${i}`, (v) => (s.presenterFirst = v)) : null,
          allowsPresenterListens(s.kind)
            ? check(t('me_opt_presenter_listens'), s.presenterListens, `step-presenter-listens-${i}`, (v) => (s.presenterListens = v))
            : null,
        ),
      );
    }
    return h('li', { class: `me-step${isOpen ? ' is-open' : ''}${bad ? ' has-problem' : ''}`, 'data-testid': `step-${i}` }, head, body);
  }

  function templateCard(): HTMLElement {
    const own = (methods ?? []).filter((m) => m.group);
    const builtin = (methods ?? []).filter((m) => !m.group);
    const select = h(
      'select',
      {
        id: 'me-template',
        'data-testid': 'template-select',
        'data-focus': 'template',
        onchange: (e) => {
          templateId = (e.target as HTMLSelectElement).value;
          confirmTemplate = false;
          render();
        },
      },
      h('option', { value: '', selected: templateId === '' }, t('me_template_empty')),
      h('optgroup', { label: t('coord_methods_builtin') }, builtin.map((m) => h('option', { value: m.method_id, selected: m.method_id === templateId }, m.title[lang()]))),
      own.length > 0
        ? h(
            'optgroup',
            { label: t('coord_methods_group') },
            own.map((m) => h('option', { value: m.method_id, selected: m.method_id === templateId }, t('me_template_own', { title: m.title[lang()] }))),
          )
        : null,
    );
    const chosen = methods?.find((m) => m.method_id === templateId);
    return card(
      h('div', { class: 'field' }, h('label', { for: 'me-template' }, t('me_template')), h('div', { class: 'me-template-row' }, select, h('button', {
        type: 'button',
        class: 'btn btn-secondary',
        'data-testid': 'template-use',
        onclick: () => {
          if (draft.steps.length > 0) {
            confirmTemplate = true;
            focusAfter = 'template-yes';
            render();
          } else useTemplate();
        },
      }, t('me_template_use'))), h('p', { class: 'help' }, t('me_template_help'))),
      confirmTemplate
        ? h(
            'div',
            { class: 'confirm stack', role: 'alertdialog', 'aria-label': t('me_template') },
            h('p', null, t('me_template_confirm', { title: chosen ? chosen.title[lang()] : t('me_template_empty') })),
            h(
              'div',
              { class: 'row' },
              h('button', { type: 'button', class: 'btn btn-accent', 'data-focus': 'template-yes', 'data-testid': 'template-yes', onclick: useTemplate }, t('me_template_yes')),
              h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => ((confirmTemplate = false), (focusAfter = 'template'), render()) }, t('cancel')),
            ),
          )
        : null,
    );
  }

  function addCard(): HTMLElement {
    return card(
      h('h2', { tabindex: -1, 'data-focus': 'add-title' }, t('me_add_title')),
      h('p', { class: 'help' }, t('me_add_help')),
      h(
        'ul',
        { class: 'me-kinds' },
        KINDS.map((k) =>
          h(
            'li',
            { class: 'me-kind' },
            h('div', { class: 'me-kind-text' }, h('strong', null, kindName(k)), h('span', { class: 'muted' }, kindHelp(k))),
            h(
              'button',
              {
                type: 'button',
                class: 'btn btn-secondary me-add',
                'aria-label': t('me_add_kind', { kind: kindName(k) }),
                'data-testid': `add-${k}`,
                disabled: draft.steps.length >= METHOD_LIMITS.stepsMax,
                onclick: () => {
                  const d = addStep(draft, k);
                  const added = d.steps[d.steps.length - 1];
                  open.add(added.key);
                  update(d, `toggle-${added.key}`);
                },
              },
              icon('plus'),
              h('span', null, t('me_add')),
            ),
          ),
        ),
      ),
    );
  }

  function render() {
    if (!access || loadError === 'unauthorized') {
      el.replaceChildren(
        page(
          t('me_title'),
          notice('error', 'groupId' in target ? t('coord_token_invalid') : t('me_only_facilitator')),
          h('p', null, h('a', { href: 'groupId' in target ? '#/coordinator' : '#/' }, t('me_back'))),
        ),
      );
      return;
    }
    if (loadError) {
      el.replaceChildren(page(t('me_title'), notice('error', errorText(loadError)), h('button', { class: 'btn btn-secondary', onclick: () => void load() }, t('retry'))));
      return;
    }
    if (!methods) {
      el.replaceChildren(page(t('me_title'), spinner(t('loading'))));
      return;
    }
    el.replaceChildren(
      page(
        t('me_title'),
        h('p', null, h('a', { href: access.back, class: 'me-back', 'data-testid': 'editor-back' }, icon('left', 'icon icon-sm'), t('me_back'))),
        groupName ? h('p', { class: 'muted' }, t('me_for_group', { name: groupName })) : null,
        h('p', { class: 'lead me-intro' }, t('me_intro')),
        h(
          'div',
          { class: 'me-grid' },
          h('div', { class: 'me-head' }, templateCard(), card(textPair(t('me_name'), draft.title, METHOD_LIMITS.titleMax, false, 'method-title', () => {}, invalidName))),
          h(
            'section',
            { class: 'me-steps-area', 'aria-labelledby': 'me-steps-title' },
            h('h2', { class: 'me-steps-title', id: 'me-steps-title' }, t('me_steps', { n: draft.steps.length })),
            draft.steps.length === 0
              ? h('p', { class: 'muted', 'data-testid': 'no-steps' }, t('me_no_steps'))
              : h('ol', { class: 'me-steps', 'data-testid': 'steps' }, draft.steps.map(stepItem)),
          ),
          h('aside', { class: 'me-side' }, addCard()),
          h(
            'div',
            { class: 'me-foot' },
            problems.length > 0
              ? h(
                  'div',
                  { class: 'notice notice-error', role: 'alert', tabindex: -1, 'data-focus': 'problems', 'data-testid': 'problems' },
                  h('p', null, h('strong', null, t('me_problems'))),
                  h(
                    'ul',
                    null,
                    problems.map((p) =>
                      h(
                        'li',
                        null,
                        p.step === undefined
                          ? t(p.key, p.params)
                          : h('button', { type: 'button', class: 'btn-link me-problem-link', onclick: () => focusStep(p.step!) }, t(p.key, p.params)),
                      ),
                    ),
                  ),
                )
              : null,
            saveError
              ? h(
                  'div',
                  { class: 'notice notice-error', role: 'alert', tabindex: -1, 'data-focus': 'save-error', 'data-testid': 'save-error' },
                  saveError === 'forbidden' ? t('me_only_facilitator') : errorText(saveError),
                )
              : null,
            savedTitle
              ? h('div', { class: 'notice notice-ok', role: 'status', tabindex: -1, 'data-focus': 'saved', 'data-testid': 'saved' }, t('me_saved', { title: savedTitle }))
              : null,
          ),
          h(
            'div',
            { class: 'me-save-row' },
            h('button', { type: 'button', class: 'btn btn-primary btn-wide', disabled: busy, 'data-testid': 'save-method', onclick: () => void save() }, busy ? t('me_saving') : t('me_save')),
          ),
        ),
      ),
    );
    if (focusAfter) {
      const f = el.querySelector<HTMLElement>(`[data-focus="${focusAfter}"]`);
      focusAfter = null;
      f?.focus();
    }
  }

  render();
  void load();
  return { el, relabel: render };
}
