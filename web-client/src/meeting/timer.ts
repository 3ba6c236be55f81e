// The step timer (R22) as everyone sees it: a countdown in the current step card, a calm signal
// when the time is up and, only if this person switched it on, a short beep. The meeting goes on
// when the time is up: nothing here stops or blocks anything.
import { h } from '../ui/dom';
import { icon } from '../ui/icons';
import { t } from '../i18n';
import type { Timer } from '../protocol/types';
import { formatRemaining, remaining } from './state';

export type TimerPhase = 'none' | 'running' | 'paused' | 'up';

/** What the timer looks like at local time `now` (offset = server time − local time). */
export function timerPhase(timer: Timer | null, now: number, offset: number): TimerPhase {
  if (!timer) return 'none';
  if (!timer.running) return 'paused';
  return remaining(timer, now, offset) > 0 ? 'running' : 'up';
}

const SOUND_KEY = 'intervisie.timer_sound';

function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Off unless this person switched it on (never autoplay). */
export function soundOn(): boolean {
  return store()?.getItem(SOUND_KEY) === '1';
}

let audio: AudioContext | null = null;

export function setSoundOn(on: boolean): void {
  if (on) store()?.setItem(SOUND_KEY, '1');
  else store()?.removeItem(SOUND_KEY);
  // Switching it on is a user gesture: the moment browsers allow an AudioContext to start.
  if (on) unlockAudio();
}

function unlockAudio(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    if (audio.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Two soft, short tones. Only called when the sound toggle is on. */
export function beep(): void {
  if (!soundOn()) return;
  unlockAudio();
  const ctx = audio;
  if (!ctx) return;
  const start = ctx.currentTime + 0.02;
  for (const [i, freq] of [660, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.35;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.15, t0 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.32);
  }
}

/**
 * The countdown box. The clock text is filled in (and refreshed every tick) by the caller through
 * `.timer-clock`, so the toggle keeps focus while the time runs.
 */
export function timerView(phase: Exclude<TimerPhase, 'none'>, onSound: (on: boolean) => void): HTMLElement {
  const label = phase === 'paused' ? t('timer_paused') : phase === 'up' ? t('timer_up') : t('timer_running');
  return h(
    'div',
    { class: `timer timer-${phase}`, 'data-testid': 'timer', 'data-phase': phase },
    h(
      'div',
      { class: 'timer-main' },
      icon(phase === 'paused' ? 'pause' : 'clock', 'icon timer-icon'),
      // role=timer is not announced every second; the phase line below is (polite).
      h('span', { class: 'timer-clock', role: 'timer', 'aria-label': t('timer_label'), 'data-testid': 'timer-clock' }),
      h('span', { class: 'timer-phase', role: 'status', 'aria-live': 'polite', 'data-testid': 'timer-phase' }, label),
    ),
    h(
      'label',
      { class: 'timer-sound' },
      h('input', { type: 'checkbox', checked: soundOn(), 'data-testid': 'timer-sound', onchange: (e) => onSound((e.target as HTMLInputElement).checked) }),
      ' ',
      t('timer_sound'),
    ),
  );
}

export function clockText(timer: Timer, now: number, offset: number): string {
  return formatRemaining(remaining(timer, now, offset));
}
