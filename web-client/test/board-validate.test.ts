// The board commands in the client's validator (R31–R37), and the board events the connection
// hands to BoardSync. The protocol's own examples (protocol/examples/board_*.json) are run too:
// every command example passes, the invalid command examples that break a decoding rule fail.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBoardEventData, isWireBoard, validateCommand } from '../src/protocol/validate';

const examples = (name: string): unknown[] =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../protocol/examples/${name}`, import.meta.url)), 'utf8')) as unknown[];
const one = (name: string): unknown => examples(`invalid/${name}`);

const cmd = (type: string, data: Record<string, unknown>) => validateCommand(JSON.stringify({ type, ref: 1, data: { meeting_id: 'mtg_1', ...data } }));
const sticky = (extra: Record<string, unknown> = {}) => ({ id: 'o:sticky0001', type: 'sticky', x: 1, y: 2, w: 160, h: 160, text: 'Moeder', color: 'yellow', ...extra });

describe('board commands', () => {
  it('accepts every command example of the protocol', () => {
    for (const name of ['board_change.json', 'board_add.json', 'board_lock.json', 'board_clear.json', 'board_view.json', 'board_live.json']) {
      const cmds = examples(name).filter((e) => (e as { data: Record<string, unknown> }).data.meeting_id !== undefined);
      expect(cmds.length, name).toBeGreaterThan(0);
      for (const e of cmds) expect(validateCommand(JSON.stringify(e)), JSON.stringify(e).slice(0, 200)).toEqual({ type: (e as { type: string }).type });
    }
  });

  it('refuses the invalid command examples (each breaks one decoding rule)', () => {
    const names = [
      'board_add.step_board_id.json',
      'board_add.template_unknown.json',
      'board_add.title_empty.json',
      'board_change.201_deletes.json',
      'board_change.board_id_bad.json',
      'board_change.deleted_true_in_put.json',
      'board_change.deleted_true_in_set.json',
      'board_change.empty_lists.json',
      'board_change.image_id_bad.json',
      'board_change.line_six_points.json',
      'board_change.missing_color.json',
      'board_change.no_entries.json',
      'board_change.object_id_too_short.json',
      'board_change.property_of_another_type.json',
      'board_change.set_without_properties.json',
      'board_change.sticky_in_ink_black.json',
      'board_change.stroke_2002_points.json',
      'board_change.text_1001.json',
      'board_change.type_in_set.json',
      'board_change.unknown_property.json',
      'board_change.unknown_type.json',
      'board_change.width_65.json',
      'board_change.x_out_of_range.json',
      'board_live.nothing.json',
      'board_live.points_401.json',
      'board_live.stroke_one_number.json',
      'board_lock.locked_missing.json',
      'board_view.zoom_too_large.json',
      'board_view.zoom_zero.json',
    ];
    for (const n of names) expect(validateCommand(JSON.stringify(one(n))), n).toEqual({ error: 'invalid_field' });
  });

  it('board_change: fractions are numbers, floats written as 5.0 too', () => {
    expect(validateCommand('{"type":"board_change","ref":1,"data":{"meeting_id":"m","board_id":"s:1","set":[{"id":"o:sticky0001","x":5.0,"y":-1.5e2}]}}')).toEqual({
      type: 'board_change',
    });
    expect(cmd('board_change', { board_id: 's:1', put: [sticky()] })).toEqual({ type: 'board_change' });
    expect(cmd('board_change', { board_id: 's:1', put: [sticky({ x: 50001 })] })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_change', { board_id: 's:1', delete: ['o:sticky0001', 'o:sticky0001'] })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_change', { board_id: 's:1' })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_change', { put: [sticky()] })).toEqual({ error: 'invalid_field' });
  });

  it('board_change: a set with a colour is checked against the type only on the board', () => {
    // The decoder cannot know the object's type: any known colour passes here.
    expect(cmd('board_change', { board_id: 's:1', set: [{ id: 'o:sticky0001', color: 'black' }] })).toEqual({ type: 'board_change' });
  });

  it('board_view, board_live, board_add, board_lock, board_clear', () => {
    expect(cmd('board_view', { board_id: 's:1', x: 0.5, y: -3, zoom: 0.05 })).toEqual({ type: 'board_view' });
    expect(cmd('board_view', { board_id: 's:1', x: 0, y: 0, zoom: 20.5 })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_live', { board_id: 's:1', cursor: null })).toEqual({ type: 'board_live' });
    expect(cmd('board_live', { board_id: 's:1', laser: 'yes' })).toEqual({ error: 'invalid_field' });
    const stroke = { id: 'o:stroke0001', color: 'red', width: 4, tool: 'pen', points: [1, 2] };
    expect(cmd('board_live', { board_id: 's:1', stroke })).toEqual({ type: 'board_live' });
    expect(cmd('board_live', { board_id: 's:1', stroke: { ...stroke, points: [1, 2, 3] } })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_live', { board_id: 's:1', stroke: { ...stroke, color: 'yellow' } })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_add', { board_id: 'b:abcdefgh', title: 'Relaties', template: 'relations' })).toEqual({ type: 'board_add' });
    expect(cmd('board_add', { board_id: 'b:abcdefg', title: 'Kort id' })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_add', { board_id: 'b:abcdefgh', title: '  ' })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_lock', { board_id: 's:1', locked: true })).toEqual({ type: 'board_lock' });
    expect(cmd('board_lock', { board_id: 's:1', locked: 1 })).toEqual({ error: 'invalid_field' });
    expect(cmd('board_clear', { board_id: 'p:3:mem_a' })).toEqual({ type: 'board_clear' });
    expect(cmd('board_clear', { board_id: 'bad id' })).toEqual({ error: 'invalid_field' });
  });
});

describe('board events for BoardSync', () => {
  const board = { board_id: 's:1', kind: 'shared', title: null, step_index: 1, owner_id: null, template: null, locked: false, objects: [] };

  it('accepts the protocol event examples', () => {
    for (const name of ['board_changed.json', 'board_added.json', 'board_locked.json', 'board_cleared.json']) {
      for (const e of examples(name) as Array<{ type: string; data: unknown }>) expect(isBoardEventData(e.type, e.data), name).toBe(true);
    }
    for (const e of examples('board_live.json') as Array<{ type: string; data: Record<string, unknown> }>) {
      if (e.data.member_id) expect(isBoardEventData('board_live', e.data)).toBe(true);
    }
    for (const e of examples('board_view.json') as Array<{ type: string; data: Record<string, unknown> }>) {
      if (e.data.member_id) expect(isBoardEventData('board_view', e.data)).toBe(true);
    }
  });

  it('drops malformed ones', () => {
    expect(isWireBoard(board)).toBe(true);
    expect(isWireBoard({ ...board, objects: undefined })).toBe(false);
    expect(isWireBoard({ ...board, kind: 'secret' })).toBe(false);
    expect(isBoardEventData('board_changed', { seq: 3, board_id: 's:1', put: [{ id: 'o:x' }] })).toBe(false);
    expect(isBoardEventData('board_changed', { seq: 3, board_id: 's:1', put: [], set: [{ id: 'o:sticky0001', x: 1 }], delete: [] })).toBe(true);
    expect(isBoardEventData('board_live', { member_id: 'm', board_id: 's:1', cursor: { x: 'a', y: 1 } })).toBe(false);
    expect(isBoardEventData('board_view', { member_id: 'm', board_id: 's:1', x: 0, y: 0, zoom: 0 })).toBe(false);
    expect(isBoardEventData('revealed', { seq: 4, step_index: 1, to: 'everyone', notes: [], boards: [board] })).toBe(true);
    expect(isBoardEventData('revealed', { seq: 4, step_index: 1, to: 'everyone', notes: [] })).toBe(false);
    expect(isBoardEventData('board_locked', null)).toBe(false);
  });
});

describe('hostile property names in board_change', () => {
  it('"__proto__" and Object.prototype names are unknown properties', () => {
    for (const key of ['__proto__', 'hasOwnProperty', 'toString']) {
      const text = `{"type":"board_change","ref":1,"data":{"meeting_id":"m","board_id":"s:1","put":[{"id":"o:sticky0001","type":"sticky","x":0,"y":0,"w":1,"h":1,"text":"","color":"pink","${key}":{}}]}}`;
      expect(validateCommand(text), key).toEqual({ error: 'invalid_field' });
    }
  });
});
