// The step rules (§4.2): who may write where, navigation over optional steps, reveal actions,
// votes, turn order and what the presenter reacts to.
import { describe, expect, it } from 'vitest';
import {
  atTurn,
  authorOrder,
  canWrite,
  expectedWriters,
  moveInOrder,
  nextStepIndex,
  notePolicy,
  prevStepIndex,
  reactSourceSteps,
  revealAction,
  seesRevealed,
  voteTotal,
  votesLeft,
  boardActor,
  boardOf,
  canChangeBoard,
  isBoardStep,
  isRevealStep,
  stepBoardId,
} from '../src/meeting/rules';
import { fromWelcome } from '../src/meeting/state';
import type { Method } from '../src/protocol/types';
import { snapshot, welcome } from './fixtures';
import { KIND_METHOD, kindState, note } from './kinds-fixtures';

describe('who may write (canWrite)', () => {
  it('nobody writes in info, question_round and react steps', () => {
    for (const i of [5, 7, 11]) expect(canWrite(kindState('a', 'participant', { step_index: i }), i)).toBe(false);
  });

  it('everyone writes in shared, case_choice, private, takeaways and evaluation steps', () => {
    for (const i of [0, 1, 2, 9, 10]) {
      expect(canWrite(kindState('a', 'participant', { step_index: i }), i)).toBe(true);
      expect(canWrite(kindState('f', 'facilitator', { step_index: i }), i)).toBe(true);
      expect(canWrite(kindState('p', 'participant', { step_index: i }), i)).toBe(true);
    }
  });

  it('the presenter does not write in present and presenter_listens steps; the others do', () => {
    for (const i of [3, 4, 8]) {
      expect(canWrite(kindState('p', 'participant', { step_index: i }), i)).toBe(false);
      expect(canWrite(kindState('a', 'participant', { step_index: i }), i)).toBe(true);
    }
  });

  it('not in another step than the current one, not after a reveal, not after the end', () => {
    expect(canWrite(kindState('a', 'participant', { step_index: 4 }), 2)).toBe(false);
    expect(canWrite(kindState('a', 'participant', { step_index: 4, revealed_steps: [4] }), 4)).toBe(false);
    expect(canWrite(kindState('a', 'participant', { step_index: 6, presenter_revealed_steps: [6] }), 6)).toBe(false);
    expect(canWrite(kindState('a', 'participant', { step_index: 1, ended: true }), 1)).toBe(false);
  });

  it('the presenter is not expected to write when listening', () => {
    expect(expectedWriters(kindState('f', 'facilitator'), 4).map((m) => m.member_id)).toEqual(['f', 'a', 'b']);
    expect(expectedWriters(kindState('f', 'facilitator'), 2).map((m) => m.member_id)).toEqual(['f', 'a', 'b', 'p']);
  });

  it('knows the policy of every kind and nothing for an unknown one', () => {
    expect(notePolicy('present')).toBe('own');
    expect(notePolicy('evaluation')).toBe('facilitator');
    expect(notePolicy('check_out')).toBe('shared');
    expect(notePolicy('takeaways')).toBe('until_reveal');
    expect(notePolicy('dance')).toBe('none');
  });
});

describe('navigation', () => {
  it('next passes over optional steps; back goes to the previous numbered step', () => {
    const m = { ...KIND_METHOD, steps: KIND_METHOD.steps.map((s, i) => (i === 2 || i === 3 ? { ...s, optional: true } : s)) };
    expect(nextStepIndex(m, 0)).toBe(1);
    expect(nextStepIndex(m, 1)).toBe(4);
    expect(nextStepIndex(m, 11)).toBeNull();
    expect(prevStepIndex(m, 4)).toBe(1);
    // Only an optional step before: back still leads there; nothing before the first.
    expect(prevStepIndex(m, 1)).toBe(0);
    expect(prevStepIndex(m, 0)).toBeNull();
  });
});

describe('reveal', () => {
  it('a plain private step reveals to all; presenter_first first to the presenter, then the rest', () => {
    expect(revealAction(kindState('f', 'facilitator', { step_index: 4 }), 4)).toBe('reveal_all');
    expect(revealAction(kindState('f', 'facilitator', { step_index: 6 }), 6)).toBe('reveal_presenter');
    expect(revealAction(kindState('f', 'facilitator', { step_index: 6, presenter_revealed_steps: [6] }), 6)).toBe('reveal_rest');
    expect(revealAction(kindState('f', 'facilitator', { step_index: 6, presenter_revealed_steps: [6], revealed_steps: [6] }), 6)).toBe('none');
  });

  it('without a presenter the first reveal goes to everyone', () => {
    expect(revealAction(kindState('f', 'facilitator', { step_index: 6, presenter_id: null }), 6)).toBe('reveal_all');
  });

  it('nothing to reveal in a shared step or an ended meeting', () => {
    expect(revealAction(kindState('f', 'facilitator', { step_index: 8 }), 8)).toBe('none');
    expect(revealAction(kindState('f', 'facilitator', { step_index: 4, ended: true }), 4)).toBe('none');
  });

  it('after the first reveal only the presenter reads the notes', () => {
    expect(seesRevealed(kindState('p', 'participant', { presenter_revealed_steps: [6] }), 6)).toBe(true);
    expect(seesRevealed(kindState('a', 'participant', { presenter_revealed_steps: [6] }), 6)).toBe(false);
    expect(seesRevealed(kindState('a', 'participant', { presenter_revealed_steps: [6], revealed_steps: [6] }), 6)).toBe(true);
  });
});

describe('votes (R26)', () => {
  it('counts my budget of 3 and the totals per proposal', () => {
    const s = kindState('a', 'participant', {
      votes: [
        { member_id: 'a', note_id: 'note:x', votes: 2 },
        { member_id: 'b', note_id: 'note:x', votes: 3 },
        { member_id: 'a', note_id: 'note:y', votes: 1 },
      ],
    });
    expect(votesLeft(s)).toBe(0);
    expect(voteTotal(s, 'note:x')).toBe(5);
    expect(voteTotal(s, 'note:z')).toBe(0);
    expect(votesLeft(kindState('a', 'participant'))).toBe(3);
  });
});

describe('turns (R27)', () => {
  it('says who is at turn and moves members in the order', () => {
    expect(atTurn({ step_index: 5, order: ['a', 'b'], position: 1, lap: 1 })).toBe('b');
    expect(atTurn(undefined)).toBeNull();
    expect(moveInOrder(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    const o = ['a', 'b'];
    expect(moveInOrder(o, 'a', -1)).toBe(o);
  });
});

describe('react (R28) and ordering', () => {
  it('reacts to what everyone has seen since the question round', () => {
    // Steps 5 question_round, 6 private_write (presenter first), 7 react.
    const notes = [note('note:1', 'a', 4, 'oud'), note('note:2', 'b', 6, 'nieuw')];
    expect(reactSourceSteps(kindState('p', 'participant', { notes, revealed_steps: [4, 6] }), 7)).toEqual([6]);
    // Only to the presenter so far: not yet for everyone; and the round before is a boundary.
    expect(reactSourceSteps(kindState('p', 'participant', { notes, revealed_steps: [4], presenter_revealed_steps: [6] }), 7)).toEqual([]);
    expect(reactSourceSteps(kindState('p', 'participant'), 7)).toEqual([]);
    // Nothing since the question round: its questions (BOvV).
    const qs = [note('note:q', 'a', 5, 'vraag')];
    expect(reactSourceSteps(kindState('p', 'participant', { notes: qs }), 7)).toEqual([5]);
  });

  it('takes every shared step since then: the roddel step and the tips', () => {
    const m = { ...KIND_METHOD, steps: [KIND_METHOD.steps[5], KIND_METHOD.steps[8], KIND_METHOD.steps[8], KIND_METHOD.steps[7]] };
    const s = kindState('p', 'participant', { meeting: { ...kindState('p', 'participant').meeting, method: m }, notes: [note('note:g', 'a', 1, 'roddel'), note('note:t', 'a', 2, 'tip')] });
    expect(reactSourceSteps(s, 3)).toEqual([1, 2]);
  });

  it('lists the presenter first when asked (takeaways)', () => {
    const s = kindState('a', 'participant');
    const notes = [note('note:1', 'a', 9, 'x'), note('note:2', 'p', 9, 'y'), note('note:3', 'f', 9, 'z')];
    expect(authorOrder(s, notes, true)).toEqual(['p', 'f', 'a']);
    expect(authorOrder(s, notes, false)).toEqual(['f', 'a', 'p']);
  });
});

describe('board steps (R31, R34, R35)', () => {
  // A method with a shared board step (0), a private one with the relations template (1) and an info step (2).
  const boardMethod = {
    method_id: 'tekenen',
    title: { nl: 'Tekenen', en: 'Drawing' },
    steps: [
      { kind: 'board', title: { nl: 'Samen', en: 'Together' }, instructions: { nl: 'Teken', en: 'Draw' } },
      { kind: 'board', board: 'private', template: 'relations', title: { nl: 'Alleen', en: 'Alone' }, instructions: { nl: 'Teken', en: 'Draw' } },
      { kind: 'info', title: { nl: 'Klaar', en: 'Done' }, instructions: { nl: 'Klaar', en: 'Done' } },
    ],
  } as unknown as Method;
  const state = (me: string, role: 'facilitator' | 'participant', over: Record<string, unknown> = {}) =>
    fromWelcome(welcome(3, { member_id: me, role, snapshot: snapshot({ meeting: { ...snapshot().meeting, method: boardMethod }, ...over }) }));

  it('a private board step is a revealed step; a shared one is not; neither takes notes', () => {
    const s = state('a', 'participant', { step_index: 1 });
    expect(isBoardStep(s.meeting.method.steps[0])).toBe(true);
    expect(boardOf(s.meeting.method.steps[0])).toBe('shared');
    expect(boardOf(s.meeting.method.steps[1])).toBe('private');
    expect(boardOf(s.meeting.method.steps[2])).toBeNull();
    expect(isRevealStep(s.meeting.method.steps[1])).toBe(true);
    expect(isRevealStep(s.meeting.method.steps[0])).toBe(false);
    expect(canWrite(s, 1)).toBe(false);
    expect(canWrite(state('a', 'participant', { step_index: 0 }), 0)).toBe(false);
    // Done / reveal / auto-reveal apply to the private board step.
    expect(revealAction(state('f', 'facilitator', { step_index: 1 }), 1)).toBe('reveal_all');
    expect(revealAction(state('f', 'facilitator', { step_index: 0 }), 0)).toBe('none');
    expect(revealAction(state('f', 'facilitator', { step_index: 1, revealed_steps: [1] }), 1)).toBe('none');
  });

  it('board ids of a step, and who may change a board now', () => {
    const s = state('a', 'participant', { step_index: 1 });
    expect(stepBoardId(s, 0)).toBe('s:0');
    expect(stepBoardId(s, 1)).toBe('p:1:a');
    expect(stepBoardId(s, 1, 'b')).toBe('p:1:b');
    expect(stepBoardId(s, 2)).toBeNull();
    const shared = { board_id: 's:0', kind: 'shared' as const, title: null, step_index: 0, owner_id: null, template: null, locked: false };
    const mine = { ...shared, board_id: 'p:1:a', kind: 'private' as const, step_index: 1, owner_id: 'a' };
    expect(canChangeBoard(s, shared)).toBe(true);
    expect(canChangeBoard(s, { ...shared, locked: true })).toBe(false);
    expect(canChangeBoard(state('f', 'facilitator'), { ...shared, locked: true })).toBe(true);
    expect(canChangeBoard(s, mine)).toBe(true);
    expect(canChangeBoard(s, { ...mine, owner_id: 'b' })).toBe(false);
    expect(canChangeBoard(state('a', 'participant', { step_index: 0 }), mine)).toBe(false);
    expect(canChangeBoard(state('a', 'participant', { step_index: 1, revealed_steps: [1] }), mine)).toBe(false);
    expect(canChangeBoard(state('a', 'participant', { step_index: 1, ended: true }), shared)).toBe(false);
    expect(boardActor(state('f', 'facilitator', { step_index: 1, revealed_steps: [1] }))).toEqual({
      member_id: 'f',
      facilitator: true,
      step_index: 1,
      revealed_steps: [1],
      ended: false,
    });
  });
});
