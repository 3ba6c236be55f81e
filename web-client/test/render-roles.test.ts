// @vitest-environment happy-dom
// What each role gets on screen in each kind of step: the panels, the facilitator's controls, the
// members menu and the consent dialog, rendered into a DOM and clicked.
import { beforeEach, describe, expect, it } from 'vitest';
import { createStepPanel, type StepCtx } from '../src/meeting/steps';
import { controlsView, type ControlsUi } from '../src/meeting/controls';
import { membersView, type MembersUi } from '../src/meeting/members-panel';
import { consentView, endedView } from '../src/meeting/banners';
import type { MeetingState } from '../src/meeting/state';
import type { Command } from '../src/protocol/types';
import { initLang } from '../src/i18n';
import { kindState, note } from './kinds-fixtures';

let sent: Command[] = [];

function render(s: MeetingState, index = s.stepIndex): HTMLElement {
  const p = createStepPanel(s.meeting.method.steps[index].kind);
  const ctx: StepCtx = {
    s,
    index,
    live: index === s.stepIndex && !s.ended,
    send: (c) => sent.push(c),
    sendTracked: (c) => {
      sent.push(c);
      return { ref: sent.length };
    },
    redraw: () => {},
  };
  p.update(ctx);
  document.body.replaceChildren(p.el);
  return p.el;
}

const q = (el: ParentNode, testid: string) => el.querySelectorAll(`[data-testid="${testid}"]`);
const has = (el: ParentNode, testid: string) => q(el, testid).length > 0;
const click = (el: ParentNode, testid: string, i = 0) => (q(el, testid)[i] as HTMLElement).click();

beforeEach(() => {
  sent = [];
  initLang(null);
});

describe('writing steps', () => {
  it('a participant gets an editor in a shared step and sees the others’ notes', () => {
    const el = render(kindState('a', 'participant', { step_index: 8, notes: [note('note:b', 'b', 8, 'van Bram'), note('note:a', 'a', 8, 'van mij')] }));
    expect(has(el, 'editor')).toBe(true);
    expect(q(el, 'note-input')).toHaveLength(1);
    expect(q(el, 'shared-notes')[0].textContent).toContain('van Bram');
    expect(q(el, 'shared-notes')[0].textContent).not.toContain('van mij'); // mine are in the editor
  });

  it('the presenter in a presenter_listens step sees "Jij luistert nu" and no input', () => {
    for (const i of [4, 8]) {
      const el = render(kindState('p', 'participant', { step_index: i }));
      expect(has(el, 'listening')).toBe(true);
      expect(el.textContent).toContain('Jij luistert nu');
      expect(q(el, 'note-input')).toHaveLength(0);
      expect(has(el, 'add-note')).toBe(false);
    }
  });

  it('in a present step the presenter tells and the others jot "alleen voor jou"', () => {
    const p = render(kindState('p', 'participant', { step_index: 3 }));
    expect(has(p, 'telling')).toBe(true);
    expect(has(p, 'editor')).toBe(false);
    const a = render(kindState('a', 'participant', { step_index: 3 }));
    expect(q(a, 'editor-hint')[0].textContent).toContain('Alleen voor jou');
  });

  it('a private step shows done and progress, no texts of others', () => {
    const el = render(kindState('a', 'participant', { step_index: 4, progress: [{ step_index: 4, member_id: 'b', note_count: 2, done: true }] }));
    expect(has(el, 'done-toggle')).toBe(true);
    expect(q(el, 'progress-list')[0].textContent).toContain('2 notities');
    // The listening presenter is not expected to write.
    expect(q(el, 'progress-list')[0].textContent).not.toContain('Pim');
    click(el, 'done-toggle');
    expect(sent).toEqual([{ type: 'set_done', data: { meeting_id: 'mtg_1', done: true } }]);
  });

  it('presenter first: the presenter reads the notes, the others are told they went to the presenter', () => {
    const notes = [note('note:b', 'b', 6, 'waarneming van Bram')];
    const p = render(kindState('p', 'participant', { step_index: 6, presenter_revealed_steps: [6], notes }));
    expect(q(p, 'revealed')[0].textContent).toContain('waarneming van Bram');
    const a = render(kindState('a', 'participant', { step_index: 6, presenter_revealed_steps: [6] }));
    expect(a.textContent).toContain('gedeeld met de inbrenger');
    expect(has(a, 'revealed')).toBe(false);
    expect(has(a, 'editor')).toBe(false);
  });

  it('takeaways list the presenter first', () => {
    const notes = [note('note:a', 'a', 9, 'Aisha neemt mee'), note('note:p', 'p', 9, 'Pim neemt mee')];
    const el = render(kindState('a', 'participant', { step_index: 9, revealed_steps: [9], notes }));
    const authors = [...el.querySelectorAll('.author-block')].map((b) => b.getAttribute('data-author'));
    expect(authors).toEqual(['p', 'a']);
  });

  it('nobody gets an editor once the meeting has ended', () => {
    const el = render(kindState('a', 'participant', { step_index: 8, ended: true }));
    expect(has(el, 'editor')).toBe(false);
  });
});

describe('case choice', () => {
  const proposals = [note('note:x', 'a', 2, 'Mijn vraag', { title: 'School' }), note('note:y', 'b', 2, 'Zijn vraag', { title: 'Thuis' })];

  it('before the reveal: a proposal editor with a title', () => {
    const el = render(kindState('a', 'participant', { step_index: 2, presenter_id: null, presenter_consent: null }));
    click(el, 'add-note');
    expect(has(el, 'note-title')).toBe(true);
    // A proposal waits for its title before it is saved.
    const text = el.querySelector('[data-testid="note-input"]') as HTMLTextAreaElement;
    text.value = 'Hoe werk ik samen met school?';
    text.dispatchEvent(new Event('input'));
    click(el, 'note-save');
    expect(sent).toEqual([]);
    expect(q(el, 'note-status')[0].textContent).toContain('titel');
    const title = el.querySelector('[data-testid="note-title"]') as HTMLInputElement;
    title.value = 'School';
    title.dispatchEvent(new Event('input'));
    click(el, 'note-save');
    expect(sent).toMatchObject([{ type: 'note_save', data: { title: 'School', text: 'Hoe werk ik samen met school?' } }]);
  });

  it('after the reveal: votes for everyone, "kies" only for the facilitator', () => {
    const base = { step_index: 2, revealed_steps: [2], notes: proposals, presenter_id: null, presenter_consent: null, votes: [{ member_id: 'a', note_id: 'note:x', votes: 1 }] };
    const a = render(kindState('a', 'participant', base));
    expect(q(a, 'proposal')).toHaveLength(2);
    expect(q(a, 'vote-budget')[0].textContent).toContain('nog 2 van 3');
    expect(has(a, 'choose-case')).toBe(false);
    click(a, 'vote-plus', 0);
    expect(sent.at(-1)).toEqual({ type: 'vote', data: { meeting_id: 'mtg_1', note_id: 'note:x', votes: 2 } });
    const f = render(kindState('f', 'facilitator', base));
    expect(q(f, 'choose-case')).toHaveLength(2);
    click(f, 'choose-case', 1);
    expect(sent.at(-1)).toEqual({ type: 'appoint_presenter', data: { meeting_id: 'mtg_1', member_id: 'b', case_note_id: 'note:y' } });
  });

  it('no more plus when the budget is spent', () => {
    const el = render(kindState('a', 'participant', { step_index: 2, revealed_steps: [2], notes: proposals, votes: [{ member_id: 'a', note_id: 'note:x', votes: 3 }] }));
    for (const b of q(el, 'vote-plus')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });

  it('the appointed presenter is asked; the others wait', () => {
    const s = { presenter_id: 'b', presenter_consent: 'pending' as const, case_note_id: 'note:y', notes: proposals };
    const b = consentView(kindState('b', 'participant', s), (c) => sent.push(c))!;
    expect(b.textContent).toContain('Wil je inbrenger zijn?');
    expect(b.textContent).toContain('Thuis');
    (b.querySelector('[data-testid="consent-yes"]') as HTMLElement).click();
    expect(sent.at(-1)).toEqual({ type: 'consent', data: { meeting_id: 'mtg_1', accept: true } });
    const a = consentView(kindState('a', 'participant', s), () => {})!;
    expect(a.getAttribute('data-testid')).toBe('consent-wait');
    expect(a.textContent).toContain('Wacht op toestemming van Bram');
    expect(consentView(kindState('a', 'participant'), () => {})).toBeNull();
  });
});

describe('question round', () => {
  const rounds = [{ step_index: 5, order: ['f', 'a', 'b'], position: 1, lap: 1 }];
  const notes = [note('note:q1', 'f', 5, 'Wat wil je bereiken?')];

  it('the member at turn can ask or pass; the others see whose turn it is', () => {
    const a = render(kindState('a', 'participant', { step_index: 5, rounds, notes }));
    expect(has(a, 'ask-box')).toBe(true);
    expect(a.querySelector('[aria-current="true"]')?.getAttribute('data-member')).toBe('a');
    (a.querySelector('[data-testid="ask-input"]') as HTMLTextAreaElement).value = 'Wie helpt je?';
    click(a, 'ask-send');
    expect(sent.at(-1)).toMatchObject({ type: 'ask', data: { meeting_id: 'mtg_1', text: 'Wie helpt je?' } });
    const b = render(kindState('b', 'participant', { step_index: 5, rounds, notes }));
    expect(has(b, 'ask-box')).toBe(false);
    expect(q(b, 'turn-wait')[0].textContent).toContain('Aisha is aan de beurt');
  });

  it('the facilitator can skip and reorder; participants cannot', () => {
    const f = render(kindState('f', 'facilitator', { step_index: 5, rounds, notes }));
    expect(has(f, 'turn-skip')).toBe(true);
    click(f, 'turn-down', 0);
    expect(sent.at(-1)).toEqual({ type: 'turn_order', data: { meeting_id: 'mtg_1', member_ids: ['a', 'f', 'b'] } });
    const b = render(kindState('b', 'participant', { step_index: 5, rounds, notes }));
    expect(has(b, 'turn-skip')).toBe(false);
    expect(has(b, 'turn-up')).toBe(false);
  });

  it('only the consented presenter marks questions; everyone sees the marks', () => {
    const marked = [note('note:q1', 'f', 5, 'Q', { marks: { picked: true, rating: 'warm', answered: false, touches: false } })];
    const p = render(kindState('p', 'participant', { step_index: 5, rounds, notes: marked }));
    expect(has(p, 'mark-row')).toBe(true);
    click(p, 'mark-warm');
    expect(sent.at(-1)).toEqual({ type: 'note_mark', data: { meeting_id: 'mtg_1', note_id: 'note:q1', rating: null } });
    click(p, 'mark-answer');
    expect(sent.at(-1)).toEqual({ type: 'note_mark', data: { meeting_id: 'mtg_1', note_id: 'note:q1', answered: true } });
    const a = render(kindState('a', 'participant', { step_index: 5, rounds, notes: marked }));
    expect(has(a, 'mark-row')).toBe(false);
    expect(q(a, 'mark-rating')[0].textContent).toBe('warm');
    const pending = render(kindState('p', 'participant', { step_index: 5, rounds, notes: marked, presenter_consent: 'pending' }));
    expect(has(pending, 'mark-row')).toBe(false);
  });
});

describe('react', () => {
  it('the presenter marks what touches most; the others see the mark', () => {
    const notes = [note('note:o1', 'a', 6, 'Ik zie twijfel'), note('note:o2', 'b', 6, 'Ik zie kracht', { marks: { picked: false, rating: null, answered: false, touches: true } })];
    const p = render(kindState('p', 'participant', { step_index: 7, revealed_steps: [6], notes }));
    expect(q(p, 'mark-touch')).toHaveLength(2);
    click(p, 'mark-touch', 0);
    expect(sent.at(-1)).toEqual({ type: 'note_mark', data: { meeting_id: 'mtg_1', note_id: 'note:o1', touches: true } });
    const a = render(kindState('a', 'participant', { step_index: 7, revealed_steps: [6], notes }));
    expect(has(a, 'mark-touch')).toBe(false);
    expect(q(a, 'mark-touches')).toHaveLength(1);
  });
});

describe('evaluation', () => {
  const notes = [note('note:e1', 'a', 10, 'Fijne sfeer', { label: 'top' }), note('note:e2', 'b', 10, 'Meer tijd', { label: 'tip' })];

  it('a participant rates and writes tops and tips; sees no one else’s', () => {
    const el = render(kindState('a', 'participant', { step_index: 10, notes: [notes[0]] }));
    expect(has(el, 'label-top')).toBe(true);
    click(el, 'score-4');
    expect(sent.at(-1)).toEqual({ type: 'rate', data: { meeting_id: 'mtg_1', score: 4 } });
    expect(has(el, 'eval-all')).toBe(false);
  });

  it('the facilitator sees everyone’s scores and tops and tips', () => {
    const el = render(kindState('f', 'facilitator', { step_index: 10, notes, ratings: [{ member_id: 'a', step_index: 10, score: 4 }] }));
    expect(q(el, 'eval-scores')[0].textContent).toContain('Aisha');
    expect(q(el, 'eval-all')[0].textContent).toContain('Meer tijd');
  });

  it('the average is written the Dutch way (4,5)', () => {
    const ratings = [{ member_id: 'a', step_index: 10, score: 4 }, { member_id: 'b', step_index: 10, score: 5 }];
    const el = render(kindState('f', 'facilitator', { step_index: 10, notes, ratings }));
    expect(q(el, 'eval-scores')[0].querySelector('.count')!.textContent).toBe('gemiddeld 4,5');
  });
});

describe('recall', () => {
  it('shows the previous meeting, the presenter’s takeaway first', () => {
    const el = render(
      kindState('a', 'participant', {
        step_index: 1,
        recall: { meeting_title: 'Maart', presenter_name: 'Bram', case: { title: 'School', text: 'Hoe?' }, takeaways: [{ name: 'Aisha', presenter: false, text: 'rust' }, { name: 'Bram', presenter: true, text: 'plan' }] },
      }),
    );
    expect(q(el, 'recall-case')[0].textContent).toContain('School');
    expect(q(el, 'recall-takeaways')[0].firstElementChild?.textContent).toContain('plan');
  });
});

describe('facilitator tools', () => {
  const ui = (): ControlsUi => ({ confirmReveal: false, confirmEnd: false, startMinutes: 5 });
  const d = { send: (c: Command) => sent.push(c), redraw: () => {} };

  it('next passes over the optional step and reveal asks first', () => {
    const u = ui();
    const el = controlsView(kindState('f', 'facilitator', { step_index: 4 }), u, d);
    document.body.replaceChildren(el);
    (el.querySelector('[data-testid="next-step"]') as HTMLElement).click();
    expect(sent.at(-1)).toEqual({ type: 'set_step', data: { meeting_id: 'mtg_1', step_index: 5 } });
    expect(has(el, 'auto-reveal')).toBe(true);
    (el.querySelector('[data-testid="reveal"]') as HTMLElement).click();
    expect(u.confirmReveal).toBe(true);
  });

  it('"Aan iedereen tonen" after the presenter has seen them', () => {
    const el = controlsView(kindState('f', 'facilitator', { step_index: 6, presenter_revealed_steps: [6] }), ui(), d);
    expect(el.querySelector('[data-testid="reveal"]')?.textContent).toContain('Aan iedereen tonen');
    expect(has(el, 'auto-reveal')).toBe(false);
  });

  it('end meeting asks first', () => {
    const u = { ...ui(), confirmEnd: true };
    const el = controlsView(kindState('f', 'facilitator'), u, d);
    (el.querySelector('[data-testid="end-yes"]') as HTMLElement).click();
    expect(sent.at(-1)).toEqual({ type: 'end_meeting', data: { meeting_id: 'mtg_1' } });
    expect(endedView(kindState('a', 'participant', { ended: true }))?.textContent).toContain('afgesloten');
  });

  it('the members menu is for the facilitator only, never for themselves', () => {
    const u: MembersUi = { openMenu: 'b', confirm: null };
    const calls: string[] = [];
    const act = { toggleMenu: (id: string) => calls.push(`menu ${id}`), appoint: (id: string | null) => calls.push(`appoint ${id}`), ask: (c: { kind: string; memberId: string }) => calls.push(`ask ${c.kind} ${c.memberId}`), confirm: () => {}, cancel: () => {} };
    const f = membersView(kindState('f', 'facilitator'), u, act);
    expect(q(f, 'member-more')).toHaveLength(3);
    expect(f.querySelector('[data-member="f"] [data-testid="member-more"]')).toBeNull();
    (f.querySelector('[data-testid="menu-hand"]') as HTMLElement).click();
    (f.querySelector('[data-testid="menu-remove"]') as HTMLElement).click();
    (f.querySelector('[data-testid="menu-appoint"]') as HTMLElement).click();
    expect(calls).toEqual(['ask hand b', 'ask remove b', 'appoint b']);
    const a = membersView(kindState('a', 'participant'), u, act);
    expect(q(a, 'member-more')).toHaveLength(0);
    const c = membersView(kindState('f', 'facilitator'), { openMenu: null, confirm: { kind: 'remove', memberId: 'b' } }, act);
    expect(q(c, 'confirm-remove')[0].textContent).toContain('Bram verwijderen?');
  });
});
