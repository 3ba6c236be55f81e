// Where boards appear in the meeting: the shown step's board (shared, my private one, or after
// the reveal everyone's side by side), the boards the facilitator added, the facilitator's board
// tools, the toolbar, notices and the legend. Plain DOM; the Konva view is loaded with import()
// the first time a board is shown, so nothing else in the app (or its tests) loads Konva.
import { h, renderIfChanged } from '../ui/dom';
import { notice } from '../ui/widgets';
import { errorText, lang, t } from '../i18n';
import { ApiError } from '../api';
import type { MeetingState } from '../meeting/state';
import { memberById } from '../meeting/state';
import { presenterListens } from '../meeting/rules';
import { drawable, liveCount, mayChange, type BoardInfo } from './model';
import type { BoardSync } from './sync';
import type { LiveChannel } from './live';
import type { ImageStore } from './images';
import { boardToSvg } from './export';
import { relationsTemplate } from './template';
import { legendView } from './legend';
import { iconButton, Toolbar } from './toolbar';
import { boardIcon } from './icons';
import { defaultToolState, type ToolState } from './tools';
import type { BoardView } from './view/board-view';

export type ViewModule = typeof import('./view/board-view');

export interface BoardEnv {
  sync: BoardSync;
  live: LiveChannel;
  images: ImageStore;
  /** Loads the Konva view; tests pass a fake. */
  loadView?: () => Promise<ViewModule>;
}

export type BoardTab =
  | { key: string; kind: 'board'; board_id: string; label: string }
  | { key: string; kind: 'revealed'; step: number; label: string };

/** The option of a `board` step (R31): "shared" unless it says "private". */
export function boardStepMode(s: MeetingState, index: number): 'shared' | 'private' | null {
  const step = s.meeting.method.steps[index] as { kind: string; board?: string } | undefined;
  if (!step || step.kind !== 'board') return null;
  return step.board === 'private' ? 'private' : 'shared';
}

/** Which boards to offer while step `index` is shown: the step's own first, then the added ones. */
export function boardTabs(s: MeetingState, index: number, boards: BoardInfo[]): BoardTab[] {
  const tabs: BoardTab[] = [];
  const mode = boardStepMode(s, index);
  const has = (id: string) => boards.some((b) => b.board_id === id);
  if (mode === 'shared' && has(`s:${index}`)) tabs.push({ key: `s:${index}`, kind: 'board', board_id: `s:${index}`, label: t('board_step_tab') });
  if (mode === 'private') {
    if (s.revealedSteps.includes(index)) tabs.push({ key: `revealed:${index}`, kind: 'revealed', step: index, label: t('board_all_tab') });
    else if (has(`p:${index}:${s.memberId}`)) tabs.push({ key: `p:${index}`, kind: 'board', board_id: `p:${index}:${s.memberId}`, label: t('board_mine_tab') });
  }
  let n = 0;
  for (const b of boards) {
    if (b.step_index !== null || b.kind !== 'shared') continue;
    n++;
    tabs.push({ key: b.board_id, kind: 'board', board_id: b.board_id, label: b.title ?? t('board_default_title', { n }) });
  }
  return tabs;
}

/** Revealed private boards of a step that have something on them, by member order (R35). */
export function revealedBoards(s: MeetingState, step: number, sync: BoardSync): BoardInfo[] {
  const order = new Map(s.members.map((m, i) => [m.member_id, i]));
  return sync
    .boards()
    .filter((b) => b.kind === 'private' && b.step_index === step && b.owner_id !== null)
    .filter((b) => {
      const board = sync.board(b.board_id);
      return board !== undefined && liveCount(board) > 0;
    })
    .sort((a, b) => (order.get(a.owner_id!) ?? 99) - (order.get(b.owner_id!) ?? 99));
}

function download(name: string, url: string): void {
  const a = h('a', { href: url, download: name, class: 'sr-only' });
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export class BoardArea {
  readonly el = h('section', { class: 'board-area', 'data-testid': 'board-area' });
  private readonly tabsEl = h('div', { class: 'board-tabs' });
  private readonly facEl = h('div', { class: 'board-fac' });
  private readonly noticeEl = h('div', { class: 'board-notices' });
  private readonly messageEl = h('div', { class: 'board-message', 'aria-live': 'polite' });
  private readonly toolbarSlot = h('div', { class: 'board-toolbar-slot' });
  private readonly canvasHost = h('div', { class: 'board-canvas', 'data-testid': 'board-canvas' });
  private readonly zoomEl = h('div', { class: 'board-zoom', role: 'group' });
  private readonly hintEl = h('p', { class: 'board-hint help', 'aria-live': 'polite' });
  private readonly gridEl = h('div', { class: 'board-grid', 'data-testid': 'board-grid' });
  private readonly footEl = h('div', { class: 'board-foot' });
  private readonly fileInput = h('input', { type: 'file', accept: 'image/png,image/jpeg', class: 'sr-only', tabindex: '-1', 'aria-hidden': 'true' });
  private readonly tools: ToolState = defaultToolState();
  private readonly toolbar: Toolbar;
  private mod: ViewModule | null = null;
  private loading: Promise<void> | null = null;
  private loadFailed = false;
  private view: BoardView | null = null;
  private viewKey = '';
  private grid = new Map<string, BoardView>();
  private gridKey = '';
  private selectedKey: string | null = null;
  private s: MeetingState | null = null;
  private index = 0;
  private tabs: BoardTab[] = [];
  // The facilitator's board tools fold away on a phone; open by default on a wide screen.
  private ui = { adding: false, confirmClear: false, template: false, title: '', open: typeof window === 'undefined' || !window.matchMedia || window.matchMedia('(min-width: 600px)').matches };
  private hint: 'first' | 'second' | null = null;
  private message: { text: string; kind: 'info' | 'error' } | null = null;
  private messageTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingView: { board_id: string; x: number; y: number; zoom: number } | null = null;
  private seenError: unknown = null;
  private unsub: Array<() => void> = [];

  constructor(private readonly env: BoardEnv) {
    this.toolbar = new Toolbar(this.tools, {
      undo: () => this.currentBoard() && env.sync.undo(this.currentBoard()!),
      redo: () => this.currentBoard() && env.sync.redo(this.currentBoard()!),
      remove: () => this.view?.remove(),
      duplicate: () => this.view?.duplicate(),
      front: () => this.view?.order('front'),
      back: () => this.view?.order('back'),
      pickImage: () => this.fileInput.click(),
      restyle: (kind, value) => this.view?.restyle(kind, value),
      editLabel: () => this.view?.editSelectedLabel(),
      changed: () => this.view?.toolChanged(),
    });
    this.toolbarSlot.appendChild(this.toolbar.el);
    // Zoom sits on the board itself, bottom right, like on a map.
    this.canvasHost.appendChild(this.zoomEl);
    this.renderZoom();
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (f) void this.upload(f);
    });
    this.el.append(this.tabsEl, this.facEl, this.noticeEl, this.messageEl, this.toolbarSlot, this.canvasHost, this.hintEl, this.gridEl, this.footEl, this.fileInput);
    this.unsub.push(
      env.sync.subscribe(() => {
        this.checkError();
        if (this.s) this.update(this.s, this.index);
      }),
    );
  }

  /** Whether there is anything to show for this step (a board, or the facilitator's tools). */
  hasContent(s: MeetingState, index: number): boolean {
    return boardTabs(s, index, this.env.sync.boards()).length > 0 || (s.role === 'facilitator' && !s.ended);
  }

  private currentTab(): BoardTab | undefined {
    return this.tabs.find((x) => x.key === this.selectedKey) ?? this.tabs[0];
  }

  private currentBoard(): string | null {
    const tab = this.currentTab();
    return tab?.kind === 'board' ? tab.board_id : null;
  }

  private actor(s: MeetingState) {
    return { member_id: s.memberId, facilitator: s.role === 'facilitator', step_index: s.stepIndex, revealed_steps: s.revealedSteps, ended: s.ended };
  }

  private editable(boardId: string): boolean {
    const s = this.s;
    const b = this.env.sync.board(boardId);
    if (!s || !b || mayChange(b, this.actor(s)) !== null) return false;
    // A step with "presenter listens": the presenter watches the others draw (the server says forbidden).
    return b.info.step_index === null || !presenterListens(s, b.info.step_index);
  }

  private name(memberId: string): string {
    return (this.s && memberById(this.s, memberId)?.name) ?? '?';
  }

  private template(boardId: string) {
    const b = this.env.sync.board(boardId);
    if (b?.info.template !== 'relations') return null;
    const presenter = this.s?.presenterId ? this.name(this.s.presenterId) : null;
    return relationsTemplate(lang(), presenter);
  }

  update(s: MeetingState, index: number): void {
    this.s = s;
    this.index = index;
    this.tabs = boardTabs(s, index, this.env.sync.boards());
    if (!this.tabs.some((x) => x.key === this.selectedKey)) this.selectedKey = this.tabs[0]?.key ?? null;
    const tab = this.currentTab();
    const fac = s.role === 'facilitator' && !s.ended;
    const L = lang();

    renderIfChanged(this.tabsEl, JSON.stringify([L, this.tabs, tab?.key]), () =>
      this.tabs.length > 1
        ? h(
            'div',
            { class: 'board-tablist', role: 'tablist', 'aria-label': t('board_switcher') },
            this.tabs.map((x) =>
              h(
                'button',
                { type: 'button', role: 'tab', class: 'btn btn-chip', 'aria-selected': x.key === tab?.key ? 'true' : 'false', 'aria-pressed': x.key === tab?.key ? 'true' : 'false', 'data-board': x.key, onclick: () => this.select(x.key) },
                x.label,
              ),
            ),
          )
        : null,
    );

    const boardId = tab?.kind === 'board' ? tab.board_id : null;
    const info = boardId ? this.env.sync.board(boardId)?.info : undefined;
    renderIfChanged(this.facEl, JSON.stringify([L, fac, info, this.ui, this.editable(boardId ?? '')]), () => this.facilitatorTools(s, fac, info));

    const editable = boardId ? this.editable(boardId) : false;
    renderIfChanged(this.noticeEl, JSON.stringify([L, info, tab?.kind, editable, s.role, s.ended]), () => this.notices(s, tab, info, editable));
    this.renderMessage();

    this.toolbarSlot.hidden = !boardId;
    this.canvasHost.hidden = !boardId;
    this.gridEl.hidden = tab?.kind !== 'revealed';
    this.ensureViews(s, tab);
    this.statusToToolbar();
    this.hintEl.textContent = editable && this.tools.tool === 'connector' && this.hint ? t(this.hint === 'first' ? 'connector_pick_first' : 'connector_pick_second') : '';
    this.hintEl.hidden = !this.hintEl.textContent;

    const showLegend = !!boardId && (info?.template === 'relations' || [...(this.env.sync.board(boardId)?.objects.values() ?? [])].some((o) => o.type === 'connector' && !o.deleted));
    renderIfChanged(this.footEl, JSON.stringify([L, boardId, showLegend]), () =>
      boardId
        ? [
            showLegend ? legendView() : null,
            h(
              'div',
              { class: 'board-export' },
              h('span', { class: 'help' }, t('board_export')),
              h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'board-export-png', onclick: () => this.exportPng() }, boardIcon('download'), t('board_export_png')),
              h('button', { type: 'button', class: 'btn btn-ghost', 'data-testid': 'board-export-svg', onclick: () => void this.exportSvg() }, boardIcon('download'), t('board_export_svg')),
            ),
          ]
        : null,
    );
  }

  private select(key: string): void {
    this.selectedKey = key;
    this.ui.confirmClear = false;
    if (this.s) this.update(this.s, this.index);
  }

  private notices(s: MeetingState, tab: BoardTab | undefined, info: BoardInfo | undefined, editable: boolean) {
    if (this.loadFailed) return notice('error', t('board_load_failed'));
    if (tab?.kind === 'revealed') return notice('info', t('board_revealed_readonly'));
    if (!info) return null;
    if (info.kind === 'shared' && info.locked)
      return h('div', { class: 'board-locked', 'data-testid': 'board-locked', role: 'status' }, boardIcon('lock'), s.role === 'facilitator' ? t('board_locked_facilitator') : t('board_locked_participant'));
    if (info.kind === 'private' && editable) return notice('info', boardIcon('lock', 'icon icon-sm'), ' ', t('board_private_hint'));
    if (!editable && !s.ended) return notice('info', t('board_readonly'));
    return null;
  }

  private facilitatorTools(s: MeetingState, fac: boolean, info: BoardInfo | undefined) {
    const sync = this.env.sync;
    const ownPrivate = !!info && info.kind === 'private' && info.owner_id === s.memberId && this.editable(info.board_id);
    const sharedFac = fac && !!info && info.kind === 'shared';
    if (!fac && !ownPrivate) return null;
    const u = this.ui;
    const redraw = () => this.s && this.update(this.s, this.index);
    const row: HTMLElement[] = [];
    if (fac && !u.adding) row.push(h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'board-add', onclick: () => { u.adding = true; u.confirmClear = false; redraw(); } }, boardIcon('plus'), t('board_add')));
    if (sharedFac)
      row.push(
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'board-lock', 'aria-pressed': info!.locked ? 'true' : 'false', onclick: () => sync.lock(info!.board_id, !info!.locked) }, boardIcon(info!.locked ? 'unlock' : 'lock'), info!.locked ? t('board_unlock') : t('board_lock')),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'board-bring', onclick: () => this.bringHere(info!.board_id) }, boardIcon('target'), t('board_bring_here')),
      );
    if ((sharedFac || ownPrivate) && !u.confirmClear)
      row.push(h('button', { type: 'button', class: 'btn btn-ghost btn-danger-text', 'data-testid': 'board-clear', onclick: () => { u.confirmClear = true; u.adding = false; redraw(); } }, boardIcon('clear'), t('board_clear')));
    const parts: HTMLElement[] = [];
    if (row.length) parts.push(h('div', { class: 'row board-fac-row' }, row));
    if (u.adding && fac) {
      const title = h('input', { type: 'text', maxlength: '120', value: u.title, 'data-testid': 'board-add-title', placeholder: t('board_default_title', { n: sync.boards().filter((b) => b.step_index === null).length + 1 }) });
      title.addEventListener('input', () => (u.title = title.value));
      const tpl = h('input', { type: 'checkbox', checked: u.template, 'data-testid': 'board-add-template' });
      tpl.addEventListener('change', () => (u.template = tpl.checked));
      parts.push(
        h(
          'form',
          {
            class: 'board-add-form confirm',
            onsubmit: (e: Event) => {
              e.preventDefault();
              const name = u.title.trim() || t('board_default_title', { n: sync.boards().filter((b) => b.step_index === null).length + 1 });
              const id = sync.addBoard(name.slice(0, 120), u.template ? 'relations' : undefined);
              u.adding = false;
              u.title = '';
              u.template = false;
              if (id) this.selectedKey = id;
              redraw();
            },
          },
          h('label', { class: 'field-label' }, t('board_add_title'), title),
          h('label', { class: 'check' }, tpl, h('span', null, t('board_add_template'))),
          h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'board-add-confirm' }, t('board_add_confirm')), h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { u.adding = false; redraw(); } }, t('cancel'))),
        ),
      );
    }
    if (u.confirmClear && info)
      parts.push(
        h(
          'div',
          { class: 'confirm', role: 'alertdialog', 'data-testid': 'board-clear-confirm' },
          h('p', null, t('board_clear_confirm')),
          h(
            'div',
            { class: 'row' },
            h('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'board-clear-yes', onclick: () => { u.confirmClear = false; sync.clear(info.board_id); redraw(); } }, t('board_clear_yes')),
            h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { u.confirmClear = false; redraw(); } }, t('cancel')),
          ),
        ),
      );
    if (!parts.length) return null;
    const details = h(
      'details',
      { class: 'board-fac-tools', 'data-testid': 'board-fac-tools', open: u.open || u.adding || u.confirmClear },
      h('summary', null, t('board_facilitator_tools')),
      parts,
    );
    details.addEventListener('toggle', () => (u.open = details.open));
    return details;
  }

  private bringHere(boardId: string): void {
    if (!this.view) return;
    this.env.sync.bringToView(boardId, this.view.getView());
    this.say(t('board_brought'), 'info');
  }

  /** board_view from the facilitator (R36): switch to that board and view. */
  showRequest(req: { board_id: string; x: number; y: number; zoom: number }): void {
    const tab = this.tabs.find((x) => x.kind === 'board' && x.board_id === req.board_id);
    if (!tab) return;
    this.pendingView = req;
    this.select(tab.key);
    this.applyPendingView();
    this.say(t('board_view_moved'), 'info');
    this.el.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }

  private applyPendingView(): void {
    const p = this.pendingView;
    if (p && this.view && this.viewKey === p.board_id) {
      this.view.setView(p);
      this.pendingView = null;
    }
  }

  private say(text: string, kind: 'info' | 'error'): void {
    this.message = { text, kind };
    if (this.messageTimer) clearTimeout(this.messageTimer);
    this.messageTimer = setTimeout(() => {
      this.message = null;
      this.renderMessage();
    }, 5000);
    this.renderMessage();
  }

  private renderMessage(): void {
    const m = this.message;
    renderIfChanged(this.messageEl, JSON.stringify(m), () => (m ? notice(m.kind === 'error' ? 'error' : 'ok', m.text) : null));
  }

  private refusal(code: string): string {
    if (code === 'limit_reached') return t('board_full');
    return t('board_refused', { reason: errorText(code) });
  }

  /** A refused edit (BoardSync.lastError) on the board in view: say so briefly. */
  private checkError(): void {
    const err = this.env.sync.lastError;
    if (!err || err === this.seenError) return;
    this.seenError = err;
    if (err.board_id === this.currentBoard()) this.say(this.refusal(err.code), 'error');
  }

  private statusToToolbar(): void {
    const id = this.currentBoard();
    if (!id) return;
    this.toolbar.update({
      editable: this.editable(id),
      canUndo: this.env.sync.canUndo(id),
      canRedo: this.env.sync.canRedo(id),
      selected: this.view?.selection().length ?? 0,
      restyle: this.view?.selectionStyle() ?? null,
    });
  }

  // ---- the Konva views -------------------------------------------------------------------

  private load(): void {
    if (this.mod || this.loading || this.loadFailed) return;
    const loader = this.env.loadView ?? (() => import('./view/board-view'));
    this.canvasHost.dataset.loading = 'true';
    this.loading = loader()
      .then((m) => {
        this.mod = m;
      })
      .catch(() => {
        this.loadFailed = true;
      })
      .finally(() => {
        this.loading = null;
        delete this.canvasHost.dataset.loading;
        if (this.s) this.update(this.s, this.index);
      });
  }

  private ensureViews(s: MeetingState, tab: BoardTab | undefined): void {
    const boardId = tab?.kind === 'board' ? tab.board_id : null;
    if (boardId !== this.viewKey) {
      this.view?.destroy();
      this.view = null;
      this.viewKey = '';
    }
    const revealedKey = tab?.kind === 'revealed' ? JSON.stringify([tab.step, revealedBoards(s, tab.step, this.env.sync).map((b) => b.board_id), lang()]) : '';
    if (revealedKey !== this.gridKey) {
      for (const v of this.grid.values()) v.destroy();
      this.grid.clear();
      this.gridEl.replaceChildren();
      this.gridKey = '';
    }
    if (!boardId && !revealedKey) return;
    if (!this.mod) {
      this.load();
      return;
    }
    if (boardId && !this.view) {
      this.viewKey = boardId;
      this.view = new this.mod.BoardView({
        host: this.canvasHost,
        sync: this.env.sync,
        live: this.env.live,
        boardId,
        meId: s.memberId,
        tools: this.tools,
        editable: () => this.editable(boardId),
        names: (id) => this.name(id),
        template: () => this.template(boardId),
        images: this.env.images,
        labels: { editText: t('board_edit_hint'), connectorLabel: t('connector_label'), canvas: t('board_canvas_label') },
        onStatus: () => this.statusToToolbar(),
        onTool: (tool) => {
          this.toolbar.setTool(tool);
          this.view?.toolChanged();
        },
        onHint: (hint) => {
          this.hint = hint;
          if (this.s) this.update(this.s, this.index);
        },
        onRefused: (code) => this.say(this.refusal(code), 'error'),
        onPasteImage: (file) => void this.upload(file),
      });
      this.view.toolChanged();
      this.applyPendingView();
    }
    if (tab?.kind === 'revealed' && !this.gridKey) {
      this.gridKey = revealedKey;
      const boards = revealedBoards(s, tab.step, this.env.sync);
      if (!boards.length) {
        this.gridEl.replaceChildren(notice('info', t('board_revealed_none')));
        return;
      }
      for (const b of boards) {
        const host = h('div', { class: 'board-canvas board-canvas-small' });
        const card = h('figure', { class: 'board-card', 'data-owner': b.owner_id ?? '' }, h('figcaption', null, t('board_of', { name: this.name(b.owner_id ?? '') })), host);
        this.gridEl.appendChild(card);
        this.grid.set(
          b.board_id,
          new this.mod.BoardView({
            host,
            sync: this.env.sync,
            live: null,
            boardId: b.board_id,
            meId: s.memberId,
            tools: defaultToolState(),
            editable: () => false,
            names: (id) => this.name(id),
            template: () => this.template(b.board_id),
            images: this.env.images,
            labels: { editText: '', connectorLabel: '', canvas: t('board_of', { name: this.name(b.owner_id ?? '') }) },
            readOnly: true,
          }),
        );
      }
    }
  }

  private async upload(file: File): Promise<void> {
    const id = this.currentBoard();
    if (!id || !this.view || !this.editable(id)) return;
    this.say(t('board_image_uploading'), 'info');
    try {
      const img = await this.env.images.upload(file);
      this.message = null;
      this.renderMessage();
      if (this.view && this.viewKey === id) this.view.placeImage(img.image_id, img.width, img.height);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'internal';
      this.say(code === 'body_too_large' ? t('board_image_too_large') : code === 'unsupported_media_type' ? t('board_image_type') : t('board_image_failed', { reason: errorText(code) }), 'error');
    }
  }

  private exportName(ext: string): string {
    const info = this.currentBoard() ? this.env.sync.board(this.currentBoard()!)?.info : undefined;
    const base = (info?.title ?? this.s?.meeting.title ?? 'bord').replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'bord';
    return `${base}.${ext}`;
  }

  private exportPng(): void {
    if (!this.view) return;
    download(this.exportName('png'), this.view.exportPng());
  }

  private async exportSvg(): Promise<void> {
    const id = this.currentBoard();
    const b = id ? this.env.sync.board(id) : undefined;
    if (!id || !b) return;
    const objs = drawable(b);
    const images = new Map<string, string>();
    for (const o of objs) {
      if (o.type !== 'image' || !o.image_id || images.has(o.image_id)) continue;
      const url = await this.env.images.dataUrl(o.image_id);
      if (url) images.set(o.image_id, url);
    }
    const svg = boardToSvg(objs, { template: this.template(id), images });
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    download(this.exportName('svg'), url);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private renderZoom(): void {
    this.zoomEl.setAttribute('aria-label', t('board_zoom_in'));
    this.zoomEl.replaceChildren(
      iconButton('zoom_out', t('board_zoom_out'), () => this.view?.zoomBy(0.8)),
      iconButton('zoom_in', t('board_zoom_in'), () => this.view?.zoomBy(1.25)),
      iconButton('fit', t('board_fit'), () => this.view?.fit(), { 'data-testid': 'board-fit' }),
    );
  }

  relabel(): void {
    this.renderZoom();
    this.toolbar.relabel();
    // The template's ring names are drawn on the canvas: redraw them in the new language.
    this.view?.refresh();
    for (const v of this.grid.values()) v.refresh();
    if (this.s) this.update(this.s, this.index);
  }

  destroy(): void {
    for (const u of this.unsub) u();
    this.unsub = [];
    if (this.messageTimer) clearTimeout(this.messageTimer);
    this.view?.destroy();
    for (const v of this.grid.values()) v.destroy();
    this.grid.clear();
  }
}
