"""Grouping sentences into encounters: meetings, visits, calls, signings, messages.

Reading order is the agency's: the lead sentence reports the main encounter;
later sentences either add to it (the sides discussed..., X also attended),
report another encounter (a different counterpart, a signing, a call), or
recall a background event with its own date ("his state visit last year").
A visit that frames several meetings becomes its own event (its participants
are the visitors) and the meetings point to it through ``parent``; a visit
that is one meeting with the same people stays one meeting (gold convention).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.extract.analysis import Sent
from dragoman.extract.specials import TO_WORDS, VisitsAndSpecials
from dragoman.extract.when import DateHit

PLAN_REACH = 6  # tokens between a plan cue and its trigger
DATE_REACH = 40  # tokens between a date and the trigger it dates
EXCLUDE_WINDOW = 8  # tokens after "greetings of"/"نقل تحيات" whose people are not present


@dataclass
class Frame:
    """An event under construction."""

    key: str
    type: str
    sents: list[int]
    persons: list[int]
    status: str = "occurred"
    date: DateHit | None = None
    date_sent: int | None = None
    place: tuple[str | None, str, int] | None = None  # (name, iso, sentence)
    hosts: list[int] = field(default_factory=list)
    visitors: list[int] = field(default_factory=list)
    parent: str | None = None
    background: bool = False
    is_visit_frame: bool = False
    anaphoric: bool = False  # people taken from the current encounter, not named


class EventBuilder(VisitsAndSpecials):
    """Walks the sentences of one document and emits frames."""

    def __init__(self, sents: list[Sent], anchor: str | None, toks, arabic: bool, country_of: dict[int, str],
                 role_of: dict[int, str] | None = None):
        self.sents, self.anchor, self.toks, self.arabic = sents, anchor, toks, arabic
        self.country_of = country_of
        self.role_of = role_of or {}
        self.group: list[Frame] = []  # encounters split from one sentence ('met A and B separately')
        self.frames: list[Frame] = []
        self.cur: Frame | None = None
        self.visit: Frame | None = None
        self.leader: list[int] = []
        self.members: list[int] = []
        self.deleg_country: str | None = None
        self.pending: tuple[str, Sent] | None = None  # an encounter named before its people
        self._by_anaphora = False
        self._frame_cls = Frame

    def run(self) -> list[Frame]:
        for st in self.sents:
            if st.has("tail_markers") and st.cues["tail_markers"][0] == st.ts:
                break  # "Read also" / "اقرأ أيضاً": the article has ended
            self._delegation(st)
            self._sentence(st)
        self._settle_visits()
        return self.frames

    # ---------------------------------------------------------------- reading
    def _new(self, type_: str, st: Sent, persons: list[int]) -> Frame:
        f = Frame(key=f"e{len(self.frames) + 1}", type=type_, sents=[st.idx], persons=list(persons))
        self.frames.append(f)
        return f

    def _with_visitors(self, f: Frame) -> None:
        """'During the visit, talks were held with X': the visitor is at the table too."""
        v = self.visit
        if v is not None and v.status == "occurred" and f.type in ("meeting", "agreement") and not set(f.persons) & set(v.visitors):
            f.persons += [c for c in v.visitors if c not in f.persons]

    def _delegation(self, st: Sent) -> None:
        """'A delegation led by X' makes X (and listed members) stand for 'the delegation'."""
        for pos in st.cues.get("delegation_lead", []):
            after = [c for c, t in st.persons if t > pos]
            if after and not self.leader:
                self.leader = [after[0]]
                words = st.cues.get("delegation_words", [])
                first = min(words) if words else st.ts
                inside = [iso for iso, t in st.countries if first <= t < pos]
                before = [iso for iso, t in st.countries if t < first]
                self.deleg_country = (inside or before[-1:] or [None])[0]
        if st.has("delegation_members") and st.has("delegation_words") and self.leader:
            self.members += [c for c in st.cluster_ids() if c not in self.leader and c not in self.members]
            v = self.visit
            if v is not None and v.status == "occurred" and set(self.leader) & set(v.visitors):
                new = [c for c in self.members if c not in v.persons]
                v.persons += new  # 'The delegation is led by X. It includes A and B': the visitors
                v.visitors += [c for c in new if c not in v.visitors]

    def _persons(self, st: Sent) -> list[int]:
        """People present in the sentence's encounter (greetings-of mentions excluded)."""
        spans = [(e, self._clause_end(e, st)) for e in st.cues.get("exclude_context", [])]
        ps: list[int] = []
        for c, t in st.persons:
            if any(e < t < end for e, end in spans):
                continue
            if c not in ps:
                ps.append(c)
        ps = [c for c in ps if self.role_of.get(c) not in REPORTER_ROLES]  # 'the spokesman said that ...': a source, not a party
        if st.has("delegation_words") and self.leader:
            for c in self.leader + self.members:
                if c not in ps:
                    ps.append(c)
        return ps

    def _clause_end(self, t: int, st: Sent) -> int:
        """End of the clause opened at token t (next comma, or EXCLUDE_WINDOW words in Latin script)."""
        limit = min(st.te, t + (30 if self.arabic else EXCLUDE_WINDOW))
        for j in range(t + 1, limit):
            if self.toks.raw[j] in (",", "،", ";", "؛"):
                return j
        return limit

    def _sentence(self, st: Sent) -> None:
        """Route one sentence: a special construction, a reference back, or an encounter."""
        if st.quoted or (st.has("delegation_members") and st.has("delegation_words") and not st.strong_types() - {"visit"}):
            return
        persons, planned = self._people_and_plan(st)
        if self._special(st, persons):
            return
        strong = self._strong(st, planned)
        if st.has("participation") and self.cur and not strong - {"visit"}:
            self._attend(st, persons)
            return
        if persons and self.pending is not None and (not strong or strong <= {self.pending[0]}):
            self._from_pending(st, persons)
            return
        if not persons and "message" in strong and st.has("reply") and self._replies(st, []):
            return
        if not strong or not persons:
            self._anaphoric(st, strong)
            return
        type_ = self._type_of(strong, st, planned)
        if type_ == "message" and st.has("reply") and self._replies(st, persons):
            return
        background = self._is_background(st, type_) and not planned
        if background or planned:
            self._aside(st, type_, persons, background)
        elif type_ == "visit":
            self._visit(st, persons)
        else:
            self._encounter(st, type_, persons)

    def _people_and_plan(self, st: Sent) -> tuple[list[int], bool]:
        """The sentence's people ('the sides' = the current encounter's) and whether it plans."""
        persons = self._persons(st)
        self._by_anaphora = False
        if not persons and st.has("anaphora") and self.cur is not None:
            persons = [c for c in self.cur.persons if c not in self.members] if not self.cur.is_visit_frame else []
            self._by_anaphora = bool(persons)
        planned = self._is_planned(st)
        if planned and self._by_anaphora and not self._day_date(st):
            planned, persons = False, []
        return persons, planned

    def _special(self, st: Sent, persons: list[int]) -> bool:
        """A letter handed over in a meeting; an invitation to an event abroad."""
        if st.has("letter_from") and len(persons) >= 3 and "meeting" in st.any_types() and self._letter_meeting(st, persons):
            return True
        if not st.strong_types() and persons and st.has("invite") and (st.places or st.has("participation")):
            self._invited_visit(st, persons)
            return True
        return False

    def _attend(self, st: Sent, persons: list[int]) -> None:
        """'The meeting was attended by X': X joins the current meeting (all of them when it was split)."""
        target = self.cur
        if target.type == "agreement":
            target = next((f for f in reversed(self.frames) if f.type == "meeting" and not f.background and f.status == "occurred"), target)
        if target in self.group:
            for g in self.group:
                self._add(g, st, [c for c in persons if c not in g.persons and not any(c in x.visitors for x in self.group)])
            return
        self._add(target, st, persons)

    def _aside(self, st: Sent, type_: str, persons: list[int], background: bool) -> None:
        """A planned or a background encounter: its own event, never the current one."""
        if not background:
            same = next((f for f in self.frames if f.status == "planned" and f.type == type_ and set(persons) <= set(f.persons)), None)
            if same is not None:
                self._add(same, st, [])
                return
        f = self._new(type_, st, persons)
        f.background, f.status = background, "occurred" if background else "planned"
        self._roles(f, st, invite=not background)
        self._place(f, st)
        self._date(f, st)
        if f.status == "planned":
            f.date = self._forward(f.date)

    def _encounter(self, st: Sent, type_: str, persons: list[int]) -> None:
        """The same people again extend the current encounter; new people make a new one."""
        cur = self.cur
        if cur is not None and cur in self.group and type_ == cur.type:
            own = next((g for g in self.group if set(persons) <= set(g.persons)), None)
            if own is not None and not self._new_date(st, own):
                self._add(own, st, [])
                self.cur = own
                return
        persons = self._with_actor(st, type_, persons)
        same = cur is not None and not (cur.is_visit_frame and type_ != "visit")
        if same and set(persons) <= set(cur.persons) and not self._new_date(st, cur):
            if type_ == "agreement" and cur.type != "agreement":
                self._agreement_child(st, persons)
                self.frames[-1].anaphoric = self._by_anaphora
            else:
                self._add(cur, st, [])
                if "visit" in st.any_types() and self.visit is None and cur.type == "meeting":
                    self._container(st, cur)
            return
        f = self._new(type_, st, persons)
        self._with_visitors(f)
        self._roles(f, st)
        self._place(f, st)
        self._date(f, st)
        if f.date is None and cur is not None and cur.date is not None and cur.date_sent is not None and not cur.is_visit_frame:
            f.date, f.date_sent = _single(cur.date), cur.date_sent  # narrated next: the same day
        if type_ != "phone_call" and "visit" in st.any_types() and self.visit is None:
            self._container(st, f)
        if self.visit is not None and type_ != "phone_call" and f.parent is None:
            f.parent = self.visit.key
        self.cur = self._split(f, st)

    def _with_actor(self, st: Sent, type_: str, persons: list[int]) -> list[int]:
        """'His Highness also met with X': one new person met by the report's current actor."""
        cur = self.cur
        if (type_ != "meeting" or len(persons) != 1 or cur is None or cur.is_visit_frame or cur.background or self.visit is not None
                or cur.status != "occurred" or persons[0] in cur.persons or cur.type not in ("meeting", "agreement")
                or st.has("host_verbs") and not st.has("guest_markers") and st.cues["host_verbs"][0] > next(t for _, t in st.persons)):
            return persons
        base = self.group[0] if cur in self.group else cur
        actor = base.hosts[0] if base.hosts else base.persons[0]
        if actor == persons[0] or self.role_of.get(persons[0]) in ENVOY_ROLES and self.role_of.get(actor) in ENVOY_ROLES:
            return persons
        return [actor] + persons

    def _split(self, f: Frame, st: Sent) -> Frame:
        """'X met A and B separately', 'received the credentials of the ambassadors of A, B and C': one encounter per guest."""
        if not st.has("separately") or f.type != "meeting" or len(f.persons) < 3 or f.status != "occurred":
            return f
        host = f.hosts[0] if f.hosts else f.persons[0]
        others = [c for c in f.persons if c != host]
        envoys = [c for c in others if self.role_of.get(c) in ENVOY_ROLES]
        guests = envoys if len(envoys) >= 2 else others
        if len(guests) < 2:
            return f
        extra = [c for c in others if c not in guests]
        had_host = bool(f.hosts)
        group = [f]
        f.persons = [host, guests[0]] + extra
        for g in guests[1:]:
            n = self._new(f.type, st, [host, g] + extra)
            n.status, n.date, n.date_sent, n.place, n.parent = f.status, f.date, f.date_sent, f.place, f.parent
            group.append(n)
        for n, g in zip(group, guests):
            if had_host:
                n.hosts, n.visitors = [host], [g]
        self.group = group
        return group[-1]

    def _strong(self, st: Sent, planned: bool) -> set[str]:
        types = st.any_types() if planned or st.has("past_background") else st.strong_types()
        if "agreement" in types and not self._signed(st):
            types = types - {"agreement"}
        return types

    def _signed(self, st: Sent) -> bool:
        """A finite signing verb ('signed', 'وقع'), not a participle ('..., signed in 2021')."""
        for t, p, _, _ in st.triggers:
            nm, alt = self.toks.norm[p], self.toks.alt[p]
            if t == "agreement" and (nm in SIGN_WORDS or alt in SIGN_WORDS or nm in ("تم", "جري")):
                prev = self.toks.norm[p - 1] if p > st.ts else ""
                if self.arabic or (prev not in (",", "،", "be", "to") and prev not in AGREEMENT_NOUNS):
                    return True
        return False

    def _forward(self, d: DateHit | None) -> DateHit | None:
        """A planned encounter 'in October' lies ahead of the anchor, not behind it."""
        if d is None or not d.value or not self.anchor or d.value[:7] >= self.anchor[:7] or len(d.value) < 7:
            return d
        if any(ch.isdigit() for ch in d.text) and len([c for c in d.text if c.isdigit()]) >= 4:
            return d
        y = int(d.value[:4]) + 1
        return DateHit(d.start, d.end, d.text, f"{y}{d.value[4:]}", None, d.granularity, d.kind, d.relative)

    def _day_date(self, st: Sent) -> bool:
        """A date of month or day precision (a plan 'for 2026' is too vague to be an encounter)."""
        d = self._first_date(st)
        return d is not None and len(d.value) >= 7

    def _is_planned(self, st: Sent) -> bool:
        """A plan cue next to a trigger ('will visit', 'the next round', 'agreed to meet', 'invited ... to visit')."""
        trig = [p for _, p, _, _ in st.triggers]
        near = any(abs(c - p) <= PLAN_REACH for c in st.cues.get("planned", []) for p in trig)
        if st.has("not_planned") and not near:
            return False
        return near or (st.has("invite") and "visit" in st.any_types() and not st.has("not_planned"))

    def _type_of(self, strong: set[str], st: Sent, planned: bool) -> str:
        if "phone_call" in strong:
            return "phone_call"
        if "agreement" in strong:
            return "agreement"
        if planned and "visit" in strong and ("meeting" not in strong or st.has("invite")):
            return "visit"
        if planned and "meeting" in strong:
            return "meeting"
        if "message" in strong and "meeting" not in strong:
            return "message"
        if "meeting" in strong:
            return "meeting"
        if "message" in strong:
            return "message"
        return "visit"

    def _is_background(self, st: Sent, type_: str | None = None) -> bool:
        if st.has("past_background"):
            return True
        d = self._first_date(st, type_)
        if self.anchor and d is not None and d.value:
            v = d.value
            return v[:4] < self.anchor[:4] or (len(v) >= 7 and v[:7] < self.anchor[:7] and self.cur is not None)
        return False

    def _first_date(self, st: Sent, type_: str | None = None) -> DateHit | None:
        """The sentence's date closest to a strong trigger (a far one belongs to another clause)."""
        trig = [p for t, p, strong, _ in st.triggers if strong and (type_ is None or t == type_)]
        trig = trig or [p for _, p, strong, _ in st.triggers if strong] or [p for _, p, _, _ in st.triggers]
        best, dist = None, 10**9
        for d in st.dates:
            if not d.value or (d.kind == "range" and d.granularity == "year"):
                continue
            tok = self.toks.index_at(d.start)
            gap = min((abs(tok - p) for p in trig), default=0)
            if gap < dist:
                best, dist = d, gap
        return best if dist <= DATE_REACH else None

    def _new_date(self, st: Sent, cur: Frame) -> bool:
        """A day date in the sentence that is not the current encounter's day."""
        d = self._first_date(st)
        if d is None or cur.date is None or cur.type == "visit" or not d.value:
            return False
        return len(d.value) >= 10 and d.value != cur.date.value

    # ---------------------------------------------------------------- visits
    def _agreement_child(self, st: Sent, persons: list[int]) -> None:
        base = self.cur
        f = self._new("agreement", st, persons or (base.persons if base else []))
        if base is not None:
            f.date, f.date_sent, f.place = base.date, base.date_sent, base.place
            f.parent = base.parent if base.type != "visit" else base.key
            f.hosts = [c for c in base.hosts if c in f.persons]
            f.visitors = [c for c in base.visitors if c in f.persons]
        self._date(f, st, keep=True)

    def _anaphoric(self, st: Sent, strong: set[str]) -> None:
        """Sentences that refer back to the current encounter ('During the meeting...')."""
        cur = self.cur
        if strong and not st.persons and (cur is None or self._new_date(st, cur)) and not self._is_background(st):
            type_ = self._type_of(strong, st, False)
            if type_ in ("meeting", "phone_call", "visit"):
                self.pending = (type_, st)
                return
        if cur is None or self._is_background(st):
            return
        if "agreement" in strong:
            people = [c for c in cur.persons if c not in self.members] if cur.type != "visit" else cur.persons
            self._agreement_child(st, people)
            self.frames[-1].anaphoric = True
            return
        if st.triggers and st.idx not in cur.sents:
            cur.sents.append(st.idx)

    def _add(self, f: Frame, st: Sent, persons: list[int]) -> None:
        if st.idx not in f.sents:
            f.sents.append(st.idx)
        for c in persons:
            if c not in f.persons:
                f.persons.append(c)
        d = self._first_date(st, f.type) if f.date is None else None
        if d is not None and len(d.value) >= 10:
            f.date, f.date_sent = d, st.idx

    def _roles(self, f: Frame, st: Sent, invite: bool = False) -> None:
        hv = st.cues.get("host_verbs", []) + (st.cues.get("invite", []) if invite else [])
        gm = st.cues.get("guest_markers", [])
        if gm:
            f.hosts = [c for c, t in st.persons if t > gm[0] and c in f.persons][:1]
        elif hv:
            pos = min(hv)
            passive = not self.arabic and pos > st.ts and self.toks.norm[pos - 1] in ("was", "were", "been", "being", "is", "are")
            after = self.arabic or passive
            side = [c for c, t in st.persons if (t > pos if after else t < pos) and c in f.persons]
            f.hosts = side[:1]
        if f.hosts:
            f.visitors = [c for c in f.persons if c not in f.hosts]
        if invite and f.type == "visit" and f.hosts:
            f.persons = f.visitors + f.hosts

    def _place(self, f: Frame, st: Sent) -> None:
        if st.places:
            name, iso, _ = st.places[0]
            f.place = (name, iso, st.idx)
            return
        for iso, tok in st.countries:
            if self._after_visit(tok, st) or (tok > 0 and self.toks.norm[tok - 1] in TO_WORDS and f.type == "visit"):
                f.place = (None, iso, st.idx)
                return

    def _after_visit(self, tok: int, st: Sent) -> bool:
        """A country right after 'visit to (the Kingdom of)' / 'زيارة ... لمملكة'."""
        for t, p, _, end in st.triggers:
            if t == "visit" and 0 <= tok - end <= 3:
                if all(n in VISIT_GLUE for n in self.toks.norm[end:tok]):
                    return True
        return False

    def _date(self, f: Frame, st: Sent, keep: bool = False) -> None:
        if keep and f.date is not None and not any(d.value for d in st.dates):
            return
        if st.visit_day is not None and self.visit is not None and self.visit.date is not None:
            f.date, f.date_sent = _visit_day(self.visit.date, st.visit_day), st.idx
            return
        d = self._first_date(st, f.type)
        if d is not None:
            f.date, f.date_sent = d, st.idx
            return
        for d in st.dates:
            if d.kind == "same_day" and self.cur is not None and self.cur.date is not None:
                f.date, f.date_sent = _single(self.cur.date), self.cur.date_sent
                return


def _single(d: DateHit) -> DateHit:
    return DateHit(d.start, d.end, d.text, d.value, None, d.granularity, d.kind, d.relative)


def _visit_day(d: DateHit, offset: int) -> DateHit:
    """The n-th (or last, -1) day of a visit's date range."""
    import datetime as dt

    if offset < 0 and d.end_value:
        return DateHit(d.start, d.end, d.text, d.end_value, None, "day", "range", d.relative)
    try:
        day = dt.date.fromisoformat(d.value) + dt.timedelta(days=max(offset, 0))
        value = day.isoformat()
    except (TypeError, ValueError):
        value = d.value
    return DateHit(d.start, d.end, d.text, value, None, d.granularity, d.kind, d.relative)


REPORTER_ROLES = frozenset({"spokesperson"})
ENVOY_ROLES = frozenset({"ambassador", "charge_daffaires", "envoy", "consul", "consul_general"})
SIGN_WORDS = frozenset({"signed", "sign", "signs", "وقع", "وقعت", "يوقع", "يوقعان", "وقعا", "وقعتا", "وقعها", "وقعاها",
                        "подписали", "подписал", "подписан", "подписано", "imzalanıb", "imzalayıb", "imzaladılar"})
AGREEMENT_NOUNS = frozenset({"memorandum", "memoranda", "agreement", "agreements", "protocol", "document", "documents", "declaration",
                             "accord", "treaty", "mou", "plan", "roadmap", "understanding", "convention", "program", "programme"})
VISIT_GLUE = frozenset({"to", "the", "kingdom", "republic", "of", "state", "sultanate", "الى", "مملكه", "جمهوريه",
                        "دوله", "لمملكه", "لجمهوريه", "official", "working", "state", "حاليا"})
