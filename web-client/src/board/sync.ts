// The client's view of every board (protocol §4.4): the server's state, with my edits that are
// still on their way drawn on top, so a drag or a new sticky shows at once. The server orders
// changes and applies them per property (R33), so once every reply is in, every client holds
// the same boards whatever it showed in between.
import { newBoardId } from './ids';
import {
  applyChanged,
  boardFromWire,
  decideChange,
  emptyBoard,
  type Board,
  type BoardActor,
  type BoardChange,
  type BoardInfo,
  type BoardObject,
  type ObjectProps,
  type Outcome,
} from './model';

export interface BoardSyncTransport {
  // Sends a command with a ref; resolves with the reply message (event, ack or error) — the
  // existing MeetingConnection reply mechanism (resent after reconnect, R13).
  command(type: string, data: Record<string, unknown>): Promise<{ type: string; data?: any }>;
  // Fire-and-forget, no ref, dropped while offline (board_live, R37).
  live(data: Record<string, unknown>): void;
}

interface PendingChange {
  board_id: string;
  change: BoardChange;
  /** Its inverse on an undo or redo stack: taken off again if the server refuses the change. */
  inverse: BoardChange;
}

interface History {
  undo: BoardChange[];
  redo: BoardChange[];
}

/** How many of one's own actions undo remembers per board. */
const HISTORY_MAX = 100;

export class BoardSync {
  /** A refused edit or tool (shown by the UI); cleared by the UI when shown. */
  lastError: { board_id: string; code: string } | null = null;

  private server = new Map<string, Board>();
  private pending: PendingChange[] = [];
  private history = new Map<string, History>();
  private listeners = new Set<(board_id: string | null) => void>();
  /** Steps whose private boards were revealed (R35): read-only from then on. */
  private revealedSteps = new Set<number>();

  constructor(
    private readonly transport: BoardSyncTransport,
    private readonly me: () => BoardActor,
  ) {}

  /** Replace everything from a welcome snapshot (`snapshot.boards`). */
  load(boards: Array<BoardInfo & { objects: BoardObject[] }>): void {
    this.server.clear();
    for (const w of boards) this.server.set(w.board_id, boardFromWire(w));
    // Undo history stays (a reconnect or a hand-over is no reason to forget it) except for
    // boards that are gone; an inverse that no longer fits is refused like any other edit.
    for (const id of [...this.history.keys()]) if (!this.server.has(id)) this.history.delete(id);
    this.notify(null);
  }

  /** Server events: board_changed, board_added, board_locked, board_cleared, revealed (its `boards`). */
  onEvent(type: string, data: any): void {
    switch (type) {
      case 'board_changed': {
        const b = this.server.get(data.board_id);
        if (!b) return;
        this.server.set(data.board_id, applyChanged(b, data as BoardChange));
        this.changed(data.board_id);
        return;
      }
      case 'board_added':
        this.server.set(data.board.board_id, boardFromWire(data.board));
        this.changed(data.board.board_id);
        return;
      case 'board_locked': {
        const b = this.server.get(data.board_id);
        if (!b) return;
        this.server.set(data.board_id, { ...b, info: { ...b.info, locked: data.locked === true } });
        this.changed(data.board_id);
        return;
      }
      case 'board_cleared': {
        const b = this.server.get(data.board_id);
        if (!b) return;
        this.server.set(data.board_id, emptyBoard(b.info));
        // Cleared objects are gone for good (R36): nothing to undo or redo on them.
        this.history.delete(data.board_id);
        this.changed(data.board_id);
        return;
      }
      case 'revealed': {
        if (typeof data.step_index === 'number') this.revealedSteps.add(data.step_index);
        for (const w of data.boards ?? []) this.server.set(w.board_id, boardFromWire(w));
        this.notify(null);
        return;
      }
    }
  }

  boards(): BoardInfo[] {
    return [...this.server.values()].map((b) => b.info);
  }

  /** The board as I see it: the server's state with my pending edits on top, in send order. */
  board(board_id: string): Board | undefined {
    let b = this.server.get(board_id);
    if (!b || !this.pending.some((p) => p.board_id === board_id)) return b;
    const actor = this.actor();
    for (const p of this.pending) {
      if (p.board_id !== board_id) continue;
      // Decided again on top of what the server has by now: what the server already took is
      // dropped as unchanged, what it will refuse is left out.
      const out = decideChange(b, actor, p.change);
      if (out.result === 'changed') b = applyChanged(b, out.event, actor.member_id);
    }
    return b;
  }

  /** Optimistic edit: applied locally at once, sent as board_change, recorded for undo. Returns the
   *  local outcome (an error means nothing was sent, e.g. locked). */
  change(board_id: string, change: BoardChange): Outcome {
    const out = this.apply(board_id, change, 'undo');
    if (out.result === 'changed') this.historyOf(board_id).redo = [];
    return out;
  }

  undo(board_id: string): void {
    this.step(board_id, 'undo', 'redo');
  }

  redo(board_id: string): void {
    this.step(board_id, 'redo', 'undo');
  }

  canUndo(board_id: string): boolean {
    return (this.history.get(board_id)?.undo.length ?? 0) > 0;
  }

  canRedo(board_id: string): boolean {
    return (this.history.get(board_id)?.redo.length ?? 0) > 0;
  }

  /** Facilitator: adds a shared board (R31); it appears with board_added. Returns the new board_id. */
  addBoard(title: string, template?: 'relations'): string {
    const board_id = newBoardId();
    const data: Record<string, unknown> = { board_id, title };
    if (template) data.template = template;
    this.tool(board_id, 'board_add', data);
    return board_id;
  }

  lock(board_id: string, locked: boolean): void {
    this.tool(board_id, 'board_lock', { board_id, locked });
  }

  /** Removes every object for good (R36): the UI asks first. */
  clear(board_id: string): void {
    this.tool(board_id, 'board_clear', { board_id });
  }

  /** Brings everyone else to this board and view (R36). */
  bringToView(board_id: string, view: { x: number; y: number; zoom: number }): void {
    this.tool(board_id, 'board_view', { board_id, x: view.x, y: view.y, zoom: view.zoom });
  }

  subscribe(listener: (board_id: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Number of my edits still waiting for their reply (for tests and a "saving" hint). */
  get pendingCount(): number {
    return this.pending.length;
  }

  // ---- inside ----

  private actor(): BoardActor {
    const a = this.me();
    const revealed = new Set([...(a.revealed_steps ?? []), ...this.revealedSteps]);
    return { ...a, revealed_steps: [...revealed] };
  }

  private historyOf(board_id: string): History {
    let h = this.history.get(board_id);
    if (!h) this.history.set(board_id, (h = { undo: [], redo: [] }));
    return h;
  }

  /**
   * Decides `change` on the board as I see it; when it changes something, shows it at once,
   * sends it, and remembers its inverse on the `record` stack.
   */
  private apply(board_id: string, change: BoardChange, record: 'undo' | 'redo'): Outcome {
    const before = this.board(board_id);
    if (!before) {
      this.fail(board_id, 'not_found');
      return { result: 'error', code: 'not_found', message: 'no such board' };
    }
    const out = decideChange(before, this.actor(), change);
    if (out.result === 'error') {
      this.fail(board_id, out.code);
      return out;
    }
    if (out.result === 'ack') return out;
    const stack = this.historyOf(board_id)[record];
    const back = inverse(before, out.event);
    stack.push(back);
    if (stack.length > HISTORY_MAX) stack.shift();
    this.send({ board_id, change, inverse: back });
    return out;
  }

  private send(entry: PendingChange): void {
    const { board_id, change } = entry;
    this.pending.push(entry);
    this.changed(board_id);
    const data: Record<string, unknown> = { board_id };
    if (change.put?.length) data.put = change.put;
    if (change.set?.length) data.set = change.set;
    if (change.delete?.length) data.delete = change.delete;
    this.transport.command('board_change', data).then(
      (reply) => this.settled(entry, reply),
      () => this.settled(entry, { type: 'error', data: { code: 'internal' } }),
    );
  }

  /** The reply is in: the server's event (if any) was applied by onEvent already. */
  private settled(entry: PendingChange, reply: { type: string; data?: any }): void {
    const i = this.pending.indexOf(entry);
    if (i >= 0) this.pending.splice(i, 1);
    if (reply.type === 'error') {
      this.lastError = { board_id: entry.board_id, code: String(reply.data?.code ?? 'internal') };
      // It never happened: there is nothing to undo (or redo).
      const h = this.history.get(entry.board_id);
      for (const stack of h ? [h.undo, h.redo] : []) {
        const k = stack.lastIndexOf(entry.inverse);
        if (k >= 0) stack.splice(k, 1);
      }
    }
    this.changed(entry.board_id);
  }

  /** Undo (or redo): performs the top inverse, and remembers its own inverse on the other stack. */
  private step(board_id: string, from: 'undo' | 'redo', to: 'undo' | 'redo'): void {
    const h = this.history.get(board_id);
    for (;;) {
      const change = h?.[from].pop();
      if (!change) break;
      const out = this.apply(board_id, change, to);
      // A step that changes nothing any more (someone else already put it back) is spent; one
      // press should still show one change, so go on to the one before. An error stops here.
      if (out.result !== 'ack') break;
    }
    this.changed(board_id);
  }

  private tool(board_id: string, type: string, data: Record<string, unknown>): void {
    this.transport.command(type, data).then(
      (reply) => {
        if (reply.type === 'error') {
          this.lastError = { board_id, code: String(reply.data?.code ?? 'internal') };
          this.notify(board_id);
        }
      },
      () => undefined,
    );
  }

  private fail(board_id: string, code: string): void {
    this.lastError = { board_id, code };
    this.notify(board_id);
  }

  private changed(board_id: string): void {
    this.notify(board_id);
  }

  private notify(board_id: string | null): void {
    for (const l of [...this.listeners]) l(board_id);
  }
}

/**
 * The change that takes `event` back on `before` (the board it was decided on): a new object is
 * deleted, a deleted one restored, a restored one deleted again, and a set gets its old values.
 */
export function inverse(before: Board, event: BoardChange): BoardChange {
  const set: Array<{ id: string } & ObjectProps> = [];
  const del: string[] = [];
  for (const o of event.put ?? []) {
    const old = before.objects.get(o.id);
    if (!old) {
      del.push(o.id);
      continue;
    }
    // A restore (R33): delete it again. (What else the restoring set changed stays on the
    // deleted object: one command names an id once, and `deleted: true` is not a set.)
    del.push(o.id);
  }
  for (const s of event.set ?? []) {
    const old = before.objects.get(s.id);
    if (!old) continue;
    set.push({ id: s.id, ...previous(old, s) });
  }
  for (const id of event.delete ?? []) set.push({ id, deleted: false });
  const out: BoardChange = {};
  if (set.length) out.set = set;
  if (del.length) out.delete = del;
  return out;
}

/** The old values of the properties `now` names that differ from `old` (id and type left out). */
function previous(old: BoardObject, now: object): ObjectProps {
  const out: Record<string, unknown> = {};
  const o = old as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(now)) {
    if (key === 'id' || key === 'type' || key === 'deleted') continue;
    const was = o[key];
    if (was === undefined) continue;
    const same = Array.isArray(was) && Array.isArray(value) ? was.length === value.length && was.every((v, i) => v === value[i]) : was === value;
    if (!same) out[key] = Array.isArray(was) ? [...was] : was;
  }
  return out as ObjectProps;
}
