// What a step kind's screen is: an element that the meeting screen mounts below the step card and
// updates on every change. A panel keeps its inputs (notes being typed, a question) across
// updates and redraws only the parts whose inputs changed.
import type { Command, ServerMessage } from '../../protocol/types';
import type { Sender } from '../notes-editor';
import type { MeetingState } from '../state';

export interface StepCtx {
  s: MeetingState;
  /** The step shown (the current one, or an earlier one someone looks back at). */
  index: number;
  /** The shown step is the current one and the meeting has not ended: input is possible. */
  live: boolean;
  /** Send a command; a refusal is shown by the meeting screen. */
  send(cmd: Command): void;
  /** Send and get the ref, for parts that follow their own replies (editors). */
  sendTracked: Sender;
  /** Ask the meeting screen to update (after a local change such as a confirm box). */
  redraw(): void;
}

export interface StepPanel {
  el: HTMLElement;
  update(ctx: StepCtx): void;
  /** A reply to one of our tracked commands; true when the panel handled it. */
  onReply?(ref: number, msg: ServerMessage): boolean;
  /** The language changed: redraw texts, keep what is being typed. */
  relabel?(): void;
  destroy?(): void;
}
