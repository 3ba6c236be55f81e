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
        assert depth_of(v["input"]) <= 8, v["name"]

names = [v["name"] for v in V]
assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "decode.json"), "w", encoding="utf-8") as f:
    json.dump(V, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(V), "vectors")
