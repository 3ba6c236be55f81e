// The meeting as this client knows it: built from welcome.snapshot, then advanced by events in
// seq order (R12, R14). Pure functions, so they can be tested without a socket.
import { BOARD_STEP_KIND } from '../protocol/types';
import type { Consent, Member, Note, Progress, RatingScore, Recall, Role, Round, SeqEvent, Snapshot, Timer, Vote, Welcome } from '../protocol/types';

export interface MeetingState {
  meetingId: string;
  memberId: string;
  role: Role;
  /** Highest seq applied; sent as hello.last_seq on reconnect. */
  seq: number;
  meeting: Snapshot['meeting'];
  stepIndex: number;
  presenterId: string | null;
  members: Member[];
  /** My own notes of unrevealed steps, plus every note of revealed steps. */
  notes: Note[];
  progress: Progress[];
  revealedSteps: number[];
  /** Steps revealed to the presenter only so far (R24, presenter_first). */
  presenterRevealedSteps: number[];
  /** Steps the server reveals by itself when every expected writer is done (R25). */
  autoRevealSteps: number[];
  /** 'pending' until the appointed presenter consents (R26); null without a presenter. */
  presenterConsent: Consent | null;
  /** The chosen case proposal, or null. */
  caseNoteId: string | null;
  votes: Vote[];
  /** Question rounds, one per question_round step that was entered (R27). */
  rounds: Round[];
  /** Evaluation scores this member may see (own; all of them for a facilitator) (R29). */
  ratings: RatingScore[];
  recall: Recall | null;
  ended: boolean;
  /** The current step's countdown (R22), or null. */
  timer: Timer | null;
  /**
   * server time − local time, in ms, measured at the latest welcome or pong (R22). The countdown
   * shows ends_at − (Date.now() + clockOffset), so a phone whose clock is off still agrees.
   */
  clockOffset: number;
}

export function fromWelcome(w: Welcome, now: number = Date.now()): MeetingState {
  const s = w.snapshot;
  if (!s) throw new Error('welcome without snapshot');
  return {
    meetingId: w.meeting_id,
    memberId: w.member_id,
    role: w.role,
    seq: w.seq,
    meeting: s.meeting,
    stepIndex: s.step_index,
    presenterId: s.presenter_id,
    members: s.members.slice(),
    notes: s.notes.slice(),
    progress: s.progress.slice(),
    revealedSteps: s.revealed_steps.slice(),
    presenterRevealedSteps: (s.presenter_revealed_steps ?? []).slice(),
    autoRevealSteps: (s.auto_reveal_steps ?? []).slice(),
    // A server without consent (older than R26) knows only appointed presenters: read as given.
    presenterConsent: s.presenter_consent !== undefined ? s.presenter_consent : s.presenter_id ? 'given' : null,
    caseNoteId: s.case_note_id ?? null,
    votes: (s.votes ?? []).slice(),
    rounds: (s.rounds ?? []).slice(),
    ratings: (s.ratings ?? []).slice(),
    recall: s.recall ?? null,
    ended: s.ended ?? false,
    timer: s.timer ?? null,
    clockOffset: w.server_time - now,
  };
}

/**
 * What to do with a welcome: a snapshot replaces everything; `resumed` keeps our state, and the
 * events after our last_seq follow. A resumed welcome without a state to resume is a protocol
 * slip: the caller must reconnect without last_seq.
 */
export function applyWelcome(prev: MeetingState | null, w: Welcome, now: number = Date.now()): MeetingState | null {
  if (w.snapshot) return fromWelcome(w, now);
  if (w.resumed && prev && prev.meetingId === w.meeting_id)
    return { ...prev, role: w.role, memberId: w.member_id, clockOffset: w.server_time - now };
  return null;
}

export type ApplyResult =
  | { kind: 'applied'; state: MeetingState }
  | { kind: 'duplicate' }
  /** A seq is missing: resume from state.seq (R14). */
  | { kind: 'gap' };

export function applyEvent(state: MeetingState, ev: SeqEvent): ApplyResult {
  const seq = ev.data.seq;
  if (seq <= state.seq) return { kind: 'duplicate' };
  if (seq !== state.seq + 1) return { kind: 'gap' };
  return { kind: 'applied', state: { ...reduce(state, ev), seq } };
}

function upsertBy<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  const i = list.findIndex(same);
  if (i < 0) return [...list, item];
  const out = list.slice();
  out[i] = item;
  return out;
}

function addStep(list: number[], step: number): number[] {
  return list.includes(step) ? list : [...list, step];
}

function withRound(s: MeetingState, r: Round | undefined): Round[] {
  return r ? upsertBy(s.rounds, r, (x) => x.step_index === r.step_index) : s.rounds;
}

function reduce(s: MeetingState, ev: SeqEvent): MeetingState {
  switch (ev.type) {
    case 'member_joined': {
      const m = ev.data.member;
      return { ...s, members: upsertBy(s.members, m, (x) => x.member_id === m.member_id) };
    }
    case 'step_changed':
      // A new step has no timer until the facilitator starts one (R22); entering a question
      // round carries its round (R27).
      return { ...s, stepIndex: ev.data.step_index, timer: null, rounds: withRound(s, ev.data.round) };
    case 'presenter_appointed': {
      const id = ev.data.member_id;
      const consent = ev.data.consent !== undefined ? ev.data.consent : id ? 'given' : null;
      return { ...s, presenterId: id, caseNoteId: id ? (ev.data.case_note_id ?? null) : null, presenterConsent: id ? consent : null };
    }
    case 'presenter_consent':
      if (ev.data.member_id !== s.presenterId) return s;
      // Declining clears the presenter (R26).
      return ev.data.accepted ? { ...s, presenterConsent: 'given' } : { ...s, presenterId: null, presenterConsent: null, caseNoteId: null };
    case 'note_saved':
      return { ...s, notes: upsertNote(s.notes, ev.data.note) };
    case 'note_deleted':
      return { ...s, notes: s.notes.filter((x) => x.note_id !== ev.data.note_id) };
    case 'note_progress': {
      const { step_index, member_id, note_count, done } = ev.data;
      const p: Progress = { step_index, member_id, note_count, done };
      return {
        ...s,
        progress: upsertBy(s.progress, p, (x) => x.step_index === step_index && x.member_id === member_id),
      };
    }
    case 'revealed': {
      const step = ev.data.step_index;
      // A revealed event with notes carries every note of the step: it replaces what we had.
      // Without notes (R24: shown to the presenter, not to us) we keep our own.
      const notes = ev.data.notes ? s.notes.filter((x) => x.step_index !== step).concat(ev.data.notes) : s.notes;
      if (ev.data.to === 'presenter') return { ...s, notes, presenterRevealedSteps: addStep(s.presenterRevealedSteps, step) };
      return { ...s, notes, revealedSteps: addStep(s.revealedSteps, step) };
    }
    case 'timer_changed':
      return { ...s, timer: ev.data.timer };
    case 'vote_cast': {
      const { member_id, note_id, votes } = ev.data;
      const rest = s.votes.filter((v) => !(v.member_id === member_id && v.note_id === note_id));
      return { ...s, votes: votes > 0 ? [...rest, { member_id, note_id, votes }] : rest };
    }
    case 'question_asked':
      return { ...s, notes: upsertNote(s.notes, ev.data.note), rounds: withRound(s, ev.data.round) };
    case 'turn_changed':
      return { ...s, rounds: withRound(s, ev.data.round) };
    case 'note_marked': {
      const { note_id, marks } = ev.data;
      return { ...s, notes: s.notes.map((n) => (n.note_id === note_id ? { ...n, marks } : n)) };
    }
    case 'rated': {
      const r: RatingScore = { member_id: ev.data.member_id, step_index: ev.data.step_index, score: ev.data.score };
      return { ...s, ratings: upsertBy(s.ratings, r, (x) => x.member_id === r.member_id && x.step_index === r.step_index) };
    }
    case 'auto_reveal_set': {
      const { step_index, on } = ev.data;
      return { ...s, autoRevealSteps: on ? addStep(s.autoRevealSteps, step_index) : s.autoRevealSteps.filter((x) => x !== step_index) };
    }
    case 'roles_changed': {
      const roles = new Map(ev.data.members.map((m) => [m.member_id, m.role]));
      return {
        ...s,
        members: s.members.map((m) => (roles.has(m.member_id) ? { ...m, role: roles.get(m.member_id)! } : m)),
        // The new welcome that follows (R30) brings what the new role may see; the role is ours now.
        role: roles.get(s.memberId) ?? s.role,
      };
    }
    case 'member_removed': {
      const id = ev.data.member_id;
      const members = s.members.map((m) => (m.member_id === id ? { ...m, removed: true, online: false } : m));
      if (s.presenterId === id) return { ...s, members, presenterId: null, presenterConsent: null, caseNoteId: null };
      return { ...s, members };
    }
    case 'meeting_ended':
      return { ...s, ended: true, timer: null };
    case 'board_changed':
    case 'board_added':
    case 'board_locked':
    case 'board_cleared':
      // Boards live in BoardSync (src/board/sync.ts); here they only take their place in the
      // sequence, so a gap is still noticed (R14).
      return s;
  }
  // A newer server's event this client does not know: the seq still counts.
  return s;
}

function upsertNote(list: Note[], n: Note): Note[] {
  return upsertBy(list, n, (x) => x.note_id === n.note_id);
}

/** A pong carries the server's clock: keep the latest offset (R22). */
export function applyServerTime(s: MeetingState, serverTime: number, now: number = Date.now()): MeetingState {
  return { ...s, clockOffset: serverTime - now };
}

/**
 * Milliseconds left on a timer at local time `now`, given offset = server time − local time.
 * Never negative; a paused timer keeps its remaining_ms.
 */
export function remaining(timer: Timer, now: number, offset: number): number {
  const ms = timer.running ? timer.ends_at - (now + offset) : timer.remaining_ms;
  return Math.max(0, ms);
}

/** m:ss (or h:mm:ss from an hour), rounding up so 0:00 shows only when the time is really up. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Presence is outside the sequence (R19): no seq check. */
export function applyPresence(s: MeetingState, memberId: string, online: boolean): MeetingState {
  if (!s.members.some((m) => m.member_id === memberId)) return s;
  return { ...s, members: s.members.map((m) => (m.member_id === memberId ? { ...m, online } : m)) };
}

// Selectors used by the views.

export function currentStep(s: MeetingState) {
  return s.meeting.method.steps[s.stepIndex];
}

/** Revealed to everyone. */
export function isRevealed(s: MeetingState, step: number): boolean {
  return s.revealedSteps.includes(step);
}

/** Read-only from now on: revealed to everyone or to the presenter (R24). */
export function isLocked(s: MeetingState, step: number): boolean {
  return s.revealedSteps.includes(step) || s.presenterRevealedSteps.includes(step);
}

export function myNotes(s: MeetingState, step: number): Note[] {
  return s.notes.filter((n) => n.step_index === step && n.author_id === s.memberId);
}

export function notesOfStep(s: MeetingState, step: number): Note[] {
  return s.notes.filter((n) => n.step_index === step);
}

export function progressOf(s: MeetingState, step: number, memberId: string): Progress {
  const p = s.progress.find((x) => x.step_index === step && x.member_id === memberId) ?? {
    step_index: step,
    member_id: memberId,
    note_count: 0,
    done: false,
  };
  // The author hears of their own notes as note_saved/note_deleted, not as note_progress (R20):
  // count my own notes myself. A board step counts objects on my board, which BoardSync knows.
  const kind: string | undefined = s.meeting.method.steps[step]?.kind;
  if (memberId === s.memberId && kind !== BOARD_STEP_KIND) return { ...p, note_count: myNotes(s, step).length };
  return p;
}

export function memberById(s: MeetingState, id: string | null): Member | undefined {
  return id === null ? undefined : s.members.find((m) => m.member_id === id);
}
