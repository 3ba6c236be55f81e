// @vitest-environment happy-dom
// The coordinator reads a meeting's evaluation (R29, GET /api/meetings/ID/evaluation): the
// response is checked before it is shown, and the report shows the average, every score, the tops,
// the tips and the rest ("overig") with names; an empty state; errors in words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, parseEvaluation, type Evaluation } from '../src/api';
import { averageScore, evaluationReport, formatAverage, groupNotes, isEmptyEvaluation } from '../src/screens/coordinator-evaluation';
import { coordinatorScreen } from '../src/screens/coordinator';
import { initLang, setLang } from '../src/i18n';

const FULL: Evaluation = {
  meeting_id: 'mtg_1',
  title: 'Bijeenkomst 3',
  ended: true,
  steps: [
    {
      step_index: 9,
      ratings: [
        { name: 'Sem', score: 5 },
        { name: 'Anne', score: 4 },
      ],
      notes: [
        { name: 'Sem', text: 'Iets meer tijd voor de adviezen.', label: 'tip' },
        { name: 'Anne', text: 'Fijn dat iedereen aan de beurt kwam.', label: 'top' },
        { name: 'Marieke', text: 'Rustig tempo.' },
      ],
    },
  ],
};

const EMPTY: Evaluation = { meeting_id: 'mtg_2', title: 'Bijeenkomst 4', ended: false, steps: [{ step_index: 7, ratings: [], notes: [] }] };

describe('parseEvaluation (§2 shape)', () => {
  it('accepts the documented shape and keeps only the known fields', () => {
    const withExtra = { ...FULL, future: 1, steps: [{ ...FULL.steps[0], extra: true, ratings: [{ name: 'Sem', score: 5, x: 1 }], notes: [{ name: 'Sem', text: 't', label: 'top', y: 2 }] }] };
    expect(parseEvaluation(withExtra, 'mtg_1')).toEqual({
      meeting_id: 'mtg_1',
      title: 'Bijeenkomst 3',
      ended: true,
      steps: [{ step_index: 9, ratings: [{ name: 'Sem', score: 5 }], notes: [{ name: 'Sem', text: 't', label: 'top' }] }],
    });
    expect(parseEvaluation(EMPTY)).toEqual(EMPTY);
    expect(parseEvaluation({ ...EMPTY, steps: [] }).steps).toEqual([]);
  });

  it('a label this client does not know is kept (and shown under "overig")', () => {
    const e = parseEvaluation({ ...EMPTY, steps: [{ step_index: 1, ratings: [], notes: [{ name: 'A', text: 'x', label: 'idee' }] }] });
    expect(groupNotes(e.steps[0].notes).other).toHaveLength(1);
  });

  const broken: [string, unknown][] = [
    ['null', null],
    ['an array', [FULL]],
    ['no steps', { meeting_id: 'mtg_1', title: 't', ended: true }],
    ['ended as a string', { ...FULL, ended: 'yes' }],
    ['steps not a list', { ...FULL, steps: {} }],
    ['a step without notes', { ...FULL, steps: [{ step_index: 1, ratings: [] }] }],
    ['a negative step_index', { ...FULL, steps: [{ step_index: -1, ratings: [], notes: [] }] }],
    ['a score of 6', { ...FULL, steps: [{ step_index: 1, ratings: [{ name: 'A', score: 6 }], notes: [] }] }],
    ['a score of 2.5', { ...FULL, steps: [{ step_index: 1, ratings: [{ name: 'A', score: 2.5 }], notes: [] }] }],
    ['a score as a string', { ...FULL, steps: [{ step_index: 1, ratings: [{ name: 'A', score: '4' }], notes: [] }] }],
    ['a rating without a name', { ...FULL, steps: [{ step_index: 1, ratings: [{ score: 4 }], notes: [] }] }],
    ['a note without text', { ...FULL, steps: [{ step_index: 1, ratings: [], notes: [{ name: 'A' }] }] }],
    ['an empty note text', { ...FULL, steps: [{ step_index: 1, ratings: [], notes: [{ name: 'A', text: '' }] }] }],
    ['a label that is not text', { ...FULL, steps: [{ step_index: 1, ratings: [], notes: [{ name: 'A', text: 'x', label: 1 }] }] }],
  ];
  for (const [what, body] of broken) {
    it(`refuses ${what} as invalid_response`, () => {
      expect(() => parseEvaluation(body)).toThrow(ApiError);
      try {
        parseEvaluation(body);
      } catch (e) {
        expect((e as ApiError).code).toBe('invalid_response');
      }
    });
  }

  it('refuses the evaluation of another meeting than the one asked for', () => {
    expect(() => parseEvaluation(FULL, 'mtg_other')).toThrow('invalid_response');
  });
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('api.evaluation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks with the coordinator token and checks the answer', async () => {
    const calls: { url: string; auth: string }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, auth: (init.headers as Record<string, string>).Authorization });
        return json(200, FULL);
      }),
    );
    expect(await api.evaluation('coord-token', 'mtg_1')).toEqual(FULL);
    expect(calls).toEqual([{ url: '/api/meetings/mtg_1/evaluation', auth: 'Bearer coord-token' }]);
  });

  it('401 is unauthorized; a wrong shape is invalid_response', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: { code: 'unauthorized', message: 'no' } })));
    await expect(api.evaluation('t', 'mtg_1')).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { meeting_id: 'mtg_1', steps: 'none' })));
    await expect(api.evaluation('t', 'mtg_1')).rejects.toMatchObject({ code: 'invalid_response' });
  });
});

describe('the report', () => {
  beforeEach(() => {
    initLang(null);
    setLang('nl');
  });

  it('average, groups and names', () => {
    expect(averageScore(FULL.steps[0])).toBe(4.5);
    expect(averageScore(EMPTY.steps[0])).toBeNull();
    expect(formatAverage(4.5)).toBe('4,5');
    expect(formatAverage(4)).toBe('4,0');
    setLang('en');
    expect(formatAverage(4.5)).toBe('4.5');
    const g = groupNotes(FULL.steps[0].notes);
    expect(g.top.map((n) => n.name)).toEqual(['Anne']);
    expect(g.tip.map((n) => n.name)).toEqual(['Sem']);
    expect(g.other.map((n) => n.name)).toEqual(['Marieke']);
    expect(isEmptyEvaluation(EMPTY)).toBe(true);
    expect(isEmptyEvaluation(FULL)).toBe(false);
  });

  it('names a step only when the method has more than one evaluation step', () => {
    const one = document.createElement('div');
    one.append(...evaluationReport(FULL, () => 'Evalueren'));
    expect(one.querySelector('.eval-step-title')).toBeNull();
    const two = document.createElement('div');
    two.append(...evaluationReport({ ...FULL, steps: [FULL.steps[0], { ...FULL.steps[0], step_index: 11 }] }, (i) => `Stap ${i}`));
    expect([...two.querySelectorAll('.eval-step-title')].map((e) => e.textContent)).toEqual(['Stap 9', 'Stap 11']);
  });

  it('a method without an evaluation step says so', () => {
    const el = document.createElement('div');
    el.append(...evaluationReport({ ...EMPTY, steps: [] }, () => null));
    expect(el.querySelector('[data-testid="eval-no-step"]')?.textContent).toBe('Deze methode heeft geen evaluatiestap.');
  });
});

// ---- The coordinator screen, against a mocked API ----

const q = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
const item = (id: string) => q(`[data-testid="meeting-item"][data-meeting="${id}"]`)!;
const toggle = (id: string) => q<HTMLButtonElement>('[data-testid="eval-toggle"]', item(id))!;

describe('coordinator screen: "Evaluatie bekijken"', () => {
  let evalAnswer: (id: string) => Response | Promise<Response>;
  let evalCalls: string[];

  beforeEach(() => {
    initLang(null);
    setLang('nl');
    localStorage.clear();
    localStorage.setItem('intervisie.coordinator_token', 'coord-token');
    evalCalls = [];
    evalAnswer = (id) => json(200, id === 'mtg_1' ? FULL : EMPTY);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url === '/api/groups')
          return json(200, {
            groups: [
              {
                group_id: 'grp_1',
                name: 'Groep Noord',
                created_at: 1,
                meetings: [
                  { meeting_id: 'mtg_1', title: 'Bijeenkomst 3', method_id: 'roddelmethode', created_at: 1 },
                  { meeting_id: 'mtg_2', title: 'Bijeenkomst 4', method_id: 'roddelmethode', created_at: 2 },
                ],
              },
            ],
          });
        const m = /^\/api\/meetings\/([^/]+)\/evaluation$/.exec(url);
        if (m) {
          evalCalls.push(m[1]);
          return evalAnswer(m[1]);
        }
        return json(200, { methods: [{ method_id: 'roddelmethode', title: { nl: 'Roddelmethode', en: 'Gossip method' }, steps: [] }] });
      }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  async function mount() {
    const s = coordinatorScreen();
    document.body.replaceChildren(s.el);
    await settle();
    return s;
  }

  it('every meeting has the button, closed at first', async () => {
    await mount();
    for (const id of ['mtg_1', 'mtg_2']) {
      expect(toggle(id).textContent).toBe('Evaluatie bekijken');
      expect(toggle(id).getAttribute('aria-expanded')).toBe('false');
    }
    expect(q('[data-testid="eval-report"]')).toBeNull();
    expect(evalCalls).toEqual([]);
  });

  it('opens the report: average, every score, tops, tips and the rest, with names', async () => {
    await mount();
    toggle('mtg_1').click();
    await settle();
    expect(evalCalls).toEqual(['mtg_1']);
    const report = q('[data-testid="eval-report"]', item('mtg_1'))!;
    expect(report.dataset.status).toBe('ok');
    expect(toggle('mtg_1').getAttribute('aria-expanded')).toBe('true');
    expect(toggle('mtg_1').textContent).toBe('Evaluatie verbergen');
    expect(document.activeElement).toBe(toggle('mtg_1'));
    expect(q('[data-testid="eval-average"]', report)!.textContent).toBe('gemiddeld 4,5 van de 5');
    expect(q('[data-testid="eval-report-scores"] h5', report)!.textContent).toBe('Cijfers2');
    const ratings = [...report.querySelectorAll('.eval-ratings li')].map((li) => li.textContent);
    expect(ratings).toEqual(['Anne4 / 5', 'Sem5 / 5']);
    expect(q('[data-testid="eval-group-top"]', report)!.textContent).toBe('Tops1Fijn dat iedereen aan de beurt kwam.— Anne');
    expect(q('[data-testid="eval-group-tip"]', report)!.textContent).toBe('Tips1Iets meer tijd voor de adviezen.— Sem');
    expect(q('[data-testid="eval-group-other"]', report)!.textContent).toBe('Overig1Rustig tempo.— Marieke');
    // Ended: no "still running" line. The other meeting stays closed.
    expect(q('.eval-running', report)).toBeNull();
    expect(q('[data-testid="eval-report"]', item('mtg_2'))).toBeNull();

    // Closing hides it, and the keyboard stays on the button.
    toggle('mtg_1').click();
    expect(q('[data-testid="eval-report"]', item('mtg_1'))).toBeNull();
    expect(document.activeElement).toBe(toggle('mtg_1'));
  });

  it('in English', async () => {
    const s = await mount();
    toggle('mtg_1').click();
    await settle();
    setLang('en');
    s.relabel?.();
    const report = q('[data-testid="eval-report"]', item('mtg_1'))!;
    expect(toggle('mtg_1').textContent).toBe('Hide evaluation');
    expect(q('[data-testid="eval-average"]', report)!.textContent).toBe('average 4.5 out of 5');
    expect(q('[data-testid="eval-group-other"] h5', report)!.textContent).toBe('Other1');
  });

  it('nobody evaluated yet: a calm empty state, and "still running" while the meeting runs', async () => {
    await mount();
    toggle('mtg_2').click();
    await settle();
    const report = q('[data-testid="eval-report"]', item('mtg_2'))!;
    expect(q('[data-testid="eval-empty"]', report)!.textContent).toBe('Nog niemand heeft geëvalueerd.');
    expect(q('.eval-running', report)!.textContent).toBe('De bijeenkomst loopt nog: er kan nog iets bijkomen.');
    expect(report.querySelectorAll('.eval-block')).toHaveLength(0);
  });

  it('"Bijwerken" fetches again', async () => {
    await mount();
    toggle('mtg_2').click();
    await settle();
    evalAnswer = () => json(200, { ...EMPTY, steps: [{ step_index: 7, ratings: [{ name: 'Bo', score: 3 }], notes: [] }] });
    q<HTMLButtonElement>('[data-testid="eval-refresh"]', item('mtg_2'))!.click();
    await settle();
    expect(evalCalls).toEqual(['mtg_2', 'mtg_2']);
    expect(q('[data-testid="eval-average"]', item('mtg_2'))!.textContent).toBe('gemiddeld 3,0 van de 5');
    expect(q('[data-testid="eval-report-scores"]', item('mtg_2'))!.textContent).toContain('Bo');
    expect(item('mtg_2').textContent).toContain('Nog geen tops of tips.');
  });

  it('errors in words, with a way to try again', async () => {
    await mount();
    evalAnswer = () => json(401, { error: { code: 'unauthorized', message: 'no' } });
    toggle('mtg_1').click();
    await settle();
    let report = q('[data-testid="eval-report"]', item('mtg_1'))!;
    expect(report.dataset.status).toBe('error');
    expect(q('[role="alert"]', report)!.textContent).toContain('de bijeenkomst is onbekend, of je aanmelding als coördinator is niet meer geldig');
    // The coordinator's sign-in is not thrown away for this (401 also means "no such meeting").
    expect(localStorage.getItem('intervisie.coordinator_token')).toBe('coord-token');

    evalAnswer = () => {
      throw new TypeError('Failed to fetch');
    };
    q<HTMLButtonElement>('[data-testid="eval-retry"]', report)!.click();
    await settle();
    report = q('[data-testid="eval-report"]', item('mtg_1'))!;
    expect(q('[role="alert"]', report)!.textContent).toContain('Geen verbinding met de server');

    evalAnswer = () => json(200, { meeting_id: 'mtg_1', title: 'x', ended: true, steps: [{ step_index: 1, ratings: [{ name: 'A', score: 9 }], notes: [] }] });
    q<HTMLButtonElement>('[data-testid="eval-retry"]', report)!.click();
    await settle();
    report = q('[data-testid="eval-report"]', item('mtg_1'))!;
    expect(q('[role="alert"]', report)!.textContent).toContain('Het antwoord van de server was niet te lezen');

    evalAnswer = (id) => json(200, id === 'mtg_1' ? FULL : EMPTY);
    q<HTMLButtonElement>('[data-testid="eval-retry"]', report)!.click();
    await settle();
    expect(q('[data-testid="eval-report"]', item('mtg_1'))!.dataset.status).toBe('ok');
  });

  it('shows "loading" while it fetches, and a report closed meanwhile stays closed', async () => {
    await mount();
    let release: (r: Response) => void = () => {};
    evalAnswer = () => new Promise<Response>((r) => (release = r));
    toggle('mtg_1').click();
    await settle();
    expect(q('[data-testid="eval-report"]', item('mtg_1'))!.dataset.status).toBe('loading');
    toggle('mtg_1').click();
    release(json(200, FULL));
    await settle();
    expect(q('[data-testid="eval-report"]', item('mtg_1'))).toBeNull();
  });
});
