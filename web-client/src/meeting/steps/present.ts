// present: the presenter tells; everyone else may jot notes that only they ever see (§4.2: the
// author only, always), so the screen says "alleen voor jou" plainly.
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { lang, t } from '../../i18n';
import { myNotes } from '../state';
import { isPresenter } from '../rules';
import { myOldNotesView } from '../views';
import { EditorSlot } from './common';
import type { StepCtx, StepPanel } from './panel';

export function presentPanel(): StepPanel {
  const who = h('div');
  const editor = new EditorSlot({ heading: 'jot_mine', hint: 'jot_hint', icon: 'lock', placeholder: 'jot_placeholder' });
  const old = h('div');
  const el = h('div', { class: 'step-body', 'data-testid': 'present-step' }, who, editor.el, old);
  return {
    el,
    update(ctx: StepCtx) {
      const s = ctx.s;
      const presenter = isPresenter(s);
      renderIfChanged(who, JSON.stringify([lang(), ctx.live, presenter]), () =>
        ctx.live && presenter
          ? h('div', { class: 'listening is-telling', 'data-testid': 'telling' }, icon('chat', 'icon listening-icon'), h('div', null, h('p', { class: 'listening-title' }, t('telling_title')), h('p', { class: 'help' }, t('telling_text'))))
          : null,
      );
      const writing = editor.update(ctx);
      const mine = myNotes(s, ctx.index);
      renderIfChanged(old, JSON.stringify([lang(), writing, mine]), () => (writing ? null : myOldNotesView(mine)));
    },
    onReply: (ref, msg) => editor.onReply(ref, msg),
    relabel: () => editor.relabel(),
    destroy: () => editor.destroy(),
  };
}
