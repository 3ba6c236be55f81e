// The revealed steps (private_write, takeaways, and case_choice before its reveal): everyone
// writes alone, the others see only who is done (R20), the facilitator reveals (R21). With
// "presenter_first" the first reveal goes to the presenter only and the others are told so (R24).
import { h, renderIfChanged } from '../../ui/dom';
import { icon } from '../../ui/icons';
import { notice } from '../../ui/widgets';
import { lang, t } from '../../i18n';
import type { EditorOptions } from '../notes-editor';
import { isLocked, myNotes, notesOfStep, type MeetingState } from '../state';
import { canWrite, seesRevealed, isPresenter } from '../rules';
import { myOldNotesView, progressView, revealedView } from '../views';
import { doneSlot, EditorSlot, listeningSlot } from './common';
import type { StepCtx, StepPanel } from './panel';

export interface RevealStepOptions {
  editor: EditorOptions;
  /** List the presenter's notes first (takeaways). */
  presenterFirst?: boolean;
  /** What to show once the notes are visible to me; the plain list by default. */
  revealed?: (ctx: StepCtx) => HTMLElement;
  /** What `revealed` depends on besides the step's notes (for redrawing). */
  revealedKey?: (s: MeetingState) => unknown;
}

export function revealStepPanel(o: RevealStepOptions): StepPanel {
  const listening = h('div');
  const editor = new EditorSlot(o.editor);
  const done = h('div', { class: 'done-slot' });
  const progress = h('div', { class: 'progress-slot' });
  const after = h('div');
  const el = h('div', { class: 'step-body', 'data-testid': 'reveal-step' }, listening, editor.el, done, progress, after);
  return {
    el,
    update(ctx: StepCtx) {
      const s = ctx.s;
      const i = ctx.index;
      listeningSlot(listening, ctx);
      const writing = editor.update(ctx);
      doneSlot(done, ctx, writing);
      const locked = isLocked(s, i);
      const p = s.progress.filter((x) => x.step_index === i);
      renderIfChanged(progress, JSON.stringify([lang(), ctx.live && !locked, p, s.members, s.presenterId, myNotes(s, i).length]), () =>
        ctx.live && !locked ? progressView(s, i) : null,
      );
      const sees = seesRevealed(s, i);
      const key = [lang(), locked, sees, ctx.live, writing, notesOfStep(s, i), s.members.map((m) => [m.member_id, m.name, m.category]), s.presenterId, o.revealedKey?.(s)];
      renderIfChanged(after, JSON.stringify(key), () => {
        if (sees) return [isPresenter(s) && !s.revealedSteps.includes(i) ? notice('info', icon('star', 'icon icon-sm'), ' ', t('presenter_first_you')) : null, o.revealed ? o.revealed(ctx) : revealedView(s, i, o.presenterFirst)];
        if (locked) return [notice('info', icon('lock'), ' ', t('presenter_first_others')), myOldNotesView(myNotes(s, i))];
        if (writing) return null;
        // Looking back at (or listening in) a step whose notes are not shared.
        return [canWrite(s, i) ? null : notice('info', icon('lock'), ' ', t('not_revealed_yet')), myOldNotesView(myNotes(s, i))];
      });
    },
    onReply: (ref, msg) => editor.onReply(ref, msg),
    relabel: () => editor.relabel(),
    destroy: () => editor.destroy(),
  };
}

export function privateWritePanel(): StepPanel {
  return revealStepPanel({ editor: { heading: 'my_notes', hint: 'write_private_hint', icon: 'lock' } });
}

export function takeawaysPanel(): StepPanel {
  return revealStepPanel({ editor: { heading: 'takeaways_mine', hint: 'takeaways_hint', icon: 'lock', placeholder: 'takeaways_placeholder' }, presenterFirst: true });
}
