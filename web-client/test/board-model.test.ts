// The board model beyond the shared vectors: what is drawn and in which order, the box around
// objects, private boards (R34), applying server events, and the ids clients make.
import { describe, expect, it } from 'vitest';
import { newBoardId, newObjectId } from '../src/board/ids';
import {
  applyChanged,
  boardFromWire,
  bounds,
  decideChange,
  decideClear,
  decideLock,
  drawable,
  emptyBoard,
  liveCount,
  type BoardInfo,
  type BoardObject,
} from '../src/board/model';

const INFO: BoardInfo = { board_id: 's:1', kind: 'shared', title: null, step_index: 1, owner_id: null, template: null, locked: false };
const o = (id: string, extra: Partial<BoardObject> = {}): BoardObject => ({
  id,
  type: 'rect',
  x: 0,
  y: 0,
  rotation: 0,
  z: 0,
  deleted: false,
  w: 10,
  h: 10,
  color: 'black',
  fill: 'none',
  width: 2,
  ...extra,
});

describe('drawable', () => {
  it('leaves out deleted objects and connectors with a deleted or missing end; back to front by z, then id', () => {
    const b = boardFromWire({
      ...INFO,
      objects: [
        o('o:cccccccc', { z: 1 }),
        o('o:aaaaaaaa', { z: 1 }),
        o('o:bbbbbbbb', { z: -5 }),
        o('o:gone0000', { deleted: true }),
        { id: 'o:conn0001', type: 'connector', x: 0, y: 0, rotation: 0, z: 9, deleted: false, from: 'o:aaaaaaaa', to: 'o:bbbbbbbb', style: 'weak', label: '' },
        { id: 'o:conn0002', type: 'connector', x: 0, y: 0, rotation: 0, z: 0, deleted: false, from: 'o:aaaaaaaa', to: 'o:gone0000', style: 'strong', label: '' },
        { id: 'o:conn0003', type: 'connector', x: 0, y: 0, rotation: 0, z: 0, deleted: false, from: 'o:aaaaaaaa', to: 'o:nothere0', style: 'strong', label: '' },
      ],
    });
    expect(drawable(b).map((x) => x.id)).toEqual(['o:bbbbbbbb', 'o:aaaaaaaa', 'o:cccccccc', 'o:conn0001']);
    expect(liveCount(b)).toBe(6);
  });
});

describe('bounds', () => {
  it('spans boxes and points (relative to x,y); null for nothing', () => {
    expect(bounds([])).toBeNull();
    const stroke: BoardObject = { id: 'o:stroke01', type: 'stroke', x: 100, y: 100, rotation: 0, z: 0, deleted: false, points: [0, 0, -50, 20, 10, 300], color: 'red', width: 2, tool: 'pen' };
    expect(bounds([o('o:aaaaaaaa', { x: -10, y: 5, w: 20, h: 30 }), stroke])).toEqual({ x: -10, y: 5, w: 120, h: 395 });
  });
});

describe('private boards (R34)', () => {
  const mine = { ...INFO, board_id: 'p:1:ann', kind: 'private' as const, owner_id: 'ann' };
  const put = { put: [o('o:aaaaaaaa')] };

  it('only the owner, only in its step, only before the reveal; others do not know it', () => {
    const b = emptyBoard(mine);
    expect(decideChange(b, { member_id: 'ann', facilitator: false, step_index: 1, revealed_steps: [] }, put).result).toBe('changed');
    expect(decideChange(b, { member_id: 'ann', facilitator: false }, put).result).toBe('changed');
    expect(decideChange(b, { member_id: 'fac', facilitator: true, step_index: 1 }, put)).toMatchObject({ code: 'not_found' });
    expect(decideChange(b, { member_id: 'ann', facilitator: false, step_index: 2 }, put)).toMatchObject({ code: 'wrong_step' });
    expect(decideChange(b, { member_id: 'ann', facilitator: false, step_index: 1, revealed_steps: [1] }, put)).toMatchObject({ code: 'already_revealed' });
    expect(decideChange(b, { member_id: 'ann', facilitator: false, step_index: 1, ended: true }, put)).toMatchObject({ code: 'meeting_ended' });
  });

  it('the owner may clear it before the reveal; nobody locks it', () => {
    const b = applyChanged(emptyBoard(mine), put, 'ann');
    expect(decideClear(b, { member_id: 'ann', facilitator: false, step_index: 1 }).result).toBe('changed');
    expect(decideClear(b, { member_id: 'bob', facilitator: false, step_index: 1 })).toMatchObject({ code: 'not_found' });
    expect(decideLock(b, { member_id: 'fac', facilitator: true }, true)).toMatchObject({ code: 'not_found' });
    expect(decideLock(b, { member_id: 'ann', facilitator: false }, true)).toMatchObject({ code: 'forbidden' });
  });
});

describe('applyChanged', () => {
  it('records authors of new objects, merges sets, marks deletes, leaves the old board alone', () => {
    const b0 = emptyBoard(INFO);
    const b1 = applyChanged(b0, { put: [o('o:aaaaaaaa'), o('o:bbbbbbbb')] }, 'ann');
    expect(b0.objects.size).toBe(0);
    expect(b1.authors.get('o:aaaaaaaa')).toBe('ann');
    const b2 = applyChanged(b1, { set: [{ id: 'o:aaaaaaaa', x: 5, color: 'red' }], delete: ['o:bbbbbbbb'] });
    expect(b2.objects.get('o:aaaaaaaa')).toEqual(o('o:aaaaaaaa', { x: 5, color: 'red' }));
    expect(b2.objects.get('o:bbbbbbbb')!.deleted).toBe(true);
    expect(b1.objects.get('o:aaaaaaaa')!.x).toBe(0);
    // A restore arrives as a full object under put: the author stays.
    const b3 = applyChanged(b2, { put: [o('o:bbbbbbbb', { x: 3 })] }, 'bob');
    expect(b3.objects.get('o:bbbbbbbb')).toEqual(o('o:bbbbbbbb', { x: 3 }));
    expect(b3.authors.get('o:bbbbbbbb')).toBe('ann');
    // The same member's resend of a put is ack (R33).
    expect(decideChange(b3, { member_id: 'ann', facilitator: false }, { put: [o('o:aaaaaaaa')] })).toEqual({ result: 'ack' });
  });

  it('boardFromWire fills defaults of objects and info', () => {
    const b = boardFromWire({ board_id: 'b:abcdefgh', kind: 'shared', objects: [{ id: 'o:cn000001', type: 'connector', from: 'o:a', to: 'o:b', style: 'weak' }] } as never);
    expect(b.info).toEqual({ board_id: 'b:abcdefgh', kind: 'shared', title: null, step_index: null, owner_id: null, template: null, locked: false });
    expect(b.objects.get('o:cn000001')).toMatchObject({ rotation: 0, z: 0, deleted: false, label: '' });
  });
});

describe('ids', () => {
  it('object and board ids have the shapes of R31/R32 and differ', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newObjectId();
      expect(id).toMatch(/^o:[A-Za-z0-9_-]{16}$/);
      ids.add(id);
      expect(newBoardId()).toMatch(/^b:[A-Za-z0-9_-]{16}$/);
    }
    expect(ids.size).toBe(200);
  });
});

describe('hostile property names', () => {
  it('are unknown properties (invalid_field), never Object.prototype members', () => {
    const b = applyChanged(emptyBoard(INFO), { put: [o('o:aaaaaaaa')] }, 'ann');
    const ann = { member_id: 'ann', facilitator: false };
    for (const key of ['hasOwnProperty', 'toString', 'constructor', '__proto__', 'valueOf']) {
      const set = JSON.parse(`{"set":[{"id":"o:aaaaaaaa","${key}":1}]}`);
      expect(decideChange(b, ann, set), key).toMatchObject({ result: 'error', code: 'invalid_field' });
      const put = JSON.parse(`{"put":[{"id":"o:bbbbbbbb","type":"rect","x":0,"y":0,"w":1,"h":1,"color":"red","fill":"none","width":1,"${key}":1}]}`);
      expect(decideChange(b, ann, put), key).toMatchObject({ result: 'error', code: 'invalid_field' });
    }
  });
});
