// @vitest-environment happy-dom
// The meeting screen against a fake WebSocket: the facilitator's quiet way to the method editor
// (#/meeting/ID/methods), and refusals in words that say who may (forbidden names no role, the
// client knows which command it sent). Also: every error code of protocol §6 has a text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../src/router';
import { errorText, hasTranslation, setLang } from '../src/i18n';
import { M, member, snapshot } from './fixtures';
import { open, q, settle, tid, currentScreen, useMeetingScreen } from './meeting-harness';

useMeetingScreen();

describe('"Methode samenstellen voor de groep"', () => {
  it('a facilitator finds it in the tools; it opens the method editor in a new tab', async () => {
    await open('f', 'facilitator');
    const a = q<HTMLAnchorElement>('[data-testid="facilitator-controls"] [data-testid="compose-for-group"]')!;
    expect(a).toBeTruthy();
    expect(a.textContent).toBe('Methode samenstellen voor de groep');
    expect(a.getAttribute('href')).toBe(`#/meeting/${M}/methods`);
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener');
    // The route is the method editor's, for this meeting (its token comes from localStorage).
    expect(parseRoute(a.getAttribute('href')!)).toEqual({ name: 'method-editor', meetingId: M });
    setLang('en');
    currentScreen()!.relabel?.();
    expect(tid('compose-for-group')!.textContent).toBe('Compose a method for the group');
  });

  it('a participant does not get it', async () => {
    await open('a', 'participant');
    expect(tid('compose-for-group')).toBeNull();
    expect(tid('facilitator-controls')).toBeNull();
  });

  it('after the end the controls go, the link stays (for the next meeting)', async () => {
    await open('f', 'facilitator', { ended: true });
    expect(tid('facilitator-controls')).toBeNull();
    expect(q('.compose-after [data-testid="compose-for-group"]')).toBeTruthy();
    expect(q('.compose-after .help')!.textContent).toBe('Voor een volgende bijeenkomst van de groep; opent in een nieuw tabblad.');
  });

  it('after handing over facilitation it goes with the role', async () => {
    const ws = await open('f', 'facilitator');
    expect(tid('compose-for-group')).toBeTruthy();
    ws.recv({ type: 'roles_changed', data: { seq: 6, members: [{ member_id: 'f', role: 'participant' }, { member_id: 'a', role: 'facilitator' }] } });
    ws.recv({ type: 'welcome', data: { protocol: 1, meeting_id: M, member_id: 'f', role: 'participant', server_time: Date.now(), seq: 6, snapshot: snapshot({ members: [member('f', 'participant', 'Fenna'), member('a', 'facilitator', 'Aisha')] }) } });
    await settle();
    expect(tid('compose-for-group')).toBeNull();
  });
});

describe('forbidden says who may', () => {
  it('a refused facilitator command: "Alleen de begeleider mag dit doen."', async () => {
    const ws = await open('f', 'facilitator');
    (tid('next-step') as HTMLButtonElement).click();
    const cmd = ws.last('set_step')!;
    ws.recv({ type: 'error', ref: cmd.ref, data: { code: 'forbidden', message: 'only the facilitator changes the step' } });
    await settle();
    expect(q('[role="alert"]')!.textContent).toBe('Alleen de begeleider mag dit doen.');
  });

  it('a refused presenter command: "Alleen de inbrenger mag dit doen."', async () => {
    const ws = await open('p', 'participant', { presenter_id: 'p', presenter_consent: 'pending' });
    (tid('consent-yes') as HTMLButtonElement).click();
    const cmd = ws.last('consent')!;
    ws.recv({ type: 'error', ref: cmd.ref, data: { code: 'forbidden', message: 'only the appointed presenter consents' } });
    await settle();
    expect(q('[role="alert"]')!.textContent).toBe('Alleen de inbrenger mag dit doen.');
    setLang('en');
    expect(errorText('forbidden', 'consent')).toBe('Only the presenter may do this.');
  });

  it('other refusals keep their own words', async () => {
    const ws = await open('f', 'facilitator');
    (tid('next-step') as HTMLButtonElement).click();
    ws.recv({ type: 'error', ref: ws.last('set_step')!.ref, data: { code: 'meeting_ended', message: 'x' } });
    await settle();
    expect(q('[role="alert"]')!.textContent).toBe('De bijeenkomst is afgesloten: er kan niets meer veranderen.');
  });

  it('errorText: per command, and generic where the command is unknown', () => {
    expect(errorText('forbidden')).toBe('Dit mag je in deze rol niet doen.');
    expect(errorText('forbidden', 'vote')).toBe('Dit mag je in deze rol niet doen.');
    expect(errorText('forbidden', 'no_such_command')).toBe('Dit mag je in deze rol niet doen.');
    for (const c of ['set_step', 'appoint_presenter', 'reveal', 'set_auto_reveal', 'timer_start', 'timer_pause', 'timer_add', 'turn_skip', 'turn_order', 'hand_facilitation', 'remove_member', 'end_meeting'])
      expect(errorText('forbidden', c), c).toBe('Alleen de begeleider mag dit doen.');
    for (const c of ['consent', 'note_mark']) expect(errorText('forbidden', c), c).toBe('Alleen de inbrenger mag dit doen.');
    for (const c of ['note_save', 'note_delete', 'set_done']) expect(errorText('forbidden', c), c).toBe('Als inbrenger schrijf je in deze stap niet mee.');
    // Only forbidden depends on the command.
    expect(errorText('wrong_step', 'set_step')).toBe('Dat kan niet in deze stap.');
    setLang('en');
    expect(errorText('forbidden')).toBe('Your role may not do this.');
    expect(errorText('forbidden', 'reveal')).toBe('Only the facilitator may do this.');
    expect(errorText('forbidden', 'note_save')).toBe('As the presenter you do not write in this step.');
  });

  it('consent_pending, not_your_turn and meeting_ended are in words, in both languages', () => {
    const words: Record<string, [string, string]> = {
      consent_pending: ['De inbrenger heeft nog geen ja gezegd.', 'The presenter has not said yes yet.'],
      not_your_turn: ['Je bent nu niet aan de beurt.', 'It is not your turn now.'],
      meeting_ended: ['De bijeenkomst is afgesloten: er kan niets meer veranderen.', 'The meeting has ended: nothing can change anymore.'],
    };
    for (const [code, [nl, en]] of Object.entries(words)) {
      setLang('nl');
      expect(errorText(code)).toBe(nl);
      setLang('en');
      expect(errorText(code)).toBe(en);
    }
  });

  it('every error code of protocol §6 has a text in Dutch and English', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'protocol', 'README.md'), 'utf8');
    const s6 = readme.slice(readme.indexOf('## 6. Errors'), readme.indexOf('## 7.'));
    // The codes are in the first column of the table ("HTTP only: `a` (404), `b` (401), …" too).
    const firstCells = s6.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split('|')[1]);
    const codes = new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])));
    expect(codes.size).toBeGreaterThan(20);
    for (const c of ['forbidden', 'consent_pending', 'not_your_turn', 'meeting_ended', 'invalid_link']) expect(codes).toContain(c);
    for (const c of codes) expect(hasTranslation(`err_${c}`), c).toBe(true);
  });
});
