#!/usr/bin/env python3
"""Writes visibility.json next to this file from the scenarios below. The expectations are computed
by the small reference model in this file, which follows protocol/README.md R16, R18, R20, R21 and
section 4; every scenario's outcome was also checked by hand. Edit this script and run it again
rather than editing visibility.json by hand. The format is described in README.md."""
import json, os

class Refused(Exception):
    pass

class Model:
    def __init__(self, steps, members):
        self.steps = steps
        self.roles = {m["member_id"]: m["role"] for m in members}
        self.step = 0
        self.notes = {}        # note_id -> {note_id, author_id, step_index, text}
        self.done = {}         # (member, step) -> bool
        self.revealed = set()

    def _write_step_open(self):
        if self.steps[self.step] != "private_write":
            raise Refused("wrong_step")
        if self.step in self.revealed:
            raise Refused("already_revealed")

    def apply(self, c):
        """Returns (result, events): result 'changed' or 'unchanged'; raises Refused(code)."""
        op, by = c["op"], c["by"]
        everyone = list(self.roles)
        if op == "set_step":
            if self.roles[by] != "facilitator":
                raise Refused("forbidden")
            if c["step_index"] == self.step:
                return "unchanged", None
            self.step = c["step_index"]
            return "changed", {m: "step_changed" for m in everyone}
        if op == "reveal":
            if self.roles[by] != "facilitator":
                raise Refused("forbidden")
            self._write_step_open()
            self.revealed.add(self.step)
            return "changed", {m: "revealed" for m in everyone}
        if op == "set_done":
            self._write_step_open()
            key = (by, self.step)
            if self.done.get(key, False) == c["done"]:
                return "unchanged", None
            self.done[key] = c["done"]
            return "changed", {m: "note_progress" for m in everyone}
        if op in ("note_save", "note_delete"):
            self._write_step_open()
            note = self.notes.get(c["note_id"])
            # Someone else's note, or one's own note of another step, is "not yours to change"
            # (section 6): not_found, as if it did not exist.
            if note is not None and (note["author_id"] != by or note["step_index"] != self.step):
                raise Refused("not_found")
            if op == "note_delete" and note is None:
                raise Refused("not_found")
            if op == "note_delete":
                del self.notes[c["note_id"]]
                kind = "note_deleted"
            else:
                if note is not None and note["text"] == c["text"]:
                    return "unchanged", None
                if note is None and sum(1 for n in self.notes.values()
                                        if n["author_id"] == by and n["step_index"] == self.step) >= 50:
                    raise Refused("limit_reached")
                self.notes[c["note_id"]] = {"note_id": c["note_id"], "author_id": by,
                                            "step_index": self.step, "text": c["text"]}
                kind = "note_saved"
            return "changed", {m: (kind if m == by else "note_progress") for m in everyone}
        raise ValueError(op)

    def visible(self, member):
        return sorted((dict(n) for n in self.notes.values()
                       if n["author_id"] == member or n["step_index"] in self.revealed),
                      key=lambda n: n["note_id"])

    def progress(self):
        rows = []
        for m in self.roles:
            for s in range(len(self.steps)):
                count = sum(1 for n in self.notes.values() if n["author_id"] == m and n["step_index"] == s)
                done = self.done.get((m, s), False)
                if count or done:
                    rows.append({"member_id": m, "step_index": s, "note_count": count, "done": done})
        return rows

def vector(name, description, steps, members, changes):
    model = Model(steps, members)
    out = []
    for c in changes:
        c = dict(c)
        if c["op"] != "set_step":
            c = {"op": c["op"], "by": c["by"], "step_index": model.step,
                 **{k: v for k, v in c.items() if k not in ("op", "by")}}
        try:
            result, events = model.apply(c)
            c["result"] = result
            if events:
                c["events"] = events
        except Refused as e:
            c["result"] = "error"
            c["error"] = str(e)
        out.append(c)
    return {
        "name": name, "description": description, "steps": steps,
        "members": members, "changes": out,
        "expect": {
            "step_index": model.step,
            "revealed_steps": sorted(model.revealed),
            "visible_notes": {m["member_id"]: model.visible(m["member_id"]) for m in members},
            "progress": model.progress(),
        },
    }

FAC = {"member_id": "mem_fac", "role": "facilitator"}
ANNE = {"member_id": "mem_anne", "role": "participant"}
SEM = {"member_id": "mem_sem", "role": "participant"}
FATIMA = {"member_id": "mem_fatima", "role": "participant"}
FAC2 = {"member_id": "mem_fac_tablet", "role": "facilitator"}
F, A, S, T, F2 = "mem_fac", "mem_anne", "mem_sem", "mem_fatima", "mem_fac_tablet"
STEPS = ["info", "private_write", "info", "private_write", "info", "private_write"]
N = lambda s: "note:" + s.ljust(16, "0")
def save(by, note, text): return {"op": "note_save", "by": by, "note_id": N(note), "text": text}
def delete(by, note): return {"op": "note_delete", "by": by, "note_id": N(note)}
def done(by, d=True): return {"op": "set_done", "by": by, "done": d}
def reveal(by=F): return {"op": "reveal", "by": by}
def step(i, by=F): return {"op": "set_step", "by": by, "step_index": i}

V = []
base = [step(1),
        save(A, "anneA", "Wie heeft de regie over het plan van aanpak?"),
        save(A, "anneB", "Wat wil Daan zelf?"),
        save(S, "semA", "Hoe voelde jij je na dat gesprek met de mentor? 😟"),
        save(F, "facA", "Welke afspraken zijn er al gemaakt met school?")]
V.append(vector("private before the reveal",
    "Each member sees only their own notes; the others, the facilitator included, see only counts (R20).",
    STEPS, [FAC, ANNE, SEM, FATIMA], base))
V.append(vector("reveal shows every note to everyone",
    "After reveal every member sees all notes of the step, with their authors (R21).",
    STEPS, [FAC, ANNE, SEM, FATIMA], base + [done(S), reveal()]))
V.append(vector("edit and delete before the reveal",
    "Editing changes the text; saving the same text again changes nothing (ack, R13); a deleted note is never revealed.",
    STEPS, [FAC, ANNE, SEM], [
        step(1),
        save(A, "anneA", "Eerste versie van mijn vraag"),
        save(A, "anneA", "Wie heeft volgens jou de regie?"),
        save(A, "anneA", "Wie heeft volgens jou de regie?"),
        save(A, "anneB", "Deze vraag trek ik in"),
        save(S, "semA", "Wat gebeurde er daarna?"),
        delete(A, "anneB"),
        reveal()]))
V.append(vector("refused commands change nothing",
    "Role, step and ownership checks (R18, section 6); the other members' notes stay hidden and unchanged.",
    STEPS, [FAC, ANNE, SEM], [
        save(A, "anneA", "In een info-stap mag dit niet"),
        done(A),
        reveal(),
        step(1, by=A),
        step(1),
        reveal(by=S),
        save(A, "anneA", "Wie is er nog meer betrokken?"),
        save(S, "anneA", "Ik probeer Annes notitie te overschrijven"),
        delete(S, "anneA"),
        delete(A, "doesNotExist"),
        reveal(),
        reveal(),
        save(A, "anneA", "Te laat: al onthuld"),
        save(A, "anneC", "Ook te laat"),
        delete(A, "anneA"),
        done(A)]))
V.append(vector("done toggles",
    "set_done is seen by everyone as note_progress; setting the same value again changes nothing.",
    STEPS, [FAC, ANNE, SEM], [
        step(1),
        save(A, "anneA", "Welke rol speelt de huisarts?"),
        done(A), done(A), done(A, False),
        done(S),
        done(F), done(F, False)]))
V.append(vector("two write steps",
    "Revealing one step reveals nothing of another; notes belong to the step they were first saved in; "
    "a revealed step stays read-only when it is current again; a note of another step cannot be edited.",
    STEPS, [FAC, ANNE, SEM], [
        step(1),
        save(A, "anneA", "Vraag in stap 1"),
        save(S, "semA", "Nog een vraag in stap 1"),
        reveal(),
        step(3),
        save(A, "anneW", "Waarneming: je klinkt moe als je over school praat."),
        save(S, "semW", "Ik hoor veel 'moeten' — wat wíl je zelf?"),
        done(A),
        step(1),
        save(A, "anneA", "Gewijzigd na de onthulling"),
        save(A, "anneX", "Nieuwe notitie na de onthulling"),
        step(5),
        save(A, "anneW", "Stap 3 bewerken vanuit stap 5"),
        delete(S, "semW"),
        save(S, "semZ", "Notitie in stap 5")]))
V.append(vector("back to an unrevealed write step",
    "A write step that was left without a reveal accepts edits again when it is current again.",
    STEPS, [FAC, ANNE], [
        step(1),
        save(A, "anneA", "Eerste gedachte"),
        step(2),
        save(A, "anneA", "In een info-stap kan ik niet bewerken"),
        step(1),
        save(A, "anneA", "Tweede gedachte"),
        step(1)]))
V.append(vector("facilitators are not special readers",
    "A facilitator joined from two devices is two facilitator members; neither sees the other's notes or "
    "a participant's before the reveal.",
    STEPS, [FAC, FAC2, ANNE], [
        step(1),
        save(F, "facA", "Notitie van de begeleider op de laptop"),
        save(F2, "facB", "Notitie van de begeleider op de tablet"),
        save(A, "anneA", "Mijn eigen vraag"),
        done(F2)]))
V.append(vector("reveal of an empty step",
    "A write step can be revealed without notes.",
    STEPS, [FAC, ANNE], [step(3), reveal()]))
V.append(vector("limit of 50 notes per member per step",
    "The 51st note of a member in a step is refused; another member and another step are not affected.",
    STEPS, [FAC, ANNE, SEM],
    [step(1)] + [save(A, f"anne{i:02d}", f"Vraag {i}") for i in range(1, 51)]
    + [save(A, "anne51", "Vraag 51"), save(S, "semA", "Vraag van Sem"), step(3),
       save(A, "anneNext", "Nieuwe stap, nieuwe ruimte")]))

names = [v["name"] for v in V]
assert len(names) == len(set(names))
doc = {"format": 1, "description": "Note visibility vectors (R20, R21). Format: README.md in this folder.", "vectors": V}
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "visibility.json"), "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(V), "vectors,", sum(len(v["changes"]) for v in V), "changes")


# ================================================================================================
# visibility_kinds.json: the step kinds of section 4.2 (R23, R24, R29, R30). A second file, so the
# runners of visibility.json (private_write and info steps only) stay as they are. The model below
# follows README section 4.2 and the server's check order; see README.md in this folder.

SHARED = {"check_in", "recall", "discussion", "reflection", "check_out", "question_round"}
POLICY = dict({k: "shared" for k in SHARED}, info="none", react="none", present="own",
              case_choice="until_reveal", private_write="until_reveal", takeaways="until_reveal",
              evaluation="facilitator")

class KindsModel:
    def __init__(self, steps, members):
        self.steps = steps                    # [{"kind", "reveal"?, "presenter_listens"?}]
        self.roles = {m["member_id"]: m["role"] for m in members}
        self.step = 0
        self.notes = {}                       # note_id -> {note_id, author_id, step_index, text, title?, label?}
        self.done = {}
        self.revealed = set()                 # to everyone
        self.presenter_revealed = set()       # to the presenter (R24)
        self.presenter = None
        self.consent = None                   # None, "pending", "given"
        self.scores = {}                      # (step, member) -> score

    def kind(self, i=None):
        return self.steps[self.step if i is None else i]["kind"]

    def facilitators(self):
        return [m for m, r in self.roles.items() if r == "facilitator"]

    def facilitator_only(self, by):
        if self.roles[by] != "facilitator":
            raise Refused("forbidden")

    def closed(self, i):
        return i in self.revealed or i in self.presenter_revealed

    def check_note_step(self, by):
        st = self.steps[self.step]
        if POLICY[st["kind"]] == "none" or st["kind"] == "question_round":
            raise Refused("wrong_step")
        if self.closed(self.step):
            raise Refused("already_revealed")
        if st.get("presenter_listens") and by == self.presenter:
            raise Refused("forbidden")
        if st["kind"] == "present" and by == self.presenter:
            raise Refused("forbidden")

    def note_audience(self, step, author):
        """Who receives the full form of a note change; None: everyone."""
        p = POLICY[self.kind(step)]
        if p == "shared":
            return None
        who = [author]
        if p == "facilitator":
            who += [f for f in self.facilitators() if f != author]
        return who

    def apply(self, c):
        op, by = c["op"], c["by"]
        everyone = list(self.roles)
        def to_all(t): return {m: t for m in everyone}
        if op == "set_step":
            self.facilitator_only(by)
            if c["step_index"] == self.step:
                return "unchanged", None
            self.step = c["step_index"]
            return "changed", to_all("step_changed")
        if op == "appoint_presenter":
            self.facilitator_only(by)
            if c["member_id"] is not None and c["member_id"] not in self.roles:
                raise Refused("not_found")
            if c["member_id"] == self.presenter:
                return "unchanged", None
            self.presenter = c["member_id"]
            self.consent = "pending" if self.presenter else None
            return "changed", to_all("presenter_appointed")
        if op == "consent":
            if by != self.presenter:
                raise Refused("forbidden")
            if self.consent == "given" and c["accept"]:
                return "unchanged", None
            if c["accept"]:
                self.consent = "given"
            else:
                self.presenter, self.consent = None, None
            return "changed", to_all("presenter_consent")
        if op == "hand_facilitation":
            self.facilitator_only(by)
            if c["member_id"] not in self.roles:
                raise Refused("not_found")
            if c["member_id"] == by:
                return "unchanged", None
            self.roles[by], self.roles[c["member_id"]] = "participant", "facilitator"
            return "changed", to_all("roles_changed")
        if op == "reveal":
            self.facilitator_only(by)
            st = self.steps[self.step]
            if POLICY[st["kind"]] != "until_reveal":
                raise Refused("wrong_step")
            if self.step in self.revealed:
                raise Refused("already_revealed")
            if (st.get("reveal") == "presenter_first" and self.presenter is not None
                    and self.step not in self.presenter_revealed):
                self.presenter_revealed.add(self.step)
                return "changed", to_all("revealed"), [self.presenter]
            self.revealed.add(self.step)
            return "changed", to_all("revealed"), everyone
        if op == "rate":
            if self.kind() != "evaluation":
                raise Refused("wrong_step")
            if self.scores.get((self.step, by)) == c["score"]:
                return "unchanged", None
            self.scores[(self.step, by)] = c["score"]
            full = [by] + [f for f in self.facilitators() if f != by]
            return "changed", {m: ("rated" if m in full else "note_progress") for m in everyone}
        if op == "set_done":
            self.check_note_step(by)
            key = (by, self.step)
            if self.done.get(key, False) == c["done"]:
                return "unchanged", None
            self.done[key] = c["done"]
            return "changed", to_all("note_progress")
        if op in ("note_save", "note_delete"):
            self.check_note_step(by)
            if op == "note_save":
                if "title" in c and self.kind() != "case_choice":
                    raise Refused("invalid_field")
                if "label" in c and self.kind() != "evaluation":
                    raise Refused("invalid_field")
            note = self.notes.get(c["note_id"])
            if note is not None and (note["author_id"] != by or note["step_index"] != self.step):
                raise Refused("not_found")
            if op == "note_delete":
                if note is None:
                    raise Refused("not_found")
                del self.notes[c["note_id"]]
                kind = "note_deleted"
            else:
                new = {"note_id": c["note_id"], "author_id": by, "step_index": self.step, "text": c["text"]}
                for k in ("title", "label"):
                    if k in c:
                        new[k] = c[k]
                if note is not None and note == new:
                    return "unchanged", None
                self.notes[c["note_id"]] = new
                kind = "note_saved"
            full = self.note_audience(self.step, by)
            return "changed", {m: (kind if full is None or m in full else "note_progress") for m in everyone}
        raise ValueError(op)

    def may_see(self, n, member):
        if n["author_id"] == member:
            return True
        p = POLICY[self.kind(n["step_index"])]
        if p == "shared":
            return True
        if p == "until_reveal":
            return n["step_index"] in self.revealed or (
                n["step_index"] in self.presenter_revealed and member == self.presenter)
        if p == "facilitator":
            return self.roles[member] == "facilitator"
        return False

    def visible(self, member):
        return sorted((dict(n) for n in self.notes.values() if self.may_see(n, member)),
                      key=lambda n: n["note_id"])

    def ratings(self, member):
        return [{"member_id": m, "step_index": s, "score": v} for (s, m), v in sorted(self.scores.items())
                if self.roles[member] == "facilitator" or m == member]

    def progress(self):
        return Model.progress(self)

def kinds_vector(name, description, steps, members, changes):
    steps = [s if isinstance(s, dict) else {"kind": s} for s in steps]
    model = KindsModel(steps, members)
    out = []
    for c in changes:
        c = dict(c)
        if c["op"] != "set_step":
            c = {"op": c["op"], "by": c["by"], "step_index": model.step,
                 **{k: v for k, v in c.items() if k not in ("op", "by")}}
        try:
            result = model.apply(c)
            c["result"] = result[0]
            if result[1]:
                c["events"] = result[1]
            if len(result) > 2:
                c["with_notes"] = result[2]
        except Refused as e:
            c["result"] = "error"
            c["error"] = str(e)
        out.append(c)
    return {
        "name": name, "description": description, "steps": steps,
        "members": members, "changes": out,
        "expect": {
            "step_index": model.step,
            "revealed_steps": sorted(model.revealed),
            "presenter_revealed_steps": sorted(model.presenter_revealed),
            "presenter_id": model.presenter,
            "roles": dict(model.roles),
            "visible_notes": {m["member_id"]: model.visible(m["member_id"]) for m in members},
            "ratings": {m["member_id"]: model.ratings(m["member_id"]) for m in members},
            "progress": model.progress(),
        },
    }

def appoint(member, by=F): return {"op": "appoint_presenter", "by": by, "member_id": member}
def consent(by, accept=True): return {"op": "consent", "by": by, "accept": accept}
def rate(by, score): return {"op": "rate", "by": by, "score": score}
def hand(to, by=F): return {"op": "hand_facilitation", "by": by, "member_id": to}
def save_as(by, note, text, **extra): return dict(save(by, note, text), **extra)

ADVICE = [{"kind": "info"}, {"kind": "private_write", "reveal": "presenter_first"}]
K = []
first = [appoint(T), consent(T), step(1),
         save(A, "anneA", "Misschien eerst met Daan alleen praten?"),
         save(S, "semA", "Vraag de mentor om een gezamenlijk plan."),
         save(T, "fatimaA", "Mijn eigen gedachte"),
         done(S),
         reveal()]
K.append(kinds_vector("presenter first: the first reveal shows the notes to the presenter only",
    "R24: the presenter receives revealed with the notes, everyone else revealed without them; the notes are read-only "
    "from then on; the facilitator is no special reader.",
    ADVICE, [FAC, ANNE, SEM, FATIMA], first + [
        save(A, "anneA", "Te laat om te bewerken"),
        save(A, "anneB", "Ook te laat"),
        delete(S, "semA"),
        done(A)]))
K.append(kinds_vector("presenter first: the second reveal shows the notes to everyone",
    "R24: a second reveal goes to everyone, with the notes; a third is already_revealed.",
    ADVICE, [FAC, ANNE, SEM, FATIMA], first + [reveal(), reveal()]))
K.append(kinds_vector("presenter first without a presenter reveals to everyone at once",
    "R24: without a presenter the first reveal goes to everyone; a presenter who declined is no presenter.",
    ADVICE, [FAC, ANNE, SEM, FATIMA], [
        appoint(T), consent(T, False), step(1),
        save(A, "anneA", "Advies van Anne"),
        save(T, "fatimaA", "Advies van Fatima"),
        reveal(), reveal()]))
K.append(kinds_vector("presenter first while the presenter's consent is pending",
    "R24, R26: an appointed presenter who has not consented yet still receives the first reveal.",
    ADVICE, [FAC, ANNE, FATIMA], [
        appoint(T), step(1),
        save(A, "anneA", "Advies van Anne"),
        reveal()]))
K.append(kinds_vector("presenter first with a presenter who listens",
    "The presenter may not write in a presenter_listens step (forbidden), and still receives the notes first.",
    [{"kind": "info"}, {"kind": "private_write", "reveal": "presenter_first", "presenter_listens": True}],
    [FAC, ANNE, SEM, FATIMA], [
        appoint(T), consent(T), step(1),
        save(T, "fatimaA", "De inbrenger luistert"),
        done(T),
        save(A, "anneA", "Advies van Anne"),
        reveal()]))
EVAL = ["info", "evaluation"]
K.append(kinds_vector("evaluation notes: the author and the facilitators only",
    "R23, R29: an evaluation note goes to its author and every facilitator member (note_saved); everyone else "
    "hears note_progress. Ratings likewise: rated for the member and the facilitators. A title is for proposals only.",
    EVAL, [FAC, FAC2, ANNE, SEM], [
        save_as(A, "anneTop", "Fijn dat iedereen aan de beurt kwam.", label="top"),
        rate(A, 3),
        step(1),
        save_as(A, "anneTop", "Fijn dat iedereen aan de beurt kwam.", label="top"),
        save_as(S, "semTip", "Meer tijd voor de adviezen.", label="tip"),
        save_as(S, "semTip", "Meer tijd voor de adviezen, graag.", label="tip"),
        save(F, "facNote", "Rustig tempo vandaag."),
        save_as(A, "anneT", "Met een titel", title="Titel"),
        save(S, "semGone", "Toch niet"),
        delete(S, "semGone"),
        rate(A, 4), rate(A, 4), rate(S, 5), rate(F2, 3),
        done(S),
        reveal()]))
K.append(kinds_vector("evaluation notes follow the facilitator role when it is handed over",
    "R30: after hand_facilitation the new facilitator sees every evaluation note and rating, the old one only their own; "
    "the old one may no longer change the step.",
    EVAL, [FAC, ANNE, SEM], [
        step(1),
        save_as(A, "anneTop", "Goede sfeer.", label="top"),
        save(F, "facNote", "Notitie van de begeleider."),
        rate(S, 2),
        hand(A),
        save_as(S, "semTip", "Minder lang.", label="tip"),
        rate(S, 4),
        step(0),
        step(0, by=A)]))
K.append(kinds_vector("shared steps: everyone sees a note as soon as it is saved",
    "R23: check-in, recall, discussion, reflection and check-out notes go to everyone at once (note_saved); there "
    "is nothing to reveal; only the author edits and deletes; done is heard as note_progress.",
    ["check_in", "recall", "discussion", "reflection", "check_out"], [FAC, ANNE, SEM], [
        save(A, "anneIn", "Moe maar blij."),
        save(S, "semIn", "Zin in!"),
        save(S, "anneIn", "Sem probeert Annes notitie te overschrijven"),
        delete(S, "anneIn"),
        reveal(),
        done(A),
        step(1),
        save(A, "anneRecall", "Het gesprek met school is gelukt."),
        step(2),
        save(F, "facDisc", "Wie herkent dit?"),
        save(A, "anneDisc", "Ik, bij mijn zoon."),
        save(A, "anneDisc", "Ik, bij mijn zoon, vorig jaar."),
        step(3),
        save(S, "semRefl", "Ik luister beter dan ik dacht."),
        delete(S, "semRefl"),
        step(4),
        save(S, "semOut", "Rustig."),
        step(0),
        save(A, "anneIn", "Bewerkt toen de stap weer aan de beurt was")]))
K.append(kinds_vector("present: jottings are seen by their author only, always",
    "R23: in a present step everyone but the presenter jots notes only they ever see; the presenter may not write; "
    "there is nothing to reveal.",
    ["info", "present"], [FAC, ANNE, SEM, FATIMA], [
        appoint(T), consent(T), step(1),
        save(A, "anneJot", "Vraag naar de rol van de mentor."),
        save(F, "facJot", "Let op de tijd."),
        save(T, "fatimaJot", "De inbrenger vertelt"),
        done(A),
        reveal()]))
K.append(kinds_vector("a shared step the presenter only listens to",
    "The roddel step: a discussion with presenter_listens; the presenter may not write but sees every note at once.",
    ["info", {"kind": "discussion", "presenter_listens": True}], [FAC, ANNE, SEM, FATIMA], [
        appoint(T), step(1),
        save(T, "fatimaR", "Ik mag hier niet schrijven"),
        save(A, "anneR", "Ik denk dat ze het al lang laat lopen."),
        save(S, "semR", "Misschien is ze bang voor de reactie.")]))
K.append(kinds_vector("case proposals are private until the reveal, then everyone's",
    "R23, R26: proposals carry a title and are the author's until the reveal; a title in another step is invalid_field.",
    ["info", "case_choice", "private_write"], [FAC, ANNE, SEM], [
        save_as(A, "anneP", "In een info-stap", title="Titel"),
        step(2),
        save_as(A, "anneW", "Een titel hoort hier niet", title="Titel"),
        step(1),
        save_as(A, "anneP", "Hoe houd ik de regie bij als school en ouders iets anders willen?", title="Daan en school"),
        save_as(S, "semP", "Hoe spreek ik een collega aan?", title="Een collega"),
        save_as(S, "semP", "Hoe spreek ik een collega aan die steeds later komt?", title="Een collega"),
        save(F, "facP", "Een voorstel zonder titel"),
        reveal()]))
K.append(kinds_vector("info and react steps take no notes",
    "R23: note_save, set_done and reveal are wrong_step where nothing is written.",
    ["info", "react"], [FAC, ANNE], [
        save(A, "anneA", "Niets te schrijven"),
        step(1),
        save(A, "anneA", "Hier ook niet"),
        done(A),
        reveal()]))

names = [v["name"] for v in K]
assert len(names) == len(set(names))
doc = {"format": 1,
       "description": "Note visibility vectors for the step kinds (R23, R24, R29, R30). Format: README.md in this folder.",
       "vectors": K}
with open(os.path.join(here, "visibility_kinds.json"), "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(K), "kinds vectors,", sum(len(v["changes"]) for v in K), "changes")
