// Wire types of protocol v1 (protocol/README.md). Kept as plain interfaces: the server is the
// source of truth, the client only reads what the protocol promises.

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
}

export interface Note {
  note_id: string;
  author_id: string;
  step_index: number;
  text: string;
  updated_at: number;
}

export interface Step {
  kind: 'info' | 'private_write';
  title: Localized;
  instructions: Localized;
  timebox_minutes?: number;
}

export interface Method {
  method_id: string;
  title: Localized;
  steps: Step[];
  /** The number the method's own text gives its first step: 0 for "Stap 0", else 1. */
  first_step_number?: number;
}

/** The number a person reads for step `index` of a method (its texts count from 0 or 1). */
export function stepNumber(m: Method, index: number): number {
  return index + (m.first_step_number ?? 1);
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
  | { type: 'step_changed'; data: { seq: number; step_index: number } }
  | { type: 'presenter_appointed'; data: { seq: number; member_id: string | null } }
  | { type: 'note_saved'; data: { seq: number; note: Note } }
  | { type: 'note_deleted'; data: { seq: number; note_id: string; step_index: number } }
  | { type: 'note_progress'; data: { seq: number; step_index: number; member_id: string; note_count: number; done: boolean } }
  | { type: 'revealed'; data: { seq: number; step_index: number; notes: Note[] } }
  | { type: 'timer_changed'; data: { seq: number; timer: Timer | null } };

export type ServerMessage =
  | ({ ref?: number } & SeqEvent)
  | { type: 'welcome'; ref?: number; data: Welcome }
  | { type: 'pong'; ref?: number; data: { server_time: number } }
  | { type: 'ack'; ref?: number; data?: Record<string, never> }
  | { type: 'error'; ref?: number; data: { code: string; message?: string } }
  | { type: 'presence'; ref?: number; data: { member_id: string; online: boolean } };

export const SEQ_EVENT_TYPES: ReadonlySet<string> = new Set([
  'member_joined',
  'step_changed',
  'presenter_appointed',
  'note_saved',
  'note_deleted',
  'note_progress',
  'revealed',
  'timer_changed',
]);

/** Commands the client sends (without envelope ref). */
export type Command =
  | { type: 'hello'; data: { protocol: number; member_token: string; last_seq?: number } }
  | { type: 'ping'; data?: Record<string, never> }
  | { type: 'set_step'; data: { meeting_id: string; step_index: number } }
  | { type: 'appoint_presenter'; data: { meeting_id: string; member_id: string | null } }
  | { type: 'note_save'; data: { meeting_id: string; note_id: string; text: string } }
  | { type: 'note_delete'; data: { meeting_id: string; note_id: string } }
  | { type: 'set_done'; data: { meeting_id: string; done: boolean } }
  | { type: 'reveal'; data: { meeting_id: string } }
  | { type: 'timer_start'; data: { meeting_id: string; duration_seconds?: number } }
  | { type: 'timer_pause'; data: { meeting_id: string } }
  | { type: 'timer_add'; data: { meeting_id: string; seconds: number } };

export type CommandType = Command['type'];
