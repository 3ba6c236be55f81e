// Step numbering: only steps that are not optional get a number (first_step_number + the count of
// non-optional steps before it), so "Stap 3" stays Stap 3 however many optional steps are mixed in.
import { describe, expect, it } from 'vitest';
import { lastStepNumber, stepNumber, type Method, type Step } from '../src/protocol/types';

const step = (optional = false): Step => ({ kind: 'info', title: { nl: 'S', en: 'S' }, instructions: { nl: '', en: '' }, ...(optional ? { optional } : {}) });

const method = (first: number | undefined, optional: boolean[]): Method => ({
  method_id: 'm',
  title: { nl: 'M', en: 'M' },
  steps: optional.map((o) => step(o)),
  ...(first === undefined ? {} : { first_step_number: first }),
});

describe('stepNumber', () => {
  it('follows the method text: buiten je bubbel starts at Stap 0', () => {
    const m = method(0, Array(11).fill(false));
    expect(stepNumber(m, 0)).toBe(0);
    expect(stepNumber(m, 10)).toBe(10);
    expect(lastStepNumber(m)).toBe(10);
  });

  it('counts from 1 when the method says so or says nothing', () => {
    expect(stepNumber(method(1, [false, false]), 0)).toBe(1);
    const m = method(undefined, Array(6).fill(false));
    expect(stepNumber(m, 5)).toBe(6);
    expect(lastStepNumber(m)).toBe(6);
  });

  it('gives optional steps no number and does not count them', () => {
    // check-in (optional), Stap 1, a variation (optional), Stap 2, Stap 3
    const m = method(1, [true, false, true, false, false]);
    expect([0, 1, 2, 3, 4].map((i) => stepNumber(m, i))).toEqual([null, 1, null, 2, 3]);
    expect(lastStepNumber(m)).toBe(3);
  });

  it('an optional step at the end does not raise the total', () => {
    const m = method(0, [false, false, true]);
    expect(stepNumber(m, 1)).toBe(1);
    expect(stepNumber(m, 2)).toBeNull();
    expect(lastStepNumber(m)).toBe(1);
  });
});
