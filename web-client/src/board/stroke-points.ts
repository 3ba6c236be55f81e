// Turning a pointer's path into the points of a stroke object (R32): relative to the first
// point, rounded to 0.1, at most MAX_POINTS points (Ramer–Douglas–Peucker with a growing
// tolerance until it fits), and never fewer than 2 points (a tap is a dot).
export const MAX_POINTS = 1000;

// `|| 0` turns −0 into 0.
const round1 = (v: number) => Math.round(v * 10) / 10 || 0;

function perpDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px - ax, py - ay);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Ramer–Douglas–Peucker on flat [x,y,…] points, iterative (long strokes must not blow the stack). */
export function simplify(flat: number[], tolerance: number): number[] {
  const n = flat.length / 2;
  if (n <= 2) return flat.slice();
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: Array<[number, number]> = [[0, n - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let best = -1;
    let bestD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = perpDist(flat[2 * i], flat[2 * i + 1], flat[2 * a], flat[2 * a + 1], flat[2 * b], flat[2 * b + 1]);
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([a, best], [best, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(flat[2 * i], flat[2 * i + 1]);
  return out;
}

/** Fewer than `max` points, simplifying with a doubling tolerance from 0.25 board units. */
export function limitPoints(flat: number[], max = MAX_POINTS): number[] {
  let pts = flat;
  let tol = 0.25;
  while (pts.length / 2 > max) {
    pts = simplify(flat, tol);
    tol *= 2;
  }
  return pts;
}

/**
 * A finished stroke from absolute board points: origin x,y (the first point, rounded) and points
 * relative to it, rounded to 0.1, consecutive duplicates dropped, at most MAX_POINTS.
 */
export function strokeGeometry(abs: number[]): { x: number; y: number; points: number[] } {
  const x = round1(abs[0] ?? 0);
  const y = round1(abs[1] ?? 0);
  const rel: number[] = [];
  for (let i = 0; i + 1 < abs.length; i += 2) {
    const px = round1(abs[i] - x);
    const py = round1(abs[i + 1] - y);
    const n = rel.length;
    if (n >= 2 && rel[n - 2] === px && rel[n - 1] === py) continue;
    rel.push(px, py);
  }
  // A tap draws a dot: two points a hair apart (R32 needs at least 4 numbers).
  if (rel.length < 4) rel.push(round1((rel[0] ?? 0) + 0.1), rel[1] ?? 0);
  if (rel.length === 2) rel.unshift(0, 0);
  return { x, y, points: limitPoints(rel).map(round1) };
}
