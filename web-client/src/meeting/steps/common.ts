// Pieces several step kinds share: my notes editor that comes and goes with the right to write,
// "I am done", and the notice for a presenter who only listens.
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { notice } from '../../ui/widgets';
import { lang, t } from '../../i18n';
import type { ServerMessage } from '../../protocol/types';
import { NotesEditor, type EditorOptions } from '../notes-editor';
import { myNotes, progressOf } from '../state';
import { canWrite, presenterListens } from '../rules';
import type { StepCtx } from './panel';

/** My notes editor in a step, present exactly while I may write there. */
export class EditorSlot {
  readonly el = h('div', { class: 'editor-slot' });
  private ed: NotesEditor | null = null;

  constructor(private readonly opts: EditorOptions) {}

  /** Returns whether the editor is shown. */
  update(ctx: StepCtx): boolean {
    const writable = ctx.live && canWrite(ctx.s, ctx.index);
    if (!writable) {
      if (this.ed) {
        this.ed.destroy();
        this.ed = null;
        this.el.replaceChildren();
      }
      return false;
    }
    if (!this.ed) {
      this.ed = new NotesEditor(ctx.s.meetingId, ctx.sendTracked, this.opts);
      this.el.replaceChildren(this.ed.el);
    }
    this.ed.sync(myNotes(ctx.s, ctx.index));
    return true;
  }

  onReply(ref: number, msg: ServerMessage): boolean {
    return this.ed?.onReply(ref, msg) ?? false;
  }

  relabel(): void {
    this.ed?.relabel();
  }

  destroy(): void {
    this.ed?.destroy();
  }
}

export function doneToggle(ctx: StepCtx): HTMLElement {
  const s = ctx.s;
  const done = progressOf(s, ctx.index, s.memberId).done;
  return h(
    'div',
    { class: 'done-row' },
    h(
      'button',
      {
        type: 'button',
        class: `btn btn-wide ${done ? 'btn-done' : 'btn-primary'}`,
        'aria-pressed': done ? 'true' : 'false',
        'data-testid': 'done-toggle',
        onclick: () => ctx.send({ type: 'set_done', data: { meeting_id: s.meetingId, done: !done } }),
      },
      done ? icon('check') : null,
      done ? `${t('done')} — ${t('i_am_not_done')}` : t('i_am_done'),
    ),
  );
}

/** A done toggle that redraws only when my done flag or the language changes. */
export function doneSlot(el: HTMLElement, ctx: StepCtx, show: boolean): void {
  const done = progressOf(ctx.s, ctx.index, ctx.s.memberId).done;
  renderIfChanged(el, JSON.stringify([lang(), show, done]), () => (show ? doneToggle(ctx) : null));
}

/** The presenter in a presenter_listens step: nothing to do but listen. */
export function listeningView(): HTMLElement {
  return h(
    'div',
    { class: 'listening', 'data-testid': 'listening' },
    icon('ear', 'icon listening-icon'),
    h('div', null, h('p', { class: 'listening-title' }, t('listening_title')), h('p', { class: 'help' }, t('listening_text'))),
  );
}

/** The listening notice while it applies to me, in the given slot. */
export function listeningSlot(el: HTMLElement, ctx: StepCtx): boolean {
  const on = ctx.live && presenterListens(ctx.s, ctx.index);
  renderIfChanged(el, JSON.stringify([lang(), on]), () => (on ? listeningView() : null));
  return on;
}

export function infoNotice(text: string): HTMLElement {
  return notice('info', text);
}
