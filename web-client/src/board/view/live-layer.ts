// What others are doing right now (R37): their strokes while they draw, their cursors with
// names, and the laser's fading red trail. Redrawn from LiveChannel.remote() on every update;
// nothing here is stored.
import 'konva/lib/Core';
import { Layer } from 'konva/lib/Layer';
import { Group } from 'konva/lib/Group';
import { Animation } from 'konva/lib/Animation';
import { Line } from 'konva/lib/shapes/Line';
import { Circle } from 'konva/lib/shapes/Circle';
import { Rect } from 'konva/lib/shapes/Rect';
import { Text } from 'konva/lib/shapes/Text';
import { LASER_TRAIL_MS, type RemoteLive } from '../live';
import { LASER_COLOR, memberColor } from '../style';
import { FONT, freehandShape } from './nodes';

/** How long a laser point stays visible (LiveChannel keeps others' trails as long). */
export const LASER_FADE_MS = LASER_TRAIL_MS;

interface TrailPoint {
  x: number;
  y: number;
  at: number;
}

export class LiveLayer {
  readonly layer = new Layer({ listening: false });
  private readonly others = new Group();
  private readonly lasers = new Group();
  private trails = new Map<string, TrailPoint[]>();
  private anim: Animation;
  private scale = 1;

  constructor(
    private readonly names: (memberId: string) => string,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.layer.add(this.others, this.lasers);
    this.anim = new Animation(() => this.drawLasers(), this.layer);
  }

  /** Cursors and labels keep their size on screen whatever the zoom. */
  setScale(scale: number): void {
    this.scale = scale;
  }

  /** Adds a laser point (mine or someone else's) to that member's trail. */
  laserAt(memberId: string, x: number, y: number): void {
    const trail = this.trails.get(memberId) ?? [];
    const last = trail[trail.length - 1];
    if (!last || last.x !== x || last.y !== y) trail.push({ x, y, at: this.now() });
    this.trails.set(memberId, trail);
    if (!this.anim.isRunning()) this.anim.start();
  }

  update(remote: RemoteLive[]): void {
    this.others.destroyChildren();
    const k = 1 / this.scale;
    for (const r of remote) {
      for (const s of r.strokes.values()) this.others.add(freehandShape(s.points, s.color, s.width, s.tool, false));
      // LiveChannel keeps the recent laser positions with their (local) times: the fading trail.
      if (r.trail.length) {
        this.trails.set(r.member_id, r.trail.slice());
        if (!this.anim.isRunning()) this.anim.start();
      }
      if (!r.cursor || r.laser) continue;
      const color = memberColor(r.member_id);
      const cursor = new Group({ x: r.cursor.x, y: r.cursor.y, scaleX: k, scaleY: k });
      cursor.add(new Line({ points: [0, 0, 0, 18, 5, 14, 12, 14], closed: true, fill: color, stroke: '#ffffff', strokeWidth: 1.5 }));
      const label = new Text({ x: 12, y: 16, text: this.names(r.member_id), fontSize: 13, fontFamily: FONT, fill: '#ffffff', padding: 4 });
      cursor.add(new Rect({ x: 12, y: 16, width: label.width(), height: label.height(), fill: color, cornerRadius: 4 }), label);
      this.others.add(cursor);
    }
    this.layer.batchDraw();
  }

  private drawLasers(): boolean {
    const t = this.now();
    this.lasers.destroyChildren();
    let any = false;
    for (const [id, trail] of this.trails) {
      while (trail.length && t - trail[0].at > LASER_FADE_MS) trail.shift();
      if (!trail.length) {
        this.trails.delete(id);
        continue;
      }
      any = true;
      const k = 1 / this.scale;
      for (let i = 1; i < trail.length; i++) {
        const a = trail[i - 1];
        const b = trail[i];
        const life = 1 - (t - b.at) / LASER_FADE_MS;
        this.lasers.add(new Line({ points: [a.x, a.y, b.x, b.y], stroke: LASER_COLOR, strokeWidth: 6 * k, lineCap: 'round', opacity: Math.max(0, life) }));
      }
      const head = trail[trail.length - 1];
      const life = 1 - (t - head.at) / LASER_FADE_MS;
      this.lasers.add(new Circle({ x: head.x, y: head.y, radius: 7 * k, fill: LASER_COLOR, opacity: Math.max(0.2, life), shadowColor: LASER_COLOR, shadowBlur: 12 }));
    }
    if (!any) this.anim.stop();
    return true;
  }

  destroy(): void {
    this.anim.stop();
    this.layer.destroy();
  }
}
