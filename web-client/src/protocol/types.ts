// Wire types of protocol v1 (protocol/README.md). Kept as plain interfaces: the server is the
// source of truth, the client only reads what the protocol promises.
import type { BoardChange, BoardInfo, BoardObject } from '../board/model';

export const PROTOCOL_VERSION = 1;

export type Category = 'professional' | 'student' | 'parent' | 'young_person' | 'teacher';
export const CATEGORIES: readonly Category[] = ['professional', 'student', 'parent', 'young_person', 'teacher'];

export type Role = 'facilitator' | 'participant';

export interface Localized {
  nl: string;
  en: string;
}

export interface Member {
  member_id: string;
  name: string;
  category: Category;
  role: Role;
  online: boolean;
  /** Removed by the facilitator (R30): kept so the record of the meeting stays whole. */
  removed?: boolean;
}

export type Rating = 'cold' | 'lukewarm' | 'warm';
export const RATINGS: readonly Rating[] = ['cold', 'lukewarm', 'warm'];

/** The presenter's marks on a visible note (R28). */
export interface Marks {
  picked: boolean;
  rating: Rating | null;
  answered: boolean;
  touches: boolean;
}

export type NoteLabel = 'top' | 'tip';

export interface Note {
  note_id: string;
  author_id: string;
  step_index: number;
  text: string;
  updated_at: number;
  /** A case proposal's title (case_choice, R26). */
  title?: string;
  /** An evaluation note's label (R29). */
  label?: NoteLabel;
  marks?: Marks;
}

/**
 * The step kinds of §4.2 (R23) that take notes or turns: rules.ts keeps a note policy for each in a
 * Record<StepKind, …>. An unknown kind from a newer server is shown as `info`. A method step may
 * also be a `board` step (BOARD_STEP_KIND, R31), which takes no notes (its writing is the board):
 * MethodStepKind is every kind a step may have, and what the method editor offers.
 */
export type StepKind =
  | 'info'
  | 'check_in'
  | 'check_out'
  | 'recall'
  | 'case_choice'
  | 'present'
  | 'private_write'
  | 'question_round'
  | 'react'
  | 'discussion'
  | 'reflection'
  | 'takeaways'
  | 'evaluation';

/** The kind of a step that opens a board (R31); see StepKind. */
export const BOARD_STEP_KIND = 'board';

/** Every kind a method step may have (§4.2): the note-taking kinds and `board`. */
export type MethodStepKind = StepKind | typeof BOARD_STEP_KIND;

export interface Step {
  /** A MethodStepKind, or (read as a string) a newer server's kind. */
  kind: MethodStepKind;
  title: Localized;
  instructions: Localized;
  timebox_minutes?: number;
  /** Passed over by "next"; opened from the step list. */
  optional?: boolean;
  /** Revealed steps: to everyone at once (default) or to the presenter first (R24). */
  reveal?: 'everyone' | 'presenter_first';
  /** The presenter only listens in this step: no input for them. */
  presenter_listens?: boolean;
  /** A `board` step (R31): one board for everyone (default) or one per member, revealed together (R35). */
  board?: 'shared' | 'private';
  /** A `board` step's background (R31). */
  template?: 'relations';
}

/** A board as the server sends it (snapshot, board_added, revealed): R31. */
export type WireBoard = BoardInfo & { objects: BoardObject[] };

export interface Method {
  method_id: string;
  title: Localized;
  steps: Step[];
  /** The number the method's own text gives its first step: 0 for "Stap 0", else 1. */
  first_step_number?: number;
}

/**
 * The number a person reads for step `index`: only steps that are not optional are numbered, from
 * the method's first_step_number (its texts count from 0 or 1), so the numbers match the method's
 * own text however many optional steps (a check-in, a variation) are mixed in. An optional step has
 * no number (null): it shows "optioneel".
 */
export function stepNumber(m: Method, index: number): number | null {
  if (m.steps[index]?.optional) return null;
  let n = m.first_step_number ?? 1;
  for (let i = 0; i < index && i < m.steps.length; i++) if (!m.steps[i].optional) n++;
  return n;
}

/** The number of the last numbered step ("Stap 3 van 10"). */
export function lastStepNumber(m: Method): number {
  const first = m.first_step_number ?? 1;
  const numbered = m.steps.filter((s) => !s.optional).length;
  return numbered === 0 ? first : first + numbered - 1;
}

export interface Progress {
  step_index: number;
  member_id: string;
  note_count: number;
  done: boolean;
}

/** A step's countdown (R22): running until ends_at (server time), or paused with remaining_ms left. */
export type Timer =
  | { step_index: number; running: true; ends_at: number }
  | { step_index: number; running: false; remaining_ms: number };

/** A question round's turns (R27): `order[position]` is at turn; `lap` counts from 1. */
export interface Round {
  step_index: number;
  order: string[];
  position: number;
  lap: number;
}

export interface Vote {
  member_id: string;
  note_id: string;
  votes: number;
}

export interface RatingScore {
  member_id: string;
  step_index: number;
  score: number;
}

/** The group's previous meeting, brought back in a recall step. */
export interface Recall {
  meeting_title: string;
  presenter_name: string | null;
  case: { title: string; text: string } | null;
  takeaways: { name: string; presenter: boolean; text: string }[];
}

export type Consent = 'pending' | 'given';

export interface Snapshot {
  meeting: {
    meeting_id: string;
    title: string;
    group_name: string;
    agreement: string;
    method: Method;
  };
  step_index: number;
  presenter_id: string | null;
  members: Member[];
  notes: Note[];
  progress: Progress[];
  revealed_steps: number[];
  /** Absent only from a server older than R22: read as null. */
  timer?: Timer | null;
  // R23–R30. Optional here so that a snapshot of an older server still reads (as empty).
  presenter_consent?: Consent | null;
  case_note_id?: string | null;
  presenter_revealed_steps?: number[];
  auto_reveal_steps?: number[];
  votes?: Vote[];
  rounds?: Round[];
  ratings?: RatingScore[];
  recall?: Recall | null;
  ended?: boolean;
  /** Every board this member may see (R31, R35); absent from a server older than boards. */
  boards?: WireBoard[];
}

export interface Welcome {
  protocol: number;
  meeting_id: string;
  member_id: string;
  role: Role;
  server_time: number;
  seq: number;
  resumed?: boolean;
  snapshot?: Snapshot;
}

/** Events that carry a seq: the meeting's change sequence (R14). */
export type SeqEvent =
  | { type: 'member_joined'; data: { seq: number; member: Member } }
  | { type: 'step_changed'; data: { seq: number; step_index: number; round?: Round } }
  | { type: 'presenter_appointed'; data: { seq: number; member_id: string | null; case_note_id?: string | null; consent?: Consent | null } }
  | { type: 'note_saved'; data: { seq: number; note: Note } }
  | { type: 'note_deleted'; data: { seq: number; note_id: string; step_index: number } }
  | { type: 'note_progress'; data: { seq: number; step_index: number; member_id: string; note_count: number; done: boolean } }
  | { type: 'revealed'; data: { seq: number; step_index: number; to?: 'presenter' | 'everyone'; notes?: Note[]; boards?: WireBoard[] } }
  | { type: 'timer_changed'; data: { seq: number; timer: Timer | null } }
  | { type: 'vote_cast'; data: { seq: number; member_id: string; note_id: string; votes: number } }
  | { type: 'presenter_consent'; data: { seq: number; member_id: string; accepted: boolean } }
  | { type: 'question_asked'; data: { seq: number; note: Note; round: Round } }
  | { type: 'turn_changed'; data: { seq: number; round: Round } }
  | { type: 'note_marked'; data: { seq: number; note_id: string; step_index: number; marks: Marks } }
  | { type: 'rated'; data: { seq: number; member_id: string; step_index: number; score: number } }
  | { type: 'auto_reveal_set'; data: { seq: number; step_index: number; on: boolean } }
  | { type: 'roles_changed'; data: { seq: number; members: { member_id: string; role: Role }[] } }
  | { type: 'member_removed'; data: { seq: number; member_id: string } }
  | { type: 'meeting_ended'; data: { seq: number } }
  // Boards (R31–R36): they advance the seq; their content lives in BoardSync, not MeetingState.
  | { type: 'board_changed'; data: { seq: number; board_id: string } & BoardChange }
  | { type: 'board_added'; data: { seq: number; board: WireBoard } }
  | { type: 'board_locked'; data: { seq: number; board_id: string; locked: boolean } }
  | { type: 'board_cleared'; data: { seq: number; board_id: string } };

/** board_view (R36) and board_live (R37) as received: no seq, never stored. */
export interface BoardViewEvent {
  member_id: string;
  board_id: string;
  x: number;
  y: number;
  zoom: number;
}
export interface LiveStrokeData {
  id: string;
  color: string;
  width: number;
  tool: 'pen' | 'highlighter';
  points: number[];
}
export interface BoardLiveEvent {
  member_id: string;
  board_id: string;
  cursor?: { x: number; y: number } | null;
  laser?: boolean;
  stroke?: LiveStrokeData;
}

export const BOARD_EVENT_TYPES: ReadonlySet<string> = new Set([
  'board_changed',
  'board_added',
  'board_locked',
  'board_cleared',
  'board_view',
  'board_live',
]);

export type ServerMessage =
  | ({ ref?: number } & SeqEvent)
  | { type: 'welcome'; ref?: number; data: Welcome }
  | { type: 'pong'; ref?: number; data: { server_time: number } }
  | { type: 'ack'; ref?: number; data?: Record<string, never> }
  | { type: 'error'; ref?: number; data: { code: string; message?: string } }
  | { type: 'presence'; ref?: number; data: { member_id: string; online: boolean } }
  | { type: 'board_view'; ref?: number; data: BoardViewEvent }
  | { type: 'board_live'; ref?: number; data: BoardLiveEvent };

export const SEQ_EVENT_TYPES: ReadonlySet<string> = new Set([
  'member_joined',
  'step_changed',
  'presenter_appointed',
  'note_saved',
  'note_deleted',
  'note_progress',
  'revealed',
  'timer_changed',
  'vote_cast',
  'presenter_consent',
  'question_asked',
  'turn_changed',
  'note_marked',
  'rated',
  'auto_reveal_set',
  'roles_changed',
  'member_removed',
  'meeting_ended',
  'board_changed',
  'board_added',
  'board_locked',
  'board_cleared',
]);

/** Commands the client sends (without envelope ref). */
export type Command =
  | { type: 'hello'; data: { protocol: number; member_token: string; last_seq?: number } }
  | { type: 'ping'; data?: Record<string, never> }
  | { type: 'set_step'; data: { meeting_id: string; step_index: number } }
  | { type: 'appoint_presenter'; data: { meeting_id: string; member_id: string | null; case_note_id?: string | null } }
  | { type: 'note_save'; data: { meeting_id: string; note_id: string; text: string; title?: string; label?: NoteLabel } }
  | { type: 'note_delete'; data: { meeting_id: string; note_id: string } }
  | { type: 'set_done'; data: { meeting_id: string; done: boolean } }
  | { type: 'reveal'; data: { meeting_id: string } }
  | { type: 'timer_start'; data: { meeting_id: string; duration_seconds?: number } }
  | { type: 'timer_pause'; data: { meeting_id: string } }
  | { type: 'timer_add'; data: { meeting_id: string; seconds: number } }
  | { type: 'vote'; data: { meeting_id: string; note_id: string; votes: number } }
  | { type: 'consent'; data: { meeting_id: string; accept: boolean } }
  | { type: 'ask'; data: { meeting_id: string; note_id: string; text: string } }
  | { type: 'pass'; data: { meeting_id: string } }
  | { type: 'turn_skip'; data: { meeting_id: string } }
  | { type: 'turn_order'; data: { meeting_id: string; member_ids: string[] } }
  | {
      type: 'note_mark';
      data: { meeting_id: string; note_id: string; picked?: boolean; rating?: Rating | null; answered?: boolean; touches?: boolean };
    }
  | { type: 'rate'; data: { meeting_id: string; score: number } }
  | { type: 'set_auto_reveal'; data: { meeting_id: string; on: boolean } }
  | { type: 'hand_facilitation'; data: { meeting_id: string; member_id: string } }
  | { type: 'remove_member'; data: { meeting_id: string; member_id: string } }
  | { type: 'end_meeting'; data: { meeting_id: string } }
  // Boards (R33–R37).
  | { type: 'board_change'; data: { meeting_id: string; board_id: string } & BoardChange }
  | { type: 'board_add'; data: { meeting_id: string; board_id: string; title: string; template?: 'relations' | null } }
  | { type: 'board_lock'; data: { meeting_id: string; board_id: string; locked: boolean } }
  | { type: 'board_clear'; data: { meeting_id: string; board_id: string } }
  | { type: 'board_view'; data: { meeting_id: string; board_id: string; x: number; y: number; zoom: number } }
  | {
      type: 'board_live';
      data: { meeting_id: string; board_id: string; cursor?: { x: number; y: number } | null; laser?: boolean; stroke?: LiveStrokeData };
    };

export type CommandType = Command['type'];
