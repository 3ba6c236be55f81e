// The meeting screen against a fake WebSocket, for happy-dom tests of what a role sees and may
// do: a member opens the meeting, gets a welcome with a snapshot, and the test drives events.
// Used with `// @vitest-environment happy-dom`; register the hooks with useMeetingScreen().
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { meetingScreen } from '../src/screens/meeting';
import { initLang, setLang } from '../src/i18n';
import type { Screen } from '../src/ui/screen';
import type { Welcome } from '../src/protocol/types';
import { M, member, snapshot } from './fixtures';

export class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { type: string; ref?: number; data?: Record<string, unknown> }[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(d: string) {
    this.sent.push(JSON.parse(d));
  }
  close() {
    this.readyState = 3;
  }
  recv(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  last(type: string) {
    return [...this.sent].reverse().find((m) => m.type === type);
  }
}

export const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};
export const q = <T extends Element = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel);
export const tid = (id: string) => q(`[data-testid="${id}"]`);

let screen: Screen | null = null;
// The meeting screen open now (to call its hooks, e.g. relabel after a language switch).
export const currentScreen = (): Screen | null => screen;

export async function open(me: string, role: 'facilitator' | 'participant', over: Partial<Welcome['snapshot']> = {}): Promise<FakeSocket> {
  localStorage.setItem(`intervisie.member.${M}`, JSON.stringify({ meeting_id: M, member_token: 'tok', member_id: me, name: me, link_token: 'x' }));
  screen = meetingScreen(M);
  document.body.replaceChildren(screen.el);
  await settle();
  const ws = FakeSocket.all[FakeSocket.all.length - 1];
  expect(ws.last('hello')).toBeTruthy();
  const snap = snapshot({ members: [member('f', 'facilitator', 'Fenna'), member('a', 'participant', 'Aisha'), member('p', 'participant', 'Pim')], ...over });
  ws.recv({ type: 'welcome', data: { protocol: 1, meeting_id: M, member_id: me, role, server_time: Date.now(), seq: 5, snapshot: snap } });
  await settle();
  return ws;
}

export function useMeetingScreen(): void {
  beforeEach(() => {
    initLang(null);
    setLang('nl');
    localStorage.clear();
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    screen?.destroy?.();
    screen = null;
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });
}
