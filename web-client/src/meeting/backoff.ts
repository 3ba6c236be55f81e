// Reconnect delays: 0.5, 1, 2, 4, 8 s, then 8 s forever, each with ±20 % jitter so that eight
// phones that lost the same Wi-Fi do not all knock at the same instant.
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 8000;
export const BACKOFF_JITTER = 0.2;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  const factor = 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random();
  return Math.round(base * factor);
}
