import { describe, expect, it } from 'vitest';
import { applyEvent, applyPresence, applyWelcome, fromWelcome, myNotes, notesOfStep, progressOf, type MeetingState } from '../src/meeting/state';
import type { SeqEvent } from '../src/protocol/types';
import { M, member, welcome } from './fixtures';

function apply(s: MeetingState, ...evs: SeqEvent[]): MeetingState {
  for (const ev of evs) {
    const r = applyEvent(s, ev);
    if (r.kind !== 'applied') throw new Error(`${ev.type} seq ${ev.data.seq}: ${r.kind}`);
    s = r.state;
  }
  return s;
}

const note = (id: string, author: string, step: number, text: string) => ({ note_id: id, author_id: author, step_index: step, text, updated_at: 1 });

describe('meeting state', () => {
  it('starts from the snapshot', () => {
    const s = fromWelcome(welcome(5));
    expect(s.seq).toBe(5);
    expect(s.members).toHaveLength(3);
    expect(s.stepIndex).toBe(0);
  });

  it('applies events in seq order and tracks seq', () => {
    let s = fromWelcome(welcome(5));
    s = apply(
      s,
      { type: 'step_changed', data: { seq: 6, step_index: 1 } },
      { type: 'presenter_appointed', data: { seq: 7, member_id: 'b' } },
      { type: 'member_joined', data: { seq: 8, member: member('c') } },
      { type: 'note_saved', data: { seq: 9, note: note('note:1', 'a', 1, 'eerste') } },
      { type: 'note_saved', data: { seq: 10, note: note('note:1', 'a', 1, 'eerste, aangepast') } },
      { type: 'note_progress', data: { seq: 11, step_index: 1, member_id: 'b', note_count: 2, done: false } },
      { type: 'note_progress', data: { seq: 12, step_index: 1, member_id: 'b', note_count: 2, done: true } },
    );
    expect(s.seq).toBe(12);
    expect(s.stepIndex).toBe(1);
    expect(s.presenterId).toBe('b');
    expect(s.members.map((m) => m.member_id)).toEqual(['f', 'a', 'b', 'c']);
    expect(myNotes(s, 1).map((n) => n.text)).toEqual(['eerste, aangepast']);
    expect(progressOf(s, 1, 'b')).toMatchObject({ note_count: 2, done: true });
    expect(progressOf(s, 1, 'c')).toMatchObject({ note_count: 0, done: false });
  });

  it('a reveal replaces the step notes with everyone’s notes', () => {
    let s = fromWelcome(welcome(1, { snapshot: { ...welcome(1).snapshot!, step_index: 1, notes: [note('note:a1', 'a', 1, 'mijn vraag')] } }));
    s = apply(s, { type: 'revealed', data: { seq: 2, step_index: 1, notes: [note('note:a1', 'a', 1, 'mijn vraag'), note('note:b1', 'b', 1, 'haar vraag')] } });
    expect(s.revealedSteps).toEqual([1]);
    expect(notesOfStep(s, 1).map((n) => n.note_id).sort()).toEqual(['note:a1', 'note:b1']);
  });

  it('my own progress counts my own notes (I get note_saved, not note_progress)', () => {
    let s = fromWelcome(welcome(1, { snapshot: { ...welcome(1).snapshot!, step_index: 1 } }));
    s = apply(
      s,
      { type: 'note_saved', data: { seq: 2, note: note('note:m1', 'a', 1, 'een') } },
      { type: 'note_saved', data: { seq: 3, note: note('note:m2', 'a', 1, 'twee') } },
      { type: 'note_progress', data: { seq: 4, step_index: 1, member_id: 'a', note_count: 0, done: true } },
    );
    expect(progressOf(s, 1, 'a')).toMatchObject({ note_count: 2, done: true });
  });

  it('deletes a note', () => {
    let s = fromWelcome(welcome(1));
    s = apply(s, { type: 'note_saved', data: { seq: 2, note: note('note:x', 'a', 0, 't') } }, { type: 'note_deleted', data: { seq: 3, note_id: 'note:x', step_index: 0 } });
    expect(s.notes).toEqual([]);
  });

  it('ignores duplicates and reports gaps', () => {
    const s = fromWelcome(welcome(5));
    expect(applyEvent(s, { type: 'step_changed', data: { seq: 5, step_index: 2 } }).kind).toBe('duplicate');
    expect(applyEvent(s, { type: 'step_changed', data: { seq: 3, step_index: 2 } }).kind).toBe('duplicate');
    expect(applyEvent(s, { type: 'step_changed', data: { seq: 7, step_index: 2 } }).kind).toBe('gap');
  });

  it('resumed welcome keeps the state; snapshot welcome replaces it', () => {
    const s = apply(fromWelcome(welcome(5)), { type: 'step_changed', data: { seq: 6, step_index: 2 } });
    const resumed = applyWelcome(s, { protocol: 1, meeting_id: M, member_id: 'a', role: 'participant', server_time: 2, seq: 9, resumed: true });
    expect(resumed?.stepIndex).toBe(2);
    expect(resumed?.seq).toBe(6); // the events 7..9 follow and advance it
    const replaced = applyWelcome(s, welcome(20));
    expect(replaced?.stepIndex).toBe(0);
    expect(replaced?.seq).toBe(20);
    expect(applyWelcome(null, { protocol: 1, meeting_id: M, member_id: 'a', role: 'participant', server_time: 2, seq: 9, resumed: true })).toBeNull();
  });

  it('presence changes online without touching seq', () => {
    const s = applyPresence(fromWelcome(welcome(5)), 'b', false);
    expect(s.members.find((m) => m.member_id === 'b')?.online).toBe(false);
    expect(s.seq).toBe(5);
    expect(applyPresence(s, 'nobody', true)).toBe(s);
  });
});

describe('board events in the meeting state (R14)', () => {
  it('take their seq and change nothing else; a gap is still a gap', () => {
    const s0 = fromWelcome(welcome(5));
    const s = apply(
      s0,
      { type: 'board_changed', data: { seq: 6, board_id: 's:1', put: [], set: [{ id: 'o:sticky0001', x: 1 }], delete: [] } },
      { type: 'board_added', data: { seq: 7, board: { board_id: 'b:abcdefgh', kind: 'shared', title: 'Extra', step_index: null, owner_id: null, template: null, locked: false, objects: [] } } },
      { type: 'board_locked', data: { seq: 8, board_id: 's:1', locked: true } },
      { type: 'board_cleared', data: { seq: 9, board_id: 's:1' } },
    );
    expect(s).toEqual({ ...s0, seq: 9 });
    expect(applyEvent(s, { type: 'board_cleared', data: { seq: 11, board_id: 's:1' } })).toEqual({ kind: 'gap' });
    expect(applyEvent(s, { type: 'board_cleared', data: { seq: 9, board_id: 's:1' } })).toEqual({ kind: 'duplicate' });
  });

  it('revealed with boards reveals the board step (notes [] of it)', () => {
    const s = apply(fromWelcome(welcome(5)), { type: 'revealed', data: { seq: 6, step_index: 1, to: 'everyone', notes: [], boards: [] } });
    expect(s.revealedSteps).toEqual([1]);
  });
});
