// @vitest-environment happy-dom
// The method editor (issue 3): the draft's pure rules (templates, add, reorder, remove, kind
// change, validation against the server's limits, the saved body) and the screen itself, rendered
// into a DOM against a mocked API and clicked through. Board steps (issue 4, R31) keep their
// options (shared or private, the relations template) from a template to the saved body.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KINDS,
  METHOD_LIMITS,
  addStep,
  allowsBoardOptions,
  allowsPresenterFirst,
  allowsPresenterListens,
  draftFrom,
  emptyDraft,
  kindHelp,
  kindName,
  methodEditorScreen,
  moveStep,
  removeStep,
  setKind,
  takeJustSaved,
  toBody,
  validateDraft,
  type Draft,
} from '../src/screens/method-editor';
import { initLang, setLang } from '../src/i18n';
import type { ListedMethod } from '../src/api';
import type { Method } from '../src/protocol/types';

const L = (nl: string, en = nl) => ({ nl, en });

/** The shipped buiten je bubbel: its creative variations (steps 6–8) are board steps. */
const bubbel = JSON.parse(readFileSync(join(__dirname, '..', '..', 'server', 'methods', 'buiten_je_bubbel.json'), 'utf8')) as Method & {
  source?: unknown;
};

const template: Method = {
  method_id: 'buiten_je_bubbel',
  title: L('Intervisie buiten je bubbel', 'Intervision outside your bubble'),
  first_step_number: 0,
  steps: [
    { kind: 'info', title: L('Start'), instructions: L('Welkom', 'Welcome') },
    { kind: 'private_write', title: L('Vragen noteren', 'Write questions'), instructions: L('Schrijf', 'Write'), timebox_minutes: 10, reveal: 'presenter_first', presenter_listens: true },
    { kind: 'check_in', title: L('Inchecken', 'Check-in'), instructions: L('Hoe gaat het?', 'How are you?'), optional: true },
  ],
};

function named(d: Draft, title = 'Onze methode'): Draft {
  return { ...d, title: L(title, 'Our method') };
}

beforeEach(() => {
  initLang(null);
  setLang('nl');
});

describe('kinds', () => {
  it('every kind of §4.2 has a Dutch and an English name and a one-line explanation', () => {
    expect(KINDS).toHaveLength(14);
    expect(KINDS).toContain('board');
    for (const k of KINDS) {
      for (const l of ['nl', 'en'] as const) {
        expect(kindName(k, l), `${k} ${l}`).toMatch(/\S/);
        expect(kindName(k, l)).not.toBe(k);
        expect(kindHelp(k, l), `${k} ${l}`).toMatch(/\S/);
        expect(kindHelp(k, l)).not.toMatch(/\n/);
      }
    }
    expect(kindName('question_round', 'nl')).toBe('Vragenronde');
  });

  it('offers presenter-first only on revealed kinds and presenter-listens only where others write about the case', () => {
    expect(KINDS.filter(allowsPresenterFirst)).toEqual(['private_write', 'takeaways']);
    expect(KINDS.filter(allowsPresenterListens)).toEqual(['private_write', 'board', 'discussion', 'reflection']);
    expect(KINDS.filter(allowsBoardOptions)).toEqual(['board']);
  });
});

describe('the draft', () => {
  it('starts from a template: name, steps and options, never its id', () => {
    const d = draftFrom(template);
    expect(d.title).toEqual(template.title);
    expect(d.firstStepNumber).toBe(0);
    expect(d.steps.map((s) => s.kind)).toEqual(['info', 'private_write', 'check_in']);
    expect(d.steps[1]).toMatchObject({ timebox: '10', presenterFirst: true, presenterListens: true, optional: false });
    expect(d.steps[2].optional).toBe(true);
    const body = toBody(d) as Record<string, unknown>;
    expect(body.method_id).toBeUndefined();
    expect(body.group).toBeUndefined();
    // Editing the draft leaves the template alone.
    d.steps[0].title.nl = 'Anders';
    expect(template.steps[0].title.nl).toBe('Start');
  });

  it('round-trips a method through the draft unchanged', () => {
    const { method_id: _id, ...rest } = template;
    expect(toBody(draftFrom(template))).toEqual(rest);
  });

  it('adds a step of a kind with its name and explanation in both languages', () => {
    const d = addStep(emptyDraft(), 'question_round');
    expect(d.steps).toHaveLength(1);
    expect(d.steps[0].title).toEqual({ nl: 'Vragenronde', en: 'Question round' });
    expect(d.steps[0].instructions.nl).toBe(kindHelp('question_round', 'nl'));
    expect(d.steps[0].instructions.en).toBe(kindHelp('question_round', 'en'));
    expect(d.steps[0].timebox).toBe('');
  });

  it('moves steps up and down, never past either end, and removes them', () => {
    let d = draftFrom(template);
    const keys = d.steps.map((s) => s.key);
    d = moveStep(d, 2, -1);
    expect(d.steps.map((s) => s.key)).toEqual([keys[0], keys[2], keys[1]]);
    expect(moveStep(d, 0, -1)).toBe(d);
    expect(moveStep(d, 2, 1)).toBe(d);
    d = removeStep(d, 0);
    expect(d.steps.map((s) => s.key)).toEqual([keys[2], keys[1]]);
  });

  it('drops options the new kind does not allow', () => {
    let d = draftFrom(template);
    d = setKind(d, 1, 'discussion');
    expect(d.steps[1]).toMatchObject({ kind: 'discussion', presenterFirst: false, presenterListens: true });
    d = setKind(d, 1, 'info');
    expect(d.steps[1]).toMatchObject({ kind: 'info', presenterFirst: false, presenterListens: false });
    expect(toBody(d).steps[1]).toEqual({ kind: 'info', title: L('Vragen noteren', 'Write questions'), instructions: L('Schrijf', 'Write'), timebox_minutes: 10 });
  });

  it('is ready when it meets the server limits, and says what is missing otherwise', () => {
    expect(validateDraft(draftFrom(template))).toEqual([]);
    const keys = (d: Draft) => validateDraft(d).map((p) => p.key);
    expect(keys(emptyDraft())).toEqual(['me_p_name', 'me_p_no_steps']);
    expect(keys(named(emptyDraft(), '   '))).toContain('me_p_name');
    expect(keys({ ...draftFrom(template), title: L('x'.repeat(121)) })).toEqual(['me_p_name']);

    const d = draftFrom(template);
    d.steps[0].title.en = '';
    d.steps[1].instructions.nl = 'x'.repeat(METHOD_LIMITS.instructionsMax + 1);
    d.steps[2].timebox = '0';
    const problems = validateDraft(d);
    expect(problems.map((p) => [p.key, p.step])).toEqual([
      ['me_p_step_title', 0],
      ['me_p_instructions', 1],
      ['me_p_timebox', 2],
    ]);
    // Code points, as the server counts: 4000 emoji are fine.
    d.steps[0].title.en = 'Start';
    d.steps[1].instructions.nl = '🙂'.repeat(4000);
    d.steps[2].timebox = '';
    expect(validateDraft(d)).toEqual([]);

    for (const bad of ['0', '241', '1.5', '-3', 'tien', '1e2']) {
      d.steps[2].timebox = bad;
      expect(keys(d), bad).toEqual(['me_p_timebox']);
    }
    d.steps[2].timebox = ' 240 ';
    expect(validateDraft(d)).toEqual([]);
    expect(toBody(d).steps[2].timebox_minutes).toBe(240);

    let many = named(emptyDraft());
    for (let i = 0; i < 61; i++) many = addStep(many, 'info');
    expect(keys(many)).toEqual(['me_p_too_many']);

    const allOptional = draftFrom(template);
    allOptional.steps.forEach((s) => (s.optional = true));
    expect(keys(allOptional)).toEqual(['me_p_all_optional']);
  });

  it('writes options only where they differ from their defaults, and trims the texts', () => {
    const d = named(addStep(emptyDraft(), 'private_write'), '  Onze methode ');
    d.steps[0].timebox = '15';
    expect(toBody(d)).toEqual({
      title: L('Onze methode', 'Our method'),
      steps: [{ kind: 'private_write', title: d.steps[0].title, instructions: d.steps[0].instructions, timebox_minutes: 15 }],
    });
  });
});

describe('board steps in the draft (R31)', () => {
  it('a board step is named and explained in both languages, and starts shared and blank', () => {
    expect(kindName('board', 'nl')).toBe('Tekenen op een bord');
    expect(kindName('board', 'en')).toBe('Drawing on a board');
    const d = named(addStep(emptyDraft(), 'board'));
    expect(d.steps[0]).toMatchObject({ kind: 'board', board: 'shared', relations: false, presenterFirst: false, presenterListens: false });
    expect(d.steps[0].title).toEqual({ nl: 'Tekenen op een bord', en: 'Drawing on a board' });
    expect(d.steps[0].instructions.nl).toBe(kindHelp('board', 'nl'));
    expect(validateDraft(d)).toEqual([]);
    // The defaults are not written: the server reads an absent `board` as shared, an absent `template` as blank.
    expect(toBody(d).steps[0]).toEqual({ kind: 'board', title: d.steps[0].title, instructions: d.steps[0].instructions });

    d.steps[0].board = 'private';
    d.steps[0].relations = true;
    d.steps[0].presenterListens = true;
    d.steps[0].presenterFirst = true; // not offered on a board step: never sent
    expect(toBody(d).steps[0]).toEqual({
      kind: 'board',
      title: d.steps[0].title,
      instructions: d.steps[0].instructions,
      presenter_listens: true,
      board: 'private',
      template: 'relations',
    });
  });

  it('keeps the shipped buiten je bubbel, private boards and template included, from template to saved body', () => {
    expect(bubbel.steps.slice(6, 9).map((s) => [s.kind, s.board, s.template])).toEqual([
      ['board', 'private', undefined],
      ['board', 'private', undefined],
      ['board', undefined, 'relations'],
    ]);
    const d = draftFrom(bubbel);
    expect(d.steps.slice(6, 9).map((s) => [s.board, s.relations, s.presenterListens, s.optional])).toEqual([
      ['private', false, false, true],
      ['private', false, true, true],
      ['shared', true, true, true],
    ]);
    const body = toBody(d);
    expect(body.steps).toEqual(bubbel.steps);
    expect(body.title).toEqual(bubbel.title);
    expect(body.first_step_number).toBe(0);
  });

  it('drops the board options when a board step becomes another kind, and never reads them on other kinds', () => {
    let d = draftFrom(bubbel);
    d = setKind(d, 7, 'private_write');
    expect(d.steps[7]).toMatchObject({ kind: 'private_write', board: 'shared', relations: false, presenterListens: true });
    expect(toBody(d).steps[7]).not.toHaveProperty('board');
    d = setKind(d, 8, 'info');
    expect(d.steps[8]).toMatchObject({ kind: 'info', board: 'shared', relations: false, presenterListens: false });
    expect(toBody(d).steps[8]).not.toHaveProperty('template');
    // Back to a board: it starts shared and blank again.
    d = setKind(d, 8, 'board');
    expect(d.steps[8]).toMatchObject({ kind: 'board', board: 'shared', relations: false });
    // A step that became a board loses presenter-first (not a revealed kind on its own) but keeps listening.
    d = setKind(d, 3, 'board');
    expect(d.steps[3]).toMatchObject({ kind: 'board', presenterFirst: false, presenterListens: true });
    // Board options on a step of another kind (a hand-made method) are not taken over.
    const odd = draftFrom({ ...template, steps: [{ ...template.steps[1], board: 'private', template: 'relations' }] });
    expect(odd.steps[0]).toMatchObject({ board: 'shared', relations: false });
    expect(toBody(odd).steps[0]).not.toHaveProperty('board');
  });
});

// ---- The screen, against a mocked API ----

const listed: ListedMethod[] = [
  template,
  { method_id: 'gm_own', title: L('Eigen', 'Own'), steps: [{ kind: 'info', title: L('Eén'), instructions: L('Uitleg') }], group: true },
];

let posted: { url: string; body: unknown; auth: string | null }[] = [];
/** What the mocked API lists: `listed`, unless a test lists other methods. */
let listing: ListedMethod[] = listed;
let saveStatus = 201;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

beforeEach(() => {
  posted = [];
  listing = listed;
  saveStatus = 201;
  localStorage.clear();
  localStorage.setItem('intervisie.coordinator_token', 'coord-token');
  localStorage.setItem(
    'intervisie.member.mtg_1',
    JSON.stringify({ meeting_id: 'mtg_1', member_token: 'member-token', member_id: 'mbr_1', name: 'Fenna', link_token: 'x' }),
  );
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const auth = (init.headers as Record<string, string>).Authorization ?? null;
      if (init.method === 'POST') {
        posted.push({ url, body: JSON.parse(String(init.body)), auth });
        if (saveStatus !== 201) return json(saveStatus, { error: { code: saveStatus === 403 ? 'forbidden' : 'invalid_field', message: 'no' } });
        return json(201, { method_id: 'gm_new' });
      }
      if (url === '/api/groups') return json(200, { groups: [{ group_id: 'grp_1', name: 'Groep Noord', created_at: 1, meetings: [] }] });
      return json(200, { methods: listing });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

const settle = () => new Promise((r) => setTimeout(r, 0));
const q = <T extends Element = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`);
const click = (id: string) => {
  const el = q<HTMLButtonElement>(id);
  expect(el, id).not.toBeNull();
  el!.click();
};
function type(id: string, value: string) {
  const el = q<HTMLInputElement>(id)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
}

async function openEditor(target: Parameters<typeof methodEditorScreen>[0]) {
  const screen = methodEditorScreen(target);
  document.body.replaceChildren(screen.el);
  await settle();
  await settle();
  return screen;
}

describe('the editor screen', () => {
  it('composes a method for the coordinator: template, add, reorder, remove, edit, save', async () => {
    await openEditor({ groupId: 'grp_1' });
    expect(document.body.textContent).toContain('Groep Noord');
    // The template list has the built-in and the group's own methods.
    const options = [...document.querySelectorAll('[data-testid="template-select"] option')].map((o) => o.textContent);
    expect(options).toEqual(['Een lege methode', 'Intervisie buiten je bubbel', 'Eigen (eigen)']);

    const select = q<HTMLSelectElement>('template-select')!;
    select.value = 'buiten_je_bubbel';
    select.dispatchEvent(new Event('change'));
    click('template-use');
    expect(document.querySelectorAll('[data-testid^="step-"][data-testid$="0"]').length).toBeGreaterThan(0);
    expect(document.querySelectorAll('.me-step')).toHaveLength(3);
    expect(q<HTMLInputElement>('method-title-nl')!.value).toBe('Intervisie buiten je bubbel');

    // Add a question round: it opens, is last, and its head names the kind.
    click('add-question_round');
    expect(document.querySelectorAll('.me-step')).toHaveLength(4);
    expect(q('step-3')!.textContent).toContain('Vragenronde');
    expect(q<HTMLButtonElement>('step-toggle-3')!.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(q('step-toggle-3'));
    type('step-timebox-3', '12');
    expect(q('step-3')!.textContent).toContain('12 min');

    // Move it to the top; the first step's up and the last step's down are disabled.
    for (let i = 3; i > 0; i--) click(`step-up-${i}`);
    expect(q('step-0')!.textContent).toContain('Vragenronde');
    expect(q<HTMLButtonElement>('step-up-0')!.disabled).toBe(true);
    expect(q<HTMLButtonElement>('step-down-3')!.disabled).toBe(true);
    expect(document.activeElement).toBe(q('step-down-0'));

    // Remove the optional check-in (now the last step).
    click('step-trash-3');
    expect(document.querySelectorAll('.me-step')).toHaveLength(3);

    // Options depend on the kind: the private-write step (open it) offers both.
    click('step-toggle-2');
    expect(q('step-presenter-first-2')).not.toBeNull();
    expect(q('step-presenter-listens-2')).not.toBeNull();
    expect(q('step-presenter-first-0')).toBeNull();

    type('method-title-nl', 'Onze vragenronde');
    type('method-title-en', 'Our question round');
    type('step-title-0-nl', 'Eerst vragen');
    expect(q('step-0')!.textContent).toContain('Eerst vragen');
    click('save-method');
    await settle();
    await settle();

    expect(posted).toHaveLength(1);
    expect(posted[0].url).toBe('/api/groups/grp_1/methods');
    expect(posted[0].auth).toBe('Bearer coord-token');
    const body = posted[0].body as Method;
    expect(body.title).toEqual({ nl: 'Onze vragenronde', en: 'Our question round' });
    expect(body.steps.map((s) => s.kind)).toEqual(['question_round', 'info', 'private_write']);
    expect(body.steps[0]).toMatchObject({ title: { nl: 'Eerst vragen' }, timebox_minutes: 12 });
    expect(body.steps[2]).toMatchObject({ reveal: 'presenter_first', presenter_listens: true, timebox_minutes: 10 });
    expect((body as unknown as Record<string, unknown>).method_id).toBeUndefined();
    // Back to the coordinator, who selects it.
    expect(location.hash).toBe('#/coordinator');
    expect(takeJustSaved('grp_1')).toMatchObject({ methodId: 'gm_new', title: { nl: 'Onze vragenronde' } });
    expect(takeJustSaved('grp_1')).toBeNull();
  });

  it('asks before a template replaces the steps, and shows what is missing instead of saving', async () => {
    await openEditor({ groupId: 'grp_1' });
    click('add-info');
    const select = q<HTMLSelectElement>('template-select')!;
    select.value = 'gm_own';
    select.dispatchEvent(new Event('change'));
    click('template-use');
    expect(q('template-yes')).not.toBeNull();
    expect(document.querySelectorAll('.me-step')).toHaveLength(1);
    click('template-yes');
    expect(q<HTMLInputElement>('method-title-nl')!.value).toBe('Eigen');

    type('method-title-en', '');
    click('step-toggle-0');
    type('step-timebox-0', '0');
    click('save-method');
    await settle();
    expect(posted).toHaveLength(0);
    const problems = q('problems')!;
    expect(problems.textContent).toContain('naam');
    expect(problems.textContent).toContain('Stap 1: de tijd');
    expect(document.activeElement).toBe(problems);
    expect(q('step-0')!.classList.contains('has-problem')).toBe(true);
    // The very fields that are wrong are marked, the others not.
    expect(q('method-title-en')!.getAttribute('aria-invalid')).toBe('true');
    expect(q('method-title-nl')!.getAttribute('aria-invalid')).toBeNull();
    expect(q('step-timebox-0')!.getAttribute('aria-invalid')).toBe('true');
    // A problem about a step leads to it.
    click('step-toggle-0');
    expect(q('step-timebox-0')).toBeNull();
    (problems.querySelector('button') as HTMLButtonElement).click();
    expect(q('step-timebox-0')).not.toBeNull();
    expect(document.activeElement).toBe(q('step-toggle-0'));
  });

  it('lets a facilitator save with their member token, and says so when the server refuses', async () => {
    await openEditor({ meetingId: 'mtg_1' });
    click('add-discussion');
    type('method-title-nl', 'Van de begeleider');
    type('method-title-en', 'From the facilitator');
    click('save-method');
    await settle();
    await settle();
    expect(posted[0]).toMatchObject({ url: '/api/meeting-methods', auth: 'Bearer member-token' });
    expect(q('saved')!.textContent).toContain('Van de begeleider');

    saveStatus = 403;
    click('save-method');
    await settle();
    await settle();
    expect(q('save-error')!.textContent).toBe('Alleen de begeleider van een bijeenkomst kan een methode samenstellen.');
  });

  it('relabels in English without losing what was typed', async () => {
    const screen = await openEditor({ groupId: 'grp_1' });
    click('add-takeaways');
    type('method-title-nl', 'Getypt');
    setLang('en');
    screen.relabel!();
    expect(q<HTMLInputElement>('method-title-nl')!.value).toBe('Getypt');
    expect(q('step-0')!.textContent).toContain('What you take along');
    expect(document.body.textContent).toContain('Save method');
  });

  it('composes from buiten je bubbel without turning its private boards into shared ones, and adds a board step', async () => {
    listing = [{ ...bubbel }];
    const screen = await openEditor({ groupId: 'grp_1' });
    const select = q<HTMLSelectElement>('template-select')!;
    select.value = 'buiten_je_bubbel';
    select.dispatchEvent(new Event('change'));
    click('template-use');
    expect(document.querySelectorAll('.me-step')).toHaveLength(15);
    // The step's head says what kind of board it is, closed as it is.
    expect(q('step-6')!.textContent).toContain('Tekenen op een bord · ieder een eigen bord');
    expect(q('step-8')!.textContent).toContain('Tekenen op een bord · relatiesjabloon');

    click('step-toggle-7');
    expect(q<HTMLInputElement>('step-board-private-7')!.checked).toBe(true);
    expect(q<HTMLInputElement>('step-board-shared-7')!.checked).toBe(false);
    expect(q<HTMLInputElement>('step-template-7')!.checked).toBe(false);
    expect(q<HTMLInputElement>('step-presenter-listens-7')!.checked).toBe(true);
    expect(q('step-presenter-first-7')).toBeNull();
    expect(q('step-board-options-7')!.textContent).toContain('Ieder op een eigen bord, daarna tegelijk zichtbaar');
    click('step-toggle-8');
    expect(q<HTMLInputElement>('step-board-shared-8')!.checked).toBe(true);
    expect(q<HTMLInputElement>('step-template-8')!.checked).toBe(true);
    expect(q('step-board-options-8')!.textContent).toContain('Relatiesjabloon: de inbrenger in het midden');
    // Other kinds have no board options.
    click('step-toggle-5');
    expect(q('step-presenter-listens-5')).not.toBeNull();
    expect(q('step-board-options-5')).toBeNull();

    // Add a board step: shared and blank, then made private with the template.
    click('add-board');
    expect(document.querySelectorAll('.me-step')).toHaveLength(16);
    expect(q<HTMLInputElement>('step-board-shared-15')!.checked).toBe(true);
    expect(q<HTMLInputElement>('step-template-15')!.checked).toBe(false);
    click('step-board-private-15');
    click('step-template-15');
    expect(q('step-15')!.textContent).toContain('Tekenen op een bord · ieder een eigen bord · relatiesjabloon');
    // The radio buttons of two steps are separate groups.
    expect(q<HTMLInputElement>('step-board-shared-8')!.checked).toBe(true);
    // In English, with the choices kept.
    setLang('en');
    screen.relabel!();
    expect(q('step-board-options-15')!.textContent).toContain('Each on their own board, then shown all at once');
    expect(q('step-board-options-15')!.textContent).toContain('Relations template: the presenter in the middle');
    expect(q('step-15')!.textContent).toContain('Drawing on a board · each their own board · relations template');
    expect(q<HTMLInputElement>('step-board-private-15')!.checked).toBe(true);
    setLang('nl');
    screen.relabel!();

    // Step 8 becomes a discussion: its template goes, the board options with it.
    const kind = q<HTMLSelectElement>('step-kind-8')!;
    expect([...kind.options].map((o) => o.value)).toContain('board');
    kind.value = 'discussion';
    kind.dispatchEvent(new Event('change'));
    expect(q('step-board-options-8')).toBeNull();
    expect(q('step-8')!.textContent).not.toContain('relatiesjabloon');

    type('method-title-nl', 'Buiten je bubbel, met een bord');
    click('save-method');
    await settle();
    await settle();
    expect(posted).toHaveLength(1);
    const body = posted[0].body as Method;
    expect(body.steps).toHaveLength(16);
    expect(body.steps[6]).toEqual(bubbel.steps[6]);
    expect(body.steps[7]).toEqual(bubbel.steps[7]);
    expect(body.steps[8]).toEqual({ ...bubbel.steps[8], kind: 'discussion', template: undefined });
    expect(body.steps[8]).not.toHaveProperty('template');
    expect(body.steps[15]).toMatchObject({ kind: 'board', board: 'private', template: 'relations', title: { nl: 'Tekenen op een bord', en: 'Drawing on a board' } });
  });

  it('without a token it explains instead of showing the editor', async () => {
    localStorage.clear();
    await openEditor({ groupId: 'grp_1' });
    expect(q('save-method')).toBeNull();
    expect(document.body.textContent).toContain('niet meer geldig');
  });
});
