// Client-side twin of the server's command decoder (protocol §4, §6, §8, field limits §2).
// The client runs it before sending so that a mistake shows up here, with a clear code, instead
// of as a round trip; the shared vectors in protocol/vectors/decode.json keep both in step.
import { BOARD_LIMITS, LIMITS } from './limits';
import { RATINGS, type CommandType, type Rating } from './types';
import { isWellFormed, JsonFloat, parseStrict } from './strict-json';
import { ADDED_BOARD_ID, INKS, checkChangeShape, isObjectId } from '../board/model';

export type ValidationResult = { type: CommandType } | { error: string };

type Obj = Record<string, unknown>;

class FieldError extends Error {}

const ID_RE = /^[A-Za-z0-9:_-]{1,64}$/;
const NOTE_ID_RE = /^note:[A-Za-z0-9_-]{16,59}$/;
// Unicode White_Space: a note of only these is empty (vectors/README.md, note text).
const ALL_WHITESPACE_RE = /^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** UTF-8 byte length without allocating (TextEncoder is fine too, this avoids a copy of 1 MiB). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Code points, as the server counts "characters". */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Nesting depth of objects and arrays, scanning the raw text outside strings. Done before parsing
 * so a hostile "[[[[…" never reaches the parser (§6 too_deep).
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === '}' || c === ']') depth--;
  }
  return max;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonFloat);
}

function fail(field: string): never {
  throw new FieldError(field);
}

function uint(o: Obj, key: string, max: number): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) fail(key);
  return v;
}

function id(o: Obj, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length < 1 || v.length > LIMITS.idMax || !ID_RE.test(v)) fail(key);
  return v;
}

function noteId(o: Obj, key = 'note_id'): string {
  const v = o[key];
  if (typeof v !== 'string' || !NOTE_ID_RE.test(v)) fail(key);
  return v;
}

function noteText(o: Obj): string {
  const v = o.text;
  if (typeof v !== 'string') fail('text');
  const n = charCount(v);
  if (n < 1 || n > LIMITS.noteTextMax || ALL_WHITESPACE_RE.test(v)) fail('text');
  return v;
}

/** An integer lo … hi (a JSON number without fraction or exponent: JsonFloat is not a number here). */
function intIn(o: Obj, key: string, lo: number, hi: number): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) fail(key);
  return v;
}

/** A short text such as a case proposal's title: 1–max code points, not only whitespace. */
function shortText(o: Obj, key: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string') fail(key);
  const n = charCount(v);
  if (n < 1 || n > max || ALL_WHITESPACE_RE.test(v)) fail(key);
  return v;
}

function optionalBool(o: Obj, key: string): void {
  if (key in o) bool(o, key);
}

function bool(o: Obj, key: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') fail(key);
  return v;
}

/** The value with every JsonFloat turned back into a number: board numbers may have fractions. */
function plain(v: unknown): unknown {
  if (v instanceof JsonFloat) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (isObj(v)) {
    // Without a prototype, as parseStrict makes them: "__proto__" stays an ordinary key.
    const out: Obj = Object.create(null);
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

// A board (R31): s:N, p:N:MEMBER_ID, or b: + 8–40 (protocol/schemas/common.json board_id).
const BOARD_ID_RE = /^(s:(0|[1-9][0-9]{0,2})|p:(0|[1-9][0-9]{0,2}):[A-Za-z0-9:_-]{1,64}|b:[A-Za-z0-9_-]{8,40})$/;

function boardId(o: Obj): string {
  const v = o.board_id;
  if (typeof v !== 'string' || !BOARD_ID_RE.test(v)) fail('board_id');
  return v;
}

/** A number (fractions allowed) lo … hi. */
function numIn(o: Obj, key: string, lo: number, hi: number): number {
  const v = o[key] instanceof JsonFloat ? (o[key] as JsonFloat).value : o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) fail(key);
  return v;
}

/** A point on the board: x and y within the coordinate range (R32). */
function point(o: Obj, key: string): void {
  const v = o[key];
  if (!isObj(v)) fail(key);
  numIn(v, 'x', -BOARD_LIMITS.coordinate, BOARD_LIMITS.coordinate);
  numIn(v, 'y', -BOARD_LIMITS.coordinate, BOARD_LIMITS.coordinate);
}

/** board_live's stroke (R37): the id it will have, its look, and 2–400 new absolute numbers. */
function liveStroke(o: Obj): void {
  const st = o.stroke;
  if (!isObj(st)) fail('stroke');
  if (!isObjectId(st.id)) fail('stroke.id');
  if (typeof st.color !== 'string' || !INKS.includes(st.color)) fail('stroke.color');
  numIn(st, 'width', 1, 64);
  if (st.tool !== 'pen' && st.tool !== 'highlighter') fail('stroke.tool');
  const pts = st.points;
  if (!Array.isArray(pts) || pts.length < BOARD_LIMITS.liveNumbersMin || pts.length > BOARD_LIMITS.liveNumbersMax || pts.length % 2 !== 0)
    fail('stroke.points');
  for (const p of pts) {
    const n = p instanceof JsonFloat ? p.value : p;
    if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > BOARD_LIMITS.coordinate) fail('stroke.points');
  }
}

/** Absent data is the same as {} (checked for shape once, in validateCommand). */
function data(env: Obj): Obj {
  return (env.data ?? {}) as Obj;
}

const DECODERS: Record<CommandType, (env: Obj) => void> = {
  hello(env) {
    const d = data(env);
    const p = d.protocol;
    if (typeof p !== 'number' || !Number.isInteger(p)) fail('protocol');
    if (p !== 1) throw new ProtocolError();
    // The token's shape is not the decoder's business: a bad token is answered with invalid_token.
    const tok = d.member_token;
    if (typeof tok !== 'string' || tok.length < 1 || tok.length > LIMITS.memberTokenMax) fail('member_token');
    if (d.last_seq !== undefined) uint(d, 'last_seq', LIMITS.maxSafeInteger);
  },
  ping() {},
  set_step(env) {
    const d = data(env);
    id(d, 'meeting_id');
    uint(d, 'step_index', LIMITS.stepIndexMax);
  },
  appoint_presenter(env) {
    const d = data(env);
    id(d, 'meeting_id');
    if (!('member_id' in d)) fail('member_id');
    if (d.member_id !== null) id(d, 'member_id');
    if ('case_note_id' in d && d.case_note_id !== null) noteId(d, 'case_note_id');
  },
  note_save(env) {
    const d = data(env);
    id(d, 'meeting_id');
    noteId(d);
    noteText(d);
    if ('title' in d) shortText(d, 'title', LIMITS.titleMax);
    if ('label' in d && d.label !== 'top' && d.label !== 'tip') fail('label');
  },
  note_delete(env) {
    const d = data(env);
    id(d, 'meeting_id');
    noteId(d);
  },
  set_done(env) {
    const d = data(env);
    id(d, 'meeting_id');
    bool(d, 'done');
  },
  reveal(env) {
    id(data(env), 'meeting_id');
  },
  timer_start(env) {
    const d = data(env);
    id(d, 'meeting_id');
    if ('duration_seconds' in d) intIn(d, 'duration_seconds', 1, LIMITS.timerDurationMax);
  },
  timer_pause(env) {
    id(data(env), 'meeting_id');
  },
  timer_add(env) {
    const d = data(env);
    id(d, 'meeting_id');
    intIn(d, 'seconds', 1, LIMITS.timerAddMax);
  },
  vote(env) {
    const d = data(env);
    id(d, 'meeting_id');
    noteId(d);
    intIn(d, 'votes', 0, LIMITS.voteBudget);
  },
  consent(env) {
    const d = data(env);
    id(d, 'meeting_id');
    bool(d, 'accept');
  },
  ask(env) {
    const d = data(env);
    id(d, 'meeting_id');
    noteId(d);
    noteText(d);
  },
  pass(env) {
    id(data(env), 'meeting_id');
  },
  turn_skip(env) {
    id(data(env), 'meeting_id');
  },
  turn_order(env) {
    const d = data(env);
    id(d, 'meeting_id');
    const ids = d.member_ids;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > LIMITS.turnOrderMax) fail('member_ids');
    const seen = new Set<string>();
    for (const v of ids) {
      if (typeof v !== 'string' || !ID_RE.test(v) || seen.has(v)) fail('member_ids');
      seen.add(v);
    }
  },
  note_mark(env) {
    const d = data(env);
    id(d, 'meeting_id');
    noteId(d);
    optionalBool(d, 'picked');
    optionalBool(d, 'answered');
    optionalBool(d, 'touches');
    if ('rating' in d && d.rating !== null && !RATINGS.includes(d.rating as Rating)) fail('rating');
  },
  rate(env) {
    const d = data(env);
    id(d, 'meeting_id');
    intIn(d, 'score', LIMITS.scoreMin, LIMITS.scoreMax);
  },
  set_auto_reveal(env) {
    const d = data(env);
    id(d, 'meeting_id');
    bool(d, 'on');
  },
  hand_facilitation(env) {
    const d = data(env);
    id(d, 'meeting_id');
    id(d, 'member_id');
  },
  remove_member(env) {
    const d = data(env);
    id(d, 'meeting_id');
    id(d, 'member_id');
  },
  end_meeting(env) {
    id(data(env), 'meeting_id');
  },
  board_change(env) {
    const d = data(env);
    id(d, 'meeting_id');
    boardId(d);
    // The same shape rules as the board model (R32, R33): one place decides them.
    if (checkChangeShape(plain(d))) fail('change');
  },
  board_add(env) {
    const d = data(env);
    id(d, 'meeting_id');
    if (typeof d.board_id !== 'string' || !ADDED_BOARD_ID.test(d.board_id)) fail('board_id');
    shortText(d, 'title', LIMITS.titleMax);
    if ('template' in d && d.template !== null && d.template !== 'relations') fail('template');
  },
  board_lock(env) {
    const d = data(env);
    id(d, 'meeting_id');
    boardId(d);
    bool(d, 'locked');
  },
  board_clear(env) {
    const d = data(env);
    id(d, 'meeting_id');
    boardId(d);
  },
  board_view(env) {
    const d = data(env);
    id(d, 'meeting_id');
    boardId(d);
    numIn(d, 'x', -BOARD_LIMITS.coordinate, BOARD_LIMITS.coordinate);
    numIn(d, 'y', -BOARD_LIMITS.coordinate, BOARD_LIMITS.coordinate);
    numIn(d, 'zoom', BOARD_LIMITS.zoomMin, BOARD_LIMITS.zoomMax);
  },
  board_live(env) {
    const d = data(env);
    id(d, 'meeting_id');
    boardId(d);
    if ('cursor' in d && d.cursor !== null) point(d, 'cursor');
    optionalBool(d, 'laser');
    if ('stroke' in d) liveStroke(d);
    // A board_live that says nothing is not worth forwarding (the schema asks for one of them).
    if (!('cursor' in d) && !('laser' in d) && !('stroke' in d)) fail('board_live');
  },
};

class ProtocolError extends Error {}

export function validateCommand(raw: string): ValidationResult {
  if (utf8Length(raw) > LIMITS.messageSoftMax) return { error: 'message_too_large' };
  if (jsonDepth(raw) > LIMITS.jsonDepthMax) return { error: 'too_deep' };
  let env: unknown;
  try {
    if (!isWellFormed(raw)) return { error: 'invalid_json' };
    env = parseStrict(raw);
  } catch {
    return { error: 'invalid_json' };
  }
  if (!isObj(env)) return { error: 'invalid_json' };
  // Order as the server checks (protocol §6): ref, type, data, then the fields.
  if ('ref' in env) {
    const r = env.ref;
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 0 || r > LIMITS.maxSafeInteger) return { error: 'invalid_field' };
  }
  if (typeof env.type !== 'string') return { error: 'invalid_field' };
  if (!Object.prototype.hasOwnProperty.call(DECODERS, env.type)) return { error: 'unknown_type' };
  const type = env.type as CommandType;
  try {
    if ('data' in env && !isObj(env.data)) fail('data');
    DECODERS[type](env);
  } catch (e) {
    if (e instanceof ProtocolError) return { error: 'unsupported_protocol' };
    if (e instanceof FieldError) return { error: 'invalid_field' };
    throw e;
  }
  return { type };
}

// ---- Board events from the server (R31–R37) ----
// The server is trusted, but a board is drawn straight from these: a malformed one (a newer or
// broken server) is dropped here instead of breaking the drawing.

function isStr(v: unknown): v is string {
  return typeof v === 'string';
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isWireObject(v: unknown): boolean {
  return isObj(v) && isStr(v.id) && isStr(v.type) && (v.points === undefined || (Array.isArray(v.points) && v.points.every(isNum)));
}

function listOf(v: unknown, item: (x: unknown) => boolean): boolean {
  return v === undefined || (Array.isArray(v) && v.every(item));
}

/** A `board` object of §4.4 (snapshot, board_added, revealed). */
export function isWireBoard(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.board_id) &&
    (v.kind === 'shared' || v.kind === 'private') &&
    (v.locked === undefined || typeof v.locked === 'boolean') &&
    Array.isArray(v.objects) &&
    v.objects.every(isWireObject)
  );
}

/** Whether the data of a board event (or `revealed` with boards) has the shape BoardSync needs. */
export function isBoardEventData(type: string, d: unknown): boolean {
  if (!isObj(d)) return false;
  switch (type) {
    case 'board_changed':
      return (
        isStr(d.board_id) &&
        listOf(d.put, isWireObject) &&
        listOf(d.set, (x) => isObj(x) && isStr(x.id)) &&
        listOf(d.delete, isStr)
      );
    case 'board_added':
      return isWireBoard(d.board);
    case 'board_locked':
      return isStr(d.board_id) && typeof d.locked === 'boolean';
    case 'board_cleared':
      return isStr(d.board_id);
    case 'board_view':
      return isStr(d.member_id) && isStr(d.board_id) && isNum(d.x) && isNum(d.y) && isNum(d.zoom) && d.zoom > 0;
    case 'board_live': {
      if (!isStr(d.member_id) || !isStr(d.board_id)) return false;
      const c = d.cursor;
      if (c !== undefined && c !== null && !(isObj(c) && isNum(c.x) && isNum(c.y))) return false;
      const st = d.stroke;
      if (st === undefined) return true;
      return isObj(st) && isStr(st.id) && isStr(st.color) && isNum(st.width) && Array.isArray(st.points) && st.points.every(isNum);
    }
    case 'revealed':
      return Array.isArray(d.boards) && d.boards.every(isWireBoard);
    case 'snapshot':
      return Array.isArray(d.boards) && d.boards.every(isWireBoard);
  }
  return false;
}
