import { describe, expect, it } from 'vitest';
import { stepNumber, type Method } from '../src/protocol/types';

const method = (first?: number): Method => ({
  method_id: 'm',
  title: { nl: 'M', en: 'M' },
  steps: [],
  ...(first === undefined ? {} : { first_step_number: first }),
});

describe('stepNumber', () => {
  it('follows the method text: buiten je bubbel starts at Stap 0', () => {
    expect(stepNumber(method(0), 0)).toBe(0);
    expect(stepNumber(method(0), 10)).toBe(10);
  });
  it('counts from 1 when the method says so or says nothing', () => {
    expect(stepNumber(method(1), 0)).toBe(1);
    expect(stepNumber(method(), 5)).toBe(6);
  });
});
