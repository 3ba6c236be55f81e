// The connection's robustness rules with a fake socket and fake timers: resume with last_seq,
// resend unanswered commands, reconnect with backoff, no reconnect on 45xx, ping/pong watchdog.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MeetingConnection, type SocketLike } from '../src/meeting/connection';
import { backoffDelay } from '../src/meeting/backoff';
import { M, welcome } from './fixtures';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: any[] = [];
  closed: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(d: string) {
    this.sent.push(JSON.parse(d));
  }
  close(code = 1000) {
    this.closed = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  recv(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const replies: [number, string][] = [];
  const conn = new MeetingConnection(
    {
      url: 'ws://x/ws',
      memberToken: 'tok',
      random: () => 0.5,
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
    },
    { change: () => {}, reply: (ref, m) => replies.push([ref, m.type]) },
  );
  conn.start();
  return { conn, sockets, replies, last: () => sockets[sockets.length - 1] };
}

const saveCmd = (text: string) => ({ type: 'note_save' as const, data: { meeting_id: M, note_id: 'note:abcdefghijklmnopqr', text } });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('backoff', () => {
  it('doubles from 0.5 s to a cap of 8 s, with jitter around it', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, mid))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(0, () => 0)).toBe(400);
    expect(backoffDelay(4, () => 1)).toBe(9600);
  });
});

describe('MeetingConnection', () => {
  it('says hello without last_seq first, then with last_seq after a drop', () => {
    const { conn, last } = setup();
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', data: { protocol: 1, member_token: 'tok' } });
    last().recv({ type: 'welcome', data: welcome(4) });
    expect(conn.status).toBe('online');
    last().recv({ type: 'step_changed', data: { seq: 5, step_index: 1 } });
    last().drop();
    expect(conn.status).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    last().open();
    expect(last().sent[0].data.last_seq).toBe(5);
  });

  it('resends unanswered commands after a resumed welcome, and applies the replayed events', () => {
    const { conn, last, replies } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(4, { snapshot: { ...welcome(4).snapshot!, step_index: 1 } }) });
    const r = conn.send(saveCmd('hallo'));
    expect('ref' in r).toBe(true);
    const ref = (r as { ref: number }).ref;
    expect(last().sent[1]).toMatchObject({ type: 'note_save', ref });
    last().drop();
    vi.advanceTimersByTime(1000);
    last().open();
    last().recv({ type: 'welcome', data: { ...welcome(6), snapshot: undefined, resumed: true } });
    expect(last().sent[1]).toMatchObject({ type: 'note_save', ref, data: { text: 'hallo' } });
    last().recv({ type: 'presenter_appointed', data: { seq: 5, member_id: 'b' } });
    last().recv({ type: 'note_saved', ref, data: { seq: 6, note: { note_id: 'note:abcdefghijklmnopqr', author_id: 'a', step_index: 1, text: 'hallo', updated_at: 1 } } });
    expect(conn.state?.seq).toBe(6);
    expect(conn.state?.presenterId).toBe('b');
    expect(replies).toEqual([[ref, 'note_saved']]);
    expect(conn.pendingCount).toBe(0);
  });

  it('queues commands while offline and sends them after welcome', () => {
    const { conn, last } = setup();
    conn.send({ type: 'set_done', data: { meeting_id: M, done: true } });
    last().open();
    expect(last().sent.map((m) => m.type)).toEqual(['hello']);
    last().recv({ type: 'welcome', data: welcome(1) });
    expect(last().sent.map((m) => m.type)).toEqual(['hello', 'set_done']);
  });

  it('a newer save of the same note replaces the queued older one', () => {
    const { conn, last } = setup();
    const same = (o: { type: string; data?: unknown }) => o.type === 'note_save';
    conn.send(saveCmd('een'), same);
    conn.send(saveCmd('een twee'), same);
    expect(conn.pendingCount).toBe(1);
    last().open();
    last().recv({ type: 'welcome', data: welcome(1) });
    expect(last().sent.filter((m) => m.type === 'note_save').map((m) => m.data.text)).toEqual(['een twee']);
  });

  it('refuses an invalid command locally', () => {
    const { conn } = setup();
    expect(conn.send(saveCmd('   '))).toEqual({ error: 'invalid_field' });
    expect(conn.pendingCount).toBe(0);
  });

  it('reconnects to resume when a seq is missing', () => {
    const { conn, sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(4) });
    last().recv({ type: 'step_changed', data: { seq: 6, step_index: 1 } });
    expect(sockets[0].closed).not.toBeNull();
    expect(conn.state?.stepIndex).toBe(0);
    vi.advanceTimersByTime(0);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(last().sent[0].data.last_seq).toBe(4);
  });

  it('does not reconnect after close 4500-4999', () => {
    const { conn, sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(1) });
    last().drop(4501);
    expect(conn.status).toBe('fatal');
    expect(conn.fatalReason).toBe('4501');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('an unsolicited welcome with a snapshot (hand_facilitation) replaces state and role, resending nothing', () => {
    const { conn, sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(4, { role: 'facilitator' }) });
    conn.send({ type: 'set_done', data: { meeting_id: M, done: true } });
    const sentBefore = last().sent.length;
    last().recv({ type: 'welcome', data: welcome(9, { role: 'participant', snapshot: { ...welcome(9).snapshot!, step_index: 2 } }) });
    expect(conn.state?.role).toBe('participant');
    expect(conn.state?.seq).toBe(9);
    expect(conn.state?.stepIndex).toBe(2);
    expect(last().sent.length).toBe(sentBefore);
    expect(sockets).toHaveLength(1);
    expect(conn.status).toBe('online');
  });

  it('close 4501 (removed) is final', () => {
    const { conn, sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(1) });
    last().recv({ type: 'member_removed', data: { seq: 2, member_id: 'a' } });
    last().drop(4501);
    expect(conn.status).toBe('fatal');
    expect(conn.fatalReason).toBe('4501');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('stops on invalid_token', () => {
    const { conn, last } = setup();
    last().open();
    last().recv({ type: 'error', data: { code: 'invalid_token', message: 'x' } });
    expect(conn.status).toBe('fatal');
    expect(conn.fatalReason).toBe('invalid_token');
  });

  it('backs off 0.5, 1, 2, 4, 8, 8 s while the server stays away', () => {
    const { sockets, last } = setup();
    last().drop();
    const waits = [500, 1000, 2000, 4000, 8000, 8000];
    for (const w of waits) {
      const before = sockets.length;
      vi.advanceTimersByTime(w - 1);
      expect(sockets.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(sockets.length).toBe(before + 1);
      last().drop();
    }
  });

  it('pings every 20 s and reconnects when no pong comes within 10 s', () => {
    const { sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(1) });
    vi.advanceTimersByTime(20_000);
    expect(last().sent.at(-1)).toEqual({ type: 'ping' });
    last().recv({ type: 'pong', data: { server_time: 1 } });
    vi.advanceTimersByTime(20_000);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(sockets[0].closed).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
  });
});

describe('checkNow', () => {
  it('pings at once and reconnects when no pong comes', () => {
    const { conn, sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(1) });
    conn.checkNow();
    expect(last().sent.at(-1)).toEqual({ type: 'ping' });
    vi.advanceTimersByTime(10_000);
    expect(sockets[0].closed).not.toBeNull();
  });

  it('retries at once while waiting out a backoff', () => {
    const { conn, sockets, last } = setup();
    last().open();
    last().recv({ type: 'welcome', data: welcome(1) });
    last().drop();
    expect(sockets).toHaveLength(1);
    conn.checkNow();
    expect(sockets).toHaveLength(2);
  });
});

describe('boards (R31–R37)', () => {
  function setupBoards() {
    const sockets: FakeSocket[] = [];
    const boards: Array<[string, any]> = [];
    const order: string[] = [];
    let changes = 0;
    const conn = new MeetingConnection(
      {
        url: 'ws://x/ws',
        memberToken: 'tok',
        random: () => 0.5,
        createSocket: () => {
          const s = new FakeSocket();
          sockets.push(s);
          return s;
        },
      },
      {
        change: () => changes++,
        reply: (_ref, m) => order.push(`reply ${m.type}`),
        board: (type, data) => {
          // The welcome's boards are checked in their own test.
          if (type === 'snapshot') return;
          boards.push([type, data]);
          order.push(`board ${type}`);
        },
      },
    );
    conn.start();
    const last = () => sockets[sockets.length - 1];
    return { conn, sockets, boards, order, last, changes: () => changes };
  }
  const board = { board_id: 's:1', kind: 'shared' as const, title: null, step_index: 1, owner_id: null, template: null, locked: false, objects: [] };
  const put = [{ id: 'o:sticky0001', type: 'sticky', x: 0, y: 0, rotation: 0, z: 0, deleted: false, w: 10, h: 10, text: '', color: 'yellow' }];

  it('hands the snapshot boards over on every welcome with a snapshot', () => {
    const boards: Array<[string, any]> = [];
    const sockets: FakeSocket[] = [];
    const conn = new MeetingConnection(
      { url: 'ws://x/ws', memberToken: 'tok', createSocket: () => (sockets.push(new FakeSocket()), sockets[sockets.length - 1]) },
      { change: () => {}, reply: () => {}, board: (type, data) => void boards.push([type, data]) },
    );
    conn.start();
    const last = () => sockets[sockets.length - 1];
    last().open();
    last().recv({ type: 'welcome', data: welcome(3, { snapshot: { ...welcome(3).snapshot!, boards: [board] } }) });
    expect(boards).toEqual([['snapshot', [board]]]);
    // A snapshot of a server without boards: an empty list, so stale boards are dropped.
    last().recv({ type: 'welcome', data: welcome(5) });
    expect(boards[1]).toEqual(['snapshot', []]);
  });

  it('board events advance the seq and reach the boards once, in order; a gap resumes', () => {
    const { conn, boards, sockets, last } = setupBoards();
    last().open();
    last().recv({ type: 'welcome', data: welcome(3) });
    last().recv({ type: 'board_changed', data: { seq: 4, board_id: 's:1', put, set: [], delete: [] } });
    last().recv({ type: 'board_locked', data: { seq: 5, board_id: 's:1', locked: true } });
    last().recv({ type: 'board_locked', data: { seq: 5, board_id: 's:1', locked: true } });
    last().recv({ type: 'board_added', data: { seq: 6, board: { ...board, board_id: 'b:abcdefgh' } } });
    last().recv({ type: 'board_cleared', data: { seq: 7, board_id: 's:1' } });
    last().recv({ type: 'revealed', data: { seq: 8, step_index: 1, to: 'everyone', notes: [] } });
    last().recv({ type: 'revealed', data: { seq: 9, step_index: 2, to: 'everyone', notes: [], boards: [{ ...board, board_id: 'p:2:a', kind: 'private', owner_id: 'a' }] } });
    expect(conn.state?.seq).toBe(9);
    expect(boards.map(([t, d]) => `${t} ${d.seq}`)).toEqual(['board_changed 4', 'board_locked 5', 'board_added 6', 'board_cleared 7', 'revealed 9']);
    last().recv({ type: 'board_changed', data: { seq: 11, board_id: 's:1', put: [], set: [], delete: ['o:sticky0001'] } });
    expect(boards).toHaveLength(5);
    expect(sockets[0].closed).not.toBeNull();
  });

  it('board_view and board_live reach the boards without a seq; board_live redraws nothing else', () => {
    const { conn, boards, last, changes } = setupBoards();
    last().open();
    last().recv({ type: 'welcome', data: welcome(3) });
    const before = changes();
    last().recv({ type: 'board_live', data: { member_id: 'b', board_id: 's:1', cursor: { x: 1, y: 2 } } });
    expect(changes()).toBe(before);
    last().recv({ type: 'board_view', data: { member_id: 'f', board_id: 's:1', x: 0, y: 0, zoom: 1 } });
    // A malformed one is dropped.
    last().recv({ type: 'board_live', data: { member_id: 'b', board_id: 's:1', cursor: { x: 'far' } } });
    expect(boards.map(([t]) => t)).toEqual(['board_live', 'board_view']);
    expect(conn.state?.seq).toBe(3);
  });

  it('command() resolves with the reply, after the event reached the boards', async () => {
    const { conn, order, last } = setupBoards();
    last().open();
    last().recv({ type: 'welcome', data: welcome(3) });
    const p = conn.command('board_change', { board_id: 's:1', put }).then((r) => (order.push('resolved'), r));
    const sent = last().sent.at(-1);
    expect(sent).toMatchObject({ type: 'board_change', data: { meeting_id: M, board_id: 's:1', put } });
    last().recv({ type: 'board_changed', ref: sent.ref, data: { seq: 4, board_id: 's:1', put, set: [], delete: [] } });
    const reply = await p;
    expect(reply).toMatchObject({ type: 'board_changed', data: { seq: 4 } });
    // The promise is the reply: the general reply handler (error banners) is not bothered.
    expect(order).toEqual(['board board_changed', 'resolved']);
    const q = conn.command('board_lock', { board_id: 's:1', locked: true });
    last().recv({ type: 'error', ref: last().sent.at(-1).ref, data: { code: 'forbidden', message: 'x' } });
    expect(await q).toEqual({ type: 'error', data: { code: 'forbidden', message: 'x' } });
    expect(conn.pendingCount).toBe(0);
  });

  it('command() is resent after a reconnect (R13); a command the validator refuses resolves with its code', async () => {
    const { conn, last } = setupBoards();
    last().open();
    last().recv({ type: 'welcome', data: welcome(3) });
    const p = conn.command('board_clear', { board_id: 's:1' });
    const ref = last().sent.at(-1).ref;
    last().drop();
    vi.advanceTimersByTime(500);
    last().open();
    last().recv({ type: 'welcome', data: { ...welcome(3), snapshot: undefined, resumed: true } });
    expect(last().sent.at(-1)).toMatchObject({ type: 'board_clear', ref });
    last().recv({ type: 'ack', ref });
    expect(await p).toEqual({ type: 'ack', data: undefined });
    expect(await conn.command('board_change', { board_id: 's:1', put: [] })).toMatchObject({ type: 'error', data: { code: 'invalid_field' } });
    expect(conn.pendingCount).toBe(0);
  });

  it('sendLive: no ref, never pending or resent, dropped while offline', () => {
    const { conn, last } = setupBoards();
    expect(conn.sendLive({ board_id: 's:1', cursor: { x: 1, y: 1 } })).toBe(false);
    last().open();
    last().recv({ type: 'welcome', data: welcome(3) });
    expect(conn.sendLive({ board_id: 's:1', cursor: { x: 1, y: 1 } })).toBe(true);
    expect(last().sent.at(-1)).toEqual({ type: 'board_live', data: { meeting_id: M, board_id: 's:1', cursor: { x: 1, y: 1 } } });
    expect(conn.pendingCount).toBe(0);
    // Invalid (401 numbers) is not sent.
    const stroke = { id: 'o:stroke0001', color: 'red', width: 2, tool: 'pen', points: Array.from({ length: 402 }, () => 1) };
    expect(conn.sendLive({ board_id: 's:1', stroke })).toBe(false);
    last().drop();
    expect(conn.sendLive({ board_id: 's:1', cursor: null })).toBe(false);
    vi.advanceTimersByTime(500);
    last().open();
    last().recv({ type: 'welcome', data: { ...welcome(3), snapshot: undefined, resumed: true } });
    expect(last().sent.map((m) => m.type)).toEqual(['hello']);
  });
});
