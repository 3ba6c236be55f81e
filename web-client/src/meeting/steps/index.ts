// One panel per step kind (§4.2). An unknown kind from a newer server shows as an info step:
// its title and instructions, nothing to do in the tool.
import { h } from '../../ui/dom';
import { listeningSlot } from './common';
import { boardPanel } from './board';
import { caseChoicePanel } from './case-choice';
import { evaluationPanel } from './evaluation';
import { presentPanel } from './present';
import { privateWritePanel, takeawaysPanel } from './private-write';
import { questionRoundPanel } from './question-round';
import { reactPanel } from './react';
import { sharedPanel } from './shared';
import type { StepCtx, StepPanel } from './panel';
import type { BoardArea } from '../../board/area';

/** info: the instructions say it all; a presenter who only listens is told so. */
function infoPanel(): StepPanel {
  const listening = h('div');
  return { el: h('div', { class: 'step-body' }, listening), update: (ctx: StepCtx) => void listeningSlot(listening, ctx) };
}

/** `extras.boards`: the meeting's board area, which a `board` step shows (R31). */
export function createStepPanel(kind: string, extras: { boards?: BoardArea } = {}): StepPanel {
  switch (kind) {
    case 'board':
      return boardPanel(extras.boards);
    case 'check_in':
    case 'check_out':
    case 'discussion':
    case 'reflection':
    case 'recall':
      return sharedPanel(kind);
    case 'case_choice':
      return caseChoicePanel();
    case 'present':
      return presentPanel();
    case 'private_write':
      return privateWritePanel();
    case 'takeaways':
      return takeawaysPanel();
    case 'question_round':
      return questionRoundPanel();
    case 'react':
      return reactPanel();
    case 'evaluation':
      return evaluationPanel();
    default:
      return infoPanel();
  }
}

export type { StepCtx, StepPanel } from './panel';
