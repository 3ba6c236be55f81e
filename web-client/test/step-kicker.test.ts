// @vitest-environment happy-dom
// The step card's kicker names the step's kind; a board step (R31) says whether everyone draws
// together on one board or each alone on their own (revealed together, R35).
import { beforeEach, describe, expect, it } from 'vitest';
import { initLang, setLang } from '../src/i18n';
import { fromWelcome } from '../src/meeting/state';
import { kindLabel, stepView } from '../src/meeting/views';
import type { Method } from '../src/protocol/types';
import { snapshot, welcome } from './fixtures';

const L = (nl: string, en = nl) => ({ nl, en });

const method: Method = {
  method_id: 'tekenen',
  title: L('Tekenen', 'Drawing'),
  steps: [
    { kind: 'board', title: L('Samen', 'Together'), instructions: L('Teken', 'Draw'), timebox_minutes: 10 },
    { kind: 'board', board: 'private', title: L('Alleen', 'Alone'), instructions: L('Teken', 'Draw') },
    { kind: 'board', board: 'shared', template: 'relations', title: L('Omgeving', 'Surroundings'), instructions: L('Teken', 'Draw') },
    { kind: 'private_write', title: L('Vragen', 'Questions'), instructions: L('Schrijf', 'Write') },
  ],
};

const state = (step: number) => fromWelcome(welcome(1, { snapshot: snapshot({ meeting: { ...snapshot().meeting, method }, step_index: step }) }));
const kicker = (step: number) => stepView(state(step), step).querySelector('.step-kicker')?.textContent?.trim();

beforeEach(() => {
  initLang(null);
  setLang('nl');
});

describe('the step kicker', () => {
  it('names a shared board step and a private one apart, in Dutch and in English', () => {
    expect(kindLabel(method.steps[0])).toBe('Samen tekenen');
    expect(kindLabel(method.steps[1])).toBe('Ieder tekent voor zich');
    expect(kindLabel(method.steps[2])).toBe('Samen tekenen');
    // `board` on another kind means nothing (the server refuses it there anyway).
    expect(kindLabel({ kind: 'private_write', board: 'private' })).toBe('Ieder schrijft voor zich');
    expect(kindLabel({ kind: 'future_kind' as never })).toBeNull();
    setLang('en');
    expect(kindLabel(method.steps[0])).toBe('Drawing together');
    expect(kindLabel(method.steps[1])).toBe('Everyone draws alone');
  });

  it('shows it on the step card, with the lock only where boards wait for the reveal', () => {
    expect(kicker(0)).toBe('Samen tekenen · 10 minuten');
    expect(stepView(state(0), 0).querySelector('.step-kicker svg')).toBeNull();
    expect(kicker(1)).toBe('Ieder tekent voor zich');
    expect(stepView(state(1), 1).querySelector('.step-kicker svg')).not.toBeNull();
    // Looking at another step than the current one: its number leads.
    expect(stepView(state(0), 1).querySelector('.step-kicker')!.textContent).toContain('Ieder tekent voor zich');
  });
});
