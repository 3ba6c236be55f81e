// One board drawn with Konva: its objects, the template behind them, what others do live, and
// the tools. Loaded with a dynamic import() only when a board is shown, so the rest of the app
// and its tests never load Konva. The model lives in BoardSync; this view only draws it and
// turns gestures into BoardChanges (optimistic: BoardSync applies them at once).
import 'konva/lib/Core';
import { Stage } from 'konva/lib/Stage';
import { Layer } from 'konva/lib/Layer';
import { Group } from 'konva/lib/Group';
import type { Node } from 'konva/lib/Node';
import { Rect } from 'konva/lib/shapes/Rect';
import { Ellipse } from 'konva/lib/shapes/Ellipse';
import { Line } from 'konva/lib/shapes/Line';
import { Arrow } from 'konva/lib/shapes/Arrow';
import { Transformer } from 'konva/lib/shapes/Transformer';
import type { BoardChange, BoardObject, RelationStyle } from '../model';
import type { SelectionStyle } from '../toolbar';
import { drawable } from '../model';
import type { BoardSync } from '../sync';
import type { LiveChannel } from '../live';
import { newObjectId } from '../ids';
import { center, unionBox, worldBox, type Box, type Pt } from '../geometry';
import { strokeGeometry } from '../stroke-points';
import { duplicateChange, orderChange, poseProps, topZ } from '../actions';
import { templateBox, type TemplateShape } from '../template';
import { fitText } from '../text-fit';
import { EDITING_TOOLS, type ToolName, type ToolState } from '../tools';
import { HIGHLIGHTER_WIDTH, inkHex } from '../style';
import type { ImageStore } from '../images';
import { buildNode, canvasMeasure, connectorBody, drawConnector, freehandShape, type NodeEnv } from './nodes';
import { LiveLayer } from './live-layer';
import { templateGroup } from './template-layer';
import { TextEditor } from './text-editor';

export interface BoardViewOptions {
  /** Where the canvas goes; the view fills it (the host sets its size in CSS). */
  host: HTMLElement;
  sync: BoardSync;
  /** Live cursors/strokes (R37); null for a read-only look at a revealed board. */
  live: LiveChannel | null;
  boardId: string;
  meId: string;
  tools: ToolState;
  /** May I change this board now (R34)? Asked on every gesture. */
  editable(): boolean;
  names(memberId: string): string;
  template(): TemplateShape | null;
  images: ImageStore;
  labels: { editText: string; connectorLabel: string; canvas: string };
  /** Selection, undo or zoom changed: the toolbar updates. */
  onStatus?(): void;
  /** The view switched tools itself (back to select after placing a note). */
  onTool?(tool: ToolName): void;
  /** A hint for the connector tool ('first', 'second'), or null. */
  onHint?(hint: 'first' | 'second' | null): void;
  /** A change refused locally (nothing was sent). */
  onRefused?(code: string): void;
  /** A picture was pasted while this board was active. */
  onPasteImage?(file: File): void;
  /** Only look: pan and zoom, no selection, no cursor sent. */
  readOnly?: boolean;
}

export interface View {
  x: number;
  y: number;
  zoom: number;
}

type Gesture =
  | { kind: 'none' }
  | { kind: 'press'; id: string }
  | { kind: 'pan'; start: Pt; origin: Pt; moved: boolean }
  | { kind: 'box'; start: Pt; rect: Rect }
  | { kind: 'stroke'; id: string; abs: number[]; preview: Line | null; color: string; width: number; tool: 'pen' | 'highlighter' }
  | { kind: 'erase'; ids: Set<string> }
  | { kind: 'place'; tool: 'sticky' | 'text' }
  | { kind: 'shape'; tool: 'rect' | 'ellipse' | 'line' | 'arrow'; start: Pt; end: Pt; preview: Node }
  | { kind: 'laser' };

const ZOOM_MIN = 0.05;
const ZOOM_MAX = 20;
const r1 = (v: number) => Math.round(v * 10) / 10;

/** The board view that last had a pointer on it gets the keyboard (undo, delete) and paste. */
let activeView: BoardView | null = null;

export class BoardView {
  private readonly box: HTMLDivElement;
  private readonly stage: Stage;
  private readonly bg = new Layer({ listening: false });
  private readonly main = new Layer();
  private readonly ui = new Layer();
  private readonly liveLayer: LiveLayer;
  private readonly transformer: Transformer;
  private readonly editor: TextEditor;
  private nodes = new Map<string, { node: Group; sig: string; o: BoardObject }>();
  private objects = new Map<string, BoardObject>();
  private selected = new Set<string>();
  /** Objects being dragged or transformed here: remote updates wait until the gesture ends. */
  private busy = new Set<string>();
  private gesture: Gesture = { kind: 'none' };
  private pointers = new Map<number, Pt>();
  private pinch: { d0: number; c0: Pt; scale0: number; pos0: Pt } | null = null;
  private connectFrom: string | null = null;
  private templateKey = '';
  private fitted = false;
  private editing: string | null = null;
  private resize: ResizeObserver | null = null;
  private unsub: Array<() => void> = [];
  private fadeTimer: ReturnType<typeof setInterval> | null = null;
  private commitQueued = false;
  /** The dashed frame around the first object picked for a connector. */
  private pickMarker: Rect | null = null;

  constructor(private readonly o: BoardViewOptions) {
    this.box = document.createElement('div');
    this.box.className = 'board-stage';
    this.box.setAttribute('role', 'img');
    this.box.setAttribute('aria-label', o.labels.canvas);
    o.host.appendChild(this.box);
    const w = Math.max(100, o.host.clientWidth);
    const h = Math.max(100, o.host.clientHeight);
    this.stage = new Stage({ container: this.box, width: w, height: h });
    this.liveLayer = new LiveLayer(o.names);
    this.transformer = new Transformer({
      rotateEnabled: true,
      flipEnabled: false,
      keepRatio: false,
      ignoreStroke: true,
      anchorSize: 14,
      anchorCornerRadius: 4,
      anchorStroke: '#1e5b73',
      borderStroke: '#1e5b73',
      rotateAnchorOffset: 34,
      rotationSnaps: [0, 90, 180, 270],
      boundBoxFunc: (old, nw) => (Math.abs(nw.width) < 12 || Math.abs(nw.height) < 12 ? old : nw),
    });
    this.ui.add(this.transformer);
    this.stage.add(this.bg, this.main, this.ui, this.liveLayer.layer);
    this.editor = new TextEditor(o.host);
    this.env = { images: o.images, redraw: () => this.main.batchDraw(), objectById: (id) => this.liveObject(id) };

    this.bindPointer();
    this.bindNodes();
    this.resize = new ResizeObserver(() => this.onResize());
    this.resize.observe(o.host);
    this.unsub.push(o.sync.subscribe((id) => (id === null || id === o.boardId) && this.refresh()));
    if (o.live) {
      this.unsub.push(o.live.subscribe(() => this.refreshLive()));
      // Cursors and strokes fade (R37) even when nothing new arrives.
      this.fadeTimer = setInterval(() => this.refreshLive(), 1000);
    }
    const onKey = (e: KeyboardEvent) => this.onKey(e);
    const onPaste = (e: ClipboardEvent) => this.onPaste(e);
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    this.unsub.push(() => window.removeEventListener('keydown', onKey), () => window.removeEventListener('paste', onPaste));
    this.refresh();
  }

  // ---- drawing the model ----------------------------------------------------------------

  private readonly env: NodeEnv;

  /** The object as it looks right now: while it is dragged here, at its node's place. */
  private liveObject(id: string): BoardObject | undefined {
    const o = this.objects.get(id);
    if (!o || !this.busy.has(id)) return o;
    const n = this.nodes.get(id)?.node;
    if (!n) return o;
    return { ...o, ...poseProps(o, { x: n.x(), y: n.y(), rotation: n.rotation(), scaleX: n.scaleX(), scaleY: n.scaleY() }) };
  }

  private signature(o: BoardObject): string {
    if (o.type !== 'connector') return JSON.stringify(o);
    const geo = (id: string | undefined) => {
      const e = this.objects.get(id ?? '');
      return e ? [e.type, e.x, e.y, e.w, e.h, e.rotation, e.points] : null;
    };
    return JSON.stringify([o, geo(o.from), geo(o.to)]);
  }

  /** Redraws what changed in the model; keeps nodes being dragged here as they are. */
  refresh(): void {
    const b = this.o.sync.board(this.o.boardId);
    const objs = b ? drawable(b) : [];
    this.objects = new Map(objs.map((x) => [x.id, x]));
    for (const [id, e] of this.nodes) {
      if (this.objects.has(id) || this.busy.has(id)) continue;
      e.node.destroy();
      this.nodes.delete(id);
    }
    const editable = this.canEdit() && this.o.tools.tool === 'select';
    objs.forEach((o, i) => {
      let e = this.nodes.get(o.id);
      const sig = this.signature(o);
      if (e && e.sig !== sig && !this.busy.has(o.id)) {
        e.node.destroy();
        e = undefined;
      }
      if (!e) {
        const node = buildNode(o, this.env);
        this.main.add(node);
        e = { node, sig, o };
        this.nodes.set(o.id, e);
      }
      e.node.zIndex(Math.min(i, this.main.children.length - 1));
      e.node.draggable(editable && o.type !== 'connector');
      if (this.editing === o.id) e.node.findOne('.label')?.visible(false);
    });
    for (const id of [...this.selected]) if (!this.objects.has(id)) this.selected.delete(id);
    if (this.connectFrom && !this.objects.has(this.connectFrom)) this.connectFrom = null;
    this.drawTemplate();
    this.showSelection();
    if (!this.fitted && (objs.length || this.o.template())) {
      this.fitted = true;
      this.fit();
    }
    this.main.batchDraw();
    this.o.onStatus?.();
  }

  private drawTemplate(): void {
    const t = this.o.template();
    const key = JSON.stringify(t);
    if (key === this.templateKey) return;
    this.templateKey = key;
    this.bg.destroyChildren();
    if (t) this.bg.add(templateGroup(t));
    this.bg.batchDraw();
  }

  private showSelection(): void {
    const nodes: Group[] = [];
    for (const [id, e] of this.nodes) {
      const sel = this.selected.has(id) || this.connectFrom === id;
      if (e.o.type === 'connector') {
        const body = connectorBody(e.node);
        body?.setAttrs({ shadowColor: '#1e88e5', shadowBlur: sel ? 10 : 0, shadowOpacity: sel ? 1 : 0, shadowEnabled: sel });
      }
      if (this.selected.has(id) && e.o.type !== 'connector') nodes.push(e.node);
    }
    this.pickMarker?.destroy();
    this.pickMarker = null;
    const picked = this.connectFrom ? this.nodes.get(this.connectFrom)?.node : undefined;
    if (picked) {
      const r = picked.getClientRect({ relativeTo: this.stage });
      const k = 1 / this.stage.scaleX();
      this.pickMarker = new Rect({ x: r.x - 6 * k, y: r.y - 6 * k, width: r.width + 12 * k, height: r.height + 12 * k, stroke: '#1e88e5', strokeWidth: 3 * k, dash: [8 * k, 6 * k], cornerRadius: 6 * k, listening: false });
      this.ui.add(this.pickMarker);
    }
    const allImages = nodes.length > 0 && nodes.every((n) => this.objects.get(n.id())?.type === 'image');
    this.transformer.keepRatio(allImages);
    this.transformer.nodes(this.canEdit() ? nodes : []);
    this.ui.batchDraw();
  }

  refreshLive(): void {
    if (!this.o.live) return;
    this.liveLayer.setScale(this.stage.scaleX());
    this.liveLayer.update(this.o.live.remote(this.o.boardId).filter((r) => r.member_id !== this.o.meId));
  }

  // ---- state for the toolbar -------------------------------------------------------------

  selection(): string[] {
    return [...this.selected];
  }

  canEdit(): boolean {
    return !this.o.readOnly && this.o.editable();
  }

  /** How the selection can be restyled: all notes, all ink things, or all connectors. */
  selectionStyle(): SelectionStyle | null {
    const objs = this.selection().map((id) => this.objects.get(id)).filter((o): o is BoardObject => !!o);
    if (!objs.length) return null;
    const kindOf = (o: BoardObject): SelectionStyle['kind'] | null => (o.type === 'sticky' ? 'sticky' : o.type === 'connector' ? 'relation' : o.type === 'image' ? null : 'ink');
    const kind = kindOf(objs[0]);
    if (!kind || objs.some((o) => kindOf(o) !== kind)) return null;
    const values = new Set(objs.map((o) => (kind === 'relation' ? o.style : o.color) ?? ''));
    return { kind, value: values.size === 1 ? [...values][0] : null };
  }

  /** Gives the selection a colour or relation style (rectangles and ellipses keep their fill choice). */
  restyle(kind: SelectionStyle['kind'], value: string): void {
    if (!this.canEdit()) return;
    const set = [];
    for (const id of this.selection()) {
      const o = this.objects.get(id);
      if (!o) continue;
      if (kind === 'relation' && o.type === 'connector') set.push({ id, style: value as RelationStyle });
      else if (kind === 'sticky' && o.type === 'sticky') set.push({ id, color: value });
      else if (kind === 'ink' && o.type !== 'sticky' && o.type !== 'connector' && o.type !== 'image')
        set.push((o.type === 'rect' || o.type === 'ellipse') && o.fill && o.fill !== 'none' ? { id, color: value, fill: value } : { id, color: value });
    }
    if (set.length) this.commit({ set });
  }

  /** The label of the one selected connector, typed in place. */
  editSelectedLabel(): void {
    const id = this.selection().find((x) => this.objects.get(x)?.type === 'connector');
    if (id) this.editText(id);
  }

  /** The tool changed in the toolbar. */
  toolChanged(): void {
    this.connectFrom = null;
    this.o.onHint?.(this.o.tools.tool === 'connector' ? 'first' : null);
    if (this.o.tools.tool !== 'select') this.selected.clear();
    this.box.dataset.mode = this.o.tools.tool;
    this.refresh();
  }

  // ---- edits -----------------------------------------------------------------------------

  private commit(change: BoardChange): boolean {
    const out = this.o.sync.change(this.o.boardId, change);
    if (out.result === 'error') {
      this.o.onRefused?.(out.code);
      this.refresh();
      return false;
    }
    return true;
  }

  remove(): void {
    const ids = this.selection();
    if (!ids.length || !this.canEdit()) return;
    this.selected.clear();
    this.commit({ delete: ids });
  }

  duplicate(): void {
    const ids = this.selection();
    if (!ids.length || !this.canEdit()) return;
    const b = this.o.sync.board(this.o.boardId);
    if (!b) return;
    const d = duplicateChange(b.objects, ids, newObjectId);
    if (d.ids.length && this.commit(d.change)) {
      this.selected = new Set(d.ids);
      this.refresh();
    }
  }

  order(where: 'front' | 'back'): void {
    const b = this.o.sync.board(this.o.boardId);
    if (!b || !this.canEdit()) return;
    const change = orderChange(b.objects, this.selection(), where);
    if (change.set?.length) this.commit(change);
  }

  /** A picture just uploaded: in the middle of the screen, at most 400 units wide or high. */
  placeImage(imageId: string, width: number, height: number): void {
    // Its own pixels on screen, but at most 400 of them across.
    const k = this.unit() * Math.min(1, 400 / Math.max(width, height, 1));
    const w = r1(Math.max(1, width * k));
    const h = r1(Math.max(1, height * k));
    const c = this.getView();
    const o: BoardObject = { id: newObjectId(), type: 'image', x: r1(c.x - w / 2), y: r1(c.y - h / 2), rotation: 0, z: this.nextZ(), deleted: false, w, h, image_id: imageId };
    if (this.commit({ put: [o] })) {
      this.selected = new Set([o.id]);
      this.o.onTool?.('select');
      this.refresh();
    }
  }

  /**
   * Board units per screen pixel for new things, so a pen or a note looks the same size on
   * screen at any zoom (within reason: very far out or in, sizes stop following).
   */
  private unit(): number {
    return 1 / Math.min(2.5, Math.max(0.4, this.stage.scaleX()));
  }

  private lineWidth(px: number): number {
    return Math.min(64, Math.max(1, Math.round(px * this.unit())));
  }

  private nextZ(): number {
    const b = this.o.sync.board(this.o.boardId);
    return (b ? topZ(b.objects.values()) : 0) + 1;
  }

  // ---- view: zoom, pan, fit --------------------------------------------------------------

  getView(): View {
    const s = this.stage.scaleX();
    return { x: r1((this.stage.width() / 2 - this.stage.x()) / s), y: r1((this.stage.height() / 2 - this.stage.y()) / s), zoom: Math.round(s * 1000) / 1000 };
  }

  setView(v: View): void {
    const s = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, v.zoom));
    this.stage.scale({ x: s, y: s });
    this.stage.position({ x: this.stage.width() / 2 - v.x * s, y: this.stage.height() / 2 - v.y * s });
    this.viewChanged();
  }

  zoomBy(factor: number, at?: Pt): void {
    const p = at ?? { x: this.stage.width() / 2, y: this.stage.height() / 2 };
    const s0 = this.stage.scaleX();
    const s = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, s0 * factor));
    const b = this.toBoard(p);
    this.stage.scale({ x: s, y: s });
    this.stage.position({ x: p.x - b.x * s, y: p.y - b.y * s });
    this.viewChanged();
  }

  /** Everything on the board (and the template) in view, not magnified past 100 %. */
  fit(): void {
    const box = this.contentBox();
    if (!box) {
      this.setView({ x: 0, y: 0, zoom: 1 });
      return;
    }
    const m = 24;
    const s = Math.min(1, (this.stage.width() - 2 * m) / Math.max(box.w, 1), (this.stage.height() - 2 * m) / Math.max(box.h, 1));
    this.setView({ x: box.x + box.w / 2, y: box.y + box.h / 2, zoom: Math.max(ZOOM_MIN, s) });
  }

  private contentBox(): Box | null {
    const boxes = [...this.objects.values()].filter((o) => o.type !== 'connector').map(worldBox);
    if (this.o.template()) boxes.push(templateBox());
    return unionBox(boxes);
  }

  private viewChanged(): void {
    this.refreshLive();
    this.stage.batchDraw();
    this.o.onStatus?.();
  }

  private onResize(): void {
    const w = this.o.host.clientWidth;
    const h = this.o.host.clientHeight;
    if (!w || !h || (w === this.stage.width() && h === this.stage.height())) return;
    const v = this.getView();
    this.stage.size({ width: w, height: h });
    if (this.fitted) this.setView(v);
    else this.refresh();
  }

  private toBoard(p: Pt): Pt {
    const s = this.stage.scaleX();
    return { x: (p.x - this.stage.x()) / s, y: (p.y - this.stage.y()) / s };
  }

  // ---- export ----------------------------------------------------------------------------

  /** The whole board as a PNG data: URL on white (selection and live layers left out). */
  exportPng(): string {
    const box = this.contentBox() ?? { x: 0, y: 0, w: this.stage.width(), h: this.stage.height() };
    const m = 40;
    const w = box.w + 2 * m;
    const h = box.h + 2 * m;
    const saved = { scale: this.stage.scaleX(), pos: this.stage.position() };
    const paper = new Rect({ x: box.x - m, y: box.y - m, width: w, height: h, fill: '#ffffff' });
    this.bg.add(paper);
    paper.moveToBottom();
    this.ui.visible(false);
    this.liveLayer.layer.visible(false);
    this.stage.scale({ x: 1, y: 1 });
    this.stage.position({ x: -box.x + m, y: -box.y + m });
    try {
      return this.stage.toDataURL({ x: 0, y: 0, width: w, height: h, pixelRatio: Math.min(2, 4096 / Math.max(w, h)) });
    } finally {
      paper.destroy();
      this.ui.visible(true);
      this.liveLayer.layer.visible(true);
      this.stage.scale({ x: saved.scale, y: saved.scale });
      this.stage.position(saved.pos);
      this.stage.batchDraw();
    }
  }

  // ---- pointer input ---------------------------------------------------------------------

  private screen(e: PointerEvent | WheelEvent): Pt {
    const r = this.box.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  /** The object under a screen point (its group), or a transformer handle ('handle'). */
  private hit(p: Pt): string | 'handle' | null {
    const shape = this.stage.getIntersection(p);
    if (!shape) return null;
    if (shape.getLayer() === this.ui) return 'handle';
    let n: Node | null = shape;
    while (n && !n.hasName('obj')) n = n.getParent();
    return n ? n.id() : null;
  }

  private effectiveTool(): ToolName {
    const t = this.o.tools.tool;
    if (this.o.readOnly) return 'select';
    if (!this.canEdit() && EDITING_TOOLS.has(t)) return 'select';
    return t;
  }

  private sendsLive(): boolean {
    // R37: only on a shared board one may change; never for private boards.
    return !!this.o.live && this.canEdit() && this.o.sync.board(this.o.boardId)?.info.kind === 'shared';
  }

  private bindPointer(): void {
    const el = this.box;
    const down = (e: PointerEvent) => this.onDown(e);
    const move = (e: PointerEvent) => this.onMove(e);
    const up = (e: PointerEvent) => this.onUp(e, false);
    const cancel = (e: PointerEvent) => this.onUp(e, true);
    const leave = () => {
      if (this.sendsLive() && this.pointers.size === 0) this.o.live!.cursor(this.o.boardId, null);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      // Trackpad pinches arrive as ctrl+wheel with small deltas; a mouse wheel as ±100.
      const f = Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015));
      this.zoomBy(f, this.screen(e));
    };
    el.addEventListener('pointerdown', down);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', cancel);
    el.addEventListener('pointerleave', leave);
    el.addEventListener('wheel', wheel, { passive: false });
    el.addEventListener('contextmenu', (e) => e.preventDefault());
    this.unsub.push(() => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', cancel);
    });
  }

  private onDown(e: PointerEvent): void {
    activeView = this;
    if (this.editing) return;
    const p = this.screen(e);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 2) {
      // Two fingers: pinch to zoom and pan; whatever one finger began is dropped.
      this.cancelGesture();
      const [a, b] = [...this.pointers.values()];
      this.pinch = { d0: Math.hypot(a.x - b.x, a.y - b.y) || 1, c0: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, scale0: this.stage.scaleX(), pos0: this.stage.position() };
      return;
    }
    if (this.pointers.size > 2) return;
    const bp = this.toBoard(p);
    const tool = this.effectiveTool();
    if (e.button === 1 || e.button === 2) {
      this.gesture = { kind: 'pan', start: p, origin: this.stage.position(), moved: false };
      return;
    }
    switch (tool) {
      case 'select': {
        const id = this.hit(p);
        if (id === 'handle') return;
        if (id && !this.o.readOnly) {
          if (e.shiftKey) {
            if (this.selected.has(id)) this.selected.delete(id);
            else this.selected.add(id);
          } else if (!this.selected.has(id)) {
            this.selected = new Set([id]);
          }
          this.showSelection();
          this.o.onStatus?.();
          this.gesture = { kind: 'press', id };
        } else if (e.shiftKey && !this.o.readOnly) {
          const rect = new Rect({ x: bp.x, y: bp.y, width: 0, height: 0, fill: 'rgba(30,91,115,0.08)', stroke: '#1e5b73', strokeWidth: 1 / this.stage.scaleX(), dash: [4 / this.stage.scaleX(), 4 / this.stage.scaleX()] });
          this.ui.add(rect);
          this.gesture = { kind: 'box', start: bp, rect };
        } else {
          this.gesture = { kind: 'pan', start: p, origin: this.stage.position(), moved: false };
        }
        return;
      }
      case 'pen':
      case 'highlighter': {
        const pen = tool === 'pen';
        const color = pen ? this.o.tools.ink : this.o.tools.highlighterInk;
        const width = this.lineWidth(pen ? this.o.tools.width : HIGHLIGHTER_WIDTH);
        this.gesture = { kind: 'stroke', id: newObjectId(), abs: [r1(bp.x), r1(bp.y)], preview: null, color, width, tool };
        this.drawStrokePreview();
        this.sendStroke([r1(bp.x), r1(bp.y)]);
        return;
      }
      case 'eraser':
        this.gesture = { kind: 'erase', ids: new Set() };
        this.eraseAt(p);
        return;
      case 'sticky':
      case 'text':
        this.gesture = { kind: 'place', tool };
        return;
      case 'rect':
      case 'ellipse':
      case 'line':
      case 'arrow': {
        const preview = this.shapePreview(tool, bp, bp);
        this.ui.add(preview as Group);
        this.gesture = { kind: 'shape', tool, start: bp, end: bp, preview };
        return;
      }
      case 'connector':
        this.pickForConnector(this.hit(p));
        return;
      case 'laser':
        this.gesture = { kind: 'laser' };
        this.laser(bp, true);
        return;
      case 'image':
        return;
    }
  }

  private onMove(e: PointerEvent): void {
    if (!this.pointers.has(e.pointerId)) {
      // Hovering (a mouse): only the cursor for the others.
      if (e.target instanceof globalThis.Node && this.box.contains(e.target) && this.sendsLive() && this.o.tools.tool !== 'laser') {
        const bp = this.toBoard(this.screen(e));
        this.o.live!.cursor(this.o.boardId, { x: r1(bp.x), y: r1(bp.y) });
      }
      return;
    }
    const p = this.screen(e);
    this.pointers.set(e.pointerId, p);
    if (this.pinch) {
      const [a, b] = [...this.pointers.values()];
      if (!a || !b) return;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      const c = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const s = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, (this.pinch.scale0 * d) / this.pinch.d0));
      const k = s / this.pinch.scale0;
      this.stage.scale({ x: s, y: s });
      this.stage.position({ x: c.x - (this.pinch.c0.x - this.pinch.pos0.x) * k, y: c.y - (this.pinch.c0.y - this.pinch.pos0.y) * k });
      this.viewChanged();
      return;
    }
    const bp = this.toBoard(p);
    const g = this.gesture;
    if (this.sendsLive() && g.kind !== 'laser' && g.kind !== 'stroke') this.o.live!.cursor(this.o.boardId, { x: r1(bp.x), y: r1(bp.y) });
    switch (g.kind) {
      case 'pan': {
        const dx = p.x - g.start.x;
        const dy = p.y - g.start.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) g.moved = true;
        this.stage.position({ x: g.origin.x + dx, y: g.origin.y + dy });
        this.viewChanged();
        return;
      }
      case 'box':
        g.rect.setAttrs({ x: Math.min(g.start.x, bp.x), y: Math.min(g.start.y, bp.y), width: Math.abs(bp.x - g.start.x), height: Math.abs(bp.y - g.start.y) });
        this.ui.batchDraw();
        return;
      case 'stroke': {
        const x = r1(bp.x);
        const y = r1(bp.y);
        const n = g.abs.length;
        if (g.abs[n - 2] === x && g.abs[n - 1] === y) return;
        g.abs.push(x, y);
        this.drawStrokePreview();
        this.sendStroke([x, y]);
        return;
      }
      case 'erase':
        this.eraseAt(p);
        return;
      case 'shape':
        g.end = bp;
        g.preview.destroy();
        g.preview = this.shapePreview(g.tool, g.start, bp);
        this.ui.add(g.preview as Group);
        this.ui.batchDraw();
        return;
      case 'laser':
        this.laser(bp, true);
        return;
    }
  }

  private onUp(e: PointerEvent, cancelled: boolean): void {
    if (!this.pointers.has(e.pointerId)) return;
    const p = this.pointers.get(e.pointerId)!;
    this.pointers.delete(e.pointerId);
    if (this.pinch) {
      if (this.pointers.size < 2) this.pinch = null;
      this.gesture = { kind: 'none' };
      return;
    }
    const g = this.gesture;
    this.gesture = { kind: 'none' };
    if (cancelled) {
      this.dropPreviews(g);
      return;
    }
    const bp = this.toBoard(p);
    switch (g.kind) {
      case 'pan':
        if (!g.moved && this.selected.size) {
          this.selected.clear();
          this.showSelection();
          this.o.onStatus?.();
        }
        return;
      case 'box': {
        const r = { x: g.rect.x(), y: g.rect.y(), w: g.rect.width(), h: g.rect.height() };
        g.rect.destroy();
        for (const o of this.objects.values()) {
          if (o.type === 'connector') continue;
          const b = worldBox(o);
          if (b.x < r.x + r.w && b.x + b.w > r.x && b.y < r.y + r.h && b.y + b.h > r.y) this.selected.add(o.id);
        }
        this.showSelection();
        this.o.onStatus?.();
        return;
      }
      case 'stroke':
        this.finishStroke(g);
        return;
      case 'erase':
        if (g.ids.size) this.commit({ delete: [...g.ids] });
        return;
      case 'place':
        this.place(g.tool, bp);
        return;
      case 'shape':
        g.preview.destroy();
        this.finishShape(g.tool, g.start, g.end);
        return;
      case 'laser':
        this.laser(bp, false);
        return;
    }
  }

  private cancelGesture(): void {
    const g = this.gesture;
    this.gesture = { kind: 'none' };
    this.dropPreviews(g);
  }

  private dropPreviews(g: Gesture): void {
    if (g.kind === 'stroke') g.preview?.destroy();
    // An erasing stopped half-way (a second finger, a cancelled pointer) erases nothing.
    if (g.kind === 'erase') for (const id of g.ids) this.nodes.get(id)?.node.opacity(1);
    if (g.kind === 'shape') g.preview.destroy();
    if (g.kind === 'box') g.rect.destroy();
    this.ui.batchDraw();
    this.main.batchDraw();
  }

  // ---- tools -----------------------------------------------------------------------------

  private sendStroke(points: number[]): void {
    const g = this.gesture;
    if (g.kind !== 'stroke' || !this.sendsLive()) return;
    this.o.live!.strokePoints(this.o.boardId, { id: g.id, color: g.color, width: g.width, tool: g.tool }, points);
  }

  private drawStrokePreview(): void {
    const g = this.gesture;
    if (g.kind !== 'stroke') return;
    g.preview?.destroy();
    g.preview = freehandShape(g.abs, g.color, g.width, g.tool, false);
    g.preview.listening(false);
    this.ui.add(g.preview);
    this.ui.batchDraw();
  }

  private finishStroke(g: Extract<Gesture, { kind: 'stroke' }>): void {
    const geo = strokeGeometry(g.abs);
    const o: BoardObject = { id: g.id, type: 'stroke', x: geo.x, y: geo.y, rotation: 0, z: this.nextZ(), deleted: false, points: geo.points, color: g.color, width: g.width, tool: g.tool };
    this.commit({ put: [o] });
    g.preview?.destroy();
    this.ui.batchDraw();
  }

  private eraseAt(p: Pt): void {
    const g = this.gesture;
    if (g.kind !== 'erase') return;
    // A small ring of probes so thin lines are easy to hit with a finger.
    const r = 8;
    for (const d of [{ x: 0, y: 0 }, { x: r, y: 0 }, { x: -r, y: 0 }, { x: 0, y: r }, { x: 0, y: -r }]) {
      const id = this.hit({ x: p.x + d.x, y: p.y + d.y });
      if (!id || id === 'handle' || g.ids.has(id)) continue;
      g.ids.add(id);
      this.nodes.get(id)?.node.opacity(0.2);
    }
    this.main.batchDraw();
  }

  private place(tool: 'sticky' | 'text', at: Pt): void {
    const u = this.unit();
    const side = r1(180 * u);
    const o: BoardObject =
      tool === 'sticky'
        ? { id: newObjectId(), type: 'sticky', x: r1(at.x - side / 2), y: r1(at.y - side / 2), rotation: 0, z: this.nextZ(), deleted: false, w: side, h: side, text: '', color: this.o.tools.sticky }
        : { id: newObjectId(), type: 'text', x: r1(at.x), y: r1(at.y - 20 * u), rotation: 0, z: this.nextZ(), deleted: false, w: r1(280 * u), h: r1(48 * u), text: '', color: this.o.tools.ink, size: Math.min(200, Math.max(8, Math.round(28 * u))) };
    if (!this.commit({ put: [o] })) return;
    this.o.onTool?.('select');
    this.selected = new Set([o.id]);
    this.refresh();
    this.editText(o.id);
  }

  private shapePreview(tool: 'rect' | 'ellipse' | 'line' | 'arrow', a: Pt, b: Pt): Node {
    const ink = inkHex(this.o.tools.ink);
    const sw = this.lineWidth(this.o.tools.width);
    const fill = this.o.tools.filled ? ink : undefined;
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    const w = Math.abs(b.x - a.x);
    const h = Math.abs(b.y - a.y);
    if (tool === 'rect') return new Rect({ x, y, width: w, height: h, stroke: ink, strokeWidth: sw, fill, listening: false });
    if (tool === 'ellipse') return new Ellipse({ x: x + w / 2, y: y + h / 2, radiusX: w / 2, radiusY: h / 2, stroke: ink, strokeWidth: sw, fill, listening: false });
    const cfg = { points: [a.x, a.y, b.x, b.y], stroke: ink, strokeWidth: sw, lineCap: 'round' as const, listening: false };
    return tool === 'arrow' ? new Arrow({ ...cfg, fill: ink, pointerLength: 10 + sw * 2, pointerWidth: 10 + sw * 2 }) : new Line(cfg);
  }

  private finishShape(tool: 'rect' | 'ellipse' | 'line' | 'arrow', a: Pt, b0: Pt): void {
    // A tap (or a tiny drag) places a shape of a usual size.
    const tiny = Math.hypot(b0.x - a.x, b0.y - a.y) * this.stage.scaleX() < 8;
    const u = this.unit();
    const b = tiny ? (tool === 'line' || tool === 'arrow' ? { x: a.x + 160 * u, y: a.y } : { x: a.x + 160 * u, y: a.y + 110 * u }) : b0;
    const base = { id: newObjectId(), rotation: 0, z: this.nextZ(), deleted: false, color: this.o.tools.ink, width: this.lineWidth(this.o.tools.width) };
    let o: BoardObject;
    if (tool === 'rect' || tool === 'ellipse') {
      const x = r1(Math.min(a.x, b.x));
      const y = r1(Math.min(a.y, b.y));
      o = { ...base, type: tool, x, y, w: r1(Math.max(1, Math.abs(b.x - a.x))), h: r1(Math.max(1, Math.abs(b.y - a.y))), fill: this.o.tools.filled ? this.o.tools.ink : 'none' };
    } else {
      const x = r1(a.x);
      const y = r1(a.y);
      o = { ...base, type: tool, x, y, points: [0, 0, r1(b.x - x), r1(b.y - y)] };
    }
    if (this.commit({ put: [o] })) {
      this.selected = new Set([o.id]);
      this.o.onTool?.('select');
      this.refresh();
    }
  }

  private pickForConnector(id: string | 'handle' | null): void {
    const o = id && id !== 'handle' ? this.objects.get(id) : undefined;
    if (!o || o.type === 'connector') {
      this.connectFrom = null;
      this.o.onHint?.('first');
      this.showSelection();
      return;
    }
    if (!this.connectFrom || this.connectFrom === o.id) {
      this.connectFrom = o.id;
      this.o.onHint?.('second');
      this.showSelection();
      return;
    }
    const c: BoardObject = { id: newObjectId(), type: 'connector', x: 0, y: 0, rotation: 0, z: this.nextZ(), deleted: false, from: this.connectFrom, to: o.id, style: this.o.tools.relation, label: '' };
    this.connectFrom = null;
    this.o.onHint?.('first');
    if (this.commit({ put: [c] })) this.refresh();
  }

  private laser(bp: Pt, on: boolean): void {
    if (on) {
      this.liveLayer.setScale(this.stage.scaleX());
      this.liveLayer.laserAt(this.o.meId, bp.x, bp.y);
    }
    if (this.sendsLive()) this.o.live!.cursor(this.o.boardId, { x: r1(bp.x), y: r1(bp.y) }, on);
  }

  // ---- moving and transforming with Konva ------------------------------------------------

  private bindNodes(): void {
    const startBusy = () => {
      for (const id of this.selected) this.busy.add(id);
    };
    const moving = () => {
      for (const [, e] of this.nodes) {
        if (e.o.type === 'connector' && (this.busy.has(e.o.from ?? '') || this.busy.has(e.o.to ?? ''))) drawConnector(e.node, e.o, this.env);
      }
    };
    this.main.on('dragstart', (ev) => {
      const id = ev.target.id();
      if (!this.selected.has(id)) this.selected = new Set([id]);
      startBusy();
      this.busy.add(id);
    });
    this.main.on('dragmove', moving);
    this.main.on('dragend', () => this.commitPoses());
    this.transformer.on('transformstart', startBusy);
    this.transformer.on('transform', moving);
    this.transformer.on('transformend', () => this.commitPoses());
    this.stage.on('dblclick dbltap', (ev) => {
      if (!this.canEdit() || this.effectiveTool() !== 'select') return;
      let n: Node | null = ev.target;
      while (n && !n.hasName('obj')) n = n.getParent();
      if (n) this.editText(n.id());
    });
  }

  /** After a drag or transform (Konva fires per node): one set with every moved object. */
  private commitPoses(): void {
    if (this.commitQueued) return;
    this.commitQueued = true;
    queueMicrotask(() => {
      this.commitQueued = false;
      const set = [];
      for (const id of this.busy) {
        const e = this.nodes.get(id);
        const o = this.objects.get(id);
        if (!e || !o) continue;
        const n = e.node;
        const props = poseProps(o, { x: n.x(), y: n.y(), rotation: n.rotation(), scaleX: n.scaleX(), scaleY: n.scaleY() });
        set.push(props);
      }
      this.busy.clear();
      if (set.length) this.commit({ set });
      this.refresh();
    });
  }

  // ---- typing ----------------------------------------------------------------------------

  private editText(id: string): void {
    const o = this.objects.get(id);
    const e = this.nodes.get(id);
    if (!o || !e || !['sticky', 'text', 'connector'].includes(o.type)) return;
    const s = this.stage.scaleX();
    let rect: { x: number; y: number; width: number; height: number };
    let fontSize: number;
    if (o.type === 'connector') {
      const a = this.objects.get(o.from ?? '');
      const b = this.objects.get(o.to ?? '');
      if (!a || !b) return;
      const ca = center(a);
      const cb = center(b);
      const mid = { x: ((ca.x + cb.x) / 2) * s + this.stage.x(), y: ((ca.y + cb.y) / 2) * s + this.stage.y() };
      rect = { x: mid.x - 110, y: mid.y - 22, width: 220, height: 44 };
      fontSize = 18;
    } else {
      rect = e.node.getClientRect();
      fontSize = (o.type === 'sticky' ? fitText(o.text ?? '', o.w ?? 180, o.h ?? 180, canvasMeasure).size : (o.size ?? 24)) * s;
    }
    this.editing = id;
    e.node.findOne('.label')?.visible(false);
    this.main.batchDraw();
    const stageBox = this.box.getBoundingClientRect();
    const hostBox = this.o.host.getBoundingClientRect();
    const off = { x: stageBox.left - hostBox.left, y: stageBox.top - hostBox.top };
    const connector = o.type === 'connector';
    this.editor.open(
      {
        left: rect.x + off.x,
        top: rect.y + off.y,
        width: rect.width,
        height: rect.height,
        fontSize: Math.min(40, Math.max(14, fontSize)),
        text: (connector ? o.label : o.text) ?? '',
        multiline: !connector,
        maxLength: connector ? 200 : 1000,
        label: connector ? this.o.labels.connectorLabel : this.o.labels.editText,
        className: o.type === 'sticky' ? `sticky-${o.color ?? 'yellow'}` : '',
      },
      (text) => {
        this.editing = null;
        const cur = this.objects.get(id);
        const old = (connector ? cur?.label : cur?.text) ?? '';
        if (cur && text !== null && text !== old && this.canEdit()) this.commit({ set: [connector ? { id, label: text } : { id, text }] });
        this.nodes.get(id)?.node.findOne('.label')?.visible(true);
        this.refresh();
      },
    );
  }

  // ---- keyboard and paste ----------------------------------------------------------------

  private isActive(): boolean {
    return activeView === this && this.box.isConnected;
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.isActive() || this.editing) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (!this.canEdit()) return;
    if (mod && key === 'z' && !e.shiftKey) {
      e.preventDefault();
      this.o.sync.undo(this.o.boardId);
    } else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) {
      e.preventDefault();
      this.o.sync.redo(this.o.boardId);
    } else if (mod && key === 'd') {
      e.preventDefault();
      this.duplicate();
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && this.selected.size) {
      e.preventDefault();
      this.remove();
    } else if (e.key === 'Escape') {
      this.selected.clear();
      this.connectFrom = null;
      this.showSelection();
      this.o.onStatus?.();
    }
  }

  private onPaste(e: ClipboardEvent): void {
    if (!this.isActive() || this.editing || !this.canEdit()) return;
    const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    e.preventDefault();
    this.o.onPasteImage?.(file);
  }

  destroy(): void {
    if (activeView === this) activeView = null;
    if (this.sendsLive()) this.o.live!.cursor(this.o.boardId, null);
    this.editor.close();
    for (const u of this.unsub) u();
    this.unsub = [];
    if (this.fadeTimer) clearInterval(this.fadeTimer);
    this.resize?.disconnect();
    this.liveLayer.destroy();
    this.stage.destroy();
    this.box.remove();
  }
}
