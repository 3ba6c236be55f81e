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

// Boards (protocol §4.4, R31–R38). Mirrors server/src/domain/board.hpp board_rules.
export const BOARD_LIMITS = {
  /** Objects per board, deleted ones included (R33). */
  objects: 500,
  /** Numbers in all `points` of one board (R33). */
  points: 20000,
  /** put + set + delete entries of one board_change (R33). */
  entries: 200,
  /** Boards the facilitator may add (R31). */
  addedBoards: 10,
  /** x, y and every number of points (R32). */
  coordinate: 50000,
  text: 1000,
  label: 200,
  strokeNumbersMin: 4,
  strokeNumbersMax: 2000,
  /** board_live stroke.points (R37). */
  liveNumbersMin: 2,
  liveNumbersMax: 400,
  zoomMin: 0.05,
  zoomMax: 20,
  /** A client sends at most one board_live per this many ms (R37). */
  liveIntervalMs: 40,
  /** A remote cursor fades after this long without an update (R37). */
  cursorFadeMs: 5000,
  /** A live stroke not committed within this long is dropped (R37). */
  strokeFadeMs: 10000,
} as const;
