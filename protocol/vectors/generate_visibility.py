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
