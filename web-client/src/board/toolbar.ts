// The board's toolbar: tools, the choices of the chosen tool (colour, width, relation style) and
// actions (undo/redo, delete, duplicate, order, zoom). Plain DOM; it changes the shared ToolState
// and calls back, the view does the drawing. Large targets that wrap on a phone. (Zoom is on the
// board itself: see BoardArea.)
import { h } from '../ui/dom';
import { t, type TranslationKey } from '../i18n';
import { INKS, RELATION_STYLES, STICKY_COLORS } from './model';
import { PEN_WIDTHS } from './style';
import { boardIcon, type BoardIcon } from './icons';
import { relationSample } from './legend';
import { EDITING_TOOLS, TOOLS, toolOptions, type ToolName, type ToolState } from './tools';

export interface ToolbarActions {
  undo(): void;
  redo(): void;
  remove(): void;
  duplicate(): void;
  front(): void;
  back(): void;
  pickImage(): void;
  /** Give the selected objects this colour or relation style. */
  restyle(kind: SelectionStyle['kind'], value: string): void;
  /** Type the label of the selected connector. */
  editLabel(): void;
  /** The tool or one of its choices changed. */
  changed(): void;
}

export interface ToolbarStatus {
  editable: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Number of selected objects. */
  selected: number;
  /** What the selection can be recoloured with (select tool): sticky colours, inks, relation styles. */
  restyle?: SelectionStyle | null;
}

/** The selection's kind of look and its current value (null when the selected differ). */
export type SelectionStyle = { kind: 'sticky' | 'ink' | 'relation'; value: string | null };

const HINTS: Partial<Record<ToolName, TranslationKey>> = { select: 'hint_select', eraser: 'hint_eraser', laser: 'hint_laser' };

export function iconButton(icon: BoardIcon, label: string, onclick: () => void, extra: Record<string, string | boolean> = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: 'board-btn', title: label, 'aria-label': label, onclick, ...extra }, boardIcon(icon));
}

export class Toolbar {
  readonly el = h('div', { class: 'board-toolbar', 'data-testid': 'board-toolbar', role: 'toolbar', 'aria-label': '' });
  private status: ToolbarStatus = { editable: false, canUndo: false, canRedo: false, selected: 0 };
  private lastKey = '';

  constructor(
    private readonly state: ToolState,
    private readonly actions: ToolbarActions,
  ) {}

  update(status: ToolbarStatus): void {
    this.status = status;
    this.render();
  }

  relabel(): void {
    this.lastKey = '';
    this.render();
  }

  /** Switch tool from outside (the view goes back to select after placing a note). */
  setTool(tool: ToolName): void {
    this.state.tool = tool;
    this.render();
  }

  private pick(tool: ToolName) {
    if (tool === 'image') {
      this.actions.pickImage();
      return;
    }
    this.state.tool = tool;
    this.render();
    this.actions.changed();
  }

  private set<K extends keyof ToolState>(k: K, v: ToolState[K]) {
    this.state[k] = v;
    this.render();
    this.actions.changed();
  }

  /** Recolour (or restyle) what is selected: the same swatches as for drawing. */
  private restyleRow(rs: SelectionStyle): HTMLElement {
    const pick = (v: string) => this.actions.restyle(rs.kind, v);
    if (rs.kind === 'relation')
      return h(
        'div',
        { class: 'board-relations', role: 'group' },
        RELATION_STYLES.map((r) =>
          h('button', { type: 'button', class: 'btn btn-chip relation-btn', 'aria-pressed': rs.value === r ? 'true' : 'false', 'data-restyle': r, onclick: () => pick(r) }, relationSample(r, 32, 14), t(`relation_${r}` as TranslationKey)),
        ),
        h('button', { type: 'button', class: 'btn btn-chip', 'data-testid': 'board-edit-label', onclick: () => this.actions.editLabel() }, t('connector_label_button')),
      );
    const names = rs.kind === 'sticky' ? STICKY_COLORS : INKS;
    const cls = rs.kind === 'sticky' ? 'sticky' : 'ink';
    return h(
      'div',
      { class: 'board-swatches', role: 'group' },
      names.map((c) =>
        h('button', {
          type: 'button',
          class: `swatch ${cls}-${c}`,
          title: t(`${cls}_${c}` as TranslationKey),
          'aria-label': t('board_color', { name: t(`${cls}_${c}` as TranslationKey) }),
          'aria-pressed': rs.value === c ? 'true' : 'false',
          'data-restyle': c,
          onclick: () => pick(c),
        }),
      ),
    );
  }

  private render(): void {
    const st = this.status;
    const key = JSON.stringify([document.documentElement.lang, st, this.state, t('tool_pen')]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    const s = this.state;
    if (!st.editable && EDITING_TOOLS.has(s.tool)) s.tool = 'select';
    this.el.setAttribute('aria-label', t('board_tools'));
    // Only looking (locked, revealed, ended): no tools at all; panning and zoom are on the board.
    // (The laser is live traffic, which R37 allows only on a board one may change.)
    if (!st.editable) {
      this.el.replaceChildren();
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    const tools = TOOLS.map((tool) =>
      h(
        'button',
        {
          type: 'button',
          class: 'board-btn board-tool',
          title: t(`tool_${tool}` as TranslationKey),
          'aria-label': t(`tool_${tool}` as TranslationKey),
          'aria-pressed': tool === 'image' ? null : s.tool === tool ? 'true' : 'false',
          'data-tool': tool,
          onclick: () => this.pick(tool),
        },
        boardIcon(tool as BoardIcon),
      ),
    );
    const opts = st.editable ? toolOptions(s.tool) : [];
    const rs = st.editable && s.tool === 'select' ? st.restyle : null;
    const optionEls: HTMLElement[] = opts.map((o): HTMLElement => {
      switch (o) {
        case 'ink':
        case 'highlighterInk':
          return h(
            'div',
            { class: 'board-swatches', role: 'group' },
            INKS.filter((c) => o === 'ink' || c !== 'white').map((c) =>
              h('button', {
                type: 'button',
                class: `swatch ink-${c}`,
                title: t(`ink_${c}` as TranslationKey),
                'aria-label': t('board_color', { name: t(`ink_${c}` as TranslationKey) }),
                'aria-pressed': s[o] === c ? 'true' : 'false',
                'data-ink': c,
                onclick: () => this.set(o, c),
              }),
            ),
          );
        case 'sticky':
          return h(
            'div',
            { class: 'board-swatches', role: 'group' },
            STICKY_COLORS.map((c) =>
              h('button', {
                type: 'button',
                class: `swatch sticky-${c}`,
                title: t(`sticky_${c}` as TranslationKey),
                'aria-label': t('board_color', { name: t(`sticky_${c}` as TranslationKey) }),
                'aria-pressed': s.sticky === c ? 'true' : 'false',
                'data-sticky': c,
                onclick: () => this.set('sticky', c),
              }),
            ),
          );
        case 'width':
          return h(
            'div',
            { class: 'board-widths', role: 'group' },
            PEN_WIDTHS.map((w, i) =>
              h(
                'button',
                { type: 'button', class: 'board-btn width-btn', title: t(`width_${i}` as TranslationKey), 'aria-label': t(`width_${i}` as TranslationKey), 'aria-pressed': s.width === w ? 'true' : 'false', onclick: () => this.set('width', w) },
                h('span', { class: `width-dot width-dot-${i}` }),
              ),
            ),
          );
        case 'fill':
          return h('button', { type: 'button', class: 'btn btn-chip', 'aria-pressed': s.filled ? 'true' : 'false', onclick: () => this.set('filled', !s.filled) }, t('board_filled'));
        case 'relation':
          return h(
            'div',
            { class: 'board-relations', role: 'group' },
            RELATION_STYLES.map((r) =>
              h(
                'button',
                { type: 'button', class: 'btn btn-chip relation-btn', 'aria-pressed': s.relation === r ? 'true' : 'false', 'data-relation': r, onclick: () => this.set('relation', r) },
                relationSample(r, 32, 14),
                t(`relation_${r}` as TranslationKey),
              ),
            ),
          );
      }
    });
    if (rs) optionEls.push(this.restyleRow(rs));
    const none = st.selected === 0;
    const actions = [
      st.editable ? iconButton('undo', t('board_undo'), () => this.actions.undo(), { disabled: !st.canUndo, 'data-testid': 'board-undo' }) : null,
      st.editable ? iconButton('redo', t('board_redo'), () => this.actions.redo(), { disabled: !st.canRedo, 'data-testid': 'board-redo' }) : null,
      st.editable ? iconButton('trash', t('board_delete'), () => this.actions.remove(), { disabled: none, 'data-testid': 'board-delete' }) : null,
      st.editable ? iconButton('duplicate', t('board_duplicate'), () => this.actions.duplicate(), { disabled: none }) : null,
      st.editable ? iconButton('front', t('board_front'), () => this.actions.front(), { disabled: none }) : null,
      st.editable ? iconButton('back', t('board_back'), () => this.actions.back(), { disabled: none }) : null,
    ].filter((b): b is HTMLButtonElement => b !== null);
    const hint = HINTS[s.tool];
    const rows = [h('div', { class: 'board-row board-tools' }, tools)];
    if (actions.length) rows.push(h('div', { class: 'board-row board-actions' }, actions));
    // The options row is always there while one may draw, so choosing a tool never moves the board.
    // The chosen tool's name leads its choices: on a phone there is no hover text to tell.
    const named = optionEls.length && !rs ? [h('span', { class: 'board-tool-name' }, t(`tool_${s.tool}` as TranslationKey)), ...optionEls] : optionEls;
    if (st.editable) rows.splice(1, 0, h('div', { class: 'board-row board-options', 'data-testid': 'board-options' }, named.length ? named : hint ? h('span', { class: 'help board-tool-hint' }, t(hint)) : null));
    this.el.replaceChildren(...rows);
  }
}
