// check_in, check_out, discussion, reflection and recall: a shared list. Everyone adds and edits
// their own notes and everyone sees every note as soon as it is saved (§4.2). A recall step also
// brings back the group's previous meeting.
import { h, renderIfChanged } from '../../ui/dom';
import { lang } from '../../i18n';
import { notesOfStep } from '../state';
import { notesByAuthor } from '../views';
import { EditorSlot, listeningSlot } from './common';
import { recallView } from './recall';
import type { StepCtx, StepPanel } from './panel';

export function sharedPanel(kind: string): StepPanel {
  const listening = h('div');
  const recall = h('div');
  const editor = new EditorSlot({ heading: 'shared_mine', hint: 'shared_hint', icon: 'users', placeholder: kind === 'check_in' || kind === 'check_out' ? 'checkin_placeholder' : 'note_placeholder' });
  const list = h('div');
  const el = h('div', { class: 'step-body', 'data-testid': 'shared-step' }, listening, recall, editor.el, list);
  return {
    el,
    update(ctx: StepCtx) {
      const s = ctx.s;
      listeningSlot(listening, ctx);
      if (kind === 'recall') renderIfChanged(recall, JSON.stringify([lang(), s.recall]), () => recallView(s.recall));
      const editing = editor.update(ctx);
      const notes = notesOfStep(s, ctx.index);
      const exclude = editing ? s.memberId : undefined;
      renderIfChanged(list, JSON.stringify([lang(), notes, exclude, s.presenterId, s.members.map((m) => [m.member_id, m.name, m.category])]), () =>
        notesByAuthor(s, notes, { title: editing ? 'shared_others' : 'shared_all', testid: 'shared-notes', exclude, empty: 'shared_none' }),
      );
    },
    onReply: (ref, msg) => editor.onReply(ref, msg),
    relabel: () => editor.relabel(),
    destroy: () => editor.destroy(),
  };
}
