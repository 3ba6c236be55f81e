// Plain geometry of board objects, shared by the Konva view and the SVG export (so both draw a
// connector to the same edge point). No DOM here: it runs in vitest.
import type { BoardObject } from './model';

export interface Pt {
  x: number;
  y: number;
}
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const BOXED = new Set(['sticky', 'text', 'rect', 'ellipse', 'image']);

export function isBoxed(o: BoardObject): boolean {
  return BOXED.has(o.type);
}

/** The object's extent in its own frame (before rotation about x,y), relative to x,y. */
export function localBox(o: BoardObject): Box {
  if (isBoxed(o)) return { x: 0, y: 0, w: o.w ?? 1, h: o.h ?? 1 };
  const p = o.points ?? [];
  if (p.length < 2) return { x: 0, y: 0, w: 1, h: 1 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < p.length; i += 2) {
    minX = Math.min(minX, p[i]);
    maxX = Math.max(maxX, p[i]);
    minY = Math.min(minY, p[i + 1]);
    maxY = Math.max(maxY, p[i + 1]);
  }
  const pad = (o.width ?? 2) / 2;
  return { x: minX - pad, y: minY - pad, w: maxX - minX + 2 * pad, h: maxY - minY + 2 * pad };
}

export function rotate(p: Pt, deg: number): Pt {
  if (!deg) return p;
  const r = (deg * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return { x: p.x * c - p.y * s, y: p.x * s + p.y * c };
}

/** Board coordinates of a point given in the object's frame. */
export function toWorld(o: BoardObject, p: Pt): Pt {
  const q = rotate(p, o.rotation ?? 0);
  return { x: o.x + q.x, y: o.y + q.y };
}

export function center(o: BoardObject): Pt {
  const b = localBox(o);
  return toWorld(o, { x: b.x + b.w / 2, y: b.y + b.h / 2 });
}

/** The axis-aligned box around the rotated object, in board coordinates. */
export function worldBox(o: BoardObject): Box {
  const b = localBox(o);
  const corners = [
    { x: b.x, y: b.y },
    { x: b.x + b.w, y: b.y },
    { x: b.x, y: b.y + b.h },
    { x: b.x + b.w, y: b.y + b.h },
  ].map((p) => toWorld(o, p));
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/**
 * Where the line from the object's centre towards `toward` leaves the object: on the ellipse for
 * an ellipse, else on its (rotated) box. `gap` keeps the line a little off the edge.
 */
export function edgePoint(o: BoardObject, toward: Pt, gap = 6): Pt {
  const c = center(o);
  const b = localBox(o);
  const d = rotate({ x: toward.x - c.x, y: toward.y - c.y }, -(o.rotation ?? 0));
  const len = Math.hypot(d.x, d.y);
  if (len < 1e-6) return c;
  const hw = b.w / 2;
  const hh = b.h / 2;
  let t: number;
  if (o.type === 'ellipse') t = 1 / Math.sqrt((d.x / hw) ** 2 + (d.y / hh) ** 2);
  else t = Math.min(d.x === 0 ? Infinity : hw / Math.abs(d.x), d.y === 0 ? Infinity : hh / Math.abs(d.y));
  t = Math.min(1, t + gap / len);
  const q = rotate({ x: d.x * t, y: d.y * t }, o.rotation ?? 0);
  return { x: c.x + q.x, y: c.y + q.y };
}

/** The two end points of a connector between `a` and `b`, on their edges. */
export function connectorEnds(a: BoardObject, b: BoardObject): [Pt, Pt] {
  const ca = center(a);
  const cb = center(b);
  return [edgePoint(a, cb), edgePoint(b, ca)];
}

/** A zig-zag polyline from p to q (the "strained" relation): flat points [x1,y1,x2,y2,…]. */
export function zigzag(p: Pt, q: Pt, step = 14, amp = 7): number[] {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  const len = Math.hypot(dx, dy);
  if (len < step * 2) return [p.x, p.y, q.x, q.y];
  const ux = dx / len;
  const uy = dy / len;
  const n = Math.floor(len / step);
  const out = [p.x, p.y];
  for (let i = 1; i < n; i++) {
    const s = i % 2 ? amp : -amp;
    out.push(p.x + ux * i * step - uy * s, p.y + uy * i * step + ux * s);
  }
  out.push(q.x, q.y);
  return out;
}

/** The two short sides of an arrow head at `q`, coming from `p`. */
export function arrowHead(p: Pt, q: Pt, size: number): [Pt, Pt] {
  const a = Math.atan2(q.y - p.y, q.x - p.x);
  const spread = Math.PI / 7;
  return [
    { x: q.x - size * Math.cos(a - spread), y: q.y - size * Math.sin(a - spread) },
    { x: q.x - size * Math.cos(a + spread), y: q.y - size * Math.sin(a + spread) },
  ];
}

/** Union of boxes, or null for none. */
export function unionBox(boxes: Box[]): Box | null {
  if (!boxes.length) return null;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const r = Math.max(...boxes.map((b) => b.x + b.w));
  const btm = Math.max(...boxes.map((b) => b.y + b.h));
  return { x, y, w: r - x, h: btm - y };
}

/**
 * How thick a connector (and its label) is drawn: in proportion to the smaller of the two things
 * it joins, so lines between big notes made while zoomed out are as visible as between small
 * ones. 1 for notes of 160 units and less, at most 6.
 */
export function connectorScale(a: BoardObject, b: BoardObject): number {
  const size = (o: BoardObject) => {
    const box = localBox(o);
    return Math.min(box.w, box.h);
  };
  return Math.min(6, Math.max(1, Math.min(size(a), size(b)) / 160));
}
