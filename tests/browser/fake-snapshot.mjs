// A welcome snapshot (protocol §4) for the preview scripts that answer the WebSocket themselves
// (kinds-preview.mjs, board-preview.mjs): every field a client requires, with `over` on top.
export function fakeSnapshot(meeting, members, over = {}) {
  return {
    meeting: { group_name: 'Jeugdzorg Utrecht', agreement: 'Alles blijft binnen de groep.', ...meeting },
    step_index: 0,
    presenter_id: 'p',
    presenter_consent: 'given',
    case_note_id: null,
    members,
    notes: [],
    progress: [],
    revealed_steps: [],
    presenter_revealed_steps: [],
    auto_reveal_steps: [],
    votes: [],
    rounds: [],
    ratings: [],
    recall: null,
    ended: false,
    timer: null,
    boards: [],
    ...over,
  };
}
