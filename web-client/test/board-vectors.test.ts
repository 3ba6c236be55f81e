// The shared board vectors (protocol/vectors/board.json) against the client's board model, so
// an optimistic edit is decided exactly as the server will decide it (R32–R34, R36).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applyChanged,
  applyCleared,
  applyLocked,
  decideChange,
  decideClear,
  decideLock,
  emptyBoard,
  type Board,
  type BoardActor,
  type BoardChange,
  type Outcome,
} from '../src/board/model';

interface Step {
  actor: string;
  change?: BoardChange;
  lock?: boolean;
  clear?: boolean;
  expect: { result: 'changed' | 'ack' | 'error'; code?: string; event?: BoardChange };
}
interface Case {
  name: string;
  steps: Step[];
  final: unknown[];
}

const path = fileURLToPath(new URL('../../protocol/vectors/board.json', import.meta.url));
const cases: Case[] = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }).cases : [];

const ACTORS: Record<string, BoardActor> = {
  fac: { member_id: 'fac', facilitator: true },
  ann: { member_id: 'ann', facilitator: false },
  bob: { member_id: 'bob', facilitator: false },
};

function fresh(): Board {
  return emptyBoard({ board_id: 'b:vectors01', kind: 'shared', title: 'Vectors', step_index: null, owner_id: null, template: null, locked: false });
}

/** One step: the outcome, and the board after it (a refused step changes nothing, R18). */
function run(b: Board, step: Step): { out: Outcome; next: Board } {
  const actor = ACTORS[step.actor];
  if (step.change !== undefined) {
    const out = decideChange(b, actor, step.change);
    return { out, next: out.result === 'changed' ? applyChanged(b, out.event, actor.member_id) : b };
  }
  if (step.lock !== undefined) {
    const out = decideLock(b, actor, step.lock);
    return { out, next: out.result === 'changed' ? applyLocked(b, step.lock) : b };
  }
  const out = decideClear(b, actor);
  return { out, next: out.result === 'changed' ? applyCleared(b) : b };
}

describe('protocol/vectors/board.json', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(40);
  });
  for (const c of cases) {
    it(c.name, () => {
      let b = fresh();
      c.steps.forEach((step, i) => {
        const { out, next } = run(b, step);
        const where = `${c.name}, step ${i} (${step.actor})`;
        if (step.expect.result === 'error') {
          expect(out.result === 'error' ? out.code : out.result, where).toBe(step.expect.code);
        } else {
          expect(out.result, `${where}: ${out.result === 'error' ? out.message : ''}`).toBe(step.expect.result);
          if (step.expect.event && out.result === 'changed') expect(out.event, where).toEqual(step.expect.event);
        }
        b = next;
      });
      const final = [...b.objects.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      expect(final).toEqual(c.final);
    });
  }
});
