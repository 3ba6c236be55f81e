// Limits of protocol v1 (§2 field limits, §8). Mirrors server/src/domain/limits.hpp.
export const LIMITS = {
  messageSoftMax: 64 * 1024,
  jsonDepthMax: 8,
  nameMax: 60,
  titleMax: 120,
  agreementMax: 2000,
  noteTextMax: 2000,
  idMax: 64,
  memberTokenMax: 128,
  noteIdRandomMin: 16,
  stepIndexMax: 999,
  maxSafeInteger: Number.MAX_SAFE_INTEGER,
  notesPerMemberPerStep: 50,
  /** timer_start.duration_seconds (R22). */
  timerDurationMax: 86400,
  /** timer_add.seconds (R22). */
  timerAddMax: 3600,
  /** Urgency votes per member in a case_choice step, in all (R26). */
  voteBudget: 3,
  /** rate.score (R29). */
  scoreMin: 1,
  scoreMax: 5,
  /** turn_order.member_ids (R27). */
  turnOrderMax: 40,
} as const;
