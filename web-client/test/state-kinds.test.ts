// The reducer for every event of R23–R30, and the snapshot's new fields.
import { describe, expect, it } from 'vitest';
import { applyEvent, applyWelcome, fromWelcome, isLocked, isRevealed, notesOfStep, type MeetingState } from '../src/meeting/state';
import type { Marks, SeqEvent } from '../src/protocol/types';
import { M, snapshot, welcome } from './fixtures';
import { kindState, note } from './kinds-fixtures';

function apply(s: MeetingState, ...evs: Omit<SeqEvent, never>[]): MeetingState {
  for (const ev of evs) {
    const r = applyEvent(s, ev as SeqEvent);
    if (r.kind !== 'applied') throw new Error(`${ev.type} seq ${ev.data.seq}: ${r.kind}`);
    s = r.state;
  }
  return s;
}

const round = (step_index: number, order: string[], position = 0, lap = 1) => ({ step_index, order, position, lap });
const marks = (over: Partial<Marks> = {}): Marks => ({ picked: false, rating: null, answered: false, touches: false, ...over });

describe('snapshot fields of R23–R30', () => {
  it('reads every new field', () => {
    const s = fromWelcome(
      welcome(3, {
        snapshot: snapshot({
          presenter_id: 'b',
          presenter_consent: 'pending',
          case_note_id: 'note:case',
          presenter_revealed_steps: [1],
          auto_reveal_steps: [2],
          votes: [{ member_id: 'a', note_id: 'note:case', votes: 2 }],
          rounds: [round(2, ['a', 'f'])],
          ratings: [{ member_id: 'a', step_index: 2, score: 4 }],
          recall: { meeting_title: 'Vorige keer', presenter_name: 'Bram', case: { title: 'T', text: 'V' }, takeaways: [] },
          ended: true,
          members: [{ member_id: 'x', name: 'X', category: 'parent', role: 'participant', online: false, removed: true }],
        }),
      }),
    );
    expect(s.presenterConsent).toBe('pending');
    expect(s.caseNoteId).toBe('note:case');
    expect(s.presenterRevealedSteps).toEqual([1]);
    expect(s.autoRevealSteps).toEqual([2]);
    expect(s.votes).toHaveLength(1);
    expect(s.rounds[0].order).toEqual(['a', 'f']);
    expect(s.ratings[0].score).toBe(4);
    expect(s.recall?.meeting_title).toBe('Vorige keer');
    expect(s.ended).toBe(true);
    expect(s.members[0].removed).toBe(true);
  });

  it('a snapshot without them (older server) reads as empty; an appointed presenter counts as consented', () => {
    const s = fromWelcome(welcome(1, { snapshot: snapshot({ presenter_id: 'b' }) }));
    expect(s).toMatchObject({ presenterConsent: 'given', caseNoteId: null, presenterRevealedSteps: [], autoRevealSteps: [], votes: [], rounds: [], ratings: [], recall: null, ended: false });
    expect(fromWelcome(welcome(1)).presenterConsent).toBeNull();
  });
});

describe('events of R23–R30', () => {
  it('step_changed carries the round of a question round', () => {
    let s = kindState('a', 'participant');
    s = apply(s, { type: 'step_changed', data: { seq: 11, step_index: 5, round: round(5, ['f', 'a', 'b']) } });
    expect(s.stepIndex).toBe(5);
    expect(s.rounds).toEqual([round(5, ['f', 'a', 'b'])]);
    // Going back keeps the round; a step_changed without round leaves the rounds alone.
    s = apply(s, { type: 'step_changed', data: { seq: 12, step_index: 4 } });
    expect(s.rounds).toHaveLength(1);
  });

  it('presenter_appointed with a case and consent pending; presenter_consent accepts', () => {
    let s = kindState('a', 'participant', { presenter_id: null, presenter_consent: null });
    s = apply(s, { type: 'presenter_appointed', data: { seq: 11, member_id: 'b', case_note_id: 'note:c', consent: 'pending' } });
    expect([s.presenterId, s.caseNoteId, s.presenterConsent]).toEqual(['b', 'note:c', 'pending']);
    s = apply(s, { type: 'presenter_consent', data: { seq: 12, member_id: 'b', accepted: true } });
    expect(s.presenterConsent).toBe('given');
  });

  it('declining clears the presenter and the case', () => {
    let s = kindState('a', 'participant', { presenter_id: null, presenter_consent: null });
    s = apply(
      s,
      { type: 'presenter_appointed', data: { seq: 11, member_id: 'b', case_note_id: 'note:c', consent: 'pending' } },
      { type: 'presenter_consent', data: { seq: 12, member_id: 'b', accepted: false } },
    );
    expect([s.presenterId, s.caseNoteId, s.presenterConsent]).toEqual([null, null, null]);
  });

  it('clearing the presenter clears consent and case', () => {
    let s = kindState('a', 'participant', { case_note_id: 'note:c' });
    s = apply(s, { type: 'presenter_appointed', data: { seq: 11, member_id: null, case_note_id: null, consent: null } });
    expect([s.presenterId, s.caseNoteId, s.presenterConsent]).toEqual([null, null, null]);
  });

  it('revealed to the presenter first, then to everyone (R24)', () => {
    let s = kindState('a', 'participant', { step_index: 6, notes: [note('note:a', 'a', 6, 'mijn waarneming')] });
    s = apply(s, { type: 'revealed', data: { seq: 11, step_index: 6, to: 'presenter' } });
    expect(isLocked(s, 6)).toBe(true);
    expect(isRevealed(s, 6)).toBe(false);
    expect(notesOfStep(s, 6).map((n) => n.text)).toEqual(['mijn waarneming']); // my own stay
    s = apply(s, { type: 'revealed', data: { seq: 12, step_index: 6, to: 'everyone', notes: [note('note:a', 'a', 6, 'mijn waarneming'), note('note:b', 'b', 6, 'die van Bram')] } });
    expect(isRevealed(s, 6)).toBe(true);
    expect(notesOfStep(s, 6)).toHaveLength(2);
  });

  it('the presenter gets the notes with the first reveal', () => {
    let s = kindState('p', 'participant', { step_index: 6 });
    s = apply(s, { type: 'revealed', data: { seq: 11, step_index: 6, to: 'presenter', notes: [note('note:b', 'b', 6, 'die van Bram')] } });
    expect(s.presenterRevealedSteps).toEqual([6]);
    expect(notesOfStep(s, 6)).toHaveLength(1);
  });

  it('vote_cast sets, changes and removes a member’s votes on a proposal', () => {
    let s = kindState('a', 'participant');
    s = apply(
      s,
      { type: 'vote_cast', data: { seq: 11, member_id: 'a', note_id: 'note:x', votes: 2 } },
      { type: 'vote_cast', data: { seq: 12, member_id: 'b', note_id: 'note:x', votes: 1 } },
      { type: 'vote_cast', data: { seq: 13, member_id: 'a', note_id: 'note:x', votes: 3 } },
    );
    expect(s.votes).toEqual([
      { member_id: 'b', note_id: 'note:x', votes: 1 },
      { member_id: 'a', note_id: 'note:x', votes: 3 },
    ]);
    s = apply(s, { type: 'vote_cast', data: { seq: 14, member_id: 'a', note_id: 'note:x', votes: 0 } });
    expect(s.votes).toEqual([{ member_id: 'b', note_id: 'note:x', votes: 1 }]);
  });

  it('question_asked adds the question and moves the turn; turn_changed moves it', () => {
    let s = kindState('a', 'participant', { step_index: 5, rounds: [round(5, ['f', 'a', 'b'])] });
    s = apply(s, { type: 'question_asked', data: { seq: 11, note: note('note:q1', 'f', 5, 'Wat wil je?'), round: round(5, ['f', 'a', 'b'], 1) } });
    expect(notesOfStep(s, 5).map((n) => n.text)).toEqual(['Wat wil je?']);
    expect(s.rounds[0].position).toBe(1);
    s = apply(s, { type: 'turn_changed', data: { seq: 12, round: round(5, ['b', 'a', 'f'], 0, 2) } });
    expect(s.rounds).toEqual([round(5, ['b', 'a', 'f'], 0, 2)]);
  });

  it('note_marked replaces the marks of one note', () => {
    let s = kindState('a', 'participant', { notes: [note('note:q1', 'f', 5, 'Q1'), note('note:q2', 'a', 5, 'Q2')] });
    s = apply(s, { type: 'note_marked', data: { seq: 11, note_id: 'note:q1', step_index: 5, marks: marks({ picked: true, rating: 'warm' }) } });
    expect(s.notes.find((n) => n.note_id === 'note:q1')?.marks).toEqual(marks({ picked: true, rating: 'warm' }));
    expect(s.notes.find((n) => n.note_id === 'note:q2')?.marks).toBeUndefined();
  });

  it('rated keeps one score per member and step', () => {
    let s = kindState('f', 'facilitator');
    s = apply(
      s,
      { type: 'rated', data: { seq: 11, member_id: 'a', step_index: 10, score: 3 } },
      { type: 'rated', data: { seq: 12, member_id: 'a', step_index: 10, score: 5 } },
      { type: 'rated', data: { seq: 13, member_id: 'b', step_index: 10, score: 2 } },
    );
    expect(s.ratings).toEqual([
      { member_id: 'a', step_index: 10, score: 5 },
      { member_id: 'b', step_index: 10, score: 2 },
    ]);
  });

  it('auto_reveal_set switches a step on and off', () => {
    let s = kindState('f', 'facilitator');
    s = apply(s, { type: 'auto_reveal_set', data: { seq: 11, step_index: 4, on: true } });
    expect(s.autoRevealSteps).toEqual([4]);
    s = apply(s, { type: 'auto_reveal_set', data: { seq: 12, step_index: 4, on: true } }, { type: 'auto_reveal_set', data: { seq: 13, step_index: 4, on: false } });
    expect(s.autoRevealSteps).toEqual([]);
  });

  it('roles_changed updates the members and my own role', () => {
    let s = kindState('f', 'facilitator');
    s = apply(s, { type: 'roles_changed', data: { seq: 11, members: [{ member_id: 'f', role: 'participant' }, { member_id: 'a', role: 'facilitator' }] } });
    expect(s.role).toBe('participant');
    expect(s.members.find((m) => m.member_id === 'a')?.role).toBe('facilitator');
    expect(s.members.find((m) => m.member_id === 'f')?.role).toBe('participant');
  });

  it('member_removed keeps the member for the record; a removed presenter leaves no presenter', () => {
    let s = kindState('f', 'facilitator');
    s = apply(s, { type: 'member_removed', data: { seq: 11, member_id: 'p' } });
    expect(s.members.find((m) => m.member_id === 'p')).toMatchObject({ removed: true, online: false });
    expect([s.presenterId, s.presenterConsent]).toEqual([null, null]);
    s = apply(s, { type: 'member_removed', data: { seq: 12, member_id: 'b' } });
    expect(s.members).toHaveLength(4);
  });

  it('meeting_ended ends it and clears the timer', () => {
    let s = kindState('a', 'participant', { timer: { step_index: 0, running: true, ends_at: 99 } });
    s = apply(s, { type: 'meeting_ended', data: { seq: 11 } });
    expect(s.ended).toBe(true);
    expect(s.timer).toBeNull();
  });

  it('an unknown event still advances seq', () => {
    const s = kindState('a', 'participant');
    const r = applyEvent(s, { type: 'future_thing', data: { seq: 11 } } as unknown as SeqEvent);
    expect(r.kind).toBe('applied');
    if (r.kind === 'applied') expect(r.state.seq).toBe(11);
  });

  it('a welcome with a snapshot mid-meeting replaces state and role (hand_facilitation)', () => {
    const s = kindState('f', 'facilitator');
    const next = applyWelcome(s, { protocol: 1, meeting_id: M, member_id: 'f', role: 'participant', server_time: 5, seq: 40, snapshot: snapshot({ step_index: 2 }) });
    expect(next?.role).toBe('participant');
    expect(next?.seq).toBe(40);
    expect(next?.stepIndex).toBe(2);
  });
});
