// Timer (R22): the reducer keeps the timer and the clock offset; the countdown is a pure function.
import { describe, expect, it } from 'vitest';
import { applyEvent, applyServerTime, applyWelcome, formatRemaining, fromWelcome, remaining, type MeetingState } from '../src/meeting/state';
import { timerPhase } from '../src/meeting/timer';
import type { SeqEvent, Timer } from '../src/protocol/types';
import { M, snapshot, welcome } from './fixtures';

function apply(s: MeetingState, ev: SeqEvent): MeetingState {
  const r = applyEvent(s, ev);
  if (r.kind !== 'applied') throw new Error(r.kind);
  return r.state;
}

const running = (ends_at: number, step_index = 0): Timer => ({ step_index, running: true, ends_at });
const paused = (remaining_ms: number, step_index = 0): Timer => ({ step_index, running: false, remaining_ms });

describe('timer in the meeting state', () => {
  it('reads the timer from the snapshot, null when absent', () => {
    expect(fromWelcome(welcome(1, { snapshot: snapshot({ timer: running(5000) }) })).timer).toEqual(running(5000));
    expect(fromWelcome(welcome(1, { snapshot: snapshot({ timer: null }) })).timer).toBeNull();
    expect(fromWelcome(welcome(1)).timer).toBeNull(); // older server without the field
  });

  it('timer_changed sets and clears it; step_changed clears it', () => {
    let s = fromWelcome(welcome(1));
    s = apply(s, { type: 'timer_changed', data: { seq: 2, timer: running(10_000) } });
    expect(s.timer).toEqual(running(10_000));
    s = apply(s, { type: 'timer_changed', data: { seq: 3, timer: paused(4_000) } });
    expect(s.timer).toEqual(paused(4_000));
    s = apply(s, { type: 'timer_changed', data: { seq: 4, timer: null } });
    expect(s.timer).toBeNull();
    s = apply(s, { type: 'timer_changed', data: { seq: 5, timer: running(20_000) } });
    s = apply(s, { type: 'step_changed', data: { seq: 6, step_index: 1 } });
    expect(s.timer).toBeNull();
    expect(s.seq).toBe(6);
  });

  it('a gap in timer_changed is a gap like any event', () => {
    const s = fromWelcome(welcome(1));
    expect(applyEvent(s, { type: 'timer_changed', data: { seq: 3, timer: null } }).kind).toBe('gap');
  });

  it('clock offset = server_time − local time, from welcome and the latest pong', () => {
    const s = fromWelcome(welcome(1, { server_time: 1_000_500 }), 1_000_000);
    expect(s.clockOffset).toBe(500);
    expect(applyServerTime(s, 2_000_000, 2_000_300).clockOffset).toBe(-300);
    const resumed = applyWelcome(s, { protocol: 1, meeting_id: M, member_id: 'a', role: 'participant', server_time: 5_000, seq: 3, resumed: true }, 4_000);
    expect(resumed?.clockOffset).toBe(1_000);
    expect(resumed?.timer).toBe(s.timer);
  });
});

describe('remaining(timer, now, offset)', () => {
  it('running: ends_at − (now + offset), never below 0', () => {
    expect(remaining(running(100_000), 40_000, 0)).toBe(60_000);
    // This device's clock is 2 s behind the server's: offset +2000.
    expect(remaining(running(100_000), 40_000, 2_000)).toBe(58_000);
    expect(remaining(running(100_000), 40_000, -2_000)).toBe(62_000);
    expect(remaining(running(100_000), 100_000, 0)).toBe(0);
    expect(remaining(running(100_000), 150_000, 0)).toBe(0);
  });

  it('paused: remaining_ms whatever the clock says', () => {
    expect(remaining(paused(42_000), 1, 0)).toBe(42_000);
    expect(remaining(paused(42_000), 9e12, -5e6)).toBe(42_000);
  });

  it('formats as m:ss, rounding up, h:mm:ss from an hour', () => {
    expect(formatRemaining(300_000)).toBe('5:00');
    expect(formatRemaining(299_001)).toBe('5:00');
    expect(formatRemaining(299_000)).toBe('4:59');
    expect(formatRemaining(61_000)).toBe('1:01');
    expect(formatRemaining(999)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5)).toBe('0:00');
    expect(formatRemaining(3_600_000)).toBe('1:00:00');
    expect(formatRemaining(86_400_000)).toBe('24:00:00');
  });

  it('phase: none, running, paused, up (time is up only for a running timer at 0)', () => {
    expect(timerPhase(null, 0, 0)).toBe('none');
    expect(timerPhase(running(10_000), 9_999, 0)).toBe('running');
    expect(timerPhase(running(10_000), 10_000, 0)).toBe('up');
    expect(timerPhase(running(10_000), 9_000, 1_000)).toBe('up');
    expect(timerPhase(paused(0), 1e12, 0)).toBe('paused');
  });
});
