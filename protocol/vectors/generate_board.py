#!/usr/bin/env python3
"""Writes board.json next to this file: the board merge and rule vectors (protocol/README.md
R32-R34, R36). Every step's expectation below is written by hand; the small reference model in this
file replays every case and must agree with each of them (the script stops otherwise), and it
computes each case's "final" list, which a case may also give by hand. Edit this script and run it
again (python3 generate_board.py; Python 3 standard library only) rather than editing board.json by
hand. The format is described in README.md."""
import copy, json, os, re

FAC, ANN, BOB = "fac", "ann", "bob"
ROLES = {FAC: "facilitator", ANN: "participant", BOB: "participant"}

# --- the rules (R32) ---------------------------------------------------------------------------
INK = ["black", "grey", "red", "orange", "green", "blue", "purple", "white"]
STICKY_COLOURS = ["yellow", "pink", "green", "blue", "orange", "purple"]
OBJECT_ID = re.compile(r"^o:[A-Za-z0-9_-]{8,60}$")
IMAGE_ID = re.compile(r"^img_[A-Za-z0-9_-]{22}$")
COMMON = ["x", "y", "rotation", "z", "deleted"]
DEFAULTS = {"rotation": 0, "z": 0, "deleted": False, "label": ""}
TYPES = {
    "sticky": ["w", "h", "text", "color"],
    "text": ["w", "h", "text", "color", "size"],
    "rect": ["w", "h", "color", "fill", "width"],
    "ellipse": ["w", "h", "color", "fill", "width"],
    "line": ["points", "color", "width"],
    "arrow": ["points", "color", "width"],
    "stroke": ["points", "color", "width", "tool"],
    "connector": ["from", "to", "style", "label"],
    "image": ["w", "h", "image_id"],
}
MAX_OBJECTS, MAX_POINTS, MAX_ENTRIES = 500, 20000, 200


class Refused(Exception):
    pass


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def in_range(v, lo, hi):
    return is_number(v) and lo <= v <= hi


def valid_value(typ, prop, v):
    """Is v a valid value of prop for an object of type typ (R32)?"""
    if prop in ("x", "y"):
        return in_range(v, -50000, 50000)
    if prop == "rotation":
        return in_range(v, -360, 360)
    if prop == "z":
        return in_range(v, -1e9, 1e9)
    if prop in ("w", "h"):
        return in_range(v, 1, 10000)
    if prop == "width":
        return in_range(v, 1, 64)
    if prop == "size":
        return in_range(v, 8, 200)
    if prop == "text":
        return isinstance(v, str) and len(v) <= 1000
    if prop == "label":
        return isinstance(v, str) and len(v) <= 200
    if prop == "color":
        return v in (STICKY_COLOURS if typ == "sticky" else INK)
    if prop == "fill":
        return v in INK or v == "none"
    if prop == "points":
        if not isinstance(v, list) or not all(in_range(n, -50000, 50000) for n in v):
            return False
        if typ in ("line", "arrow"):
            return len(v) == 4
        return 4 <= len(v) <= 2000 and len(v) % 2 == 0
    if prop in ("from", "to"):
        return isinstance(v, str) and OBJECT_ID.match(v) is not None
    if prop == "style":
        return v in ("strong", "weak", "strained", "unclear")
    if prop == "tool":
        return v in ("pen", "highlighter")
    if prop == "image_id":
        return isinstance(v, str) and IMAGE_ID.match(v) is not None
    if prop == "deleted":
        return v is False  # deleting is `delete`; `deleted: false` restores (R33)
    raise AssertionError(prop)


def full(o):
    """An object with every property of its type, defaults filled in."""
    out = {"id": o["id"], "type": o["type"]}
    for p in COMMON + TYPES[o["type"]]:
        out[p] = o[p] if p in o else DEFAULTS[p]
    return out


class Board:
    """The reference model of one shared board (R32-R34, R36)."""

    def __init__(self):
        self.objects = {}  # id -> full object
        self.author = {}   # id -> who put it
        self.locked = False

    def _end_ok(self, end, new):
        o = new.get(end) or self.objects.get(end)
        return o is not None and not o["deleted"] and o["type"] != "connector"

    def change(self, actor, c):
        put, set_, delete = c.get("put", []), c.get("set", []), c.get("delete", [])
        n = len(put) + len(set_) + len(delete)
        if n == 0 or n > MAX_ENTRIES:
            raise Refused("invalid_field")
        ids = [e.get("id") for e in put + set_] + list(delete)
        if len(ids) != len(set(map(str, ids))):
            raise Refused("invalid_field")  # an id at most once per command
        # The shape of every entry (what a decoder checks, vectors/decode.json).
        for e in put:
            typ = e.get("type")
            if typ not in TYPES or not isinstance(e.get("id"), str) or not OBJECT_ID.match(e["id"]):
                raise Refused("invalid_field")
            known = ["id", "type"] + COMMON + TYPES[typ]
            for p, v in e.items():
                if p not in known or (p not in ("id", "type") and not valid_value(typ, p, v)):
                    raise Refused("invalid_field")
            for p in COMMON + TYPES[typ]:
                if p not in e and p not in DEFAULTS:
                    raise Refused("invalid_field")
        any_prop = set(COMMON) | {p for ps in TYPES.values() for p in ps}
        for e in set_:
            if not isinstance(e.get("id"), str) or not OBJECT_ID.match(e["id"]) or len(e) < 2:
                raise Refused("invalid_field")
            for p in e:
                if p != "id" and p not in any_prop:
                    raise Refused("invalid_field")  # includes `type`
        for i in delete:
            if not isinstance(i, str) or not OBJECT_ID.match(i):
                raise Refused("invalid_field")
        # Who may: after the shape (the decoder comes first), before any entry is looked up.
        if self.locked and ROLES[actor] != "facilitator":
            raise Refused("board_locked")
        # Against the board.
        new, ev_put, ev_set, ev_delete = {}, [], [], []
        for e in put:
            if e["id"] in self.objects:
                if self.author[e["id"]] != actor:
                    raise Refused("invalid_field")
                continue  # a resend: nothing changes
            new[e["id"]] = full(e)
        for o in new.values():
            if o["type"] == "connector":
                if o["from"] == o["to"]:
                    raise Refused("invalid_field")
                if not self._end_ok(o["from"], new) or not self._end_ok(o["to"], new):
                    raise Refused("not_found")
        after = copy.deepcopy(self.objects)
        after.update(copy.deepcopy(new))
        ev_put = [copy.deepcopy(o) for o in new.values()]
        for e in set_:
            o = after.get(e["id"])
            if o is None:
                raise Refused("not_found")
            if o["deleted"] and e.get("deleted") is not False:
                continue  # a set on a deleted object is ignored
            for p, v in e.items():
                if p == "id":
                    continue
                if p not in COMMON + TYPES[o["type"]] or not valid_value(o["type"], p, v):
                    raise Refused("invalid_field")
            restoring = o["deleted"]
            changed = {p: v for p, v in e.items() if p != "id" and o[p] != v}
            o.update(changed)
            if o["type"] == "connector" and ("from" in changed or "to" in changed):
                if o["from"] == o["to"]:
                    raise Refused("invalid_field")
                if not self._end_ok(o["from"], after) or not self._end_ok(o["to"], after):
                    raise Refused("not_found")
            if restoring:
                ev_put.append(copy.deepcopy(o))
            elif changed:
                ev_set.append(dict({"id": e["id"]}, **changed))
        for i in delete:
            o = after.get(i)
            if o is None:
                raise Refused("not_found")
            if not o["deleted"]:
                o["deleted"] = True
                ev_delete.append(i)
        if len(after) > MAX_OBJECTS:
            raise Refused("limit_reached")
        if sum(len(o.get("points", [])) for o in after.values()) > MAX_POINTS:
            raise Refused("limit_reached")
        if not (ev_put or ev_set or ev_delete):
            return "ack", None
        self.objects = after
        for i in new:
            self.author[i] = actor
        event = {}
        for k, v in (("put", ev_put), ("set", ev_set), ("delete", ev_delete)):
            if v:
                event[k] = v
        return "changed", event

    def lock(self, actor, value):
        if ROLES[actor] != "facilitator":
            raise Refused("forbidden")
        if self.locked == value:
            return "ack", None
        self.locked = value
        return "changed", None

    def clear(self, actor):
        if ROLES[actor] != "facilitator":
            raise Refused("forbidden")
        if not self.objects:
            return "ack", None
        self.objects, self.author = {}, {}
        return "changed", None

    def final(self):
        return [self.objects[i] for i in sorted(self.objects)]


# --- building cases ----------------------------------------------------------------------------
CASES = []


def case(name, steps, final=None):
    CASES.append({"name": name, "steps": steps, "final": final})


def change(actor, result, event=None, code=None, **c):
    expect = {"result": result}
    if code:
        expect["code"] = code
    if event is not None:
        expect["event"] = event
    return {"actor": actor, "change": c, "expect": expect}


def ok(actor, event, **c):
    return change(actor, "changed", event, **c)


def ack(actor, **c):
    return change(actor, "ack", **c)


def bad(actor, code, **c):
    return change(actor, "error", code=code, **c)


def lock(actor, value, result, code=None):
    s = {"actor": actor, "lock": value, "expect": {"result": result}}
    if code:
        s["expect"]["code"] = code
    return s


def clear(actor, result, code=None):
    s = {"actor": actor, "clear": True, "expect": {"result": result}}
    if code:
        s["expect"]["code"] = code
    return s


def oid(name):
    return "o:" + name


def sticky(name, **kw):
    return dict({"id": oid(name), "type": "sticky", "x": 10, "y": 20, "w": 160, "h": 160,
                 "text": "Moeder", "color": "yellow"}, **kw)


def rect(name, **kw):
    return dict({"id": oid(name), "type": "rect", "x": 0, "y": 0, "w": 100, "h": 50,
                 "color": "black", "fill": "none", "width": 2}, **kw)


def text(name, **kw):
    return dict({"id": oid(name), "type": "text", "x": 0, "y": 0, "w": 200, "h": 40,
                 "text": "Gezin", "color": "black", "size": 24}, **kw)


def line(name, typ="line", **kw):
    return dict({"id": oid(name), "type": typ, "x": 100, "y": 100, "points": [0, 0, 50, 25],
                 "color": "blue", "width": 3}, **kw)


def stroke(name, n=4, **kw):
    return dict({"id": oid(name), "type": "stroke", "x": 5, "y": 5,
                 "points": [i % 7 for i in range(n)], "color": "red", "width": 4,
                 "tool": "pen"}, **kw)


def connector(name, frm, to, **kw):
    return dict({"id": oid(name), "type": "connector", "x": 0, "y": 0, "from": oid(frm),
                 "to": oid(to), "style": "strong"}, **kw)


def image(name, **kw):
    return dict({"id": oid(name), "type": "image", "x": 0, "y": 0, "w": 320, "h": 240,
                 "image_id": "img_" + "A1b2C3d4E5f6G7h8I9j0K_"}, **kw)


F = full  # expected objects in events and finals are full objects

# 1. Every type, created with its defaults filled in (R32).
s1 = sticky("sticky0001")
case("R32: a sticky is created; rotation, z and deleted get their defaults",
     [ok(ANN, {"put": [F(s1)]}, put=[s1])], [F(s1)])
t1 = text("text00001")
case("R32: a text is created with its size", [ok(ANN, {"put": [F(t1)]}, put=[t1])], [F(t1)])
r1 = rect("rect00001", fill="white")
case("R32: a rect is created; fill may be an ink", [ok(ANN, {"put": [F(r1)]}, put=[r1])], [F(r1)])
e1 = dict(rect("ellipse01"), type="ellipse")
case("R32: an ellipse is created; fill may be none", [ok(BOB, {"put": [F(e1)]}, put=[e1])], [F(e1)])
l1 = line("line00001")
case("R32: a line is created with exactly 4 points", [ok(ANN, {"put": [F(l1)]}, put=[l1])], [F(l1)])
a1 = line("arrow0001", typ="arrow", points=[-10.5, 0, 0, 40.25])
case("R32: an arrow is created; points may have fractions and be negative",
     [ok(ANN, {"put": [F(a1)]}, put=[a1])], [F(a1)])
k1 = stroke("stroke001", n=12, tool="highlighter", color="orange")
case("R32: a stroke is created (highlighter, 12 points)", [ok(ANN, {"put": [F(k1)]}, put=[k1])], [F(k1)])
cs1, cs2 = sticky("sticky0001"), sticky("sticky0002", x=400)
c1 = connector("connect01", "sticky0001", "sticky0002", style="strained")
case("R32: a connector joins two stickies; label defaults to \"\"",
     [ok(ANN, {"put": [F(cs1), F(cs2)]}, put=[cs1, cs2]),
      ok(BOB, {"put": [F(c1)]}, put=[c1])], [F(c1), F(cs1), F(cs2)])
i1 = image("image0001")
case("R32: an image is created (its image_id is checked for shape only)",
     [ok(ANN, {"put": [F(i1)]}, put=[i1])], [F(i1)])
x1 = sticky("sticky0001", rotation=-45.5, z=12, deleted=False, text="", color="pink")
case("R32: rotation, z and deleted: false given at creation are kept; text may be empty",
     [ok(ANN, {"put": [F(x1)]}, put=[x1])], [F(x1)])
cl1 = connector("connect01", "sticky0002", "sticky0001", label="ruzie", style="unclear")
case("R32: a connector may be put in the same command as its ends, listed before them",
     [ok(FAC, {"put": [F(cl1), F(cs1), F(cs2)]}, put=[cl1, cs1, cs2])], [F(cl1), F(cs1), F(cs2)])
mix = [sticky("all000001"), text("all000002"), rect("all000003"), dict(rect("all000004"), type="ellipse"),
       line("all000005"), line("all000006", typ="arrow"), stroke("all000007"),
       connector("all000008", "all000001", "all000003", style="weak"), image("all000009")]
case("R32: one command puts one object of every type; the event lists them in command order",
     [ok(BOB, {"put": [F(o) for o in mix]}, put=mix)], sorted([F(o) for o in mix], key=lambda o: o["id"]))

# 2. Range edges: just in is accepted, just out is invalid_field (R32, R33).
EDGES = [
    # (property, maker, ok values, bad values)
    ("x", sticky, [-50000, 50000, 0.5], [-50000.5, 50001, "10"]),
    ("y", rect, [-50000, 50000], [-50001, 50000.01, None]),
    ("rotation", sticky, [-360, 360], [-360.5, 361]),
    ("z", rect, [-1000000000, 1000000000], [-1000000001, 1000000000.5]),
    ("w", sticky, [1, 10000], [0.99, 10000.5]),
    ("h", image, [1, 10000], [0, 10001]),
    ("width", rect, [1, 64], [0.5, 65]),
    ("size", text, [8, 200], [7.9, 201]),
    ("text", sticky, ["a" * 1000, "😀" * 1000, "   "], ["a" * 1001, "😀" * 1001, 5]),
    ("label", lambda n, **kw: connector(n, "end0000001", "end0000002", **kw), ["x" * 200], ["x" * 201, None]),
    ("points", line, [[-50000, 50000, 0, 0]], [[-50000.5, 0, 0, 0], [0, 0, 0, 50001], [0, 0, 1, 1, 2, 2], [0, 0, 1], [0, 0, "1", 1]]),
    ("points", stroke, [[0, 0, 1, 1], [i % 5 for i in range(2000)]], [[0, 0], [0, 0, 1, 1, 2], [i % 5 for i in range(2002)], []]),
    ("color", sticky, STICKY_COLOURS, ["black", "Yellow", ""]),
    ("color", rect, INK, ["yellow", "pink", "none"]),
    ("fill", rect, ["none", "white"], ["yellow", None]),
    ("style", lambda n, **kw: connector(n, "end0000001", "end0000002", **kw), ["strong", "weak", "strained", "unclear"], ["broken", "Strong"]),
    ("tool", stroke, ["pen", "highlighter"], ["eraser", ""]),
    ("image_id", image, ["img_" + "x" * 22], ["img_" + "x" * 21, "img_" + "x" * 23, "pic_" + "x" * 22, "img_" + "x" * 21 + "."]),
]
def describe(v):
    """A value, short enough for a case name."""
    if isinstance(v, str) and len(v) > 8:
        return f'{len(v)} x "{v[0]}"' if len(set(v)) == 1 else json.dumps(v, ensure_ascii=False)
    if isinstance(v, list) and len(v) > 4:
        return f"{len(v)} numbers"
    return json.dumps(v, ensure_ascii=False)


for prop, make, goods, bads in EDGES:
    typ = make("probe0000")["type"]
    steps, finals = [], []
    if typ == "connector":
        ends = [sticky("end0000001"), sticky("end0000002")]
        steps.append(ok(FAC, {"put": [F(o) for o in ends]}, put=ends))
        finals += [F(o) for o in ends]
    for n, v in enumerate(goods):
        o = make(f"good{prop}{n:04d}", **{prop: v})
        steps.append(ok(ANN, {"put": [F(o)]}, put=[o]))
        finals.append(F(o))
    for n, v in enumerate(bads):
        o = make(f"bad{prop}{n:04d}", **{prop: v})
        steps.append(bad(ANN, "invalid_field", put=[o]))
    # A set is checked like a put.
    first = make(f"good{prop}0000", **{prop: goods[0]})
    for v in bads:
        steps.append(bad(BOB, "invalid_field", set=[{"id": first["id"], prop: v}]))
    desc = ", ".join(describe(v) for v in goods)
    case(f"R32/R33: {typ} {prop}: in range ({desc}) is accepted; just out of range, or the wrong type, is invalid_field, in put and in set",
         steps, sorted(finals, key=lambda o: o["id"]))

# 3. Shape: unknown types and properties, type in a set, ids, entry counts (R32, R33).
case("R33: an unknown object type is invalid_field",
     [bad(ANN, "invalid_field", put=[dict(sticky("shape0001"), type="circle")]),
      bad(ANN, "invalid_field", put=[dict(sticky("shape0001"), type="Sticky")])], [])
case("R33: an unknown property, or one of another type, in a put is invalid_field",
     [bad(ANN, "invalid_field", put=[sticky("shape0001", font="Comic")]),
      bad(ANN, "invalid_field", put=[sticky("shape0001", size=20)]),
      bad(ANN, "invalid_field", put=[rect("shape0002", text="x")]),
      bad(ANN, "invalid_field", put=[rect("shape0003", points=[0, 0, 1, 1])]),
      bad(ANN, "invalid_field", put=[line("shape0004", tool="pen")])], [])
case("R33: a put without a required property (no default) is invalid_field",
     [bad(ANN, "invalid_field", put=[{k: v for k, v in sticky("shape0001").items() if k != "color"}]),
      bad(ANN, "invalid_field", put=[{k: v for k, v in sticky("shape0001").items() if k != "text"}]),
      bad(ANN, "invalid_field", put=[{k: v for k, v in stroke("shape0002").items() if k != "tool"}]),
      bad(ANN, "invalid_field", put=[{k: v for k, v in rect("shape0003").items() if k != "x"}])], [])
s = sticky("shape0001")
case("R33: an unknown property, one of another type, or type in a set is invalid_field and changes nothing",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      bad(BOB, "invalid_field", set=[{"id": s["id"], "font": "Comic"}]),
      bad(BOB, "invalid_field", set=[{"id": s["id"], "x": 1, "size": 20}]),
      bad(BOB, "invalid_field", set=[{"id": s["id"], "type": "sticky"}]),
      bad(BOB, "invalid_field", set=[{"id": s["id"], "type": "text", "x": 99}]),
      bad(BOB, "invalid_field", set=[{"id": s["id"]}])], [F(s)])
case("R33: deleted: true in a put or a set is invalid_field (deleting is delete)",
     [bad(ANN, "invalid_field", put=[sticky("shape0001", deleted=True)]),
      ok(ANN, {"put": [F(s)]}, put=[s]),
      bad(ANN, "invalid_field", set=[{"id": s["id"], "deleted": True}])], [F(s)])
case("R32: object ids are o: + 8-60 of [A-Za-z0-9_-]; others are invalid_field",
     [bad(ANN, "invalid_field", put=[dict(sticky("x"), id="o:1234567")]),
      bad(ANN, "invalid_field", put=[dict(sticky("x"), id="o:" + "a" * 61)]),
      bad(ANN, "invalid_field", put=[dict(sticky("x"), id="sticky0001")]),
      bad(ANN, "invalid_field", put=[dict(sticky("x"), id="o:sticky.0001")]),
      ok(ANN, {"put": [F(dict(sticky("x"), id="o:12345678"))]}, put=[dict(sticky("x"), id="o:12345678")]),
      ok(ANN, {"put": [F(dict(sticky("x"), id="o:" + "a_-Z9" * 12))]}, put=[dict(sticky("x"), id="o:" + "a_-Z9" * 12)])],
     [F(dict(sticky("x"), id="o:12345678")), F(dict(sticky("x"), id="o:" + "a_-Z9" * 12))])
a, b = sticky("twice0001"), sticky("twice0002")
case("R33: an id twice in one command (put and put, put and set, set and delete) is invalid_field",
     [bad(ANN, "invalid_field", put=[a, dict(a, x=99)]),
      bad(ANN, "invalid_field", put=[a], set=[{"id": a["id"], "x": 5}]),
      ok(ANN, {"put": [F(a), F(b)]}, put=[a, b]),
      bad(ANN, "invalid_field", set=[{"id": a["id"], "x": 5}, {"id": a["id"], "y": 5}]),
      bad(ANN, "invalid_field", set=[{"id": a["id"], "x": 5}], delete=[a["id"]]),
      bad(ANN, "invalid_field", delete=[b["id"], b["id"]])], [F(a), F(b)])
many = [sticky(f"many{i:06d}", x=i) for i in range(201)]
case("R33: a command with no entry, or with more than 200, is invalid_field; 200 is accepted",
     [bad(ANN, "invalid_field"),
      bad(ANN, "invalid_field", put=[], set=[], delete=[]),
      bad(ANN, "invalid_field", put=many),
      bad(ANN, "invalid_field", put=many[:100], delete=[o["id"] for o in many[100:201]]),
      ok(ANN, {"put": [F(o) for o in many[:200]]}, put=many[:200]),
      bad(ANN, "invalid_field", set=[{"id": o["id"], "y": 1} for o in many[:200]], delete=[many[200]["id"]])],
     None)

# 4. Last writer wins, per property (R33).
s = sticky("shared001")
case("R33: ann moves and bob recolours the same sticky: both changes are kept",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(ANN, {"set": [{"id": s["id"], "x": 300, "y": 200}]}, set=[{"id": s["id"], "x": 300, "y": 200}]),
      ok(BOB, {"set": [{"id": s["id"], "color": "blue"}]}, set=[{"id": s["id"], "color": "blue"}])],
     [F(dict(s, x=300, y=200, color="blue"))])
case("R33: ann and bob set the same property: the later in the server's order wins",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(ANN, {"set": [{"id": s["id"], "x": 10.5, "text": "Vader"}]}, set=[{"id": s["id"], "x": 10.5, "text": "Vader"}]),
      ok(BOB, {"set": [{"id": s["id"], "x": 20}]}, set=[{"id": s["id"], "x": 20, "text": "Vader"}])],
     [F(dict(s, x=20, text="Vader"))])
case("R33: the later writer wins even when it sets a property back (bob undoes his colour after ann moved)",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(BOB, {"set": [{"id": s["id"], "color": "pink"}]}, set=[{"id": s["id"], "color": "pink"}]),
      ok(ANN, {"set": [{"id": s["id"], "x": 40}]}, set=[{"id": s["id"], "x": 40}]),
      ok(BOB, {"set": [{"id": s["id"], "color": "yellow"}]}, set=[{"id": s["id"], "color": "yellow"}])],
     [F(dict(s, x=40))])
case("R33: properties equal to the current value are dropped; nothing left is ack",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ack(BOB, set=[{"id": s["id"], "x": 10, "color": "yellow"}]),
      ack(BOB, set=[{"id": s["id"], "x": 10.0, "rotation": 0, "z": 0, "deleted": False}]),
      ok(BOB, {"set": [{"id": s["id"], "y": 21}]}, set=[{"id": s["id"], "x": 10, "y": 21}])],
     [F(dict(s, y=21))])
r = rect("shared002")
case("R33: one command puts, sets and deletes; the event keeps command order and drops what changed nothing",
     [ok(ANN, {"put": [F(s), F(r)]}, put=[s, r]),
      ok(BOB, {"put": [F(t1)], "set": [{"id": r["id"], "w": 120}], "delete": [s["id"]]},
         put=[t1], set=[{"id": r["id"], "w": 120, "h": 50}], delete=[s["id"]])],
     [F(dict(s, deleted=True)), F(dict(r, w=120)), F(t1)])

# 5. Puts that exist already (R33).
s = sticky("resend001")
case("R33: a put resent by the same member is ack, even with other values; by another member it is invalid_field",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ack(ANN, put=[s]),
      ack(ANN, put=[dict(s, x=999)]),
      bad(BOB, "invalid_field", put=[s]),
      bad(FAC, "invalid_field", put=[s])], [F(s)])
s2 = sticky("resend002")
case("R33: a resent put next to a new one: only the new one is in the event",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(ANN, {"put": [F(s2)]}, put=[s, s2])], [F(s), F(s2)])
case("R33: a put resent after the object was deleted is ack; it does not restore it",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(BOB, {"delete": [s["id"]]}, delete=[s["id"]]),
      ack(ANN, put=[s])], [F(dict(s, deleted=True))])

# 6. Unknown ids and deleted objects (R33).
s = sticky("known0001")
case("R33: set or delete of an id the board does not have is not_found and changes nothing",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      bad(BOB, "not_found", set=[{"id": "o:unknown01", "x": 1}]),
      bad(BOB, "not_found", delete=["o:unknown01"]),
      bad(BOB, "not_found", set=[{"id": s["id"], "x": 99}], delete=["o:unknown01"]),
      bad(BOB, "not_found", set=[{"id": "o:unknown01", "x": 1}, {"id": s["id"], "x": 99}])], [F(s)])
case("R33: delete marks an object deleted and keeps its properties; a second delete is ack",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(BOB, {"delete": [s["id"]]}, delete=[s["id"]]),
      ack(ANN, delete=[s["id"]])], [F(dict(s, deleted=True))])
case("R33: a set on a deleted object is ignored (ack, nothing changes)",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(ANN, {"delete": [s["id"]]}, delete=[s["id"]]),
      ack(BOB, set=[{"id": s["id"], "x": 500, "color": "blue"}])], [F(dict(s, deleted=True))])
s2 = sticky("known0002")
case("R33: a set on a deleted object is dropped while the rest of the command takes effect",
     [ok(ANN, {"put": [F(s), F(s2)]}, put=[s, s2]),
      ok(ANN, {"delete": [s["id"]]}, delete=[s["id"]]),
      ok(BOB, {"set": [{"id": s2["id"], "x": 1}]}, set=[{"id": s["id"], "x": 500}, {"id": s2["id"], "x": 1}])],
     [F(dict(s, deleted=True)), F(dict(s2, x=1))])
case("R33: deleted: false restores; the event lists the restored object in full under put",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      ok(ANN, {"delete": [s["id"]]}, delete=[s["id"]]),
      ok(ANN, {"put": [F(s)]}, set=[{"id": s["id"], "deleted": False}]),
      ack(BOB, set=[{"id": s["id"], "deleted": False}])], [F(s)])
case("R33: a restore may change other properties at once; they are in the full object",
     [ok(ANN, {"put": [F(s), F(s2)]}, put=[s, s2]),
      ok(BOB, {"delete": [s["id"]]}, delete=[s["id"]]),
      ok(ANN, {"put": [F(dict(s, x=77, text="Opa"))], "set": [{"id": s2["id"], "x": 3}]},
         set=[{"id": s2["id"], "x": 3}, {"id": s["id"], "deleted": False, "x": 77, "text": "Opa"}])],
     [F(dict(s, x=77, text="Opa")), F(dict(s2, x=3))])

# 7. Connectors (R32, R33).
e1, e2, e3 = sticky("end0000001"), rect("end0000002"), sticky("end0000003")
base = ok(ANN, {"put": [F(e1), F(e2), F(e3)]}, put=[e1, e2, e3])
c = connector("conn00001", "end0000001", "end0000002")
case("R33: a connector end that is not on the board is not_found",
     [base, bad(BOB, "not_found", put=[connector("conn00001", "end0000001", "nothere01")]),
      bad(BOB, "not_found", put=[connector("conn00001", "nothere01", "end0000002")])],
     [F(e1), F(e2), F(e3)])
case("R33: a connector end that is deleted is not_found",
     [base, ok(ANN, {"delete": [e3["id"]]}, delete=[e3["id"]]),
      bad(BOB, "not_found", put=[connector("conn00001", "end0000001", "end0000003")])],
     [F(e1), F(e2), F(dict(e3, deleted=True))])
case("R33: a connector cannot end at a connector, nor at itself (not_found); from equal to to is invalid_field",
     [base, ok(BOB, {"put": [F(c)]}, put=[c]),
      bad(BOB, "not_found", put=[connector("conn00002", "end0000001", "conn00001")]),
      bad(BOB, "not_found", put=[connector("conn00002", "conn00002", "end0000001")]),
      bad(BOB, "invalid_field", put=[connector("conn00002", "end0000001", "end0000001")])],
     [F(c), F(e1), F(e2), F(e3)])
case("R33: setting a connector end is checked like a put",
     [base, ok(BOB, {"put": [F(c)]}, put=[c]),
      bad(ANN, "not_found", set=[{"id": c["id"], "to": "o:nothere01"}]),
      bad(ANN, "invalid_field", set=[{"id": c["id"], "to": "o:end0000001"}]),
      ok(ANN, {"set": [{"id": c["id"], "to": "o:end0000003", "label": "steun"}]},
         set=[{"id": c["id"], "from": "o:end0000001", "to": "o:end0000003", "label": "steun"}])],
     [F(dict(c, to="o:end0000003", label="steun")), F(e1), F(e2), F(e3)])
case("R33: deleting an end keeps the connector (clients do not draw it), and it can still be changed",
     [base, ok(BOB, {"put": [F(c)]}, put=[c]),
      ok(ANN, {"delete": [e2["id"]]}, delete=[e2["id"]]),
      ok(ANN, {"set": [{"id": c["id"], "style": "weak"}]}, set=[{"id": c["id"], "style": "weak"}])],
     [F(dict(c, style="weak")), F(e1), F(dict(e2, deleted=True)), F(e3)])
case("R33: a connector and its end deleted in one command; the end is restored later",
     [base, ok(BOB, {"put": [F(c)]}, put=[c]),
      ok(ANN, {"delete": [e1["id"], c["id"]]}, delete=[e1["id"], c["id"]]),
      ok(ANN, {"put": [F(e1)]}, set=[{"id": e1["id"], "deleted": False}])],
     [F(dict(c, deleted=True)), F(e1), F(e2), F(e3)])

# 8. Lock (R34, R36).
s = sticky("locked001")
case("R34/R36: on a locked board a participant's change is board_locked; the facilitator's is allowed",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      lock(FAC, True, "changed"),
      bad(ANN, "board_locked", set=[{"id": s["id"], "x": 1}]),
      bad(BOB, "board_locked", put=[sticky("locked002")]),
      ok(FAC, {"set": [{"id": s["id"], "x": 2}]}, set=[{"id": s["id"], "x": 2}])],
     [F(dict(s, x=2))])
case("R36: a participant may not lock or unlock (forbidden); locking twice is ack; after unlocking everyone may change",
     [lock(ANN, True, "error", "forbidden"),
      ok(ANN, {"put": [F(s)]}, put=[s]),
      lock(FAC, True, "changed"),
      lock(FAC, True, "ack"),
      lock(BOB, False, "error", "forbidden"),
      bad(BOB, "board_locked", delete=[s["id"]]),
      lock(FAC, False, "changed"),
      lock(FAC, False, "ack"),
      ok(BOB, {"delete": [s["id"]]}, delete=[s["id"]])],
     [F(dict(s, deleted=True))])
case("R34: board_locked is answered before the entries are looked at",
     [lock(FAC, True, "changed"),
      bad(ANN, "board_locked", set=[{"id": "o:unknown01", "x": 1}])], [])

# 9. Clear (R36).
s, s2 = sticky("clear0001"), sticky("clear0002")
case("R36: clear removes every object for good: its ids become unknown (not_found)",
     [ok(ANN, {"put": [F(s), F(s2)]}, put=[s, s2]),
      ok(ANN, {"delete": [s2["id"]]}, delete=[s2["id"]]),
      clear(FAC, "changed"),
      bad(ANN, "not_found", set=[{"id": s["id"], "x": 1}]),
      bad(ANN, "not_found", set=[{"id": s2["id"], "deleted": False}]),
      bad(BOB, "not_found", delete=[s["id"]])], [])
case("R36: a participant may not clear a shared board (forbidden); clearing an empty board is ack",
     [clear(FAC, "ack"),
      ok(ANN, {"put": [F(s)]}, put=[s]),
      clear(ANN, "error", "forbidden"),
      clear(FAC, "changed"),
      clear(FAC, "ack")], [])
case("R36: clear works on a locked board and the board stays locked",
     [ok(ANN, {"put": [F(s)]}, put=[s]),
      lock(FAC, True, "changed"),
      clear(FAC, "changed"),
      bad(ANN, "board_locked", put=[s2]),
      lock(FAC, False, "changed"),
      ok(ANN, {"put": [F(s2)]}, put=[s2])], [F(s2)])

# 10. Limits (R33).
objs = [line(f"limit{i:05d}", x=i % 100, y=i // 100) for i in range(501)]
case("R33: 500 objects per board (200 + 200 + 100 puts); one more is limit_reached; a deleted one still counts",
     [ok(ANN, {"put": [F(o) for o in objs[0:200]]}, put=objs[0:200]),
      ok(BOB, {"put": [F(o) for o in objs[200:400]]}, put=objs[200:400]),
      ok(ANN, {"put": [F(o) for o in objs[400:500]]}, put=objs[400:500]),
      bad(FAC, "limit_reached", put=[objs[500]]),
      ok(ANN, {"delete": [objs[0]["id"]]}, delete=[objs[0]["id"]]),
      bad(BOB, "limit_reached", put=[objs[500]]),
      ok(BOB, {"set": [{"id": objs[1]["id"], "color": "red"}]}, set=[{"id": objs[1]["id"], "color": "red"}])],
     None)
case("R33/R36: after a clear the object count starts again from 0",
     [ok(ANN, {"put": [F(o) for o in objs[0:200]]}, put=objs[0:200]),
      ok(ANN, {"put": [F(o) for o in objs[200:400]]}, put=objs[200:400]),
      ok(ANN, {"put": [F(o) for o in objs[400:500]]}, put=objs[400:500]),
      bad(ANN, "limit_reached", put=[objs[500]]),
      clear(FAC, "changed"),
      ok(ANN, {"put": [F(objs[500])]}, put=[objs[500]])], [F(objs[500])])
big = [stroke(f"points{i:04d}", n=2000) for i in range(10)]
more = stroke("points0010", n=4)
case("R33: 20000 points numbers per board in all (10 strokes of 2000); 4 more is limit_reached, deleted strokes count",
     [ok(ANN, {"put": [F(o) for o in big[:5]]}, put=big[:5]),
      ok(BOB, {"put": [F(o) for o in big[5:]]}, put=big[5:]),
      bad(ANN, "limit_reached", put=[more]),
      ok(ANN, {"delete": [big[0]["id"]]}, delete=[big[0]["id"]]),
      bad(ANN, "limit_reached", put=[line("points0011")]),
      ok(ANN, {"set": [{"id": big[1]["id"], "points": [0, 0, 9, 9]}]}, set=[{"id": big[1]["id"], "points": [0, 0, 9, 9]}]),
      ok(ANN, {"put": [F(more)]}, put=[more])], None)
lm = [line(f"linepts{i:03d}", points=[0, 0, 1, 1]) for i in range(5)]
case("R33: a set that grows a stroke's points past 20000 in all is limit_reached",
     [ok(ANN, {"put": [F(o) for o in big[:9]]}, put=big[:9]),
      ok(ANN, {"put": [F(stroke("points0009", n=1996))]}, put=[stroke("points0009", n=1996)]),
      ok(BOB, {"put": [F(lm[0])]}, put=[lm[0]]),
      bad(BOB, "limit_reached", set=[{"id": "o:points0009", "points": [1] * 2000}]),
      ok(BOB, {"set": [{"id": "o:points0009", "points": [1] * 1996}]}, set=[{"id": "o:points0009", "points": [1] * 1996}])],
     None)

# 11. A refused command changes nothing (R18).
s, s2 = sticky("atomic001"), sticky("atomic002")
case("R18: a command with one bad entry among good ones changes nothing",
     [bad(ANN, "invalid_field", put=[s, s2, rect("atomic003", width=65)]),
      ok(ANN, {"put": [F(s)]}, put=[s]),
      bad(ANN, "invalid_field", put=[s2], set=[{"id": s["id"], "x": 50, "size": 12}]),
      bad(BOB, "not_found", put=[s2], set=[{"id": s["id"], "x": 50}], delete=["o:unknown01"]),
      bad(BOB, "limit_reached", put=[s2, stroke("atomic004", n=2000)] + [stroke(f"atomic1{i:03d}", n=2000) for i in range(10)],
          set=[{"id": s["id"], "x": 50}])], [F(s)])


# --- run every case through the model and write board.json -------------------------------------
def num_equal(a, b):
    """Numbers compare numerically (the format's rule), everything else exactly."""
    if is_number(a) and is_number(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(num_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(num_equal(a[k], b[k]) for k in a)
    return type(a) == type(b) and a == b


for c in CASES:
    board = Board()
    for i, st in enumerate(c["steps"]):
        where = f'{c["name"]}, step {i}'
        try:
            if "change" in st:
                got = board.change(st["actor"], st["change"])
            elif "lock" in st:
                got = board.lock(st["actor"], st["lock"])
            else:
                got = board.clear(st["actor"])
            got_expect = {"result": got[0]}
            if got[1] is not None:
                got_expect["event"] = got[1]
        except Refused as e:
            got_expect = {"result": "error", "code": str(e)}
        assert num_equal(got_expect, st["expect"]), (where, got_expect, st["expect"])
    if c["final"] is None:
        c["final"] = board.final()
    assert num_equal(c["final"], board.final()), (c["name"], board.final())

names = [c["name"] for c in CASES]
assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
for c in CASES:
    for st in c["steps"]:
        for o in st.get("change", {}).get("put", []):
            assert isinstance(o.get("id"), str)


def one_line(v):
    """One JSON value on one line; lists of numbers without spaces, to keep the file small."""
    return re.sub(r"(?<=\d), (?=-?\d)", ",", json.dumps(v, ensure_ascii=False))


def dump(doc):
    """Indented down to each step and each final object; those are one line each."""
    out = ["{", '  "description": ' + json.dumps(doc["description"], ensure_ascii=False) + ",",
           '  "cases": [']
    for ci, c in enumerate(doc["cases"]):
        out.append("    {")
        out.append('      "name": ' + json.dumps(c["name"], ensure_ascii=False) + ",")
        out.append('      "steps": [')
        out += ["        " + one_line(s) + ("," if i + 1 < len(c["steps"]) else "")
                for i, s in enumerate(c["steps"])]
        out.append("      ],")
        if c["final"]:
            out.append('      "final": [')
            out += ["        " + one_line(o) + ("," if i + 1 < len(c["final"]) else "")
                    for i, o in enumerate(c["final"])]
            out.append("      ]")
        else:
            out.append('      "final": []')
        out.append("    }" + ("," if ci + 1 < len(doc["cases"]) else ""))
    out += ["  ]", "}"]
    return "\n".join(out) + "\n"


DESCRIPTION = ("Board merge and rule vectors (protocol/README.md R32-R34, R36). Every case starts from a fresh "
               "meeting with fac (facilitator), ann and bob (participants) and one empty added shared board "
               "b:vectors01, not locked. Format: vectors/README.md. Generated by generate_board.py.")
doc = {"description": DESCRIPTION, "cases": CASES}
text_out = dump(doc)
assert json.loads(text_out) == json.loads(json.dumps(doc))
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "board.json"), "w", encoding="utf-8") as f:
    f.write(text_out)
print(len(CASES), "cases,", sum(len(c["steps"]) for c in CASES), "steps")
