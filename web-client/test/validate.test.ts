// The shared decode vectors (protocol/vectors/decode.json) run against the client's validator, so
// the client refuses exactly what the server would refuse.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonDepth, utf8Length, validateCommand } from '../src/protocol/validate';
import { parseStrict, JsonFloat } from '../src/protocol/strict-json';

interface Vector {
  name: string;
  input: string;
  input_repeat?: { placeholder: string; char: string; count: number };
  expect: { type: string } | { error: string };
}

const vectorsPath = fileURLToPath(new URL('../../protocol/vectors/decode.json', import.meta.url));
const vectors = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vector[];

function inputOf(v: Vector): string {
  if (!v.input_repeat) return v.input;
  const { placeholder, char, count } = v.input_repeat;
  return v.input.split(placeholder).join(char.repeat(count));
}

describe('protocol/vectors/decode.json', () => {
  it('has vectors', () => {
    expect(vectors.length).toBeGreaterThan(50);
  });
  for (const v of vectors) {
    it(v.name, () => {
      expect(validateCommand(inputOf(v))).toEqual(v.expect);
    });
  }
});

describe('client-only checks', () => {
  const note = (text: string) =>
    JSON.stringify({ type: 'note_save', ref: 1, data: { meeting_id: 'mtg_1', note_id: 'note:abcdefghijklmnopqrstuv', text } });

  it('message over 64 KiB is message_too_large (counted in UTF-8 bytes)', () => {
    const big = JSON.stringify({ type: 'ping', data: { pad: 'x'.repeat(64 * 1024) } });
    expect(validateCommand(big)).toEqual({ error: 'message_too_large' });
    // 22,000 three-byte characters are 66,000 bytes but only 22,000 UTF-16 units.
    const wide = JSON.stringify({ type: 'ping', data: { pad: '€'.repeat(22000) } });
    expect(wide.length).toBeLessThan(64 * 1024);
    expect(validateCommand(wide)).toEqual({ error: 'message_too_large' });
  });

  it('what the client itself sends is valid', () => {
    expect(validateCommand(note('Wat wil je bereiken?'))).toEqual({ type: 'note_save' });
    expect(validateCommand(JSON.stringify({ type: 'hello', data: { protocol: 1, member_token: 'x'.repeat(43), last_seq: 12 } }))).toEqual({ type: 'hello' });
    expect(validateCommand(JSON.stringify({ type: 'appoint_presenter', ref: 3, data: { meeting_id: 'm', member_id: null } }))).toEqual({ type: 'appoint_presenter' });
  });

  it('a note of only whitespace is refused, a note with one letter is fine', () => {
    expect(validateCommand(note(' \n\t\u00a0'))).toEqual({ error: 'invalid_field' });
    expect(validateCommand(note(' a '))).toEqual({ type: 'note_save' });
  });

  it('checks ref before type, as the server does (§6 order)', () => {
    expect(validateCommand('{"type":"dance","ref":-1}')).toEqual({ error: 'invalid_field' });
    expect(validateCommand('{"ref":1}')).toEqual({ error: 'invalid_field' });
  });

  it('member_token must be 1-128 characters', () => {
    const hello = (tok: string) => JSON.stringify({ type: 'hello', data: { protocol: 1, member_token: tok } });
    expect(validateCommand(hello(''))).toEqual({ error: 'invalid_field' });
    expect(validateCommand(hello('x'.repeat(128)))).toEqual({ type: 'hello' });
    expect(validateCommand(hello('x'.repeat(129)))).toEqual({ error: 'invalid_field' });
  });

  it('utf8Length and jsonDepth', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(jsonDepth('{"a":"[[[[","b":[{}]}')).toBe(3);
    expect(jsonDepth('"\\"{"')).toBe(0);
  });

  it('strict parser keeps integers apart from floats and rejects lone surrogates', () => {
    expect(parseStrict('{"a":3}')).toEqual({ a: 3 });
    expect((parseStrict('{"a":3.0}') as Record<string, unknown>).a).toBeInstanceOf(JsonFloat);
    expect(() => parseStrict('"\\ud800"')).toThrow();
    expect(parseStrict('"\\ud83d\\ude00"')).toBe('😀');
    expect(() => parseStrict('01')).toThrow();
  });
});

describe('commands of R23–R30', () => {
  const cmd = (type: string, data: Record<string, unknown>) => validateCommand(JSON.stringify({ type, ref: 1, data: { meeting_id: 'mtg_1', ...data } }));
  const nid = 'note:abcdefghijklmnopqrstuv';

  it('accepts what the client sends', () => {
    expect(cmd('vote', { note_id: nid, votes: 3 })).toEqual({ type: 'vote' });
    expect(cmd('consent', { accept: false })).toEqual({ type: 'consent' });
    expect(cmd('ask', { note_id: nid, text: 'Wat wil je?' })).toEqual({ type: 'ask' });
    expect(cmd('pass', {})).toEqual({ type: 'pass' });
    expect(cmd('turn_skip', {})).toEqual({ type: 'turn_skip' });
    expect(cmd('turn_order', { member_ids: ['a', 'b'] })).toEqual({ type: 'turn_order' });
    expect(cmd('note_mark', { note_id: nid, picked: true, rating: 'lukewarm' })).toEqual({ type: 'note_mark' });
    expect(cmd('note_mark', { note_id: nid, rating: null, touches: false })).toEqual({ type: 'note_mark' });
    expect(cmd('rate', { score: 5 })).toEqual({ type: 'rate' });
    expect(cmd('set_auto_reveal', { on: true })).toEqual({ type: 'set_auto_reveal' });
    expect(cmd('hand_facilitation', { member_id: 'mem_b' })).toEqual({ type: 'hand_facilitation' });
    expect(cmd('remove_member', { member_id: 'mem_b' })).toEqual({ type: 'remove_member' });
    expect(cmd('end_meeting', {})).toEqual({ type: 'end_meeting' });
    expect(cmd('appoint_presenter', { member_id: 'mem_b', case_note_id: nid })).toEqual({ type: 'appoint_presenter' });
    expect(cmd('note_save', { note_id: nid, text: 'Vraag', title: 'School' })).toEqual({ type: 'note_save' });
    expect(cmd('note_save', { note_id: nid, text: 'Fijn', label: 'top' })).toEqual({ type: 'note_save' });
  });

  it('refuses out-of-range fields', () => {
    expect(cmd('vote', { note_id: nid, votes: 4 })).toEqual({ error: 'invalid_field' });
    expect(cmd('rate', { score: 0 })).toEqual({ error: 'invalid_field' });
    expect(cmd('rate', { score: 6 })).toEqual({ error: 'invalid_field' });
    expect(cmd('turn_order', { member_ids: [] })).toEqual({ error: 'invalid_field' });
    expect(cmd('turn_order', { member_ids: ['a', 'a'] })).toEqual({ error: 'invalid_field' });
    expect(cmd('note_mark', { note_id: nid, rating: 'hot' })).toEqual({ error: 'invalid_field' });
    expect(cmd('note_save', { note_id: nid, text: 'x', label: 'meh' })).toEqual({ error: 'invalid_field' });
    expect(cmd('note_save', { note_id: nid, text: 'x', title: '   ' })).toEqual({ error: 'invalid_field' });
    expect(cmd('note_save', { note_id: nid, text: 'x', title: 't'.repeat(121) })).toEqual({ error: 'invalid_field' });
    expect(cmd('consent', {})).toEqual({ error: 'invalid_field' });
    expect(cmd('ask', { note_id: nid, text: ' ' })).toEqual({ error: 'invalid_field' });
  });
});
