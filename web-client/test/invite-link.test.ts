// @vitest-environment happy-dom
// The facilitator's "Nieuwe uitnodigingslink" (protocol §2 POST /api/meeting-invite, §4.3): asks
// first, then POSTs with the member token, checks the answer's shape, and shows the new link with
// a copy button; every refusal in words; a hint after the facilitator removed someone; none of it
// for participants or after the end. Fake WebSocket, mocked fetch.
import { describe, expect, it, vi } from 'vitest';
import { parseNewInvite } from '../src/api';
import { setLang } from '../src/i18n';
import { M, member } from './fixtures';
import { FakeSocket, open, q, settle, tid, currentScreen, useMeetingScreen } from './meeting-harness';

useMeetingScreen();


const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refusal = (status: number, code: string) => json(status, { error: { code, message: 'x' } });

function mockFetch(answer: () => Promise<Response> | Response) {
  const f = vi.fn(async (_url: string, _init?: RequestInit) => answer());
  vi.stubGlobal('fetch', f);
  return f;
}

const click = (id: string) => (tid(id) as HTMLButtonElement).click();

/** Facilitator opens the question and says yes. */
async function askAndConfirm() {
  click('invite-new');
  expect(tid('invite-confirm')).toBeTruthy();
  click('invite-yes');
  await settle();
}

describe('"Nieuwe uitnodigingslink"', () => {
  it('asks first; cancel sends nothing', async () => {
    const f = mockFetch(() => json(201, { invite_token: 'inv_new', meeting_id: M }));
    await open('f', 'facilitator');
    const btn = q('[data-testid="facilitator-controls"] [data-testid="invite-new"]')!;
    expect(btn.textContent).toBe('Nieuwe uitnodigingslink');
    click('invite-new');
    const dlg = tid('invite-confirm')!;
    expect(dlg.getAttribute('role')).toBe('alertdialog');
    expect(dlg.textContent).toContain('De huidige uitnodigingslink werkt daarna niet meer. Wie al meedoet, merkt niets.');
    click('invite-cancel');
    expect(tid('invite-confirm')).toBeNull();
    expect(tid('invite-new')).toBeTruthy();
    expect(f).not.toHaveBeenCalled();
  });

  it('POSTs /api/meeting-invite with the member token and shows the new link with a copy button', async () => {
    const f = mockFetch(() => json(201, { invite_token: 'inv_new', meeting_id: M }));
    await open('f', 'facilitator');
    await askAndConfirm();
    expect(f).toHaveBeenCalledTimes(1);
    const [url, init] = f.mock.calls[0];
    expect(url).toBe('/api/meeting-invite');
    expect(init!.method).toBe('POST');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    const link = q<HTMLInputElement>('[data-testid="invite-new-link"]')!;
    expect(link.value).toBe(`${location.origin}/#/join/inv_new`);
    expect(q('[data-testid="invite-made"] button')!.textContent).toBe('Kopieer');
    expect(tid('invite-made')!.textContent).toContain('Deel deze link alleen met wie mag meedoen.');
    // Survives other changes to the meeting (the panel is drawn anew), and a language switch.
    click('next-step');
    await settle();
    expect(q<HTMLInputElement>('[data-testid="invite-new-link"]')!.value).toBe(`${location.origin}/#/join/inv_new`);
    setLang('en');
    currentScreen()!.relabel?.();
    expect(tid('invite-made')!.textContent).toContain('Share this link only with those who may take part.');
    expect(q<HTMLInputElement>('[data-testid="invite-new-link"]')!.value).toBe(`${location.origin}/#/join/inv_new`);
  });

  it('the copy button copies the link', async () => {
    mockFetch(() => json(201, { invite_token: 'inv_new', meeting_id: M }));
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await open('f', 'facilitator');
    await askAndConfirm();
    (q('[data-testid="invite-made"] button') as HTMLButtonElement).click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/#/join/inv_new`);
  });

  it.each([
    ['401 unauthorized', () => refusal(401, 'unauthorized'), 'Je aanmelding voor deze bijeenkomst werkt niet meer, dus er is geen nieuwe link gemaakt. De oude link werkt nog.', true],
    ['403 forbidden', () => refusal(403, 'forbidden'), 'Alleen de begeleider kan een nieuwe uitnodigingslink maken. De oude link werkt nog.', true],
    ['409 meeting_ended', () => refusal(409, 'meeting_ended'), 'De bijeenkomst is afgesloten: er kan niemand meer bij. Een nieuwe link is niet nodig.', false],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), 'Er is geen nieuwe link gemaakt; de oude werkt nog. Geen verbinding met de server. Controleer je internet en probeer het opnieuw.', true],
    ['a 500 without a body', () => new Response('', { status: 500 }), 'Er is geen nieuwe link gemaakt; de oude werkt nog. Er ging iets mis op de server. Probeer het opnieuw.', true],
    ['an answer of another shape', () => json(201, { token: 'x' }), 'Er is geen nieuwe link gemaakt; de oude werkt nog. Het antwoord van de server was niet te lezen. Probeer het opnieuw.', true],
  ] as const)('%s: said in words, calmly, no link shown', async (_name, answer, text, retry) => {
    mockFetch(answer);
    await open('f', 'facilitator');
    await askAndConfirm();
    expect(tid('invite-error')!.textContent).toBe(text);
    expect(tid('invite-error')!.closest('.notice')!.getAttribute('role')).toBe('alert');
    expect(tid('invite-new-link')).toBeNull();
    // One can try again, except after the end (then there is nobody left to invite).
    expect(tid('invite-new') !== null).toBe(retry);
  });

  it('English error texts', async () => {
    setLang('en');
    mockFetch(() => refusal(403, 'forbidden'));
    await open('f', 'facilitator');
    click('invite-new');
    expect(tid('invite-confirm')!.textContent).toContain('The current invite link will stop working. Those already taking part will not notice.');
    click('invite-yes');
    await settle();
    expect(tid('invite-error')!.textContent).toBe('Only the facilitator can make a new invite link. The old link still works.');
  });

  it('parseNewInvite checks the shape and the meeting', () => {
    expect(parseNewInvite({ invite_token: 'a', meeting_id: M, extra: 1 }, M)).toEqual({ invite_token: 'a', meeting_id: M });
    for (const bad of [null, [], {}, { invite_token: '', meeting_id: M }, { invite_token: 'a' }, { invite_token: 1, meeting_id: M }]) {
      expect(() => parseNewInvite(bad, M)).toThrow('invalid_response');
    }
    expect(() => parseNewInvite({ invite_token: 'a', meeting_id: 'other' }, M)).toThrow('invalid_response');
  });
});

describe('the hint after a removal', () => {
  const removeAisha = (ws: FakeSocket) => ws.recv({ type: 'member_removed', data: { seq: 6, member_id: 'a' } });

  it('after the facilitator removed someone: the hint with the button; gone once a new link is made', async () => {
    mockFetch(() => json(201, { invite_token: 'inv_new', meeting_id: M }));
    const ws = await open('f', 'facilitator');
    expect(tid('invite-hint')).toBeNull();
    removeAisha(ws);
    await settle();
    expect(tid('invite-hint')!.textContent).toBe('Verwijderd? Maak een nieuwe uitnodigingslink, zodat de oude niet meer werkt.');
    expect(q('[data-testid="invite-tool"] [data-testid="invite-new"]')).toBeTruthy();
    await askAndConfirm();
    expect(tid('invite-hint')).toBeNull();
    expect(tid('invite-new-link')).toBeTruthy();
  });

  it('no hint for someone removed before we came in', async () => {
    await open('f', 'facilitator', { members: [member('f', 'facilitator', 'Fenna'), { ...member('a', 'participant', 'Aisha'), removed: true }] });
    expect(tid('invite-new')).toBeTruthy();
    expect(tid('invite-hint')).toBeNull();
  });

  it('a participant who sees a removal gets neither hint nor button', async () => {
    const ws = await open('p', 'participant');
    removeAisha(ws);
    await settle();
    expect(tid('invite-hint')).toBeNull();
    expect(tid('invite-new')).toBeNull();
  });
});

describe('who gets the button', () => {
  it('participants do not', async () => {
    await open('a', 'participant');
    expect(tid('invite-new')).toBeNull();
    expect(tid('invite-tool')).toBeNull();
  });

  it('gone after meeting_ended, also when a link was shown', async () => {
    mockFetch(() => json(201, { invite_token: 'inv_new', meeting_id: M }));
    const ws = await open('f', 'facilitator');
    await askAndConfirm();
    ws.recv({ type: 'meeting_ended', data: { seq: 6 } });
    await settle();
    expect(tid('invite-new')).toBeNull();
    expect(tid('invite-tool')).toBeNull();
  });

  it('not for a facilitator of an ended meeting', async () => {
    await open('f', 'facilitator', { ended: true });
    expect(tid('invite-new')).toBeNull();
  });
});
