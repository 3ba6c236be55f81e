// A strict RFC 8259 parser for the validator. JSON.parse is not enough to mirror the server: it
// accepts lone surrogates ("\ud800") and forgets whether a number was written as `3`, `3.0` or
// `3e0` (the protocol's integers are written without fraction or exponent).

/** A number written with a fraction or an exponent: never an integer on the wire. */
export class JsonFloat {
  constructor(readonly value: number) {}
}

export type JsonValue = null | boolean | number | JsonFloat | string | JsonValue[] | { [k: string]: JsonValue };

class SyntaxErr extends Error {}

export function parseStrict(text: string): JsonValue {
  let i = 0;
  const n = text.length;

  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (): never => {
    throw new SyntaxErr();
  };

  function value(): JsonValue {
    ws();
    if (i >= n) fail();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    return fail();
  }

  function object(): JsonValue {
    i++;
    const out: { [k: string]: JsonValue } = Object.create(null);
    ws();
    if (text[i] === '}') return i++, out;
    for (;;) {
      ws();
      if (text[i] !== '"') fail();
      const k = string();
      ws();
      if (text[i] !== ':') fail();
      i++;
      out[k] = value();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return i++, out;
      else fail();
    }
  }

  function array(): JsonValue {
    i++;
    const out: JsonValue[] = [];
    ws();
    if (text[i] === ']') return i++, out;
    for (;;) {
      out.push(value());
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === ']') return i++, out;
      else fail();
    }
  }

  function string(): string {
    i++;
    let out = '';
    for (;;) {
      if (i >= n) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        break;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = text[i + 1];
        i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail();
        }
      } else {
        out += text[i];
        i++;
      }
    }
    if (!isWellFormed(out)) fail();
    return out;
  }

  function number(): number | JsonFloat {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail();
    i += m[0].length;
    const v = Number(m[0]);
    return m[2] || m[3] ? new JsonFloat(v) : v;
  }

  try {
    const v = value();
    ws();
    if (i !== n) fail();
    return v;
  } catch (e) {
    if (e instanceof SyntaxErr) throw new SyntaxError('invalid JSON');
    throw e;
  }
}

/** True when every surrogate is part of a pair (String.prototype.isWellFormed is too new for some phones). */
export function isWellFormed(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(k + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      k++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
