// A method with one step of every kind (§4.2), and a meeting state on it, for the tests of the
// step rules, the reducer and the panels.
import { fromWelcome, type MeetingState } from '../src/meeting/state';
import type { Method, Role, Snapshot, Step, StepKind } from '../src/protocol/types';
import { M, member, snapshot } from './fixtures';

const st = (kind: StepKind, over: Partial<Step> = {}): Step => ({ kind, title: { nl: kind, en: kind }, instructions: { nl: `Doe ${kind}`, en: `Do ${kind}` }, ...over });

/** Index → kind: 0 check_in (optional), 1 recall, 2 case_choice, 3 present, 4 private_write
 * (presenter listens), 5 question_round, 6 private_write (presenter first), 7 react,
 * 8 discussion (presenter listens), 9 takeaways (presenter first), 10 evaluation, 11 info. */
export const KIND_METHOD: Method = {
  method_id: 'alles',
  title: { nl: 'Alles', en: 'Everything' },
  first_step_number: 0,
  steps: [
    st('check_in', { optional: true }),
    st('recall'),
    st('case_choice'),
    st('present'),
    st('private_write', { presenter_listens: true }),
    st('question_round'),
    st('private_write', { reveal: 'presenter_first', presenter_listens: true }),
    st('react'),
    st('discussion', { presenter_listens: true }),
    st('takeaways', { reveal: 'presenter_first' }),
    st('evaluation'),
    st('info'),
  ],
};

/** f = facilitator, a and b participants, p the presenter (consented). I am `me`. */
export function kindState(me: string, role: Role, over: Partial<Snapshot> = {}): MeetingState {
  const snap = snapshot({
    meeting: { ...snapshot().meeting, method: KIND_METHOD },
    members: [member('f', 'facilitator', 'Fenna'), member('a', 'participant', 'Aisha'), member('b', 'participant', 'Bram'), member('p', 'participant', 'Pim')],
    presenter_id: 'p',
    presenter_consent: 'given',
    ...over,
  });
  return fromWelcome({ protocol: 1, meeting_id: M, member_id: me, role, server_time: 1, seq: 10, snapshot: snap });
}

export const note = (id: string, author: string, step: number, text: string, extra: Record<string, unknown> = {}) => ({
  note_id: id,
  author_id: author,
  step_index: step,
  text,
  updated_at: 1,
  ...extra,
});
