// One member's live link to a meeting: hello/welcome, resume with last_seq, resending commands
// that got no reply, app-level ping, reconnect with backoff (protocol §3, R4, R12–R16, §7).
// It owns the MeetingState so that state and seq can never drift apart.
import { isBoardEventData, validateCommand } from '../protocol/validate';
import { BOARD_EVENT_TYPES, PROTOCOL_VERSION, SEQ_EVENT_TYPES } from '../protocol/types';
import type { Command, SeqEvent, ServerMessage, Welcome } from '../protocol/types';
import { backoffDelay } from './backoff';
import { applyEvent, applyPresence, applyServerTime, applyWelcome, type MeetingState } from './state';

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type Status = 'connecting' | 'online' | 'reconnecting' | 'fatal';

export interface ConnectionOptions {
  url: string;
  memberToken: string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
}

export interface ConnectionEvents {
  /** State, status or both changed. */
  change(): void;
  /**
   * The one reply (event, ack or error) to a command we sent with `send` and `ref` (R16), and that
   * command. Replies to `command()` go to its promise instead: its caller handles them.
   */
  reply(ref: number, msg: ServerMessage, cmd: Command): void;
  /**
   * Every board event (board_changed, board_added, board_locked, board_cleared, board_view,
   * board_live, and `revealed` when it carries boards), each once and in order, before the reply
   * it may be; and ('snapshot', boards) on every welcome with a snapshot. For BoardSync/LiveChannel.
   */
  board?(type: string, data: any): void;
}

/** The reply a `command` resolves with: the event, `ack`, or `error` (also a local validation error). */
export interface CommandReply {
  type: string;
  data?: any;
}

export const PING_INTERVAL_MS = 20_000;
export const PONG_TIMEOUT_MS = 10_000;
const OPEN = 1;

export function isFatalClose(code: number): boolean {
  return code >= 4500 && code <= 4999;
}

interface Pending {
  ref: number;
  cmd: Command;
  /** Set by `command`: resolved with the reply. */
  resolve?: (reply: CommandReply) => void;
}

export class MeetingConnection {
  state: MeetingState | null = null;
  status: Status = 'connecting';
  /** Error code or close code that stopped us for good. */
  fatalReason: string | null = null;
  /** True once we have been online and then lost the connection: the view says "weer verbonden". */
  hadOutage = false;
  attempt = 0;

  private ws: SocketLike | null = null;
  private welcomed = false;
  private nextRef = 1;
  private pending = new Map<number, Pending>();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;

  constructor(
    private readonly opts: ConnectionOptions,
    private readonly on: ConnectionEvents,
  ) {
    this.createSocket = opts.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.random = opts.random ?? Math.random;
    this.pingIntervalMs = opts.pingIntervalMs ?? PING_INTERVAL_MS;
    this.pongTimeoutMs = opts.pongTimeoutMs ?? PONG_TIMEOUT_MS;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000, 'bye');
  }

  /** Try now instead of waiting out the backoff (e.g. the browser says it is online again). */
  retryNow(): void {
    if (this.stopped || this.status !== 'reconnecting' || this.ws) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.open();
  }

  /**
   * Check the line now (the page became visible again after a phone slept): ping at once and
   * reconnect if no pong comes, instead of waiting for the next 20 s tick.
   */
  checkNow(): void {
    if (this.stopped) return;
    if (this.status === 'reconnecting') {
      this.retryNow();
      return;
    }
    const ws = this.ws;
    if (this.welcomed && ws && ws.readyState === OPEN) this.ping(ws);
  }

  /** Number of commands waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Queue a command; it is sent now if we are online, else after the next welcome. Returns the
   * ref its reply will carry, or a validation error code (nothing is queued then).
   * `supersedes` drops queued commands that this one makes pointless (an older save of the same note).
   */
  send(cmd: Command, supersedes?: (old: Command) => boolean): { ref: number } | { error: string } {
    const ref = this.nextRef++;
    const text = JSON.stringify({ ...cmd, ref });
    const v = validateCommand(text);
    if ('error' in v) return { error: v.error };
    if (supersedes) {
      for (const [r, p] of this.pending) if (supersedes(p.cmd)) this.pending.delete(r);
    }
    this.pending.set(ref, { ref, cmd });
    if (this.welcomed && this.ws && this.ws.readyState === OPEN) this.ws.send(text);
    return { ref };
  }

  /**
   * A command of the meeting (`meeting_id` is filled in) whose reply comes back as a promise:
   * the event, `ack` or `error` (R16). Queued and resent like `send` (R13). A command the
   * validator refuses resolves at once with `error` and that code; nothing is sent.
   */
  command(type: string, data: Record<string, unknown>): Promise<CommandReply> {
    const cmd = { type, data: { meeting_id: this.state?.meetingId ?? '', ...data } } as unknown as Command;
    return new Promise((resolve) => {
      const r = this.send(cmd);
      if ('error' in r) {
        resolve({ type: 'error', data: { code: r.error, message: 'refused by the client' } });
        return;
      }
      const p = this.pending.get(r.ref);
      if (p) p.resolve = resolve;
    });
  }

  /**
   * board_live (R37): no ref, never pending, never resent, and dropped while we are not online
   * (a cursor or stroke preview is worthless later). Returns whether it went out.
   */
  sendLive(data: Record<string, unknown>): boolean {
    if (!this.welcomed || !this.ws || this.ws.readyState !== OPEN || !this.state) return false;
    const text = JSON.stringify({ type: 'board_live', data: { meeting_id: this.state.meetingId, ...data } });
    if ('error' in validateCommand(text)) return false;
    this.ws.send(text);
    return true;
  }

  private open(): void {
    this.clearTimers();
    this.welcomed = false;
    this.status = this.hadOutage ? 'reconnecting' : 'connecting';
    let ws: SocketLike;
    try {
      ws = this.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (ws !== this.ws) return;
      const data: { protocol: number; member_token: string; last_seq?: number } = {
        protocol: PROTOCOL_VERSION,
        member_token: this.opts.memberToken,
      };
      if (this.state) data.last_seq = this.state.seq;
      ws.send(JSON.stringify({ type: 'hello', data }));
      this.startPing(ws);
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws || typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      this.handle(ws, msg);
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.lost(ev.code);
    };
    ws.onerror = () => {
      /* a close event always follows */
    };
    this.on.change();
  }

  private lost(code: number): void {
    this.clearTimers();
    this.welcomed = false;
    if (this.stopped) return;
    if (isFatalClose(code)) {
      this.fail(String(code));
      return;
    }
    if (this.state) this.hadOutage = true;
    this.scheduleReconnect();
  }

  private fail(reason: string): void {
    this.status = 'fatal';
    this.fatalReason = reason;
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000, reason);
    this.on.change();
  }

  private scheduleReconnect(delayOverride?: number): void {
    this.status = this.hadOutage || this.attempt > 0 ? 'reconnecting' : 'connecting';
    const delay = delayOverride ?? backoffDelay(this.attempt, this.random);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
    this.on.change();
  }

  /** Drop this socket and come back at once (gap in seq, missing pong, bad resume). */
  private restart(ws: SocketLike): void {
    if (ws !== this.ws) return;
    this.ws = null;
    this.clearTimers();
    ws.close(1000, 'resync');
    if (this.state) this.hadOutage = true;
    this.scheduleReconnect(0);
  }

  private handle(ws: SocketLike, msg: ServerMessage): void {
    if (msg.type === 'welcome') {
      this.onWelcome(ws, msg.data);
      return;
    }
    if (msg.type === 'error' && !this.welcomed) {
      const code = msg.data.code;
      // A bad token or protocol will not get better by trying again.
      if (code === 'invalid_token' || code === 'unsupported_protocol') this.fail(code);
      else this.restart(ws);
      return;
    }
    if (msg.type === 'pong') {
      if (this.pongTimer) clearTimeout(this.pongTimer);
      this.pongTimer = null;
      // The clock offset only matters for a running timer; otherwise do not redraw for a pong.
      if (this.state && typeof msg.data?.server_time === 'number') {
        this.state = applyServerTime(this.state, msg.data.server_time);
        if (this.state.timer?.running) this.on.change();
      }
      return;
    }
    if (msg.type === 'presence') {
      if (this.state) this.state = applyPresence(this.state, msg.data.member_id, msg.data.online);
    } else if (SEQ_EVENT_TYPES.has(msg.type) && this.state) {
      const r = applyEvent(this.state, msg as SeqEvent);
      if (r.kind === 'gap') {
        this.restart(ws);
        return;
      }
      if (r.kind === 'applied') {
        this.state = r.state;
        this.toBoards(msg.type, msg.data);
      }
    } else if (BOARD_EVENT_TYPES.has(msg.type) && this.state) {
      // board_view and board_live: outside the sequence (R36, R37).
      this.toBoards(msg.type, msg.data);
    }
    const pending = typeof msg.ref === 'number' ? this.pending.get(msg.ref) : undefined;
    if (pending) {
      this.pending.delete(pending.ref);
      if (pending.resolve) pending.resolve({ type: msg.type, data: msg.data });
      else this.on.reply(pending.ref, msg, pending.cmd);
    }
    // A live cursor or stroke changes no meeting state: the board redraws from LiveChannel.
    if (msg.type !== 'board_live') this.on.change();
  }

  /** Hands a board event to the boards, once it took its place in the sequence. */
  private toBoards(type: string, data: unknown): void {
    if (!this.on.board) return;
    if (type === 'revealed' && !(data as { boards?: unknown } | undefined)?.boards) return;
    if (!BOARD_EVENT_TYPES.has(type) && type !== 'revealed') return;
    if (isBoardEventData(type, data)) this.on.board(type, data);
  }

  private boardSnapshot(w: Welcome): void {
    if (!this.on.board || !w.snapshot) return;
    const boards = w.snapshot.boards ?? [];
    this.on.board('snapshot', isBoardEventData('snapshot', { boards }) ? boards : []);
  }

  private onWelcome(ws: SocketLike, w: Welcome): void {
    if (this.welcomed) {
      // An unsolicited welcome on a live connection (R30: the role changed, e.g. after
      // hand_facilitation): its snapshot replaces state and role. Our commands were already
      // sent on this connection, so nothing is resent.
      if (w.snapshot) {
        this.state = applyWelcome(this.state, w);
        this.boardSnapshot(w);
        this.on.change();
      }
      return;
    }
    const next = applyWelcome(this.state, w);
    if (!next) {
      // Resumed without a state to resume: ask again for a full snapshot.
      this.state = null;
      this.restart(ws);
      return;
    }
    this.state = next;
    this.welcomed = true;
    this.status = 'online';
    this.attempt = 0;
    this.boardSnapshot(w);
    // R13: resend, in order, every command that has not been answered.
    for (const p of this.pending.values()) ws.send(JSON.stringify({ ...p.cmd, ref: p.ref }));
    this.on.change();
  }

  private startPing(ws: SocketLike): void {
    this.pingTimer = setInterval(() => {
      if (ws !== this.ws || ws.readyState !== OPEN) return;
      this.ping(ws);
    }, this.pingIntervalMs);
  }

  private ping(ws: SocketLike): void {
    ws.send(JSON.stringify({ type: 'ping' }));
    if (!this.pongTimer) {
      this.pongTimer = setTimeout(() => {
        this.pongTimer = null;
        this.restart(ws);
      }, this.pongTimeoutMs);
    }
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.reconnectTimer = this.pingTimer = this.pongTimer = null;
  }
}
