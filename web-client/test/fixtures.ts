import type { Member, Snapshot, Welcome } from '../src/protocol/types';

export const M = 'mtg_1';

export function member(id: string, role: Member['role'] = 'participant', name = id): Member {
  return { member_id: id, name, category: 'student', role, online: true };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    meeting: {
      meeting_id: M,
      title: 'Bijeenkomst 1',
      group_name: 'Groep A',
      agreement: 'Alles blijft binnen de groep.',
      method: {
        method_id: 'buiten_je_bubbel',
        title: { nl: 'Buiten je bubbel', en: 'Outside your bubble' },
        steps: [
          { kind: 'info', title: { nl: 'Start', en: 'Start' }, instructions: { nl: 'Welkom', en: 'Welcome' } },
          { kind: 'private_write', title: { nl: 'Vragen', en: 'Questions' }, instructions: { nl: 'Schrijf', en: 'Write' } },
          { kind: 'info', title: { nl: 'Ronde', en: 'Round' }, instructions: { nl: 'Vraag', en: 'Ask' } },
        ],
      },
    },
    step_index: 0,
    presenter_id: null,
    members: [member('f', 'facilitator'), member('a'), member('b')],
    notes: [],
    progress: [],
    revealed_steps: [],
    ...over,
  };
}

export function welcome(seq: number, over: Partial<Welcome> = {}): Welcome {
  return { protocol: 1, meeting_id: M, member_id: 'a', role: 'participant', server_time: 1, seq, snapshot: snapshot(), ...over };
}
