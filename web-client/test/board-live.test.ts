// LiveChannel (R37) with a fake clock and a fake scheduler: at most one board_live per 40 ms with
// the interval's cursor and stroke points merged, and remote cursors and strokes that fade.
import { describe, expect, it } from 'vitest';
import { LiveChannel, type Schedule } from '../src/board/live';
import type { BoardSyncTransport } from '../src/board/sync';

/** A clock and a scheduler the test moves by hand. */
function fakeTime() {
  let now = 1_000_000;
  let timers: Array<{ at: number; fn: () => void }> = [];
  const schedule: Schedule = (fn, ms) => {
    const t = { at: now + ms, fn };
    timers.push(t);
    return () => {
      timers = timers.filter((x) => x !== t);
    };
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      now = due.at;
      due.fn();
    }
    now = until;
  };
  return { now: () => now, schedule, advance, pending: () => timers.length };
}

function setup() {
  const time = fakeTime();
  const sent: Array<Record<string, any>> = [];
  const transport: BoardSyncTransport = { command: () => new Promise(() => {}), live: (d) => void sent.push(d) };
  const live = new LiveChannel(transport, time.now, time.schedule);
  return { time, sent, live };
}

const pen = { id: 'o:stroke0001', color: 'blue', width: 4, tool: 'pen' as const };

describe('LiveChannel: sending (throttled)', () => {
  it('sends the first at once, then at most one per 40 ms with the latest cursor', () => {
    const { time, sent, live } = setup();
    live.cursor('s:2', { x: 1, y: 1 });
    expect(sent).toEqual([{ board_id: 's:2', cursor: { x: 1, y: 1 } }]);
    time.advance(10);
    live.cursor('s:2', { x: 2, y: 2 });
    time.advance(10);
    live.cursor('s:2', { x: 3, y: 3 }, true);
    expect(sent).toHaveLength(1);
    time.advance(19);
    expect(sent).toHaveLength(1);
    time.advance(1);
    expect(sent).toEqual([
      { board_id: 's:2', cursor: { x: 1, y: 1 } },
      { board_id: 's:2', cursor: { x: 3, y: 3 }, laser: true },
    ]);
    // Nothing new: nothing more goes out.
    time.advance(200);
    expect(sent).toHaveLength(2);
    expect(time.pending()).toBe(0);
  });

  it('merges the stroke points of an interval with the cursor into one message', () => {
    const { time, sent, live } = setup();
    live.strokePoints('s:2', pen, [0, 0]);
    time.advance(5);
    live.strokePoints('s:2', pen, [1, 1, 2, 2]);
    live.cursor('s:2', { x: 2, y: 2 });
    time.advance(10);
    live.strokePoints('s:2', pen, [3, 3]);
    time.advance(25);
    expect(sent).toEqual([
      { board_id: 's:2', stroke: { ...pen, points: [0, 0] } },
      { board_id: 's:2', cursor: { x: 2, y: 2 }, stroke: { ...pen, points: [1, 1, 2, 2, 3, 3] } },
    ]);
    // 100 messages' worth of points in 1 s: still no more than 25 messages + the first.
    for (let i = 0; i < 100; i++) {
      live.strokePoints('s:2', pen, [i, i]);
      time.advance(10);
    }
    expect(sent.length).toBeLessThanOrEqual(2 + 26);
    const all = sent.slice(2).flatMap((m) => m.stroke.points);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => [i, i]).flat());
    for (let k = 1; k < sent.length; k++) expect(sent[k].stroke.points.length).toBeLessThanOrEqual(400);
  });

  it('splits more than 400 numbers over the next intervals', () => {
    const { time, sent, live } = setup();
    live.cursor('s:2', { x: 0, y: 0 });
    live.strokePoints('s:2', pen, Array.from({ length: 500 }, (_, i) => i));
    expect(sent).toHaveLength(1);
    time.advance(40);
    expect(sent[1].stroke.points).toEqual(Array.from({ length: 400 }, (_, i) => i));
    time.advance(40);
    expect(sent[2]).toEqual({ board_id: 's:2', stroke: { ...pen, points: Array.from({ length: 100 }, (_, i) => 400 + i) } });
  });

  it('flush sends at once (pen-up before the commit); a new stroke sends the old tail first', () => {
    const { time, sent, live } = setup();
    live.cursor('s:2', { x: 0, y: 0 });
    live.strokePoints('s:2', pen, [5, 5]);
    live.flush();
    expect(sent[1]).toEqual({ board_id: 's:2', stroke: { ...pen, points: [5, 5] } });
    time.advance(50);
    live.strokePoints('s:2', pen, [6, 6]);
    time.advance(10);
    live.strokePoints('s:2', { ...pen, id: 'o:stroke0002' }, [7, 7]);
    expect(sent[2]).toEqual({ board_id: 's:2', stroke: { ...pen, points: [6, 6] } });
    time.advance(40);
    expect(sent[3]).toEqual({ board_id: 's:2', stroke: { ...pen, id: 'o:stroke0002', points: [7, 7] } });
  });

  it('sends nothing for a private board (R35) and a cursor null when I leave', () => {
    const { time, sent, live } = setup();
    live.cursor('p:2:ann', { x: 1, y: 1 });
    live.strokePoints('p:2:ann', pen, [1, 1]);
    time.advance(100);
    expect(sent).toEqual([]);
    live.cursor('s:2', null);
    expect(sent).toEqual([{ board_id: 's:2', cursor: null }]);
  });
});

describe('LiveChannel: others (fading)', () => {
  it('keeps cursors 5 s and strokes 10 s after their last update', () => {
    const { time, live } = setup();
    let calls = 0;
    live.subscribe(() => calls++);
    live.onRemote({ member_id: 'bob', board_id: 's:2', cursor: { x: 5, y: 6 } });
    live.onRemote({ member_id: 'bob', board_id: 's:2', stroke: { ...pen, points: [1, 2, 3, 4] } });
    time.advance(1000);
    live.onRemote({ member_id: 'bob', board_id: 's:2', stroke: { ...pen, points: [5, 6] } });
    live.onRemote({ member_id: 'cas', board_id: 's:3', cursor: { x: 0, y: 0 } });
    expect(calls).toBe(4);
    let [bob] = live.remote('s:2');
    expect(bob.cursor).toEqual({ x: 5, y: 6 });
    expect(bob.strokes.get('o:stroke0001')).toEqual({ color: 'blue', width: 4, tool: 'pen', points: [1, 2, 3, 4, 5, 6] });
    time.advance(4001);
    [bob] = live.remote('s:2');
    expect(bob.cursor).toBeNull();
    expect(bob.strokes.size).toBe(1);
    time.advance(6000);
    expect(live.remote('s:2')).toEqual([]);
    expect(live.remote('s:3')).toEqual([]);
  });

  it('a committed stroke replaces its live preview; late points of it are ignored', () => {
    const { live } = setup();
    live.onRemote({ member_id: 'bob', board_id: 's:2', cursor: { x: 1, y: 1 }, stroke: { ...pen, points: [1, 2] } });
    live.onEvent('board_changed', { seq: 4, board_id: 's:2', put: [{ id: 'o:stroke0001' }], set: [], delete: [] });
    expect(live.remote('s:2')[0].strokes.size).toBe(0);
    live.onRemote({ member_id: 'bob', board_id: 's:2', stroke: { ...pen, points: [3, 4] } });
    expect(live.remote('s:2')[0].strokes.size).toBe(0);
  });

  it('cursor null means the member left the board; the laser leaves a trail that fades in 1 s', () => {
    const { time, live } = setup();
    live.onRemote({ member_id: 'fac', board_id: 's:2', cursor: { x: 1, y: 1 }, laser: true });
    time.advance(300);
    live.onRemote({ member_id: 'fac', board_id: 's:2', cursor: { x: 2, y: 2 } });
    expect(live.remote('s:2')[0]).toMatchObject({ laser: true, cursor: { x: 2, y: 2 } });
    expect(live.remote('s:2')[0].trail.map((p) => p.x)).toEqual([1, 2]);
    time.advance(800);
    expect(live.remote('s:2')[0].trail.map((p) => p.x)).toEqual([2]);
    live.onRemote({ member_id: 'fac', board_id: 's:2', cursor: null, laser: false });
    time.advance(1000);
    expect(live.remote('s:2')).toEqual([]);
  });

  it('board_view goes to onViewRequest', () => {
    const { live } = setup();
    const seen: unknown[] = [];
    live.onEvent('board_view', { member_id: 'fac', board_id: 's:2', x: 1, y: 2, zoom: 0.5 });
    live.onViewRequest = (r) => seen.push(r);
    live.onEvent('board_view', { member_id: 'fac', board_id: 's:2', x: 1, y: 2, zoom: 0.5 });
    expect(seen).toEqual([{ board_id: 's:2', x: 1, y: 2, zoom: 0.5 }]);
  });
});
