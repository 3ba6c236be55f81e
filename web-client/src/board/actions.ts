// Board edits built from the selection, as BoardChanges (pure, so they are tested without a
// canvas): duplicate, bring to front / send to back, erase, and a finished move or transform.
import type { BoardChange, BoardObject, ObjectProps } from './model';
import { isBoxed } from './geometry';

const r1 = (v: number) => Math.round(v * 10) / 10;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function topZ(objs: Iterable<BoardObject>): number {
  let z = 0;
  for (const o of objs) if (!o.deleted) z = Math.max(z, o.z);
  return z;
}

function bottomZ(objs: Iterable<BoardObject>): number {
  let z = 0;
  for (const o of objs) if (!o.deleted) z = Math.min(z, o.z);
  return z;
}

/**
 * Copies of the selected objects, 24 units down and right, on top of everything. A connector is
 * copied only when both its ends are, and then joins the copies.
 */
export function duplicateChange(all: Map<string, BoardObject>, ids: string[], newId: () => string): { change: BoardChange; ids: string[] } {
  const chosen = ids.map((id) => all.get(id)).filter((o): o is BoardObject => !!o && !o.deleted);
  const map = new Map<string, string>();
  for (const o of chosen) if (o.type !== 'connector') map.set(o.id, newId());
  let z = topZ(all.values());
  const put: BoardObject[] = [];
  for (const o of chosen.sort((a, b) => a.z - b.z)) {
    if (o.type === 'connector') continue;
    put.push({ ...o, id: map.get(o.id)!, x: r1(clamp(o.x + 24, -50000, 50000)), y: r1(clamp(o.y + 24, -50000, 50000)), z: ++z });
  }
  for (const o of chosen) {
    if (o.type !== 'connector' || !map.has(o.from ?? '') || !map.has(o.to ?? '')) continue;
    const id = newId();
    map.set(o.id, id);
    put.push({ ...o, id, from: map.get(o.from!)!, to: map.get(o.to!)!, z: ++z });
  }
  return { change: { put }, ids: put.map((o) => o.id) };
}

/** Bring to front (above everything, keeping their own order) or send to back. */
export function orderChange(all: Map<string, BoardObject>, ids: string[], where: 'front' | 'back'): BoardChange {
  const chosen = ids
    .map((id) => all.get(id))
    .filter((o): o is BoardObject => !!o && !o.deleted)
    .sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : 1));
  if (!chosen.length) return {};
  if (where === 'front') {
    let z = topZ(all.values());
    return { set: chosen.map((o) => ({ id: o.id, z: ++z })) };
  }
  let z = bottomZ(all.values()) - chosen.length;
  return { set: chosen.map((o) => ({ id: o.id, z: z++ })) };
}

export interface NodePose {
  x: number;
  y: number;
  rotation: number;
  scaleX: number;
  scaleY: number;
}

/** Rotation within −180…180, as R32 allows −360…360. */
export function normRotation(deg: number): number {
  let r = deg % 360;
  if (r > 180) r -= 360;
  if (r < -180) r += 360;
  return r1(r);
}

/**
 * What a move or a resize/rotate with the handles changes: position and rotation, and the scale
 * baked in — into w/h for boxes (and the font size of a text), into `points` for lines, arrows
 * and strokes — so objects never carry a scale.
 */
export function poseProps(o: BoardObject, p: NodePose): { id: string } & ObjectProps {
  const out: { id: string } & ObjectProps = { id: o.id, x: r1(clamp(p.x, -50000, 50000)), y: r1(clamp(p.y, -50000, 50000)) };
  const rot = normRotation(p.rotation);
  if (rot !== (o.rotation ?? 0)) out.rotation = rot;
  const scaled = Math.abs(p.scaleX - 1) > 1e-3 || Math.abs(p.scaleY - 1) > 1e-3;
  if (!scaled) return out;
  if (isBoxed(o)) {
    out.w = r1(clamp((o.w ?? 1) * Math.abs(p.scaleX), 1, 10000));
    out.h = r1(clamp((o.h ?? 1) * Math.abs(p.scaleY), 1, 10000));
    if (o.type === 'text') out.size = Math.round(clamp((o.size ?? 24) * Math.abs(p.scaleY), 8, 200));
  } else if (o.points) {
    out.points = o.points.map((v, i) => r1(clamp(v * (i % 2 ? p.scaleY : p.scaleX), -50000, 50000)));
  }
  return out;
}
