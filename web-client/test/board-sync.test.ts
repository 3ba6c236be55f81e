// BoardSync against a fake server that orders commands like the real one (R33): optimistic edits
// with a pending overlay, convergence, undo/redo of one's own actions, refused edits, the
// facilitator's tools. No sockets, no timers: replies are delivered when the test says so.
import { describe, expect, it } from 'vitest';
import {
  applyChanged,
  applyCleared,
  applyLocked,
  decideChange,
  decideClear,
  decideLock,
  drawable,
  emptyBoard,
  type Board,
  type BoardActor,
  type BoardChange,
  type BoardInfo,
  type BoardObject,
} from '../src/board/model';
import { BoardSync, inverse, type BoardSyncTransport } from '../src/board/sync';

type Reply = { type: string; data?: any };

/** Lets every promise callback that is ready run (no timers involved). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const INFO: BoardInfo = { board_id: 's:2', kind: 'shared', title: null, step_index: 2, owner_id: null, template: null, locked: false };

function sticky(id: string, extra: Partial<BoardObject> = {}): BoardObject {
  return { id, type: 'sticky', x: 0, y: 0, rotation: 0, z: 0, deleted: false, w: 160, h: 160, text: 'Moeder', color: 'yellow', ...extra };
}

/** The server: one board, commands queued per client, processed in the order the test picks. */
class FakeServer {
  board: Board = emptyBoard(INFO);
  seq = 0;
  clients: Array<{ sync: BoardSync; actor: BoardActor }> = [];
  queue: Array<{ from: number; type: string; data: Record<string, unknown>; resolve: (r: Reply) => void }> = [];
  live: Array<Record<string, unknown>> = [];

  connect(actor: BoardActor): { sync: BoardSync; index: number } {
    const index = this.clients.length;
    const transport: BoardSyncTransport = {
      command: (type, data) => new Promise((resolve) => this.queue.push({ from: index, type, data, resolve })),
      live: (data) => void this.live.push(data),
    };
    const sync = new BoardSync(transport, () => actor);
    sync.load([{ ...this.board.info, objects: [...this.board.objects.values()] }]);
    this.clients.push({ sync, actor });
    return { sync, index };
  }

  /** Processes the queued command at position `i` (default: the oldest). */
  process(i = 0): Reply {
    const [cmd] = this.queue.splice(i, 1);
    const actor = this.clients[cmd.from].actor;
    let reply: Reply;
    if (cmd.type === 'board_change') {
      const { board_id, ...change } = cmd.data;
      const out = decideChange(this.board, actor, change as BoardChange);
      if (out.result === 'changed') {
        this.board = applyChanged(this.board, out.event, actor.member_id);
        reply = this.broadcast('board_changed', { board_id, put: [], set: [], delete: [], ...out.event });
      } else reply = out.result === 'ack' ? { type: 'ack' } : { type: 'error', data: { code: out.code } };
    } else if (cmd.type === 'board_lock') {
      const out = decideLock(this.board, actor, cmd.data.locked as boolean);
      if (out.result === 'changed') {
        this.board = applyLocked(this.board, cmd.data.locked as boolean);
        reply = this.broadcast('board_locked', { board_id: INFO.board_id, locked: cmd.data.locked });
      } else reply = out.result === 'ack' ? { type: 'ack' } : { type: 'error', data: { code: out.code } };
    } else if (cmd.type === 'board_clear') {
      const out = decideClear(this.board, actor);
      if (out.result === 'changed') {
        this.board = applyCleared(this.board);
        reply = this.broadcast('board_cleared', { board_id: INFO.board_id });
      } else reply = out.result === 'ack' ? { type: 'ack' } : { type: 'error', data: { code: out.code } };
    } else reply = { type: 'error', data: { code: 'unknown_type' } };
    cmd.resolve(reply);
    return reply;
  }

  async processAll(): Promise<void> {
    while (this.queue.length) this.process();
    await settle();
  }

  /** Every client gets the event first (as the connection does), the sender then its reply. */
  private broadcast(type: string, data: Record<string, unknown>): Reply {
    const ev = { seq: ++this.seq, ...data };
    for (const c of this.clients) c.sync.onEvent(type, ev);
    return { type, data: ev };
  }

  objects(): BoardObject[] {
    return [...this.board.objects.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

const ann: BoardActor = { member_id: 'ann', facilitator: false };
const bob: BoardActor = { member_id: 'bob', facilitator: false };
const fac: BoardActor = { member_id: 'fac', facilitator: true };

function objectsOf(sync: BoardSync): BoardObject[] {
  return [...sync.board(INFO.board_id)!.objects.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('BoardSync: optimistic edits', () => {
  it('shows an edit at once, sends it once, and drops the overlay on the reply', async () => {
    const server = new FakeServer();
    const { sync } = server.connect(ann);
    const seen: Array<string | null> = [];
    sync.subscribe((id) => seen.push(id));
    const out = sync.change('s:2', { put: [sticky('o:sticky0001', { x: 10 })] });
    expect(out.result).toBe('changed');
    expect(drawable(sync.board('s:2')!).map((o) => o.id)).toEqual(['o:sticky0001']);
    expect(server.board.objects.size).toBe(0);
    expect(server.queue).toHaveLength(1);
    expect(server.queue[0].type).toBe('board_change');
    expect(server.queue[0].data).toEqual({ board_id: 's:2', put: [sticky('o:sticky0001', { x: 10 })] });
    expect(sync.pendingCount).toBe(1);
    expect(seen).toContain('s:2');

    await server.processAll();
    expect(sync.pendingCount).toBe(0);
    expect(objectsOf(sync)).toEqual(server.objects());
  });

  it('an edit the board refuses locally is not sent and is in lastError', () => {
    const server = new FakeServer();
    server.board = applyLocked(server.board, true);
    const { sync } = server.connect(ann);
    const out = sync.change('s:2', { put: [sticky('o:sticky0001')] });
    expect(out).toMatchObject({ result: 'error', code: 'board_locked' });
    expect(server.queue).toHaveLength(0);
    expect(sync.lastError).toEqual({ board_id: 's:2', code: 'board_locked' });
    expect(sync.canUndo('s:2')).toBe(false);
    // An unknown board is not_found, too.
    expect(sync.change('s:9', { delete: ['o:sticky0001'] })).toMatchObject({ result: 'error', code: 'not_found' });
  });

  it('an edit that changes nothing is ack and not sent', () => {
    const server = new FakeServer();
    server.board = applyChanged(server.board, { put: [sticky('o:sticky0001', { x: 5 })] }, 'ann');
    const { sync } = server.connect(ann);
    expect(sync.change('s:2', { set: [{ id: 'o:sticky0001', x: 5 }] })).toEqual({ result: 'ack' });
    expect(server.queue).toHaveLength(0);
  });

  it('a refusal by the server drops the optimistic edit and its undo, and says why', async () => {
    const server = new FakeServer();
    const a = server.connect(ann).sync;
    const f = server.connect(fac).sync;
    a.change('s:2', { put: [sticky('o:sticky0001')] });
    f.lock('s:2', true);
    // The lock reaches the server first: ann's sticky is refused.
    server.process(1);
    expect(a.board('s:2')!.info.locked).toBe(true);
    server.process(0);
    await settle();
    expect(a.lastError).toEqual({ board_id: 's:2', code: 'board_locked' });
    expect(a.pendingCount).toBe(0);
    expect(objectsOf(a)).toEqual([]);
    expect(a.canUndo('s:2')).toBe(false);
  });
});

describe('BoardSync: convergence (R33)', () => {
  it('two members moving and recolouring one sticky at once end identical, both changes kept', async () => {
    const server = new FakeServer();
    server.board = applyChanged(server.board, { put: [sticky('o:sticky0001')] }, 'ann');
    const a = server.connect(ann).sync;
    const b = server.connect(bob).sync;
    a.change('s:2', { set: [{ id: 'o:sticky0001', x: 100, y: 50 }] });
    b.change('s:2', { set: [{ id: 'o:sticky0001', color: 'pink', x: 7 }] });
    // Each sees its own edit before the server answers.
    expect(a.board('s:2')!.objects.get('o:sticky0001')).toMatchObject({ x: 100, y: 50, color: 'yellow' });
    expect(b.board('s:2')!.objects.get('o:sticky0001')).toMatchObject({ x: 7, color: 'pink' });
    // The server takes bob's first, then ann's: ann's x wins, bob's colour stays.
    server.process(1);
    await settle();
    // Ann still sees her pending move on top of bob's change.
    expect(a.board('s:2')!.objects.get('o:sticky0001')).toMatchObject({ x: 100, y: 50, color: 'pink' });
    server.process(0);
    await settle();
    const expected = sticky('o:sticky0001', { x: 100, y: 50, color: 'pink' });
    expect(server.objects()).toEqual([expected]);
    expect(objectsOf(a)).toEqual([expected]);
    expect(objectsOf(b)).toEqual([expected]);
  });

  it('many interleaved edits of three members converge in any server order', async () => {
    for (const order of [[0, 0, 0, 0, 0, 0], [5, 4, 3, 2, 1, 0], [2, 0, 3, 1, 1, 0]]) {
      const server = new FakeServer();
      server.board = applyChanged(server.board, { put: [sticky('o:sticky0001'), sticky('o:sticky0002', { x: 300 })] }, 'ann');
      const clients = [server.connect(ann).sync, server.connect(bob).sync, server.connect(fac).sync];
      clients[0].change('s:2', { set: [{ id: 'o:sticky0001', x: 1 }] });
      clients[1].change('s:2', { delete: ['o:sticky0001'] });
      clients[2].change('s:2', { set: [{ id: 'o:sticky0002', text: 'School' }] });
      clients[0].change('s:2', { put: [sticky('o:sticky0003', { color: 'blue' })] });
      clients[1].change('s:2', { set: [{ id: 'o:sticky0002', x: 20, text: 'Werk' }] });
      clients[2].change('s:2', { set: [{ id: 'o:sticky0001', deleted: false, y: 9 }] });
      for (const i of order) server.process(Math.min(i, server.queue.length - 1));
      await settle();
      for (const c of clients) {
        expect(c.pendingCount).toBe(0);
        expect(objectsOf(c), `order ${order}`).toEqual(server.objects());
      }
    }
  });
});

describe('BoardSync: undo and redo of my own actions', () => {
  it('undo of a put deletes, redo restores it', async () => {
    const server = new FakeServer();
    const { sync } = server.connect(ann);
    sync.change('s:2', { put: [sticky('o:sticky0001')] });
    await server.processAll();
    expect(sync.canUndo('s:2')).toBe(true);
    expect(sync.canRedo('s:2')).toBe(false);

    sync.undo('s:2');
    expect(server.queue[0].data).toEqual({ board_id: 's:2', delete: ['o:sticky0001'] });
    expect(drawable(sync.board('s:2')!)).toEqual([]);
    await server.processAll();
    expect(server.board.objects.get('o:sticky0001')!.deleted).toBe(true);
    expect(sync.canUndo('s:2')).toBe(false);
    expect(sync.canRedo('s:2')).toBe(true);

    sync.redo('s:2');
    expect(server.queue[0].data).toEqual({ board_id: 's:2', set: [{ id: 'o:sticky0001', deleted: false }] });
    await server.processAll();
    expect(server.board.objects.get('o:sticky0001')!.deleted).toBe(false);
    expect(sync.canUndo('s:2')).toBe(true);
    expect(sync.canRedo('s:2')).toBe(false);
  });

  it('undo of a delete restores the object (R33), with its properties', async () => {
    const server = new FakeServer();
    server.board = applyChanged(server.board, { put: [sticky('o:sticky0001', { x: 40, text: 'Vader' })] }, 'bob');
    const { sync } = server.connect(ann);
    sync.change('s:2', { delete: ['o:sticky0001'] });
    await server.processAll();
    expect(drawable(sync.board('s:2')!)).toEqual([]);
    sync.undo('s:2');
    await server.processAll();
    expect(server.objects()).toEqual([sticky('o:sticky0001', { x: 40, text: 'Vader' })]);
    expect(objectsOf(sync)).toEqual(server.objects());
  });

  it('undo of a set puts back only my properties; someone else\'s later change of another property stays', async () => {
    const server = new FakeServer();
    server.board = applyChanged(server.board, { put: [sticky('o:sticky0001', { x: 1, y: 1 })] }, 'ann');
    const a = server.connect(ann).sync;
    const b = server.connect(bob).sync;
    a.change('s:2', { set: [{ id: 'o:sticky0001', x: 50, y: 60 }] });
    await server.processAll();
    b.change('s:2', { set: [{ id: 'o:sticky0001', color: 'green' }] });
    await server.processAll();
    a.undo('s:2');
    expect(server.queue[0].data).toEqual({ board_id: 's:2', set: [{ id: 'o:sticky0001', x: 1, y: 1 }] });
    await server.processAll();
    expect(server.objects()).toEqual([sticky('o:sticky0001', { x: 1, y: 1, color: 'green' })]);
    // bob has nothing of ann's to undo.
    expect(b.canUndo('s:2')).toBe(true);
    b.undo('s:2');
    await server.processAll();
    expect(server.objects()).toEqual([sticky('o:sticky0001', { x: 1, y: 1, color: 'yellow' })]);
    a.redo('s:2');
    await server.processAll();
    expect(server.objects()).toEqual([sticky('o:sticky0001', { x: 50, y: 60, color: 'yellow' })]);
    expect(objectsOf(a)).toEqual(server.objects());
    expect(objectsOf(b)).toEqual(server.objects());
  });

  it('a new edit clears redo; undo after a clear has nothing left', async () => {
    const server = new FakeServer();
    const s = server.connect(fac).sync;
    s.change('s:2', { put: [sticky('o:sticky0001')] });
    s.change('s:2', { set: [{ id: 'o:sticky0001', x: 9 }] });
    await server.processAll();
    s.undo('s:2');
    await server.processAll();
    expect(s.canRedo('s:2')).toBe(true);
    s.change('s:2', { set: [{ id: 'o:sticky0001', y: 9 }] });
    expect(s.canRedo('s:2')).toBe(false);
    await server.processAll();
    s.clear('s:2');
    await server.processAll();
    expect(objectsOf(s)).toEqual([]);
    expect(s.canUndo('s:2')).toBe(false);
  });

  it('an undo that someone else already did is skipped: one press, one visible change', async () => {
    const server = new FakeServer();
    server.board = applyChanged(server.board, { put: [sticky('o:sticky0001', { x: 1 })] }, 'ann');
    const a = server.connect(ann).sync;
    const b = server.connect(bob).sync;
    a.change('s:2', { set: [{ id: 'o:sticky0001', color: 'pink' }] });
    a.change('s:2', { set: [{ id: 'o:sticky0001', x: 50 }] });
    await server.processAll();
    b.change('s:2', { set: [{ id: 'o:sticky0001', x: 1 }] });
    await server.processAll();
    a.undo('s:2');
    // x is 1 already: the colour goes back instead.
    expect(server.queue.map((c) => c.data)).toEqual([{ board_id: 's:2', set: [{ id: 'o:sticky0001', color: 'yellow' }] }]);
    await server.processAll();
    expect(a.canUndo('s:2')).toBe(false);
    expect(objectsOf(a)).toEqual([sticky('o:sticky0001', { x: 1 })]);
  });

  it('an undo that has become impossible is reported, not sent', async () => {
    const server = new FakeServer();
    const a = server.connect(ann).sync;
    const f = server.connect(fac).sync;
    a.change('s:2', { put: [sticky('o:sticky0001')] });
    await server.processAll();
    f.lock('s:2', true);
    await server.processAll();
    a.undo('s:2');
    expect(server.queue).toHaveLength(0);
    expect(a.lastError).toEqual({ board_id: 's:2', code: 'board_locked' });
  });

  it('inverse of an event: put → delete, delete → restore, set → old values, restore → delete', () => {
    const before = applyChanged(emptyBoard(INFO), { put: [sticky('o:sticky0001', { x: 3 }), sticky('o:sticky0002', { deleted: true })] }, 'ann');
    expect(inverse(before, { put: [sticky('o:sticky0003')] })).toEqual({ delete: ['o:sticky0003'] });
    expect(inverse(before, { delete: ['o:sticky0001'] })).toEqual({ set: [{ id: 'o:sticky0001', deleted: false }] });
    expect(inverse(before, { set: [{ id: 'o:sticky0001', x: 8, text: 'Oma' }] })).toEqual({ set: [{ id: 'o:sticky0001', x: 3, text: 'Moeder' }] });
    expect(inverse(before, { put: [sticky('o:sticky0002', { x: 4 })] })).toEqual({ delete: ['o:sticky0002'] });
  });
});

describe('BoardSync: server events and facilitator tools', () => {
  it('board_added, board_locked, board_cleared and revealed boards', () => {
    const sync = new BoardSync({ command: () => new Promise(() => {}), live: () => {} }, () => ann);
    sync.load([]);
    const events: Array<string | null> = [];
    sync.subscribe((id) => events.push(id));
    sync.onEvent('board_added', { seq: 1, board: { ...INFO, board_id: 'b:abcdefgh', step_index: null, title: 'Extra', objects: [] } });
    expect(sync.boards().map((b) => b.board_id)).toEqual(['b:abcdefgh']);
    sync.onEvent('board_changed', { seq: 2, board_id: 'b:abcdefgh', put: [sticky('o:sticky0001')], set: [], delete: [] });
    sync.onEvent('board_locked', { seq: 3, board_id: 'b:abcdefgh', locked: true });
    expect(sync.board('b:abcdefgh')!.info.locked).toBe(true);
    expect(sync.board('b:abcdefgh')!.objects.size).toBe(1);
    sync.onEvent('board_cleared', { seq: 4, board_id: 'b:abcdefgh' });
    expect(sync.board('b:abcdefgh')!.objects.size).toBe(0);
    expect(sync.board('b:abcdefgh')!.info.locked).toBe(true);
    const priv = { ...INFO, board_id: 'p:2:bob', kind: 'private' as const, owner_id: 'bob', objects: [sticky('o:sticky0009')] };
    sync.onEvent('revealed', { seq: 5, step_index: 2, to: 'everyone', notes: [], boards: [priv] });
    expect(sync.board('p:2:bob')!.objects.get('o:sticky0009')).toEqual(sticky('o:sticky0009'));
    expect(events).toEqual(['b:abcdefgh', 'b:abcdefgh', 'b:abcdefgh', 'b:abcdefgh', null]);
    // An event for a board we do not have changes nothing.
    sync.onEvent('board_changed', { seq: 6, board_id: 's:77', put: [sticky('o:sticky0001')] });
    expect(sync.board('s:77')).toBeUndefined();
  });

  it('my private board: changes only in its step and before its reveal (R34, R35)', () => {
    let step = 2;
    const revealed: number[] = [];
    const sent: string[] = [];
    const sync = new BoardSync(
      { command: (type) => (sent.push(type), new Promise(() => {})), live: () => {} },
      () => ({ member_id: 'ann', facilitator: false, step_index: step, revealed_steps: revealed }),
    );
    sync.load([
      { ...INFO, board_id: 'p:2:ann', kind: 'private', owner_id: 'ann', objects: [] },
      { ...INFO, board_id: 'p:2:bob', kind: 'private', owner_id: 'bob', objects: [] },
    ]);
    expect(sync.change('p:2:ann', { put: [sticky('o:sticky0001')] }).result).toBe('changed');
    expect(sync.change('p:2:bob', { put: [sticky('o:sticky0002')] })).toMatchObject({ code: 'not_found' });
    step = 3;
    expect(sync.change('p:2:ann', { put: [sticky('o:sticky0003')] })).toMatchObject({ code: 'wrong_step' });
    step = 2;
    sync.onEvent('revealed', { seq: 9, step_index: 2, to: 'everyone', notes: [], boards: [] });
    expect(sync.change('p:2:ann', { put: [sticky('o:sticky0004')] })).toMatchObject({ code: 'already_revealed' });
    expect(sent).toEqual(['board_change']);
  });

  it('addBoard, lock, clear and bringToView send their commands; a refusal lands in lastError', async () => {
    const sent: Array<{ type: string; data: Record<string, unknown> }> = [];
    let answer: Reply = { type: 'ack' };
    const sync = new BoardSync(
      {
        command: (type, data) => {
          sent.push({ type, data });
          return Promise.resolve(answer);
        },
        live: () => {},
      },
      () => fac,
    );
    sync.load([{ ...INFO, objects: [] }]);
    const id = sync.addBoard('Relaties rond Daan', 'relations');
    expect(id).toMatch(/^b:[A-Za-z0-9_-]{16}$/);
    sync.lock('s:2', true);
    sync.clear('s:2');
    sync.bringToView('s:2', { x: 10, y: -20, zoom: 1.5 });
    expect(sent).toEqual([
      { type: 'board_add', data: { board_id: id, title: 'Relaties rond Daan', template: 'relations' } },
      { type: 'board_lock', data: { board_id: 's:2', locked: true } },
      { type: 'board_clear', data: { board_id: 's:2' } },
      { type: 'board_view', data: { board_id: 's:2', x: 10, y: -20, zoom: 1.5 } },
    ]);
    expect(sync.addBoard('Zonder sjabloon')).not.toBe(id);
    expect(sent[4].data).toEqual({ board_id: expect.stringMatching(/^b:/), title: 'Zonder sjabloon' });
    await settle();
    expect(sync.lastError).toBeNull();
    answer = { type: 'error', data: { code: 'limit_reached' } };
    sync.addBoard('De elfde');
    await settle();
    expect(sync.lastError).toEqual({ board_id: sent[5].data.board_id, code: 'limit_reached' });
  });

  it('a snapshot replaces the boards but keeps pending edits on top', async () => {
    const server = new FakeServer();
    const { sync } = server.connect(ann);
    sync.change('s:2', { put: [sticky('o:sticky0001')] });
    // A reconnect: a fresh snapshot without the (not yet committed) sticky.
    sync.load([{ ...INFO, objects: [sticky('o:sticky0002')] }]);
    expect(objectsOf(sync).map((o) => o.id)).toEqual(['o:sticky0001', 'o:sticky0002']);
  });
});
