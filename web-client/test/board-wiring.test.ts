// BoardSync and LiveChannel on a real MeetingConnection (fake socket, no timers): an edit goes out
// as board_change with a ref and is resent after a reconnect; its reply settles the overlay after
// the event has been applied; live cursors go out without a ref and are dropped while offline.
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingConnection, type SocketLike } from '../src/meeting/connection';
import { boardActor } from '../src/meeting/rules';
import { BoardSync, type BoardSyncTransport } from '../src/board/sync';
import { LiveChannel, type Schedule } from '../src/board/live';
import type { BoardObject } from '../src/board/model';
import { M, snapshot, welcome } from './fixtures';

class Socket implements SocketLike {
  readyState = 0;
  sent: any[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(d: string) {
    this.sent.push(JSON.parse(d));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  recv(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const sticky: BoardObject = { id: 'o:sticky0001', type: 'sticky', x: 5, y: 5, rotation: 0, z: 0, deleted: false, w: 160, h: 160, text: 'Moeder', color: 'yellow' };
const board = { board_id: 's:1', kind: 'shared' as const, title: null, step_index: 1, owner_id: null, template: null, locked: false, objects: [] };

// Stopped after each test: the connection's ping interval is a real timer.
const open: MeetingConnection[] = [];
afterEach(() => open.splice(0).forEach((c) => c.stop()));

function setup() {
  const sockets: Socket[] = [];
  const conn = new MeetingConnection(
    {
      url: 'ws://x/ws',
      memberToken: 'tok',
      pingIntervalMs: 1e9,
      createSocket: () => {
        const s = new Socket();
        sockets.push(s);
        return s;
      },
    },
    {
      change: () => {},
      reply: () => {},
      board: (type, data) => {
        if (type === 'snapshot') sync.load(data);
        else sync.onEvent(type, data);
        live.onEvent(type, data);
      },
    },
  );
  const transport: BoardSyncTransport = { command: (t, d) => conn.command(t, d), live: (d) => void conn.sendLive(d) };
  const sync = new BoardSync(transport, () => boardActor(conn.state!));
  let timers: Array<() => void> = [];
  const schedule: Schedule = (fn) => {
    timers.push(fn);
    return () => (timers = timers.filter((t) => t !== fn));
  };
  const live = new LiveChannel(transport, () => 0, schedule);
  conn.start();
  open.push(conn);
  const last = () => sockets[sockets.length - 1];
  last().open();
  last().recv({ type: 'welcome', data: welcome(3, { snapshot: snapshot({ step_index: 1, boards: [board] }) }) });
  return { conn, sync, live, sockets, last, runTimers: () => timers.splice(0).forEach((t) => t()) };
}

describe('boards over the meeting connection', () => {
  it('an edit is shown at once, sent with a ref, and settled by its reply event', async () => {
    const { conn, sync, last } = setup();
    expect(sync.boards().map((b) => b.board_id)).toEqual(['s:1']);
    sync.change('s:1', { put: [sticky] });
    const cmd = last().sent.at(-1);
    expect(cmd).toMatchObject({ type: 'board_change', data: { meeting_id: M, board_id: 's:1', put: [sticky] } });
    expect(typeof cmd.ref).toBe('number');
    expect(sync.board('s:1')!.objects.get('o:sticky0001')).toEqual(sticky);
    expect(sync.pendingCount).toBe(1);
    last().recv({ type: 'board_changed', ref: cmd.ref, data: { seq: 4, board_id: 's:1', put: [sticky], set: [], delete: [] } });
    await settle();
    expect(sync.pendingCount).toBe(0);
    expect(conn.state!.seq).toBe(4);
    expect(sync.board('s:1')!.objects.get('o:sticky0001')).toEqual(sticky);
    expect(sync.canUndo('s:1')).toBe(true);
  });

  it('an edit made while offline is sent after the welcome; a refusal reaches lastError', async () => {
    const { sync, last, conn } = setup();
    last().drop();
    sync.change('s:1', { put: [sticky] });
    expect(sync.board('s:1')!.objects.size).toBe(1);
    conn.retryNow();
    last().open();
    last().recv({ type: 'welcome', data: { ...welcome(3), snapshot: undefined, resumed: true } });
    const cmd = last().sent.at(-1);
    expect(cmd.type).toBe('board_change');
    last().recv({ type: 'error', ref: cmd.ref, data: { code: 'board_locked', message: 'locked' } });
    await settle();
    expect(sync.lastError).toEqual({ board_id: 's:1', code: 'board_locked' });
    expect(sync.board('s:1')!.objects.size).toBe(0);
    expect(sync.canUndo('s:1')).toBe(false);
  });

  it('live cursors go out throttled, without a ref, and nothing is queued while offline', () => {
    const { live, last, runTimers } = setup();
    live.cursor('s:1', { x: 1, y: 2 });
    expect(last().sent.at(-1)).toEqual({ type: 'board_live', data: { meeting_id: M, board_id: 's:1', cursor: { x: 1, y: 2 } } });
    live.cursor('s:1', { x: 3, y: 4 });
    const before = last().sent.length;
    last().drop();
    runTimers();
    expect(last().sent.length).toBe(before);
    // A dropped socket is not listened to any more.
    last().recv({ type: 'board_live', data: { member_id: 'b', board_id: 's:1', stroke: { id: 'o:stroke0001', color: 'red', width: 2, tool: 'pen', points: [1, 1] } } });
    expect(live.remote('s:1')).toHaveLength(0);
  });

  it('board_live and board_view from others reach the LiveChannel', () => {
    const { live, last } = setup();
    const views: unknown[] = [];
    live.onViewRequest = (v) => views.push(v);
    last().recv({ type: 'board_live', data: { member_id: 'b', board_id: 's:1', cursor: { x: 9, y: 9 }, stroke: { id: 'o:stroke0001', color: 'red', width: 2, tool: 'pen', points: [1, 1] } } });
    last().recv({ type: 'board_view', data: { member_id: 'f', board_id: 's:1', x: 0, y: 0, zoom: 2 } });
    expect(live.remote('s:1')[0]).toMatchObject({ member_id: 'b', cursor: { x: 9, y: 9 } });
    expect(views).toEqual([{ board_id: 's:1', x: 0, y: 0, zoom: 2 }]);
    // The committed stroke replaces the preview.
    last().recv({ type: 'board_changed', data: { seq: 4, board_id: 's:1', put: [{ ...sticky, id: 'o:stroke0001', type: 'stroke', points: [0, 0, 1, 1], color: 'red', width: 2, tool: 'pen', w: undefined, h: undefined, text: undefined }], set: [], delete: [] } });
    expect(live.remote('s:1')[0].strokes.size).toBe(0);
  });
});
