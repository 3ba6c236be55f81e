// @vitest-environment happy-dom
// The board in the meeting screen (§4.4), against a fake WebSocket: which board each role sees in
// a board step (shared, my own private one, everyone's after the reveal), added boards, the
// facilitator's board tools on the wire, lock notices, refusals in words, "bring everyone here".
// The Konva view is replaced by a fake (happy-dom has no canvas); that Konva stays out of
// everything but src/board/view/ is checked on the sources.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import type { Method, WireBoard } from '../src/protocol/types';
import { open, q, settle, tid, currentScreen, useMeetingScreen, type FakeSocket } from './meeting-harness';

const { views } = vi.hoisted(() => ({ views: [] as FakeView[] }));

interface FakeView {
  o: { boardId: string; readOnly?: boolean; editable(): boolean; sync: { change(id: string, c: unknown): unknown } };
  destroyed: boolean;
  setViews: unknown[];
}

vi.mock('../src/board/view/board-view', () => ({
  BoardView: class {
    destroyed = false;
    setViews: unknown[] = [];
    constructor(public o: FakeView['o']) {
      views.push(this as unknown as FakeView);
    }
    refresh() {}
    refreshLive() {}
    selection() {
      return [];
    }
    selectionStyle() {
      return null;
    }
    restyle() {}
    editSelectedLabel() {}
    toolChanged() {}
    remove() {}
    duplicate() {}
    order() {}
    placeImage() {}
    zoomBy() {}
    fit() {}
    getView() {
      return { x: 10, y: 20, zoom: 1.5 };
    }
    setView(v: unknown) {
      this.setViews.push(v);
    }
    exportPng() {
      return 'data:image/png;base64,AA';
    }
    destroy() {
      this.destroyed = true;
    }
  },
}));

useMeetingScreen();

const step = (kind: string, nl: string, extra: Record<string, unknown> = {}) => ({ kind, title: { nl, en: nl }, instructions: { nl: 'Doe het', en: 'Do it' }, ...extra });
const METHOD = {
  method_id: 'variaties',
  title: { nl: 'Variaties', en: 'Variations' },
  steps: [step('info', 'Start'), step('board', 'Relaties', { board: 'shared', template: 'relations' }), step('board', 'Ieder voor zich', { board: 'private' }), step('discussion', 'Nabespreken')],
} as unknown as Method;

const board = (board_id: string, kind: 'shared' | 'private', step_index: number | null, extra: Partial<WireBoard> = {}): WireBoard => ({
  board_id,
  kind,
  title: null,
  step_index,
  owner_id: null,
  template: null,
  locked: false,
  objects: [],
  ...extra,
});
const sticky = (id: string, text: string) => ({ id, type: 'sticky' as const, x: 0, y: 0, rotation: 0, z: 1, deleted: false, w: 100, h: 100, text, color: 'yellow' });

function meeting(over: Record<string, unknown> = {}) {
  return { meeting: { meeting_id: 'mtg_1', title: 'Bijeenkomst 1', group_name: 'Groep A', agreement: 'x', method: METHOD }, ...over };
}

const live = () => views.filter((v) => !v.destroyed);
const sentOf = (ws: FakeSocket, type: string) => ws.sent.filter((m) => m.type === type);

async function openBoard(me: string, role: 'facilitator' | 'participant', over: Record<string, unknown>) {
  views.length = 0;
  const ws = await open(me, role, meeting(over) as never);
  await settle();
  return ws;
}

describe('a shared board step', () => {
  it('shows the step board with its tools, the legend of the relations template, and export', async () => {
    await openBoard('a', 'participant', { step_index: 1, boards: [board('s:1', 'shared', 1, { template: 'relations' })] });
    expect(tid('board-area')).toBeTruthy();
    expect(q('[data-testid="board-step"] [data-testid="board-area"]')).toBeTruthy();
    expect(live().map((v) => v.o.boardId)).toEqual(['s:1']);
    expect(live()[0].o.editable()).toBe(true);
    // Every tool, for someone who may draw.
    for (const tool of ['select', 'pen', 'highlighter', 'eraser', 'sticky', 'text', 'rect', 'ellipse', 'line', 'arrow', 'connector', 'image', 'laser']) expect(q(`[data-tool="${tool}"]`), tool).toBeTruthy();
    const legend = tid('board-legend')!;
    expect(legend.textContent).toContain('Sterk');
    expect(legend.textContent).toContain('Gespannen');
    expect(tid('board-export-png')).toBeTruthy();
    expect(tid('board-export-svg')).toBeTruthy();
    // No board tools for a participant on a shared board.
    expect(tid('board-fac-tools')).toBeNull();
    setLang('en');
    currentScreen()!.relabel?.();
    expect(tid('board-legend')!.textContent).toContain('Strained');
  });

  it('a locked board: the participant is told and gets only looking tools', async () => {
    await openBoard('a', 'participant', { step_index: 1, boards: [board('s:1', 'shared', 1, { locked: true })] });
    expect(tid('board-locked')!.textContent).toContain('vergrendeld');
    expect(live()[0].o.editable()).toBe(false);
    // No tools at all (not even the laser: live traffic only on a board one may change, R37).
    expect(q('[data-tool="pen"]')).toBeNull();
    expect(q('[data-tool="laser"]')).toBeNull();
    expect(tid('board-undo')).toBeNull();
    expect(tid('board-fit')).toBeTruthy();
  });

  it('the lock arrives while drawing: the tools go, the notice comes', async () => {
    const ws = await openBoard('a', 'participant', { step_index: 1, boards: [board('s:1', 'shared', 1)] });
    expect(q('[data-tool="pen"]')).toBeTruthy();
    ws.recv({ type: 'board_locked', data: { seq: 6, board_id: 's:1', locked: true } });
    await settle();
    expect(tid('board-locked')).toBeTruthy();
    expect(q('[data-tool="pen"]')).toBeNull();
  });

  it('the facilitator locks, clears (after asking) and brings everyone to the same view', async () => {
    const ws = await openBoard('f', 'facilitator', { step_index: 1, boards: [board('s:1', 'shared', 1, { objects: [sticky('o:aaaaaaaaaa', 'x')] })] });
    tid('board-lock')!.click();
    expect(sentOf(ws, 'board_lock').at(-1)!.data).toMatchObject({ board_id: 's:1', locked: true });
    ws.recv({ type: 'board_locked', ref: sentOf(ws, 'board_lock').at(-1)!.ref, data: { seq: 6, board_id: 's:1', locked: true } });
    await settle();
    expect(tid('board-locked')!.textContent).toContain('jij wel');
    expect(tid('board-lock')!.textContent).toContain('Ontgrendelen');
    // Clearing asks first; nothing goes out until "yes".
    tid('board-clear')!.click();
    expect(tid('board-clear-confirm')).toBeTruthy();
    expect(sentOf(ws, 'board_clear')).toHaveLength(0);
    tid('board-clear-yes')!.click();
    expect(sentOf(ws, 'board_clear').at(-1)!.data).toMatchObject({ board_id: 's:1' });
    tid('board-bring')!.click();
    expect(sentOf(ws, 'board_view').at(-1)!.data).toMatchObject({ board_id: 's:1', x: 10, y: 20, zoom: 1.5 });
  });

  it('the facilitator adds a board with the relations template; it becomes a tab', async () => {
    const ws = await openBoard('f', 'facilitator', { step_index: 1, boards: [board('s:1', 'shared', 1)] });
    tid('board-add')!.click();
    const title = tid('board-add-title') as HTMLInputElement;
    title.value = 'Parkeerplaats';
    title.dispatchEvent(new Event('input'));
    const tpl = tid('board-add-template') as HTMLInputElement;
    tpl.checked = true;
    tpl.dispatchEvent(new Event('change'));
    (q('.board-add-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    const add = sentOf(ws, 'board_add').at(-1)!;
    expect(add.data).toMatchObject({ title: 'Parkeerplaats', template: 'relations' });
    expect(String(add.data!.board_id)).toMatch(/^b:[A-Za-z0-9_-]{8,40}$/);
    ws.recv({ type: 'board_added', ref: add.ref, data: { seq: 6, board: board(String(add.data!.board_id), 'shared', null, { title: 'Parkeerplaats', template: 'relations' }) } });
    await settle();
    const tabs = [...document.querySelectorAll('.board-tablist [role="tab"]')].map((b) => b.textContent);
    expect(tabs).toEqual(['Bord van deze stap', 'Parkeerplaats']);
  });

  it('a refused edit is said in words', async () => {
    const ws = await openBoard('a', 'participant', { step_index: 1, boards: [board('s:1', 'shared', 1)] });
    const out = live()[0].o.sync.change('s:1', { put: [sticky('o:bbbbbbbbbb', 'hallo')] }) as { result: string };
    expect(out.result).toBe('changed');
    await settle();
    const cmd = sentOf(ws, 'board_change').at(-1)!;
    ws.recv({ type: 'error', ref: cmd.ref, data: { code: 'board_locked', message: 'locked' } });
    await settle();
    expect(q('.board-message')!.textContent).toContain('vergrendeld');
  });

  it('the facilitator\'s board_view brings a participant to that board and view', async () => {
    const ws = await openBoard('a', 'participant', { step_index: 1, boards: [board('s:1', 'shared', 1), board('b:parking001', 'shared', null, { title: 'Parkeerplaats' })] });
    expect(live()[0].o.boardId).toBe('s:1');
    ws.recv({ type: 'board_view', data: { member_id: 'f', board_id: 'b:parking001', x: 5, y: 6, zoom: 2 } });
    await settle();
    const v = live();
    expect(v.map((x) => x.o.boardId)).toEqual(['b:parking001']);
    expect(v[0].setViews).toEqual([{ board_id: 'b:parking001', x: 5, y: 6, zoom: 2 }]);
    expect(q('.board-message')!.textContent).toContain('De begeleider heeft iedereen');
  });
});

describe('presenter listens', () => {
  it('the presenter watches the others draw on the step board', async () => {
    const listening = { ...METHOD, steps: METHOD.steps.map((st, i) => (i === 1 ? { ...st, presenter_listens: true } : st)) };
    views.length = 0;
    await open('p', 'participant', { ...meeting({ step_index: 1, presenter_id: 'p', presenter_consent: 'given', boards: [board('s:1', 'shared', 1)] }), meeting: { ...meeting().meeting, method: listening } } as never);
    await settle();
    expect(tid('listening')).toBeTruthy();
    expect(live()[0].o.editable()).toBe(false);
    expect(q('[data-tool="pen"]')).toBeNull();
  });
});

describe('a private board step (R35)', () => {
  it('each draws on their own board, with "I am done"; the others are not there', async () => {
    await openBoard('a', 'participant', { step_index: 2, boards: [board('p:2:a', 'private', 2, { owner_id: 'a' })] });
    expect(live().map((v) => v.o.boardId)).toEqual(['p:2:a']);
    expect(live()[0].o.editable()).toBe(true);
    expect(tid('done-toggle')).toBeTruthy();
    expect(tid('board-area')!.textContent).toContain('Niemand ziet het');
    // The owner may clear their own board (R36) — after asking.
    expect(tid('board-clear')).toBeTruthy();
    expect(tid('board-lock')).toBeNull();
  });

  it('after the reveal, every board with something on it appears side by side, read-only, with its owner', async () => {
    const ws = await openBoard('a', 'participant', { step_index: 2, boards: [board('p:2:a', 'private', 2, { owner_id: 'a', objects: [sticky('o:aaaaaaaaaa', 'mijn')] })] });
    ws.recv({
      type: 'revealed',
      data: {
        seq: 6,
        step_index: 2,
        to: 'everyone',
        notes: [],
        boards: [board('p:2:a', 'private', 2, { owner_id: 'a', objects: [sticky('o:aaaaaaaaaa', 'mijn')] }), board('p:2:p', 'private', 2, { owner_id: 'p', objects: [sticky('o:pppppppppp', 'van Pim')] })],
      },
    });
    await settle();
    const cards = [...document.querySelectorAll('.board-card figcaption')].map((c) => c.textContent);
    expect(cards).toEqual(['Bord van Aisha', 'Bord van Pim']);
    expect(live().every((v) => v.o.readOnly === true)).toBe(true);
    expect(live().map((v) => v.o.boardId).sort()).toEqual(['p:2:a', 'p:2:p']);
    expect(tid('done-toggle')).toBeNull();
    // No toolbar and no single-board canvas: only the side-by-side look.
    expect(q('.board-toolbar-slot')!.hidden).toBe(true);
    expect(tid('board-canvas')!.hidden).toBe(true);
  });
});

describe('moving on', () => {
  it('the next step lets the board go (its view is destroyed, the area leaves the page)', async () => {
    const ws = await openBoard('a', 'participant', { step_index: 1, boards: [board('s:1', 'shared', 1)] });
    expect(live()).toHaveLength(1);
    ws.recv({ type: 'step_changed', data: { seq: 6, step_index: 3 } });
    await settle();
    expect(live()).toHaveLength(0);
    expect(tid('board-area')).toBeNull();
  });
});

describe('added boards', () => {
  it('show below a step that is not a board step', async () => {
    await openBoard('a', 'participant', { step_index: 3, boards: [board('s:1', 'shared', 1), board('b:parking001', 'shared', null, { title: 'Parkeerplaats' })] });
    expect(q('.meeting-main > .board-slot [data-testid="board-area"]')).toBeTruthy();
    expect(live().map((v) => v.o.boardId)).toEqual(['b:parking001']);
  });

  it('a participant sees no board area when there is none; the facilitator can add one', async () => {
    await openBoard('a', 'participant', { step_index: 3, boards: [board('s:1', 'shared', 1)] });
    expect(tid('board-area')).toBeNull();
    await openBoard('f', 'facilitator', { step_index: 3, boards: [board('s:1', 'shared', 1)] });
    expect(tid('board-add')).toBeTruthy();
    expect(live()).toHaveLength(0);
  });
});

describe('Konva stays in src/board/view/', () => {
  const src = join(__dirname, '..', 'src');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  it('only view files import konva, and others load the view only with import()', () => {
    for (const f of files(src)) {
      const text = readFileSync(f, 'utf8');
      const inView = f.includes(join('src', 'board', 'view'));
      if (!inView) {
        expect(text, f).not.toMatch(/from 'konva/);
        // A static import of the view would pull Konva into the main bundle.
        expect(text, f).not.toMatch(/^import (?!type )[^;]*from '\.\/view\//m);
      }
    }
  });
});
