// What each step kind lets each member do (protocol §4.2, R23–R30), as pure functions of the state,
// so the screens and the tests ask the same questions. The server decides in the end; these only
// keep the client from offering what the server would refuse.
import { LIMITS } from '../protocol/limits';
import { BOARD_STEP_KIND, type Member, type Method, type Note, type Round, type Step, type StepKind } from '../protocol/types';
import type { BoardActor, BoardInfo } from '../board/model';
import { isLocked, isRevealed, notesOfStep, type MeetingState } from './state';

export type NotePolicy = 'none' | 'until_reveal' | 'own' | 'shared' | 'facilitator';

const POLICY: Record<StepKind, NotePolicy> = {
  info: 'none',
  check_in: 'shared',
  check_out: 'shared',
  recall: 'shared',
  case_choice: 'until_reveal',
  present: 'own',
  private_write: 'until_reveal',
  question_round: 'none',
  react: 'none',
  discussion: 'shared',
  reflection: 'shared',
  takeaways: 'until_reveal',
  evaluation: 'facilitator',
};

/** Who sees a note of this kind of step; an unknown kind (a newer server) takes no notes here. */
export function notePolicy(kind: string): NotePolicy {
  return POLICY[kind as StepKind] ?? 'none';
}

export function stepAt(s: MeetingState, index: number): Step | undefined {
  return s.meeting.method.steps[index];
}

/** Steps whose notes (or private boards, R35) stay with their author until the facilitator reveals them. */
export function isRevealStep(st: Step | undefined): boolean {
  return !!st && (notePolicy(st.kind) === 'until_reveal' || boardOf(st) === 'private');
}

// --- Boards (R31–R36) --------------------------------------------------------------------------

/** A step of kind `board` opens a board; it takes no notes (its objects are on the board). */
export function isBoardStep(st: Step | undefined): boolean {
  // Read as a string: `board` is not in StepKind yet (see protocol/types.ts).
  const kind: string | undefined = st?.kind;
  return kind === BOARD_STEP_KIND;
}

/** The board of a board step: one for everyone (`shared`, the default) or one per member; null otherwise. */
export function boardOf(st: Step | undefined): 'shared' | 'private' | null {
  if (!isBoardStep(st)) return null;
  return st!.board === 'private' ? 'private' : 'shared';
}

/** The id of the board step `index` opens for `memberId` (R31): s:N, or p:N:MEMBER_ID; null otherwise. */
export function stepBoardId(s: MeetingState, index: number, memberId: string = s.memberId): string | null {
  const kind = boardOf(stepAt(s, index));
  if (kind === 'shared') return `s:${index}`;
  if (kind === 'private') return `p:${index}:${memberId}`;
  return null;
}

/** Who is changing boards, with the meeting context the board rules need (R34): for BoardSync. */
export function boardActor(s: MeetingState): BoardActor {
  return {
    member_id: s.memberId,
    facilitator: s.role === 'facilitator',
    step_index: s.stepIndex,
    revealed_steps: s.revealedSteps,
    ended: s.ended,
  };
}

/** May this member change the board now (R34)? The server decides in the end. */
export function canChangeBoard(s: MeetingState, b: BoardInfo): boolean {
  if (s.ended) return false;
  if (b.kind === 'private') {
    return b.owner_id === s.memberId && b.step_index === s.stepIndex && !isRevealed(s, b.step_index);
  }
  return !b.locked || s.role === 'facilitator';
}

export function isPresenter(s: MeetingState, memberId: string = s.memberId): boolean {
  return s.presenterId !== null && s.presenterId === memberId;
}

/** The presenter has said yes: presenter commands (marks) are allowed (R26). */
export function presenterReady(s: MeetingState): boolean {
  return s.presenterId !== null && s.presenterConsent === 'given';
}

/** The presenter only listens in this step (the roddel step): no input for them. */
export function presenterListens(s: MeetingState, index: number, memberId: string = s.memberId): boolean {
  const st = stepAt(s, index);
  return !!st?.presenter_listens && isPresenter(s, memberId);
}

/** Everyone still in the meeting (removed members stay in the record only). */
export function activeMembers(s: MeetingState): Member[] {
  return s.members.filter((m) => !m.removed);
}

/** May this member write notes in step `index` now? */
export function canWrite(s: MeetingState, index: number, memberId: string = s.memberId): boolean {
  const st = stepAt(s, index);
  if (!st || s.ended || index !== s.stepIndex) return false;
  const policy = notePolicy(st.kind);
  if (policy === 'none') return false;
  if (presenterListens(s, index, memberId)) return false;
  // The presenter tells; the others jot.
  if (st.kind === 'present' && isPresenter(s, memberId)) return false;
  if (policy === 'until_reveal' && isLocked(s, index)) return false;
  return true;
}

/** Members expected to write in a step: shown in "who is done" (mirrors R25's expected writers). */
export function expectedWriters(s: MeetingState, index: number): Member[] {
  const st = stepAt(s, index);
  return activeMembers(s).filter((m) => !(st?.presenter_listens && isPresenter(s, m.member_id)));
}

// --- Step navigation -------------------------------------------------------------------------

/** "Next" passes over optional steps; null at the end. */
export function nextStepIndex(m: Method, from: number): number | null {
  for (let i = from + 1; i < m.steps.length; i++) if (!m.steps[i].optional) return i;
  return null;
}

/**
 * "Back" goes to the previous step that is not optional, like "next"; when only optional steps
 * lie before (a check-in at the start), to the step just before, so back always leads somewhere.
 */
export function prevStepIndex(m: Method, from: number): number | null {
  for (let i = from - 1; i >= 0; i--) if (!m.steps[i].optional) return i;
  return from > 0 ? from - 1 : null;
}

// --- Reveal (R21, R24, R25) --------------------------------------------------------------------

export type RevealAction = 'none' | 'reveal_all' | 'reveal_presenter' | 'reveal_rest';

/** What the facilitator's reveal button does now in step `index`. */
export function revealAction(s: MeetingState, index: number): RevealAction {
  const st = stepAt(s, index);
  if (!isRevealStep(st) || s.ended || index !== s.stepIndex || isRevealed(s, index)) return 'none';
  if (s.presenterRevealedSteps.includes(index)) return 'reveal_rest';
  // Without a presenter the first reveal goes to everyone (R24).
  if (st!.reveal === 'presenter_first' && s.presenterId !== null) return 'reveal_presenter';
  return 'reveal_all';
}

/** Can this member read the notes of a revealed step? (A presenter-first step shows them to the presenter first.) */
export function seesRevealed(s: MeetingState, index: number): boolean {
  return isRevealed(s, index) || (s.presenterRevealedSteps.includes(index) && isPresenter(s));
}

// --- Case choice (R26) -------------------------------------------------------------------------

export function myVotesOn(s: MeetingState, noteId: string): number {
  return s.votes.find((v) => v.member_id === s.memberId && v.note_id === noteId)?.votes ?? 0;
}

export function votesLeft(s: MeetingState): number {
  const used = s.votes.filter((v) => v.member_id === s.memberId).reduce((a, v) => a + v.votes, 0);
  return Math.max(0, LIMITS.voteBudget - used);
}

export function voteTotal(s: MeetingState, noteId: string): number {
  return s.votes.filter((v) => v.note_id === noteId).reduce((a, v) => a + v.votes, 0);
}

export function caseNote(s: MeetingState): Note | undefined {
  return s.caseNoteId ? s.notes.find((n) => n.note_id === s.caseNoteId) : undefined;
}

// --- Question round (R27) ----------------------------------------------------------------------

export function roundOf(s: MeetingState, index: number): Round | undefined {
  return s.rounds.find((r) => r.step_index === index);
}

/** The member whose turn it is, or null. */
export function atTurn(r: Round | undefined): string | null {
  if (!r || r.order.length === 0) return null;
  return r.order[r.position] ?? null;
}

/** The order with one member moved up (-1) or down (+1); the same list when it cannot move. */
export function moveInOrder(order: string[], memberId: string, delta: -1 | 1): string[] {
  const i = order.indexOf(memberId);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return order;
  const out = order.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

// --- React (R28) -------------------------------------------------------------------------------

/** Kinds whose notes are reactions to the case: what the presenter can say touches most. */
const REACTABLE: ReadonlySet<string> = new Set(['private_write', 'discussion', 'reflection']);
/** Kinds that close off what came before: the reaction looks no further back than these. */
const BOUNDARY: ReadonlySet<string> = new Set(['present', 'question_round', 'react', 'case_choice']);

/**
 * What the presenter reacts to (R28): the steps since the last question round (or telling, or
 * earlier reaction) whose notes everyone sees — revealed observations, or shared steps such as
 * the roddel step and the tips — and that have notes, in method order; when there are none, the
 * questions of the question round itself. The presenter may mark one note per step as the one
 * that touches most.
 */
export function reactSourceSteps(s: MeetingState, index: number): number[] {
  const out: number[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const st = stepAt(s, i);
    if (!st) break;
    if (BOUNDARY.has(st.kind)) {
      // Nothing written since the question round (BOvV's Oordeelsvorming 1): react to its questions.
      if (st.kind === 'question_round' && out.length === 0 && notesOfStep(s, i).length > 0) out.push(i);
      break;
    }
    const visible = isRevealed(s, i) || notePolicy(st.kind) === 'shared';
    if (REACTABLE.has(st.kind) && visible && notesOfStep(s, i).length > 0) out.unshift(i);
  }
  return out;
}

// --- Ordering ----------------------------------------------------------------------------------

/** Author ids in display order: the presenter first when asked (takeaways), then by join order. */
export function authorOrder(s: MeetingState, notes: Note[], presenterFirst: boolean): string[] {
  const ids = [...new Set(notes.map((n) => n.author_id))];
  const joined = new Map(s.members.map((m, i) => [m.member_id, i]));
  ids.sort((a, b) => (joined.get(a) ?? 1e9) - (joined.get(b) ?? 1e9));
  if (presenterFirst && s.presenterId && ids.includes(s.presenterId)) return [s.presenterId, ...ids.filter((x) => x !== s.presenterId)];
  return ids;
}
