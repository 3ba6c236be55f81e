// The board's data and rules (protocol §4.4, R32–R34), with no DOM: the same decisions as the
// server, so a local edit can be shown at once and a refused one is known before it is sent.
// Run against the shared vectors protocol/vectors/board.json by test/board-vectors.test.ts.
import { BOARD_LIMITS } from '../protocol/limits';

export type ObjectType =
  | 'sticky'
  | 'text'
  | 'rect'
  | 'ellipse'
  | 'line'
  | 'arrow'
  | 'stroke'
  | 'connector'
  | 'image';
export type RelationStyle = 'strong' | 'weak' | 'strained' | 'unclear';

export const OBJECT_TYPES: readonly ObjectType[] = [
  'sticky',
  'text',
  'rect',
  'ellipse',
  'line',
  'arrow',
  'stroke',
  'connector',
  'image',
];
export const INKS: readonly string[] = ['black', 'grey', 'red', 'orange', 'green', 'blue', 'purple', 'white'];
export const STICKY_COLORS: readonly string[] = ['yellow', 'pink', 'green', 'blue', 'orange', 'purple'];
export const RELATION_STYLES: readonly RelationStyle[] = ['strong', 'weak', 'strained', 'unclear'];

export interface BoardObject {
  id: string;
  type: ObjectType;
  x: number;
  y: number;
  rotation: number;
  z: number;
  deleted: boolean;
  w?: number;
  h?: number;
  text?: string;
  color?: string;
  size?: number;
  fill?: string;
  width?: number;
  points?: number[];
  tool?: 'pen' | 'highlighter';
  from?: string;
  to?: string;
  style?: RelationStyle;
  label?: string;
  image_id?: string;
}
export type ObjectProps = Partial<Omit<BoardObject, 'id' | 'type'>>;
export interface BoardChange {
  put?: BoardObject[];
  set?: Array<{ id: string } & ObjectProps>;
  delete?: string[];
}
export interface BoardInfo {
  board_id: string;
  kind: 'shared' | 'private';
  title: string | null;
  step_index: number | null;
  owner_id: string | null;
  template: 'relations' | null;
  locked: boolean;
}
/** `authors`: object id → the member who put it (known for objects put while we watched). */
export interface Board {
  info: BoardInfo;
  objects: Map<string, BoardObject>;
  authors: Map<string, string>;
}
export type Outcome =
  | { result: 'changed'; event: BoardChange }
  | { result: 'ack' }
  | { result: 'error'; code: string; message: string };

/** Who is changing. The optional meeting context lets private boards be checked locally (R34);
 *  without it only the server checks the step. */
export interface BoardActor {
  member_id: string;
  facilitator: boolean;
  step_index?: number;
  revealed_steps?: readonly number[];
  ended?: boolean;
}

// Limits of R32/R33, shared with the command validator.
export { BOARD_LIMITS };

const OBJECT_ID = /^o:[A-Za-z0-9_-]{8,60}$/;
const IMAGE_ID = /^img_[A-Za-z0-9_-]{22}$/;
export const ADDED_BOARD_ID = /^b:[A-Za-z0-9_-]{8,40}$/;

export function isObjectId(v: unknown): v is string {
  return typeof v === 'string' && OBJECT_ID.test(v);
}

// ---- property shapes (R32) ----

type Check = (v: unknown, type: ObjectType) => string | null;

function num(min: number, max: number): Check {
  return (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? null : `must be a number ${min}…${max}`;
}
function oneOf(values: readonly string[]): Check {
  return (v) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`);
}
function chars(max: number): Check {
  return (v) => {
    if (typeof v !== 'string') return 'must be a string';
    if (/\p{Cs}/u.test(v)) return 'must be valid text';
    let n = 0;
    for (const _ of v) if (++n > max) return `must be at most ${max} characters`;
    return null;
  };
}

const C = BOARD_LIMITS.coordinate;
const PROPERTY_CHECKS: Record<string, Check> = {
  x: num(-C, C),
  y: num(-C, C),
  rotation: num(-360, 360),
  z: num(-1e9, 1e9),
  // Only a restore names `deleted` (false); deleting is `delete` (R33).
  deleted: (v) => (v === false ? null : 'may only be false (deleting is delete)'),
  w: num(1, 10000),
  h: num(1, 10000),
  text: chars(BOARD_LIMITS.text),
  label: chars(BOARD_LIMITS.label),
  color: (v, type) => oneOf(type === 'sticky' ? STICKY_COLORS : INKS)(v, type),
  fill: oneOf([...INKS, 'none']),
  size: num(8, 200),
  width: num(1, 64),
  tool: oneOf(['pen', 'highlighter']),
  style: oneOf(RELATION_STYLES),
  from: (v) => (isObjectId(v) ? null : 'must be an object id'),
  to: (v) => (isObjectId(v) ? null : 'must be an object id'),
  image_id: (v) => (typeof v === 'string' && IMAGE_ID.test(v) ? null : 'must be an image id'),
  points: (v, type) => {
    if (!Array.isArray(v)) return 'must be a list of numbers';
    if (type === 'stroke') {
      if (v.length < BOARD_LIMITS.strokeNumbersMin || v.length > BOARD_LIMITS.strokeNumbersMax || v.length % 2 !== 0)
        return `must hold an even count of ${BOARD_LIMITS.strokeNumbersMin}…${BOARD_LIMITS.strokeNumbersMax} numbers`;
    } else if (v.length !== 4) return 'must hold exactly 4 numbers';
    for (const p of v) if (typeof p !== 'number' || !Number.isFinite(p) || p < -C || p > C) return `numbers must be ${-C}…${C}`;
    return null;
  },
};

const COMMON_REQUIRED = ['x', 'y'];
const COMMON_OPTIONAL = ['rotation', 'z', 'deleted'];
/** Each type's own properties, required at creation except `label` (default ""). */
const TYPE_PROPS: Record<ObjectType, readonly string[]> = {
  sticky: ['w', 'h', 'text', 'color'],
  text: ['w', 'h', 'text', 'color', 'size'],
  rect: ['w', 'h', 'color', 'fill', 'width'],
  ellipse: ['w', 'h', 'color', 'fill', 'width'],
  line: ['points', 'color', 'width'],
  arrow: ['points', 'color', 'width'],
  stroke: ['points', 'color', 'width', 'tool'],
  connector: ['from', 'to', 'style', 'label'],
  image: ['w', 'h', 'image_id'],
};
const DEFAULTS: Record<string, unknown> = { rotation: 0, z: 0, deleted: false, label: '' };

function isObjectType(t: unknown): t is ObjectType {
  return typeof t === 'string' && (OBJECT_TYPES as readonly string[]).includes(t);
}

function allowed(type: ObjectType, key: string): boolean {
  return COMMON_REQUIRED.includes(key) || COMMON_OPTIONAL.includes(key) || TYPE_PROPS[type].includes(key);
}

/** Checks the properties of one put (creating) or set entry of an object of `type`; returns
 *  why not, naming the object and property, or null. */
export function checkProps(type: ObjectType, id: string, p: Record<string, unknown>, creating: boolean): string | null {
  for (const [key, value] of Object.entries(p)) {
    if (key === 'id' || (creating && key === 'type')) continue;
    if (key === 'type') return `${id}: type cannot be changed`;
    if (!allowed(type, key) || !Object.hasOwn(PROPERTY_CHECKS, key)) return `${id}: unknown property ${key} for ${type}`;
    const why = PROPERTY_CHECKS[key](value, type);
    if (why) return `${id}: ${key} ${why}`;
  }
  if (creating) {
    for (const key of [...COMMON_REQUIRED, ...TYPE_PROPS[type]]) {
      if (!(key in p) && !(key in DEFAULTS)) return `${id}: ${key} is required for ${type}`;
    }
  }
  return null;
}

/** The object with every default filled in, in a stable key order. */
export function withDefaults(o: Record<string, unknown>): BoardObject {
  const type = o.type as ObjectType;
  const out: Record<string, unknown> = { id: o.id, type };
  for (const key of [...COMMON_REQUIRED, ...COMMON_OPTIONAL, ...TYPE_PROPS[type]]) {
    const v = key in o ? o[key] : DEFAULTS[key];
    if (v !== undefined) out[key] = Array.isArray(v) ? [...v] : v;
  }
  return out as unknown as BoardObject;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): Outcome {
  return { result: 'error', code: 'invalid_field', message };
}

/** The shape of a whole board_change (what the server's decoder checks before the rules). */
export function checkChangeShape(change: unknown): string | null {
  if (!isRecord(change)) return 'change must be an object';
  let entries = 0;
  for (const key of ['put', 'set', 'delete'] as const) {
    const list = change[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${key} must be a list`;
    entries += list.length;
  }
  if (entries === 0) return 'a change needs at least one entry';
  if (entries > BOARD_LIMITS.entries) return `a change has at most ${BOARD_LIMITS.entries} entries`;
  const seen = new Set<string>();
  const once = (id: string, where: string): string | null => {
    if (seen.has(id)) return `${where}: ${id} appears twice in one change`;
    seen.add(id);
    return null;
  };
  const put = (change.put ?? []) as unknown[];
  for (let i = 0; i < put.length; i++) {
    const o = put[i];
    if (!isRecord(o)) return `put[${i}] must be an object`;
    if (!isObjectId(o.id)) return `put[${i}].id must be an object id`;
    if (!isObjectType(o.type)) return `${o.id}: unknown type`;
    const why = checkProps(o.type, o.id, o, true) ?? once(o.id, `put[${i}]`);
    if (why) return why;
  }
  const set = (change.set ?? []) as unknown[];
  for (let i = 0; i < set.length; i++) {
    const s = set[i];
    if (!isRecord(s)) return `set[${i}] must be an object`;
    if (!isObjectId(s.id)) return `set[${i}].id must be an object id`;
    if ('type' in s) return `${s.id}: type cannot be changed`;
    if (Object.keys(s).length < 2) return `${s.id}: a set names at least one property`;
    for (const [key, value] of Object.entries(s)) {
      if (key === 'id') continue;
      // Own properties only: a key such as "toString" is unknown, not Object.prototype's.
      if (!Object.hasOwn(PROPERTY_CHECKS, key)) return `${s.id}: unknown property ${key}`;
      const check = PROPERTY_CHECKS[key];
      // The decoder does not know the object's type: a colour is an ink or a sticky colour, points
      // are checked as a stroke's; whether they fit the object is decided on the board.
      const why =
        key === 'color'
          ? oneOf([...INKS, ...STICKY_COLORS])(value, 'rect')
          : key === 'points'
            ? check(value, 'stroke')
            : check(value, 'rect');
      if (why) return `${s.id}: ${key} ${why}`;
    }
    const why = once(s.id, `set[${i}]`);
    if (why) return why;
  }
  const del = (change.delete ?? []) as unknown[];
  for (let i = 0; i < del.length; i++) {
    const id = del[i];
    if (!isObjectId(id)) return `delete[${i}] must be an object id`;
    const why = once(id, `delete[${i}]`);
    if (why) return why;
  }
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

function pointCount(o: BoardObject | undefined): number {
  return o?.points?.length ?? 0;
}

/** Whether `actor` may change board `b` at all (R34); null when allowed. */
export function mayChange(b: Board, actor: BoardActor): Outcome | null {
  if (actor.ended) return { result: 'error', code: 'meeting_ended', message: 'the meeting has ended' };
  if (b.info.kind === 'private') {
    if (b.info.owner_id !== actor.member_id) return { result: 'error', code: 'not_found', message: 'no such board' };
    const step = b.info.step_index;
    if (step !== null && actor.step_index !== undefined && actor.step_index !== step)
      return { result: 'error', code: 'wrong_step', message: 'the board step is not current' };
    if (step !== null && actor.revealed_steps?.includes(step))
      return { result: 'error', code: 'already_revealed', message: 'the board is revealed' };
    return null;
  }
  if (b.info.locked && !actor.facilitator)
    return { result: 'error', code: 'board_locked', message: 'the board is locked' };
  return null;
}

// The same rules as the server (R32–R34); used for optimistic local edits and run by the
// shared vectors protocol/vectors/board.json. Does not mutate `b`.
export function decideChange(b: Board, actor: BoardActor, change: BoardChange): Outcome {
  const shape = checkChangeShape(change);
  if (shape) return invalid(shape);
  const refused = mayChange(b, actor);
  if (refused) return refused;

  // `after` is the board as this change leaves it, for connector ends and the limits.
  const after = new Map(b.objects);
  const event: Required<BoardChange> = { put: [], set: [], delete: [] };
  let added = 0;

  for (const raw of change.put ?? []) {
    const existing = b.objects.get(raw.id);
    if (existing) {
      if (b.authors.get(raw.id) === actor.member_id) continue; // a resend (R13)
      return invalid(`${raw.id}: the id is taken`);
    }
    const o = withDefaults(raw as unknown as Record<string, unknown>);
    // Not the decoder's business (it cannot see the board), but refused all the same (R32).
    if (o.type === 'connector' && o.from === o.to) return invalid(`${o.id}: from and to must differ`);
    after.set(o.id, o);
    event.put.push(o);
    added++;
  }

  const restored: BoardObject[] = [];
  for (const entry of change.set ?? []) {
    const current = b.objects.get(entry.id);
    if (!current) return { result: 'error', code: 'not_found', message: `${entry.id}: no such object` };
    const restoring = current.deleted && entry.deleted === false;
    // A set on a deleted object is ignored (R33), its values not looked at beyond their shape.
    if (current.deleted && !restoring) continue;
    const why = checkProps(current.type, entry.id, { ...entry }, false);
    if (why) return invalid(why);
    if (current.type === 'connector') {
      const from = entry.from ?? current.from;
      if (from !== undefined && from === (entry.to ?? current.to)) return invalid(`${entry.id}: from and to must differ`);
    }
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'id') continue;
      if (!sameValue((current as unknown as Record<string, unknown>)[key], value))
        changed[key] = Array.isArray(value) ? [...value] : value;
    }
    const next = { ...current, ...changed } as BoardObject;
    after.set(next.id, next);
    if (restoring) restored.push(next);
    else if (Object.keys(changed).length > 0) event.set.push({ id: entry.id, ...changed });
  }
  event.put.push(...restored);

  // Connector ends: on the board, not deleted, not connectors — with this command's puts and
  // sets, before its deletes (a connector may end at an object the same command deletes).
  const checkEnd = (owner: string, end: string | undefined): Outcome | null => {
    if (end === undefined) return null;
    const o = after.get(end);
    if (!o || o.deleted || o.type === 'connector')
      return { result: 'error', code: 'not_found', message: `${owner}: connector end ${end} is not on the board` };
    return null;
  };
  for (const o of event.put) {
    if (o.type !== 'connector') continue;
    const bad = checkEnd(o.id, o.from) ?? checkEnd(o.id, o.to);
    if (bad) return bad;
  }
  for (const s of event.set) {
    const bad = checkEnd(s.id, s.from) ?? checkEnd(s.id, s.to);
    if (bad) return bad;
  }

  for (const id of change.delete ?? []) {
    const current = after.get(id);
    if (!current || !b.objects.has(id)) return { result: 'error', code: 'not_found', message: `${id}: no such object` };
    if (current.deleted) continue;
    after.set(id, { ...current, deleted: true });
    event.delete.push(id);
  }

  if (b.objects.size + added > BOARD_LIMITS.objects)
    return { result: 'error', code: 'limit_reached', message: `a board holds at most ${BOARD_LIMITS.objects} objects` };
  if (event.put.length > 0 || event.set.length > 0) {
    let points = 0;
    for (const o of after.values()) points += pointCount(o);
    if (points > BOARD_LIMITS.points)
      return { result: 'error', code: 'limit_reached', message: `a board holds at most ${BOARD_LIMITS.points} points numbers` };
  }

  if (event.put.length === 0 && event.set.length === 0 && event.delete.length === 0) return { result: 'ack' };
  const out: BoardChange = {};
  if (event.put.length) out.put = event.put;
  if (event.set.length) out.set = event.set;
  if (event.delete.length) out.delete = event.delete;
  return { result: 'changed', event: out };
}

/** board_lock (R36): a facilitator, a shared board; to the current value is ack. */
export function decideLock(b: Board, actor: BoardActor, locked: boolean): Outcome {
  if (actor.ended) return { result: 'error', code: 'meeting_ended', message: 'the meeting has ended' };
  if (!actor.facilitator) return { result: 'error', code: 'forbidden', message: 'only a facilitator locks a board' };
  if (b.info.kind !== 'shared') return { result: 'error', code: 'not_found', message: 'only a shared board can be locked' };
  return b.info.locked === locked ? { result: 'ack' } : { result: 'changed', event: {} };
}

/** board_clear (R36): a facilitator on a shared board, the owner on their private board before
 *  its reveal; a board without objects is ack. */
export function decideClear(b: Board, actor: BoardActor): Outcome {
  if (b.info.kind === 'shared') {
    if (actor.ended) return { result: 'error', code: 'meeting_ended', message: 'the meeting has ended' };
    if (!actor.facilitator) return { result: 'error', code: 'forbidden', message: 'only a facilitator clears a shared board' };
  } else {
    const refused = mayChange(b, actor);
    if (refused) return refused;
  }
  return b.objects.size === 0 ? { result: 'ack' } : { result: 'changed', event: {} };
}

/** Applies board_locked. */
export function applyLocked(b: Board, locked: boolean): Board {
  return { ...b, info: { ...b.info, locked } };
}

/** Applies board_cleared: every object is gone for good, its id unknown again (R36). */
export function applyCleared(b: Board): Board {
  return emptyBoard(b.info);
}

/** Applies a server board_changed (or a decided event); `author` becomes the author of new
 *  objects. Returns a new Board; `b` is left as it was. */
export function applyChanged(b: Board, ev: BoardChange, author?: string): Board {
  const objects = new Map(b.objects);
  const authors = new Map(b.authors);
  for (const o of ev.put ?? []) {
    if (!objects.has(o.id) && author !== undefined) authors.set(o.id, author);
    objects.set(o.id, withDefaults(o as unknown as Record<string, unknown>));
  }
  for (const s of ev.set ?? []) {
    const current = objects.get(s.id);
    if (!current) continue;
    const next = { ...current, ...s } as BoardObject;
    if (s.points) next.points = [...s.points];
    objects.set(s.id, next);
  }
  for (const id of ev.delete ?? []) {
    const current = objects.get(id);
    if (current) objects.set(id, { ...current, deleted: true });
  }
  return { info: b.info, objects, authors };
}

/** A new empty board. */
export function emptyBoard(info: BoardInfo): Board {
  return { info, objects: new Map(), authors: new Map() };
}

/** A board from the wire (snapshot, board_added, revealed). */
export function boardFromWire(w: BoardInfo & { objects?: BoardObject[] }): Board {
  const { objects, ...rest } = w;
  const info: BoardInfo = {
    board_id: rest.board_id,
    kind: rest.kind,
    title: rest.title ?? null,
    step_index: rest.step_index ?? null,
    owner_id: rest.owner_id ?? null,
    template: rest.template ?? null,
    locked: rest.locked ?? false,
  };
  const b = emptyBoard(info);
  for (const o of objects ?? []) b.objects.set(o.id, withDefaults(o as unknown as Record<string, unknown>));
  return b;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What to draw: not deleted, connectors with both ends drawable; back to front (z, then id). */
export function drawable(b: Board): BoardObject[] {
  const live = (o: BoardObject | undefined) => o !== undefined && !o.deleted && o.type !== 'connector';
  const out: BoardObject[] = [];
  for (const o of b.objects.values()) {
    if (o.deleted) continue;
    if (o.type === 'connector' && !(live(b.objects.get(o.from ?? '')) && live(b.objects.get(o.to ?? '')))) continue;
    out.push(o);
  }
  return out.sort((a, c) => a.z - c.z || compareIds(a.id, c.id));
}

/** The box around the objects (rotation ignored; points relative to x,y; connectors skipped). */
export function bounds(objs: BoardObject[]): { x: number; y: number; w: number; h: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (x: number, y: number) => {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  for (const o of objs) {
    if (o.type === 'connector') continue;
    if (o.points) {
      for (let i = 0; i + 1 < o.points.length; i += 2) add(o.x + o.points[i], o.y + o.points[i + 1]);
    } else {
      add(o.x, o.y);
      add(o.x + (o.w ?? 0), o.y + (o.h ?? 0));
    }
  }
  if (x0 === Infinity) return null;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** The number of objects not deleted (what note_progress counts for a private board, R35). */
export function liveCount(b: Board): number {
  let n = 0;
  for (const o of b.objects.values()) if (!o.deleted) n++;
  return n;
}
