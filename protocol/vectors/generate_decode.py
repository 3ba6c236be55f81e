#!/usr/bin/env python3
"""Writes decode.json next to this file. decode.json is the artefact the tests read; edit this
script and run it again (python3 generate_decode.py) rather than editing decode.json by hand.
The format is described in README.md."""
import json, os

MEET = "mtg_7Qk2vX9pLm"
NOTE = "note:Kp3xV9qLw2mZr8sT"
TOKEN = "q3Vb8Yx0Zk1mN2pR4sT6uW8yA0cE2gI4kM6oQ8sU9wA"  # 43 characters of base64url
assert len(TOKEN) == 43
V = []

def ok(name, text, type_, **extra):
    V.append(dict(name=name, input=text, expect={"type": type_}, **extra))

def err(name, text, code, **extra):
    V.append(dict(name=name, input=text, expect={"error": code}, **extra))

def msg(type_, data=None, ref=None, raw_data=None):
    """Builds a message text. raw_data is spliced in verbatim (for things json.dumps cannot write)."""
    parts = ['"type":' + json.dumps(type_)]
    if ref is not None:
        parts.append('"ref":' + (ref if isinstance(ref, str) else json.dumps(ref)))
    if raw_data is not None:
        parts.append('"data":' + raw_data)
    elif data is not None:
        parts.append('"data":' + json.dumps(data, ensure_ascii=False))
    return "{" + ",".join(parts) + "}"

valid = {
    "hello": {"protocol": 1, "member_token": TOKEN},
    "ping": {},
    "set_step": {"meeting_id": MEET, "step_index": 3},
    "appoint_presenter": {"meeting_id": MEET, "member_id": "mem_a8N3"},
    "note_save": {"meeting_id": MEET, "note_id": NOTE, "text": "Wie heeft de regie over het plan?"},
    "note_delete": {"meeting_id": MEET, "note_id": NOTE},
    "set_done": {"meeting_id": MEET, "done": True},
    "reveal": {"meeting_id": MEET},
    "timer_start": {"meeting_id": MEET},
    "timer_pause": {"meeting_id": MEET},
    "timer_add": {"meeting_id": MEET, "seconds": 60},
}

# --- every command, with and without ref -------------------------------------------------------
for t, d in valid.items():
    ok(f"{t}: valid, without ref", msg(t, d), t)
    ok(f"{t}: valid, with ref", msg(t, d, ref=7), t)
ok("hello: with last_seq", msg("hello", dict(valid["hello"], last_seq=42)), "hello")
ok("hello: last_seq 0", msg("hello", dict(valid["hello"], last_seq=0)), "hello")
ok("hello: data first, then type, whitespace around", ' { "data" : {"protocol":1,"member_token":"%s"} ,\n\t"type" : "hello" } ' % TOKEN, "hello")
ok("hello: a short member_token that is not a real token still decodes (the server answers invalid_token)",
   msg("hello", {"protocol": 1, "member_token": "abc"}), "hello")
err("hello: empty member_token", msg("hello", {"protocol": 1, "member_token": ""}), "invalid_field")
err("hello: member_token over 128 characters", msg("hello", {"protocol": 1, "member_token": "a" * 129}), "invalid_field")
ok("hello: member_token of exactly 128 characters", msg("hello", {"protocol": 1, "member_token": "a" * 128}), "hello")
ok("ping: data absent", '{"type":"ping"}', "ping")
ok("ping: data absent, with ref", '{"type":"ping","ref":1}', "ping")
ok("ref: 0", msg("ping", {}, ref=0), "ping")
ok("ref: 2^53-1", msg("ping", {}, ref=9007199254740991), "ping")
ok("set_step: step_index 0", msg("set_step", {"meeting_id": MEET, "step_index": 0}), "set_step")
ok("set_step: step_index 999", msg("set_step", {"meeting_id": MEET, "step_index": 999}), "set_step")
ok("appoint_presenter: member_id null clears the presenter", msg("appoint_presenter", {"meeting_id": MEET, "member_id": None}), "appoint_presenter")
ok("set_done: done false", msg("set_done", {"meeting_id": MEET, "done": False}), "set_done")
ok("meeting_id: 64 characters", msg("reveal", {"meeting_id": "m" * 64}), "reveal")
ok("meeting_id: every allowed character", msg("reveal", {"meeting_id": "azAZ09:_-"}), "reveal")
ok("note_id: 16 characters after the prefix", msg("note_delete", {"meeting_id": MEET, "note_id": "note:" + "a" * 16}), "note_delete")
ok("note_id: 59 characters after the prefix (64 in all)", msg("note_delete", {"meeting_id": MEET, "note_id": "note:" + "Z" * 59}), "note_delete")
ok("note_id: _ and - allowed", msg("note_delete", {"meeting_id": MEET, "note_id": "note:abc_DEF-123_xyz-"}), "note_delete")

# --- unknown fields are ignored (forward compatibility) -----------------------------------------
ok("unknown field in data is ignored", msg("note_save", dict(valid["note_save"], colour="geel")), "note_save")
ok("unknown field in data may be any JSON", msg("set_done", dict(valid["set_done"], extra={"a": [1, None, "x"]})), "set_done")
ok("unknown field in ping data is ignored", msg("ping", {"x": 1}), "ping")
ok("unknown top-level field is ignored", '{"type":"ping","data":{},"trace":"abc"}', "ping")
ok("hello: unknown field is ignored", msg("hello", dict(valid["hello"], client="web/1.0")), "hello")

# --- text: unicode and length in code points ----------------------------------------------------
def save_text(text_json):
    return '{"type":"note_save","data":{"meeting_id":"%s","note_id":"%s","text":%s}}' % (MEET, NOTE, text_json)
ok("text: Dutch accents", save_text(json.dumps("Waarom koos je voor één gesprek met de ouders, zonder de coördinator? Dat vind ik knap gedaan — écht!", ensure_ascii=False)), "note_save")
ok("text: emoji", save_text(json.dumps("Goed gedaan 👍🏽 en bedankt 🙏", ensure_ascii=False)), "note_save")
ok("text: JSON escapes (\\n, \\u00e9, surrogate pair)", save_text('"Regel 1\\nRegel 2: caf\\u00e9 \\ud83d\\ude00"'), "note_save")
ok("text: one character", save_text('"?"'), "note_save")
ok("text: leading and trailing whitespace is kept and allowed", save_text('"  vraag  "'), "note_save")
ok("text: 2000 ASCII characters", save_text('"@@"'), "note_save",
   input_repeat={"placeholder": "@@", "char": "x", "count": 2000})
err("text: 2001 ASCII characters", save_text('"@@"'), "invalid_field",
    input_repeat={"placeholder": "@@", "char": "x", "count": 2001})
ok("text: 2000 emoji (8000 bytes of UTF-8, 4000 UTF-16 units) is 2000 code points", save_text('"@@"'), "note_save",
   input_repeat={"placeholder": "@@", "char": "😀", "count": 2000})
err("text: 2001 emoji", save_text('"@@"'), "invalid_field",
    input_repeat={"placeholder": "@@", "char": "😀", "count": 2001})
ok("text: 2000 'é' (2 bytes each)", save_text('"@@"'), "note_save",
   input_repeat={"placeholder": "@@", "char": "é", "count": 2000})
ok("text: 1000 x 'e' + combining acute accent is 2000 code points", save_text('"@@"'), "note_save",
   input_repeat={"placeholder": "@@", "char": "e\u0301", "count": 1000})
err("text: 1001 x 'e' + combining acute accent is 2002 code points", save_text('"@@"'), "invalid_field",
    input_repeat={"placeholder": "@@", "char": "e\u0301", "count": 1001})
err("text: 2001 code points written as \\u escapes", save_text('"@@"'), "invalid_field",
    input_repeat={"placeholder": "@@", "char": "\\u00e9", "count": 2001})
err("text: empty", save_text('""'), "invalid_field")
err("text: only spaces", save_text('"   "'), "invalid_field")
err("text: only tabs and newlines", save_text('"\\t\\n\\r\\n "'), "invalid_field")
err("text: only no-break and ideographic spaces (Unicode White_Space)", save_text('"\\u00a0\\u3000\\u2003"'), "invalid_field")
err("text: lone surrogate escape is not valid UTF-16/UTF-8 text", save_text('"abc \\ud800 def"'), "invalid_json")

# --- invalid JSON --------------------------------------------------------------------------------
err("invalid JSON: empty string", "", "invalid_json")
err("invalid JSON: only whitespace", "  \n ", "invalid_json")
err("invalid JSON: truncated", '{"type":"ping","data":{', "invalid_json")
err("invalid JSON: truncated string", '{"type":"pi', "invalid_json")
err("invalid JSON: trailing comma", '{"type":"ping","data":{},}', "invalid_json")
err("invalid JSON: single quotes", "{'type':'ping'}", "invalid_json")
err("invalid JSON: unquoted key", '{type:"ping"}', "invalid_json")
err("invalid JSON: two objects", '{"type":"ping"}{"type":"ping"}', "invalid_json")
err("invalid JSON: trailing garbage", '{"type":"ping"} x', "invalid_json")
err("invalid JSON: comment", '{"type":"ping" /* hi */}', "invalid_json")
err("invalid JSON: NaN", msg("set_step", raw_data='{"meeting_id":"%s","step_index":NaN}' % MEET), "invalid_json")
err("not an object: array", '[{"type":"ping"}]', "invalid_json")
err("not an object: empty array", "[]", "invalid_json")
err("not an object: bare number", "42", "invalid_json")
err("not an object: string", '"ping"', "invalid_json")
err("not an object: null", "null", "invalid_json")
err("not an object: true", "true", "invalid_json")

# --- type ----------------------------------------------------------------------------------------
err("type: missing", '{"data":{}}', "invalid_field")
err("type: missing, empty object", "{}", "invalid_field")
err("type: number", '{"type":1,"data":{}}', "invalid_field")
err("type: null", '{"type":null,"data":{}}', "invalid_field")
err("type: array", '{"type":["ping"],"data":{}}', "invalid_field")
err("type: unknown", msg("dance", {}), "unknown_type")
err("type: empty string", msg("", {}), "unknown_type")
err("type: wrong case", msg("PING", {}), "unknown_type")
err("type: surrounding space", msg(" ping", {}), "unknown_type")
err("type: a server message is not a command", msg("welcome", {}), "unknown_type")
err("type: note_progress is not a command", msg("note_progress", {}), "unknown_type")
err("type: unknown, even with bad data", '{"type":"dance","data":7}', "unknown_type")

# --- ref -----------------------------------------------------------------------------------------
for name, r in [("string", '"1"'), ("negative", "-1"), ("fraction", "1.5"), ("null", "null"), ("bool", "true"),
                ("2^53", "9007199254740992"), ("2^64", "18446744073709551616"), ("1e30", "1e30"), ("object", "{}")]:
    err(f"ref: {name}", msg("ping", {}, ref=r), "invalid_field")

# --- data ----------------------------------------------------------------------------------------
for name, d in [("null", "null"), ("array", "[]"), ("string", '"x"'), ("number", "1"), ("bool", "false")]:
    err(f"data: {name} (ping)", msg("ping", raw_data=d), "invalid_field")
    err(f"data: {name} (note_save)", msg("note_save", raw_data=d), "invalid_field")
for t in valid:
    if t != "ping":
        err(f"{t}: data missing", '{"type":"%s"}' % t, "invalid_field")
        err(f"{t}: data empty", msg(t, {}), "invalid_field")

# --- each required field missing -----------------------------------------------------------------
for t, d in valid.items():
    for k in d:
        if t == "hello" and k == "protocol":
            continue  # below
        dd = {kk: vv for kk, vv in d.items() if kk != k}
        err(f"{t}: {k} missing", msg(t, dd), "invalid_field")
err("hello: protocol missing", msg("hello", {"member_token": TOKEN}), "invalid_field")

# --- wrong types ---------------------------------------------------------------------------------
WRONG = {"string": '"3"', "fraction": "3.5", "bool": "true", "null": "null", "array": "[3]", "object": '{"v":3}'}
def with_field(t, k, raw):
    d = dict(valid[t]); d[k] = "@@RAW@@"
    return msg(t, d).replace('"@@RAW@@"', raw)
for name, raw in WRONG.items():
    err(f"set_step: step_index {name}", with_field("set_step", "step_index", raw), "invalid_field")
for k in ["meeting_id"]:
    for name, raw in [("number", "12"), ("bool", "true"), ("null", "null"), ("array", '["x"]')]:
        for t in ["set_step", "note_save", "reveal"]:
            err(f"{t}: {k} {name}", with_field(t, k, raw), "invalid_field")
for name, raw in [("number", "12"), ("bool", "false"), ("null", "null"), ("object", "{}")]:
    err(f"note_save: note_id {name}", with_field("note_save", "note_id", raw), "invalid_field")
    err(f"note_save: text {name}", with_field("note_save", "text", raw), "invalid_field")
    err(f"note_delete: note_id {name}", with_field("note_delete", "note_id", raw), "invalid_field")
for name, raw in [("string", '"true"'), ("number 1", "1"), ("number 0", "0"), ("null", "null")]:
    err(f"set_done: done {name}", with_field("set_done", "done", raw), "invalid_field")
for name, raw in [("number", "5"), ("bool", "true"), ("empty string", '""'), ("bad characters", '"mem a/8"'),
                  ("65 characters", json.dumps("m" * 65)), ("object", "{}")]:
    err(f"appoint_presenter: member_id {name}", with_field("appoint_presenter", "member_id", raw), "invalid_field")
for name, raw in [("number", "5"), ("bool", "true"), ("null", "null"), ("object", "{}")]:
    err(f"hello: member_token {name}", with_field("hello", "member_token", raw), "invalid_field")
for name, raw in [("string", '"4"'), ("negative", "-1"), ("fraction", "4.5"), ("null", "null"), ("2^53", "9007199254740992")]:
    err(f"hello: last_seq {name}", with_field("hello", "last_seq", raw), "invalid_field")

# --- timer (R22) ---------------------------------------------------------------------------------
ok("timer_start: with duration_seconds", msg("timer_start", {"meeting_id": MEET, "duration_seconds": 300}, ref=7), "timer_start")
ok("timer_start: duration_seconds 1", msg("timer_start", {"meeting_id": MEET, "duration_seconds": 1}), "timer_start")
ok("timer_start: duration_seconds 86400", msg("timer_start", {"meeting_id": MEET, "duration_seconds": 86400}), "timer_start")
for name, raw in [("0", "0"), ("86401", "86401"), ("1.5", "1.5"), ("string", '"60"'), ("negative", "-60"),
                  ("null", "null"), ("bool", "true"), ("1e2 (exponent)", "1e2")]:
    err(f"timer_start: duration_seconds {name}", msg("timer_start", raw_data='{"meeting_id":"%s","duration_seconds":%s}' % (MEET, raw)), "invalid_field")
ok("timer_add: seconds 1", msg("timer_add", {"meeting_id": MEET, "seconds": 1}), "timer_add")
ok("timer_add: seconds 3600", msg("timer_add", {"meeting_id": MEET, "seconds": 3600}), "timer_add")
for name, raw in [("0", "0"), ("3601", "3601"), ("negative", "-60"), ("1.5", "1.5"), ("string", '"60"'), ("null", "null")]:
    err(f"timer_add: seconds {name}", with_field("timer_add", "seconds", raw), "invalid_field")
for t in ["timer_start", "timer_pause", "timer_add"]:
    err(f"{t}: meeting_id bad characters", with_field(t, "meeting_id", json.dumps("mtg 1")), "invalid_field")
    err(f"{t}: meeting_id null", with_field(t, "meeting_id", "null"), "invalid_field")
ok("timer_pause: unknown field is ignored", msg("timer_pause", {"meeting_id": MEET, "duration_seconds": 0}), "timer_pause")
err("type: timer_changed is not a command", msg("timer_changed", {}), "unknown_type")

# --- step kinds and facilitator tools (R23-R30) -------------------------------------------------
KINDS = {
    "vote": {"meeting_id": MEET, "note_id": NOTE, "votes": 2},
    "consent": {"meeting_id": MEET, "accept": True},
    "ask": {"meeting_id": MEET, "note_id": NOTE, "text": "Wat wil je zelf bereiken?"},
    "pass": {"meeting_id": MEET},
    "turn_skip": {"meeting_id": MEET},
    "turn_order": {"meeting_id": MEET, "member_ids": ["mem_a8N3", "mem_s2E7"]},
    "note_mark": {"meeting_id": MEET, "note_id": NOTE},
    "rate": {"meeting_id": MEET, "score": 4},
    "set_auto_reveal": {"meeting_id": MEET, "on": True},
    "hand_facilitation": {"meeting_id": MEET, "member_id": "mem_f9T5"},
    "remove_member": {"meeting_id": MEET, "member_id": "mem_j6O2"},
    "end_meeting": {"meeting_id": MEET},
}
valid.update(KINDS)
for t, d in KINDS.items():
    ok(f"{t}: valid, without ref", msg(t, d), t)
    ok(f"{t}: valid, with ref", msg(t, d, ref=7), t)
    err(f"{t}: data missing", '{"type":"%s"}' % t, "invalid_field")
    err(f"{t}: data empty", msg(t, {}), "invalid_field")
    for k in d:
        dd = {kk: vv for kk, vv in d.items() if kk != k}
        if dd:  # else the same as data empty
            err(f"{t}: {k} missing", msg(t, dd), "invalid_field")
    for name, raw in [("number", "12"), ("null", "null"), ("bad characters", json.dumps("mtg 1")),
                      ("65 characters", json.dumps("m" * 65))]:
        err(f"{t}: meeting_id {name}", with_field(t, "meeting_id", raw), "invalid_field")
    ok(f"{t}: unknown field is ignored", msg(t, dict(d, colour="geel")), t)
err("type: vote_cast is not a command", msg("vote_cast", {}), "unknown_type")
err("type: meeting_ended is not a command", msg("meeting_ended", {"meeting_id": MEET}), "unknown_type")
err("type: votes (plural) is not a command", msg("votes", KINDS["vote"]), "unknown_type")

# vote: votes 0..3 (R26)
for n in (0, 1, 3):
    ok(f"vote: votes {n}", with_field("vote", "votes", str(n)), "vote")
for name, raw in [("4", "4"), ("-1", "-1"), ("1.5", "1.5"), ("string", '"2"'), ("null", "null"), ("bool", "true"),
                  ("2^64", "18446744073709551616"), ("1e0 (exponent)", "1e0")]:
    err(f"vote: votes {name}", with_field("vote", "votes", raw), "invalid_field")
# note ids, for every command that takes one
NOTE_IDS_BAD = [("no prefix", "Kp3xV9qLw2mZr8sT"), ("15 characters after the prefix", "note:" + "a" * 15),
                ("60 characters after the prefix", "note:" + "a" * 60), ("a member id", "mem_a8N3"),
                ("number", None), ("null", None)]
for t in ("vote", "ask", "note_mark"):
    ok(f"{t}: note_id of 59 characters after the prefix", with_field(t, "note_id", json.dumps("note:" + "Z" * 59)), t)
    for name, v in NOTE_IDS_BAD:
        raw = {"number": "12", "null": "null"}.get(name) if v is None else json.dumps(v)
        err(f"{t}: note_id {name}", with_field(t, "note_id", raw), "invalid_field")

# consent, set_auto_reveal: booleans
for t, k in (("consent", "accept"), ("set_auto_reveal", "on")):
    ok(f"{t}: {k} false", with_field(t, k, "false"), t)
    for name, raw in [("string", '"true"'), ("number 1", "1"), ("number 0", "0"), ("null", "null")]:
        err(f"{t}: {k} {name}", with_field(t, k, raw), "invalid_field")

# ask: text is note text
def ask_text(text_json):
    return '{"type":"ask","data":{"meeting_id":"%s","note_id":"%s","text":%s}}' % (MEET, NOTE, text_json)
ok("ask: text 2000 code points (emoji)", ask_text('"@@"'), "ask", input_repeat={"placeholder": "@@", "char": "😀", "count": 2000})
err("ask: text 2001 characters", ask_text('"@@"'), "invalid_field", input_repeat={"placeholder": "@@", "char": "x", "count": 2001})
err("ask: text empty", ask_text('""'), "invalid_field")
err("ask: text only whitespace", ask_text('"\\u00a0 \\n"'), "invalid_field")
err("ask: text number", ask_text("42"), "invalid_field")
err("ask: text null", ask_text("null"), "invalid_field")

# turn_order: 1..40 member ids. Distinct members, not the presenter, not removed, are checked by
# the server after decoding (invalid_field / not_found from the meeting), so no vector here lists
# one twice: a client may refuse that before sending, with the same code.
def turn_order(ids_json):
    return '{"type":"turn_order","data":{"meeting_id":"%s","member_ids":%s}}' % (MEET, ids_json)
ok("turn_order: one member", turn_order('["mem_a8N3"]'), "turn_order")
ok("turn_order: 40 members", turn_order(json.dumps([f"mem_{i:02d}" for i in range(40)])), "turn_order")
ok("turn_order: member id of 64 characters", turn_order(json.dumps(["m" * 64])), "turn_order")
err("turn_order: empty list", turn_order("[]"), "invalid_field")
err("turn_order: 41 members", turn_order(json.dumps([f"mem_{i:02d}" for i in range(41)])), "invalid_field")
for name, raw in [("a string, not a list", '"mem_a8N3"'), ("null", "null"), ("an object", '{"0":"mem_a8N3"}'),
                  ("holds a number", '["mem_a8N3",7]'), ("holds null", '[null]'), ("holds an empty id", '[""]'),
                  ("holds an id of 65 characters", json.dumps(["m" * 65])), ("holds an id with a space", '["mem a"]'),
                  ("holds a list", '[["mem_a8N3"]]')]:
    err(f"turn_order: member_ids {name}", turn_order(raw), "invalid_field")

# note_mark: every field optional but note_id; rating one of three or null
def mark(**fields):
    return msg("note_mark", dict({"meeting_id": MEET, "note_id": NOTE}, **fields))
ok("note_mark: only note_id (changes nothing, but decodes)", mark(), "note_mark")
ok("note_mark: every field", mark(picked=True, rating="warm", answered=False, touches=True), "note_mark")
for r in ("cold", "lukewarm", "warm"):
    ok(f"note_mark: rating {r}", mark(rating=r), "note_mark")
ok("note_mark: rating null clears it", mark(rating=None), "note_mark")
for name, v in [("hot", "hot"), ("empty string", ""), ("wrong case", "Warm"), ("Dutch", "lauw"), ("number", 2),
                ("bool", True), ("list", ["warm"])]:
    err(f"note_mark: rating {name}", mark(rating=v), "invalid_field")
for k in ("picked", "answered", "touches"):
    ok(f"note_mark: {k} false", mark(**{k: False}), "note_mark")
    for name, v in [("string", "true"), ("number", 1), ("null", None)]:
        err(f"note_mark: {k} {name}", mark(**{k: v}), "invalid_field")

# rate: score 1..5 (R29)
for n in (1, 5):
    ok(f"rate: score {n}", with_field("rate", "score", str(n)), "rate")
for name, raw in [("0", "0"), ("6", "6"), ("-1", "-1"), ("4.5", "4.5"), ("string", '"4"'), ("null", "null"),
                  ("bool", "true"), ("1e0 (exponent)", "1e0")]:
    err(f"rate: score {name}", with_field("rate", "score", raw), "invalid_field")

# hand_facilitation, remove_member: member ids (not null: there is no 'nobody' to hand over to)
for t in ("hand_facilitation", "remove_member"):
    ok(f"{t}: member_id of 64 characters", with_field(t, "member_id", json.dumps("m" * 64)), t)
    for name, raw in [("null", "null"), ("number", "5"), ("empty", '""'), ("bad characters", '"mem a/8"'),
                      ("65 characters", json.dumps("m" * 65)), ("list", '["mem_f9T5"]')]:
        err(f"{t}: member_id {name}", with_field(t, "member_id", raw), "invalid_field")

# note_save: title (case proposals) and label (evaluation); the step decides which is allowed
def save_with(**fields):
    return msg("note_save", dict(valid["note_save"], **fields))
ok("note_save: with a title", save_with(title="Daan en school"), "note_save")
ok("note_save: title of 1 character", save_with(title="D"), "note_save")
ok("note_save: title of 120 characters", save_with(title="t" * 120), "note_save")
ok("note_save: title of 120 emoji", save_with(title="😀" * 120), "note_save")
ok("note_save: label top", save_with(label="top"), "note_save")
ok("note_save: label tip", save_with(label="tip"), "note_save")
ok("note_save: title and label both decode (the step refuses one of them)", save_with(title="T", label="top"), "note_save")
err("note_save: title of 121 characters", save_with(title="t" * 121), "invalid_field")
err("note_save: title of 121 emoji", save_with(title="😀" * 121), "invalid_field")
for name, v in [("empty", ""), ("only whitespace", " \u3000 "), ("null", None), ("number", 1), ("list", ["T"])]:
    err(f"note_save: title {name}", save_with(title=v), "invalid_field")
for name, v in [("other", "other"), ("empty", ""), ("wrong case", "Top"), ("null", None), ("number", 1), ("bool", True)]:
    err(f"note_save: label {name}", save_with(label=v), "invalid_field")

# appoint_presenter: case_note_id (optional, a note id or null)
def appoint(**fields):
    return msg("appoint_presenter", dict(valid["appoint_presenter"], **fields))
ok("appoint_presenter: with case_note_id", appoint(case_note_id=NOTE), "appoint_presenter")
ok("appoint_presenter: case_note_id null", appoint(case_note_id=None), "appoint_presenter")
ok("appoint_presenter: member_id null and case_note_id null", appoint(member_id=None, case_note_id=None), "appoint_presenter")
ok("appoint_presenter: a case without a presenter decodes (the meeting refuses it)",
   appoint(member_id=None, case_note_id=NOTE), "appoint_presenter")
for name, v in [("no prefix", "Kp3xV9qLw2mZr8sT"), ("too short", "note:abc"), ("number", 5), ("bool", False), ("empty", "")]:
    err(f"appoint_presenter: case_note_id {name}", appoint(case_note_id=v), "invalid_field")

# --- boards (R31-R37) ---------------------------------------------------------------------------
# Decoding checks the shape only: types, ranges, lengths, the properties each object type has, id
# formats, entry and point counts. Whether a board, an object or a connector end exists, who may
# change it, and the limits per board are the meeting's business (board.json).
BOARD = "s:5"
STICKY = {"id": "o:st_Moeder7Kq2", "type": "sticky", "x": -420, "y": -180, "w": 160, "h": 160, "text": "Moeder", "color": "yellow"}
OBJ = {
    "sticky": STICKY,
    "text": {"id": "o:tx_Kop000001", "type": "text", "x": 0, "y": 0, "w": 400, "h": 48, "text": "Gezin", "color": "black", "size": 32},
    "rect": {"id": "o:rc_Frame01Box", "type": "rect", "x": 0, "y": 0, "w": 100, "h": 50, "color": "grey", "fill": "none", "width": 2},
    "ellipse": {"id": "o:el_Gezin0001", "type": "ellipse", "x": 0, "y": 0, "w": 100, "h": 50, "color": "green", "fill": "white", "width": 3},
    "line": {"id": "o:ln_Lijn00001", "type": "line", "x": 0, "y": 0, "points": [0, 0, 240, -60], "color": "black", "width": 2},
    "arrow": {"id": "o:ar_Pijl00001", "type": "arrow", "x": 0, "y": 0, "points": [0, 0, 120.5, 0], "color": "purple", "width": 3},
    "stroke": {"id": "o:sk_Pen0001aZ", "type": "stroke", "x": 12.5, "y": 40, "points": [0, 0, 3.2, 1.5, 7.9, 4.1], "color": "red", "width": 4, "tool": "pen"},
    "connector": {"id": "o:cn_Relatie01", "type": "connector", "x": 0, "y": 0, "from": "o:st_Moeder7Kq2", "to": "o:st_School3Xp9", "style": "strained"},
    "image": {"id": "o:im_Foto00001", "type": "image", "x": 0, "y": 0, "w": 320, "h": 240, "image_id": "img_Q2xvdWRzLWFuZC1zdW4xYQ"},
}
BOARDS = {
    "board_change": {"meeting_id": MEET, "board_id": BOARD, "put": [STICKY]},
    "board_add": {"meeting_id": MEET, "board_id": "b:Kp3xV9qLw2", "title": "Tekenen wat de casus oproept"},
    "board_lock": {"meeting_id": MEET, "board_id": BOARD, "locked": True},
    "board_clear": {"meeting_id": MEET, "board_id": BOARD},
    "board_view": {"meeting_id": MEET, "board_id": BOARD, "x": 0, "y": -40.5, "zoom": 0.75},
    "board_live": {"meeting_id": MEET, "board_id": BOARD, "cursor": {"x": 210.5, "y": -33}},
}
valid.update(BOARDS)
for t, d in BOARDS.items():
    ok(f"{t}: valid, without ref", msg(t, d), t)
    ok(f"{t}: valid, with ref", msg(t, d, ref=7), t)
    err(f"{t}: data missing", '{"type":"%s"}' % t, "invalid_field")
    err(f"{t}: data empty", msg(t, {}), "invalid_field")
    for k in ("meeting_id", "board_id") + tuple(k for k in d if k not in ("meeting_id", "board_id", "put", "cursor")):
        dd = {kk: vv for kk, vv in d.items() if kk != k}
        err(f"{t}: {k} missing", msg(t, dd), "invalid_field")
    for name, raw in [("number", "12"), ("null", "null"), ("bad characters", json.dumps("mtg 1")),
                      ("65 characters", json.dumps("m" * 65))]:
        err(f"{t}: meeting_id {name}", with_field(t, "meeting_id", raw), "invalid_field")
    ok(f"{t}: unknown field in data is ignored", msg(t, dict(d, colour="geel")), t)
for n in ("board_changed", "board_added", "board_locked", "board_cleared"):
    err(f"type: {n} is not a command", msg(n, BOARDS["board_lock"]), "unknown_type")
err("type: board (no such command)", msg("board", BOARDS["board_clear"]), "unknown_type")

# board ids: s:N, p:N:MEMBER_ID, b: + 8-40 (R31). board_add takes only the b: form.
def change_on(board_id_raw, **extra):
    return msg("board_change", dict({"meeting_id": MEET, "board_id": "@@RAW@@", "put": [STICKY]}, **extra)).replace('"@@RAW@@"', board_id_raw)
for name, v in [("s:0", "s:0"), ("s:999", "s:999"), ("p:3:mem_a8N3", "p:3:mem_a8N3"), ("p:0 with a 64-character member id", "p:0:" + "m" * 64),
                ("b: + 8", "b:Kp3xV9qL"), ("b: + 40", "b:" + "a_-Z" * 10)]:
    ok(f"board_id: {name}", change_on(json.dumps(v)), "board_change")
for name, raw in [("empty", '""'), ("s:1000", '"s:1000"'), ("s:01 (leading zero)", '"s:01"'), ("s: without a number", '"s:"'),
                  ("s:-1", '"s:-1"'), ("p: without a member", '"p:3:"'), ("p: without a step", '"p::mem_a8N3"'),
                  ("p: member id of 65 characters", json.dumps("p:3:" + "m" * 65)), ("b: + 7", '"b:Kp3xV9q"'),
                  ("b: + 41", json.dumps("b:" + "a" * 41)), ("b: with a colon", '"b:Kp3x:V9qLw"'), ("no prefix", '"Kp3xV9qLw2"'),
                  ("x: prefix", '"x:Kp3xV9qLw2"'), ("upper-case S", '"S:5"'), ("number", "5"), ("null", "null"),
                  ("list", '["s:5"]')]:
    err(f"board_id: {name}", change_on(raw), "invalid_field")
for name, v in [("s:3", "s:3"), ("p:3:mem_a8N3", "p:3:mem_a8N3"), ("b: + 7", "b:Kp3xV9q"), ("b: + 41", "b:" + "a" * 41)]:
    err(f"board_add: board_id {name} (only b: + 8-40)", with_field("board_add", "board_id", json.dumps(v)), "invalid_field")

# board_change: put, set, delete (R32, R33)
def bchange(**lists):
    return msg("board_change", dict({"meeting_id": MEET, "board_id": BOARD}, **lists))
def put(**props):
    """The sticky with some properties replaced (None: left out)."""
    o = dict(STICKY, **props)
    return bchange(put=[{k: v for k, v in o.items() if v is not None}])
def put_of(typ, **props):
    o = dict(OBJ[typ], **props)
    return bchange(put=[{k: v for k, v in o.items() if v is not None}])
def set1(**props):
    return bchange(set=[dict({"id": STICKY["id"]}, **props)])
for typ, o in OBJ.items():
    ok(f"board_change: put a {typ}", bchange(put=[o]), "board_change")
ok("board_change: put one object of every type", bchange(put=list(OBJ.values())), "board_change")
ok("board_change: put with rotation, z, deleted false and a connector label", bchange(put=[
    dict(STICKY, rotation=-45.5, z=1000000000, deleted=False), dict(OBJ["connector"], label="weinig contact")]), "board_change")
ok("board_change: set one property", set1(x=12.5), "board_change")
ok("board_change: set several properties", set1(x=1, y=2, rotation=90, z=-3, w=10, h=10, text="", color="pink"), "board_change")
ok("board_change: set deleted false (restore)", set1(deleted=False), "board_change")
ok("board_change: set a property of any type (the object's type is checked by the meeting)", set1(size=20, style="weak", tool="pen"), "board_change")
ok("board_change: set color to an ink or a sticky colour", bchange(set=[{"id": "o:aaaaaaaa", "color": "white"}, {"id": "o:bbbbbbbb", "color": "yellow"}]), "board_change")
ok("board_change: set points of a line or stroke", set1(points=[0, 0, 10, 10]), "board_change")
ok("board_change: delete", bchange(delete=[STICKY["id"], "o:cn_Relatie01"]), "board_change")
ok("board_change: put, set and delete together", bchange(put=[OBJ["rect"]], set=[{"id": STICKY["id"], "x": 5}], delete=["o:cn_Relatie01"]), "board_change")
ok("board_change: empty lists next to a non-empty one", bchange(put=[], set=[{"id": STICKY["id"], "x": 5}], delete=[]), "board_change")
ok("board_change: 200 entries", bchange(put=[dict(STICKY, id=f"o:many{i:06d}") for i in range(100)],
                                        delete=[f"o:gone{i:06d}" for i in range(100)]), "board_change")
ok("board_change: a set of an id the board may not have decodes (not_found is the meeting's answer)",
   bchange(put=[STICKY], set=[{"id": "o:st_School3Xp9", "x": 1}]), "board_change")
err("board_change: no put, set or delete", bchange(), "invalid_field")
err("board_change: only empty lists", bchange(put=[], set=[], delete=[]), "invalid_field")
err("board_change: 201 entries", bchange(put=[dict(STICKY, id=f"o:many{i:06d}") for i in range(100)],
                                         delete=[f"o:gone{i:06d}" for i in range(101)]), "invalid_field")
err("board_change: 201 deletes", bchange(delete=[f"o:gone{i:06d}" for i in range(201)]), "invalid_field")
# An id twice in one command is invalid_field from the meeting (board.json), like a repeated member
# in turn_order: a decoder may refuse it already, with the same code, so no vector here has one.
for k in ("put", "set", "delete"):
    for name, raw in [("null", "null"), ("an object", "{}"), ("a string", '"o:st_Moeder7Kq2"')]:
        err(f"board_change: {k} {name}", msg("board_change", raw_data='{"meeting_id":"%s","board_id":"%s","%s":%s}' % (MEET, BOARD, k, raw)), "invalid_field")
for name, raw in [("a number", "[5]"), ("null", "[null]"), ("a list", '[["o:st_Moeder7Kq2"]]'), ("an object", '[{"id":"o:st_Moeder7Kq2"}]')]:
    err(f"board_change: delete holds {name}", msg("board_change", raw_data='{"meeting_id":"%s","board_id":"%s","delete":%s}' % (MEET, BOARD, raw)), "invalid_field")
for k in ("put", "set"):
    for name, raw in [("a string", '["o:st_Moeder7Kq2"]'), ("null", "[null]"), ("a list", "[[]]")]:
        err(f"board_change: {k} holds {name}", msg("board_change", raw_data='{"meeting_id":"%s","board_id":"%s","%s":%s}' % (MEET, BOARD, k, raw)), "invalid_field")
# object ids
for name, v in [("8 characters", "o:abcdefgh"), ("60 characters", "o:" + "aZ_-9" * 12)]:
    ok(f"board_change: object id of {name} after o:", put(id=v), "board_change")
    ok(f"board_change: delete an object id of {name} after o:", bchange(delete=[v]), "board_change")
for name, v in [("7 characters after o:", "o:abcdefg"), ("61 characters after o:", "o:" + "a" * 61), ("no prefix", "st_Moeder7Kq2"),
                ("a note id", NOTE), ("a dot", "o:st.Moeder7Kq2"), ("a colon after o:", "o:st:Moeder7Kq2"), ("upper-case O", "O:st_Moeder7Kq2"),
                ("non-ASCII", "o:st_Moedér7Kq2"), ("a number", 12), ("null", None)]:
    if v is not None:
        err(f"board_change: put id {name}", put(id=v), "invalid_field")
    err(f"board_change: set id {name}", bchange(set=[{"id": v, "x": 1}]), "invalid_field")
    err(f"board_change: delete id {name}", bchange(delete=[v]), "invalid_field")
err("board_change: put without id", put(id=None), "invalid_field")
err("board_change: set without id", bchange(set=[{"x": 1}]), "invalid_field")
err("board_change: set with only an id", bchange(set=[{"id": STICKY["id"]}]), "invalid_field")
# types and properties
for name, v in [("unknown", "circle"), ("upper case", "Sticky"), ("empty", ""), ("null", None), ("number", 1), ("missing", None)]:
    if name == "null":
        err("board_change: put type null", bchange(put=[dict(STICKY, type=None)]), "invalid_field")
    else:
        err(f"board_change: put type {name}", put(type=v), "invalid_field")
for name, o in [("font on a sticky (unknown)", dict(STICKY, font="Comic Sans")), ("size on a sticky (a text's)", dict(STICKY, size=20)),
                ("text on a rect", dict(OBJ["rect"], text="Gezin")), ("fill on a line", dict(OBJ["line"], fill="none")),
                ("tool on a line", dict(OBJ["line"], tool="pen")), ("points on a rect", dict(OBJ["rect"], points=[0, 0, 1, 1])),
                ("label on an arrow", dict(OBJ["arrow"], label="x")), ("w on a connector", dict(OBJ["connector"], w=10)),
                ("color on an image", dict(OBJ["image"], color="black")), ("image_id on a sticky", dict(STICKY, image_id=OBJ["image"]["image_id"])),
                ("author (not a property)", dict(STICKY, author="mem_a8N3")), ("null-valued unknown property", dict(STICKY, extra=None))]:
    err(f"board_change: put with {name}", bchange(put=[o]), "invalid_field")
for name, props in [("an unknown property", {"font": "Comic Sans"}), ("type", {"type": "sticky"}), ("type next to another property", {"type": "text", "x": 1}),
                    ("deleted true", {"deleted": True}), ("deleted null", {"deleted": None}), ("an unknown property next to a good one", {"x": 1, "colour": "geel"})]:
    err(f"board_change: set with {name}", set1(**props), "invalid_field")
REQUIRED = {"sticky": ["x", "y", "w", "h", "text", "color"], "text": ["size"], "rect": ["fill", "width"], "line": ["points"],
            "stroke": ["tool", "points"], "connector": ["from", "to", "style", "x"], "image": ["image_id", "w"]}
for typ, props in REQUIRED.items():
    for p in props:
        err(f"board_change: put a {typ} without {p}", put_of(typ, **{p: None}), "invalid_field")
err("board_change: put with deleted true", put(deleted=True), "invalid_field")
# ranges (R32): just in and just out, in put and in set
RANGES = [("x", -50000, 50000, -50000.5, 50000.001), ("y", -50000, 50000, -50001, 50001), ("rotation", -360, 360, -360.5, 360.5),
          ("z", -1000000000, 1000000000, -1000000001, 1000000000.5), ("w", 1, 10000, 0.999, 10000.5), ("h", 1, 10000, 0, 10001)]
for p, lo, hi, below, above in RANGES:
    for v in (lo, hi):
        ok(f"board_change: {p} {v} in put", put(**{p: v}), "board_change")
        ok(f"board_change: {p} {v} in set", set1(**{p: v}), "board_change")
    for v in (below, above):
        err(f"board_change: {p} {v} in put", put(**{p: v}), "invalid_field")
        err(f"board_change: {p} {v} in set", set1(**{p: v}), "invalid_field")
for p, typ, lo, hi, below, above in [("width", "rect", 1, 64, 0.5, 64.5), ("size", "text", 8, 200, 7.99, 201)]:
    for v in (lo, hi):
        ok(f"board_change: {p} {v} in put", put_of(typ, **{p: v}), "board_change")
        ok(f"board_change: {p} {v} in set", set1(**{p: v}), "board_change")
    for v in (below, above):
        err(f"board_change: {p} {v} in put", put_of(typ, **{p: v}), "invalid_field")
        err(f"board_change: {p} {v} in set", set1(**{p: v}), "invalid_field")
ok("board_change: numbers with fractions and exponents", put(x=-12.25, y=2.5e2, w=1e2), "board_change")
for p in ("x", "w", "rotation", "z"):
    for name, raw in [("string", '"10"'), ("null", "null"), ("bool", "true"), ("list", "[10]")]:
        err(f"board_change: {p} {name}", bchange(put=[dict(STICKY, **{p: "@@RAW@@"})]).replace('"@@RAW@@"', raw), "invalid_field")
# texts: code points, may be empty or whitespace
def put_text(text_json, key="text", typ="sticky"):
    o = dict(OBJ[typ]); o[key] = "@@TEXT@@"
    return bchange(put=[o]).replace('"@@TEXT@@"', text_json)
ok("board_change: text empty", put(text=""), "board_change")
ok("board_change: text only whitespace", put(text=" \n "), "board_change")
ok("board_change: text 1000 characters", put_text('"@@"'), "board_change", input_repeat={"placeholder": "@@", "char": "x", "count": 1000})
ok("board_change: text 1000 emoji (code points)", put_text('"@@"'), "board_change", input_repeat={"placeholder": "@@", "char": "😀", "count": 1000})
err("board_change: text 1001 characters", put_text('"@@"'), "invalid_field", input_repeat={"placeholder": "@@", "char": "x", "count": 1001})
err("board_change: text 1001 emoji", put_text('"@@"'), "invalid_field", input_repeat={"placeholder": "@@", "char": "😀", "count": 1001})
err("board_change: text 1001 characters in set", set1(text="x" * 1001), "invalid_field")
err("board_change: text a number", put(text=5), "invalid_field")
err("board_change: text null", put_text("null"), "invalid_field")
err("board_change: text with a lone surrogate", put_text('"a\\ud800b"'), "invalid_json")
ok("board_change: label empty", put_of("connector", label=""), "board_change")
ok("board_change: label 200 characters", put_of("connector", label="l" * 200), "board_change")
err("board_change: label 201 characters", put_of("connector", label="l" * 201), "invalid_field")
err("board_change: label 201 characters in set", set1(label="l" * 201), "invalid_field")
err("board_change: label null", put_text("null", key="label", typ="connector"), "invalid_field")
# colours, fill, style, tool, image_id
for c in ("yellow", "pink", "green", "blue", "orange", "purple"):
    ok(f"board_change: sticky color {c}", put(color=c), "board_change")
for c in ("black", "grey", "red", "orange", "green", "blue", "purple", "white"):
    ok(f"board_change: rect color {c}", put_of("rect", color=c), "board_change")
for name, o in [("sticky color black (an ink)", dict(STICKY, color="black")), ("sticky color white", dict(STICKY, color="white")),
                ("rect color yellow (a sticky colour)", dict(OBJ["rect"], color="yellow")), ("stroke color pink", dict(OBJ["stroke"], color="pink")),
                ("text color Black", dict(OBJ["text"], color="Black")), ("line color hex", dict(OBJ["line"], color="#000000")),
                ("rect color none", dict(OBJ["rect"], color="none")), ("rect fill yellow", dict(OBJ["rect"], fill="yellow")),
                ("ellipse fill null", dict(OBJ["ellipse"], fill=None)), ("connector style broken", dict(OBJ["connector"], style="broken")),
                ("connector style Strong", dict(OBJ["connector"], style="Strong")), ("stroke tool eraser", dict(OBJ["stroke"], tool="eraser")),
                ("image image_id of 21 characters", dict(OBJ["image"], image_id="img_" + "a" * 21)),
                ("image image_id of 23 characters", dict(OBJ["image"], image_id="img_" + "a" * 23)),
                ("image image_id without img_", dict(OBJ["image"], image_id="pic_" + "a" * 22)),
                ("image image_id with a dot", dict(OBJ["image"], image_id="img_" + "a" * 21 + ".")),
                ("connector from not an object id", dict(OBJ["connector"], **{"from": "st_Moeder7Kq2"})),
                ("connector to a number", dict(OBJ["connector"], to=5))]:
    err(f"board_change: put {name}", bchange(put=[o]), "invalid_field")
ok("board_change: rect fill none", put_of("rect", fill="none"), "board_change")
ok("board_change: stroke tool highlighter", put_of("stroke", tool="highlighter"), "board_change")
for st in ("strong", "weak", "strained", "unclear"):
    ok(f"board_change: connector style {st}", put_of("connector", style=st), "board_change")
ok("board_change: a connector from and to the same id decodes (the meeting refuses it)", put_of("connector", to="o:st_Moeder7Kq2"), "board_change")
for name, props in [("color hex", {"color": "#ff0"}), ("fill yellow", {"fill": "yellow"}), ("style broken", {"style": "broken"}),
                    ("tool eraser", {"tool": "eraser"}), ("image_id short", {"image_id": "img_abc"}), ("from not an object id", {"from": "x"})]:
    err(f"board_change: set {name}", set1(**props), "invalid_field")
# points: line and arrow exactly 4; stroke an even count of 4-2000; every number -50000..50000
ok("board_change: stroke points 4", put_of("stroke", points=[0, 0, 1, 1]), "board_change")
ok("board_change: stroke points 2000", put_of("stroke", points=[i % 9 for i in range(2000)]), "board_change")
ok("board_change: stroke points at the coordinate edges", put_of("stroke", points=[-50000, 50000, 50000, -50000]), "board_change")
ok("board_change: set points 2000", set1(points=[1] * 2000), "board_change")
for name, pts in [("2", [0, 0]), ("5 (odd)", [0, 0, 1, 1, 2]), ("2001 (odd)", [1] * 2001), ("2002", [1] * 2002), ("empty", [])]:
    err(f"board_change: stroke points {name}", put_of("stroke", points=pts), "invalid_field")
for typ in ("line", "arrow"):
    for name, pts in [("2", [0, 0]), ("6", [0, 0, 1, 1, 2, 2]), ("3", [0, 0, 1])]:
        err(f"board_change: {typ} points {name}", put_of(typ, points=pts), "invalid_field")
for name, pts in [("a number out of range", [0, 0, 50000.5, 0]), ("a string", [0, 0, "1", 1]), ("null", [0, 0, None, 1]),
                  ("a pair list", [[0, 0], [1, 1]])]:
    err(f"board_change: points holding {name}", put_of("stroke", points=pts), "invalid_field")
err("board_change: points not a list", put_of("stroke", points={"x": 0}), "invalid_field")
for name, pts in [("2", [0, 0]), ("5 (odd)", [0, 0, 1, 1, 2]), ("2002", [1] * 2002), ("out of range", [0, 0, 0, -50001])]:
    err(f"board_change: set points {name}", set1(points=pts), "invalid_field")

# board_add (R31)
def add(**fields):
    return msg("board_add", dict(BOARDS["board_add"], **fields))
ok("board_add: template relations", add(template="relations"), "board_add")
ok("board_add: template null", add(template=None), "board_add")
ok("board_add: title of 120 characters", add(title="t" * 120), "board_add")
for name, v in [("genogram", "genogram"), ("empty", ""), ("upper case", "Relations"), ("bool", True)]:
    err(f"board_add: template {name}", add(template=v), "invalid_field")
for name, v in [("empty", ""), ("only whitespace", " \u3000 "), ("121 characters", "t" * 121), ("null", None), ("number", 1)]:
    err(f"board_add: title {name}", add(title=v), "invalid_field")

# board_lock, board_clear (R36)
ok("board_lock: locked false", with_field("board_lock", "locked", "false"), "board_lock")
for name, raw in [("string", '"true"'), ("number 1", "1"), ("null", "null")]:
    err(f"board_lock: locked {name}", with_field("board_lock", "locked", raw), "invalid_field")
ok("board_clear: a private board", msg("board_clear", {"meeting_id": MEET, "board_id": "p:6:mem_a8N3"}), "board_clear")
err("board_clear: board_id bad", with_field("board_clear", "board_id", '"board5"'), "invalid_field")

# board_view (R36)
def view(**fields):
    return msg("board_view", dict(BOARDS["board_view"], **fields))
for name, f in [("zoom 0.05", {"zoom": 0.05}), ("zoom 20", {"zoom": 20}), ("x and y at the edges", {"x": -50000, "y": 50000})]:
    ok(f"board_view: {name}", view(**f), "board_view")
for name, f in [("zoom 0.04", {"zoom": 0.04}), ("zoom 20.5", {"zoom": 20.5}), ("zoom 0", {"zoom": 0}), ("zoom negative", {"zoom": -1}),
                ("zoom string", {"zoom": "1"}), ("zoom null", {"zoom": None}), ("x 50001", {"x": 50001}), ("y -50000.5", {"y": -50000.5}),
                ("x string", {"x": "0"})]:
    err(f"board_view: {name}", view(**f), "invalid_field")

# board_live (R37): at least one of cursor, laser, stroke
STROKE = {"id": "o:sk_Pen0001aZ", "color": "red", "width": 4, "tool": "pen", "points": [212.5, -31, 218, -30.5]}
def live(**fields):
    return msg("board_live", dict({"meeting_id": MEET, "board_id": BOARD}, **fields))
def live_stroke(**props):
    s = dict(STROKE, **props)
    return live(stroke={k: v for k, v in s.items() if v is not None})
ok("board_live: cursor null (left the board)", live(cursor=None), "board_live")
ok("board_live: laser on", live(laser=True, cursor={"x": 0, "y": 0}), "board_live")
ok("board_live: laser off alone", live(laser=False), "board_live")
ok("board_live: a stroke alone", live(stroke=STROKE), "board_live")
ok("board_live: cursor and stroke together", live(cursor={"x": 218, "y": -30.5}, stroke=STROKE), "board_live")
ok("board_live: stroke points 2", live_stroke(points=[1, 2]), "board_live")
ok("board_live: stroke points 400", live_stroke(points=[1] * 400), "board_live")
ok("board_live: stroke highlighter", live_stroke(tool="highlighter", width=24, color="orange"), "board_live")
err("board_live: none of cursor, laser, stroke", live(), "invalid_field")
for name, raw in [("a list", "[0,0]"), ("a number", "5"), ("without y", '{"x":0}'), ("x out of range", '{"x":50001,"y":0}'),
                  ("y a string", '{"x":0,"y":"0"}')]:
    err(f"board_live: cursor {name}", live(cursor="@@RAW@@").replace('"@@RAW@@"', raw), "invalid_field")
for name, raw in [("string", '"true"'), ("number", "1"), ("null", "null")]:
    err(f"board_live: laser {name}", live(laser="@@RAW@@").replace('"@@RAW@@"', raw), "invalid_field")
err("board_live: stroke null", live(stroke=None), "invalid_field")
err("board_live: stroke a list", live(stroke=[1, 2]), "invalid_field")
for name, props in [("points 0", {"points": []}), ("points 1", {"points": [1]}), ("points 3 (odd)", {"points": [1, 2, 3]}),
                    ("points 401", {"points": [1] * 401}), ("points 402", {"points": [1] * 402}), ("a point out of range", {"points": [0, 50000.5]}),
                    ("a point string", {"points": [0, "1"]}), ("id not an object id", {"id": "stroke1"}), ("color pink", {"color": "pink"}),
                    ("width 0", {"width": 0}), ("width 65", {"width": 65}), ("tool eraser", {"tool": "eraser"}),
                    ("without id", {"id": None}), ("without points", {"points": None}), ("without color", {"color": None}),
                    ("without width", {"width": None}), ("without tool", {"tool": None})]:
    err(f"board_live: stroke {name}", live_stroke(**props), "invalid_field")

# --- hello.protocol ------------------------------------------------------------------------------
err("hello: protocol as string", with_field("hello", "protocol", '"1"'), "invalid_field")
err("hello: protocol null", with_field("hello", "protocol", "null"), "invalid_field")
err("hello: protocol 1.5", with_field("hello", "protocol", "1.5"), "invalid_field")
err("hello: protocol true", with_field("hello", "protocol", "true"), "invalid_field")
err("hello: protocol 2", with_field("hello", "protocol", "2"), "unsupported_protocol")
err("hello: protocol 0", with_field("hello", "protocol", "0"), "unsupported_protocol")
err("hello: protocol -1", with_field("hello", "protocol", "-1"), "unsupported_protocol")
err("hello: protocol 2 is reported before other fields are checked", msg("hello", {"protocol": 2}), "unsupported_protocol")
err("hello: protocol 2 with a v2-shaped token", msg("hello", {"protocol": 2, "member_token": {"v": 2}}), "unsupported_protocol")

# --- numbers out of range ------------------------------------------------------------------------
for name, raw in [("-1", "-1"), ("1000", "1000"), ("1e30", "1e30"), ("2^64", "18446744073709551616"),
                  ("2^63", "9223372036854775808"), ("-2^63", "-9223372036854775808"), ("3.5", "3.5"), ("1e2 (exponent)", "1e2")]:
    err(f"set_step: step_index {name}", with_field("set_step", "step_index", raw), "invalid_field")

# --- ids -----------------------------------------------------------------------------------------
for name, v in [("empty", ""), ("65 characters", "m" * 65), ("space", "mtg 1"), ("slash", "mtg/1"), ("dot", "mtg.1"),
                ("non-ASCII", "mtg_é"), ("newline", "mtg\n1")]:
    err(f"meeting_id: {name}", msg("reveal", {"meeting_id": v}), "invalid_field")
for name, v in [("no prefix", "Kp3xV9qLw2mZr8sT"), ("prefix only", "note:"), ("15 characters after the prefix", "note:" + "a" * 15),
                ("60 characters after the prefix", "note:" + "a" * 60), ("colon after the prefix", "note:abc:defghijklmnopq"),
                ("bad characters", "note:abc def/ghijklmnop"), ("wrong prefix case", "Note:Kp3xV9qLw2mZr8sT"),
                ("non-ASCII", "note:Kp3xV9qLw2mZr8sTé")]:
    err(f"note_id: {name} (note_save)", with_field("note_save", "note_id", json.dumps(v)), "invalid_field")
    err(f"note_id: {name} (note_delete)", with_field("note_delete", "note_id", json.dumps(v)), "invalid_field")

# --- nesting depth -------------------------------------------------------------------------------
# The top-level object is depth 1; "data" is depth 2; every further object or array adds 1.
def nested(levels_below_data):
    """A ping whose data holds an unknown field nested so that the deepest value is at depth 2 + levels."""
    inner = "1"
    for i in range(levels_below_data):
        inner = ("[%s]" if i % 2 == 0 else '{"k":%s}') % inner
    return '{"type":"ping","data":{"x":%s}}' % inner
def depth_of(text):
    d = m = 0; s = esc = False
    for c in text:
        if s:
            if esc: esc = False
            elif c == "\\": esc = True
            elif c == '"': s = False
        elif c == '"': s = True
        elif c in "[{": d += 1; m = max(m, d)
        elif c in "]}": d -= 1
    return m
assert depth_of(nested(6)) == 8 and depth_of(nested(7)) == 9
ok("depth 8 is allowed", nested(6), "ping")
err("depth 9 is too deep", nested(7), "too_deep")
err("depth 50 is too deep", nested(48), "too_deep")
ok("depth 8 inside a command's unknown field", '{"type":"set_done","data":{"meeting_id":"%s","done":true,"x":[[[[[[1]]]]]]}}' % MEET, "set_done")
err("depth 9 inside a command's unknown field", '{"type":"set_done","data":{"meeting_id":"%s","done":true,"x":[[[[[[[1]]]]]]]}}' % MEET, "too_deep")
ok("depth 8 with empty containers", '{"type":"ping","data":{"x":[[[[[[]]]]]]}}', "ping")
err("depth 9 with empty containers", '{"type":"ping","data":{"x":[[[[[[[]]]]]]]}}', "too_deep")
ok("brackets inside strings do not count", save_text(json.dumps("[[[[[[[[[[{{{{{{{{{{ haakjes }}}}}}}}}}]]]]]]]]]]")), "note_save")
ok("escaped quote inside a string does not end it", save_text(json.dumps('Hij zei: "[[[[[[[[[[" en \\ ging weg')), "note_save")
ok("many siblings at depth 3 are fine", '{"type":"ping","data":{"x":[%s]}}' % ",".join(["[]"] * 100), "ping")
err("too deep is found before parsing: a truncated text 9 deep", "[[[[[[[[[", "too_deep")
err("too deep takes precedence over an unknown type", '{"type":"dance","data":{"x":[[[[[[[1]]]]]]]}}', "too_deep")
for v in V:
    if v["expect"].get("error") != "too_deep" and "input_repeat" not in v:
        assert len(v["input"].encode()) <= 65536, v["name"]
        assert depth_of(v["input"]) <= 8, v["name"]

names = [v["name"] for v in V]
assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "decode.json"), "w", encoding="utf-8") as f:
    json.dump(V, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(V), "vectors")
