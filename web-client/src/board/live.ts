// Live strokes, cursors and the laser (protocol R37): never stored, throttled, fading. What I
// do goes out at most once per 40 ms, the cursor and the new stroke points of the interval in
// one board_live; what others do is kept just long enough to draw it.
import { BOARD_LIMITS } from '../protocol/limits';
import type { BoardSyncTransport } from './sync';

export interface RemoteLive {
  member_id: string;
  board_id: string;
  cursor: { x: number; y: number } | null;
  laser: boolean;
  strokes: Map<string, { color: string; width: number; tool: 'pen' | 'highlighter'; points: number[] }>;
  /** When this member last sent anything on this board (local clock). */
  at: number;
  /** Recent laser positions (newest last, each with its local time) for a fading trail. */
  trail: Array<{ x: number; y: number; at: number }>;
}

export interface LiveStroke {
  id: string;
  color: string;
  width: number;
  tool: 'pen' | 'highlighter';
}

/** Schedules `fn` after `ms`; returns a cancel. Injected by tests (no real timers there). */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** How long a laser position stays in the trail. */
export const LASER_TRAIL_MS = 1000;

interface Outgoing {
  cursor?: { x: number; y: number } | null;
  laser?: boolean;
  stroke?: LiveStroke & { points: number[] };
}

interface RemoteState extends RemoteLive {
  cursorAt: number;
  strokeAt: Map<string, number>;
}

/** Live strokes and cursors on a private board go to no one (R35): not worth sending. */
function isPrivate(board_id: string): boolean {
  return board_id.startsWith('p:');
}

const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export class LiveChannel {
  /** A facilitator's board_view (R36): switch to that board and view. */
  onViewRequest: ((req: { board_id: string; x: number; y: number; zoom: number }) => void) | null = null;

  private out = new Map<string, Outgoing>();
  private lastSent = -Infinity;
  private cancel: (() => void) | null = null;
  private remotes = new Map<string, RemoteState>();
  /** Strokes already committed: late live points of them are not drawn again. */
  private committed = new Map<string, number>();
  private listeners = new Set<() => void>();

  constructor(
    private readonly transport: BoardSyncTransport,
    private readonly now: () => number = () => Date.now(),
    private readonly schedule: Schedule = realSchedule,
  ) {}

  /** Throttled to one board_live per 40 ms; merges cursor + stroke points of the interval.
   *  `p` null: I left the board. */
  cursor(board_id: string, p: { x: number; y: number } | null, laser?: boolean): void {
    if (isPrivate(board_id)) return;
    const o = this.outgoing(board_id);
    o.cursor = p ? { x: p.x, y: p.y } : null;
    if (laser !== undefined) o.laser = laser;
    this.kick();
  }

  /** New points of the stroke being drawn, absolute board coordinates (x1, y1, x2, y2, …). */
  strokePoints(board_id: string, stroke: LiveStroke, points: number[]): void {
    if (points.length < 2 || isPrivate(board_id)) return;
    let o = this.outgoing(board_id);
    if (o.stroke && o.stroke.id !== stroke.id) {
      // A new stroke before the last one went out: send the old one's tail first.
      this.flush();
      o = this.outgoing(board_id);
    }
    if (!o.stroke) o.stroke = { id: stroke.id, color: stroke.color, width: stroke.width, tool: stroke.tool, points: [] };
    o.stroke.points.push(...points.slice(0, points.length - (points.length % 2)));
    this.kick();
  }

  /** Sends what is waiting now (at pen-up, before the stroke is committed). */
  flush(): void {
    if (this.cancel) this.cancel();
    this.cancel = null;
    if (this.out.size === 0) return;
    const rest = new Map<string, Outgoing>();
    for (const [board_id, o] of this.out) {
      const data: Record<string, unknown> = { board_id };
      if (o.cursor !== undefined) data.cursor = o.cursor;
      if (o.laser !== undefined) data.laser = o.laser;
      if (o.stroke && o.stroke.points.length >= BOARD_LIMITS.liveNumbersMin) {
        // At most 400 numbers per message (R37); the rest follows in the next interval.
        const pts = o.stroke.points;
        const now = pts.slice(0, BOARD_LIMITS.liveNumbersMax);
        data.stroke = { ...o.stroke, points: now };
        if (pts.length > now.length) rest.set(board_id, { stroke: { ...o.stroke, points: pts.slice(now.length) } });
      }
      this.transport.live(data);
    }
    this.lastSent = this.now();
    this.out = rest;
    if (rest.size > 0) this.kick();
  }

  /** An incoming board_live: another member's cursor, laser or stroke points. */
  onRemote(data: any): void {
    if (!data || typeof data.member_id !== 'string' || typeof data.board_id !== 'string') return;
    const now = this.now();
    const key = `${data.member_id}\n${data.board_id}`;
    let r = this.remotes.get(key);
    if (!r) {
      r = {
        member_id: data.member_id,
        board_id: data.board_id,
        cursor: null,
        laser: false,
        strokes: new Map(),
        at: now,
        trail: [],
        cursorAt: now,
        strokeAt: new Map(),
      };
      this.remotes.set(key, r);
    }
    r.at = now;
    if ('laser' in data) r.laser = data.laser === true;
    if ('cursor' in data) {
      r.cursor = data.cursor ? { x: data.cursor.x, y: data.cursor.y } : null;
      r.cursorAt = now;
      if (r.cursor && r.laser) r.trail.push({ ...r.cursor, at: now });
    }
    const st = data.stroke;
    if (st && typeof st.id === 'string' && Array.isArray(st.points) && !this.committed.has(st.id)) {
      let s = r.strokes.get(st.id);
      if (!s) r.strokes.set(st.id, (s = { color: st.color, width: st.width, tool: st.tool, points: [] }));
      s.points.push(...st.points);
      r.strokeAt.set(st.id, now);
    }
    this.notify();
  }

  /** A committed stroke replaces its live preview. */
  onCommitted(objectId: string): void {
    this.committed.set(objectId, this.now());
    let found = false;
    for (const r of this.remotes.values()) {
      if (r.strokes.delete(objectId)) {
        r.strokeAt.delete(objectId);
        found = true;
      }
    }
    if (found) this.notify();
  }

  /**
   * One entry for the connection's board events: board_live, board_view (onViewRequest), and
   * board_changed (its new objects replace their live previews).
   */
  onEvent(type: string, data: any): void {
    if (type === 'board_live') this.onRemote(data);
    else if (type === 'board_view') this.onViewRequest?.({ board_id: data.board_id, x: data.x, y: data.y, zoom: data.zoom });
    else if (type === 'board_changed') for (const o of data.put ?? []) this.onCommitted(o.id);
  }

  /** Who is live on this board now: cursors older than 5 s and strokes older than 10 s are gone. */
  remote(board_id: string): RemoteLive[] {
    this.prune();
    const out: RemoteLive[] = [];
    for (const r of this.remotes.values()) {
      if (r.board_id !== board_id) continue;
      out.push({ member_id: r.member_id, board_id: r.board_id, cursor: r.cursor, laser: r.laser, strokes: r.strokes, at: r.at, trail: r.trail });
    }
    return out;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- inside ----

  private outgoing(board_id: string): Outgoing {
    let o = this.out.get(board_id);
    if (!o) this.out.set(board_id, (o = {}));
    return o;
  }

  /** Sends now if the last message is 40 ms old, else once that much time has passed. */
  private kick(): void {
    if (this.cancel) return;
    const wait = this.lastSent + BOARD_LIMITS.liveIntervalMs - this.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.cancel = this.schedule(() => {
      this.cancel = null;
      this.flush();
    }, wait);
  }

  private prune(): void {
    const now = this.now();
    for (const [key, r] of this.remotes) {
      if (r.cursor && now - r.cursorAt > BOARD_LIMITS.cursorFadeMs) r.cursor = null;
      for (const [id, at] of r.strokeAt) {
        if (now - at > BOARD_LIMITS.strokeFadeMs) {
          r.strokeAt.delete(id);
          r.strokes.delete(id);
        }
      }
      r.trail = r.trail.filter((p) => now - p.at <= LASER_TRAIL_MS);
      if (!r.cursor && r.strokes.size === 0 && r.trail.length === 0) this.remotes.delete(key);
    }
    for (const [id, at] of this.committed) if (now - at > BOARD_LIMITS.strokeFadeMs) this.committed.delete(id);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
