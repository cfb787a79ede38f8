"""Constructions that make or reshape several events at once.

Mixed into ``EventBuilder``: visits that frame meetings (opening, adopting,
folding a single-meeting visit), a letter handed over during a meeting, an
invitation to an event abroad, reply messages, and an encounter named before
its people ("The meeting was held on 6 November. It was co-chaired by A and B").
"""

from __future__ import annotations

from dragoman.extract.analysis import Sent
from dragoman.extract.when import DateHit

TO_WORDS = frozenset({"to", "in", "لدى", "الى", "في", "в", "во"})


class VisitsAndSpecials:
    """Methods of EventBuilder for multi-event constructions (see module doc)."""

    def _letter_meeting(self, st: Sent, persons: list[int]) -> bool:
        """'X handed Y a letter from Z (inviting Y to visit)': a meeting X-Y, a message Z->Y, maybe a planned visit."""
        pos = st.cues["letter_from"][0]
        raw = self.toks.norm[pos]
        if raw == "'s":
            before = [c for c, t in st.persons if t < pos]
            sender = before[-1] if before else None
        else:
            after = [c for c, t in st.persons if t > pos]
            sender = after[0] if after else None
        if sender is None:
            return False
        home = self.country_of.get(sender)
        others = [c for c in persons if c != sender]
        recipient = next((c for c in others if self.country_of.get(c) and self.country_of.get(c) != home), None)
        if recipient is None:
            probe = self._frame_cls("x", "meeting", [st.idx], others)
            self._roles(probe, st)
            recipient = probe.hosts[0] if probe.hosts else None
        if recipient is None:
            return False
        meeting = self._new("meeting", st, others)
        self._roles(meeting, st)
        if not meeting.hosts:
            meeting.hosts = [recipient]
            meeting.visitors = [c for c in others if c != recipient]
        self._place(meeting, st)
        self._date(meeting, st)
        self.cur = meeting
        msg = self._new("message", st, [sender, recipient])
        msg.date, msg.date_sent = meeting.date, meeting.date_sent
        if "visit" in st.any_types() and (st.has("invite") or st.has("planned")):
            if not any(f.type == "visit" and f.status == "planned" and recipient in f.persons for f in self.frames):
                v = self._new("visit", st, [recipient, sender])
                v.status, v.visitors, v.hosts = "planned", [recipient], [sender]
                for iso, tok in st.countries:
                    if self._after_visit(tok, st) or (tok > 0 and self.toks.norm[tok - 1] in TO_WORDS):
                        v.place = (None, iso, st.idx)
                d = self._first_date(st, "visit")
                v.date = self._forward(d) if d is not None and d is not meeting.date else None
        return True

    def _invited_visit(self, st: Sent, persons: list[int]) -> None:
        """'X invited Y to take part in ... in Baku': Y's planned visit, X hosts."""
        f = self._new("visit", st, persons)
        f.status = "planned"
        self._roles(f, st, invite=True)
        self._place(f, st)
        if f.place is None and st.places:
            name, iso, _ = st.places[0]
            f.place = (name, iso, st.idx)
        self._date(f, st)
        f.date = self._forward(f.date)

    def _replies(self, st: Sent, persons: list[int]) -> bool:
        """'The King sent replies': one answering message per message received."""
        earlier = [f for f in self.frames if f.type == "message" and not f.background and set(persons) <= set(f.persons)]
        if not earlier:
            return False
        for m in earlier:
            r = self._new("message", st, list(reversed(m.persons)))
            r.date, r.date_sent = m.date, m.date_sent
        return True

    def _from_pending(self, st: Sent, persons: list[int]) -> None:
        """'The meeting was held in Manama on 6 November. It was co-chaired by A and B.'"""
        type_, first = self.pending
        self.pending = None
        f = self._new(type_, first, persons)
        f.sents.append(st.idx)
        self._roles(f, st)
        self._place(f, first)
        if f.place is None:
            self._place(f, st)
        self._date(f, first)
        if f.date is None:
            self._date(f, st)
        if type_ == "visit" and self.visit is None and f.status == "occurred":
            f.is_visit_frame = True  # 'A delegation is on a visit ... It is led by X': the visit frame
            f.visitors = list(f.persons)
            self.visit = f
        elif self.visit is not None and type_ != "phone_call":
            f.parent = self.visit.key
            self._with_visitors(f)
        self.cur = f

    def _visit(self, st: Sent, persons: list[int]) -> None:
        """A visit sentence opens (or extends) the visit frame."""
        if self.visit is not None and set(persons) <= set(self.visit.persons) | set(self.leader + self.members):
            self._add(self.visit, st, [])
            return
        cur = self.cur
        f = self._new("visit", st, persons)
        f.is_visit_frame = True
        self._place(f, st)
        self._date(f, st)
        hosts = [c for c in persons if f.place and self.country_of.get(c) == f.place[1]]
        if cur is not None and cur.hosts:
            hosts += [c for c in cur.hosts if c not in hosts]
        f.persons = [c for c in persons if c not in hosts] or persons
        f.visitors = list(f.persons)
        if cur is not None and cur.parent is None and cur.type in ("meeting", "agreement") and set(f.persons) & set(cur.persons):
            cur.parent = f.key
            if cur.place is None:
                cur.place = f.place
        self.visit = f
        if cur is None:
            self.cur = f

    def _container(self, st: Sent, meeting: Frame) -> None:
        """'During his visit to X, A met B': a visit frame holding the meeting."""
        v = self._new("visit", st, [])
        v.is_visit_frame = True
        self._place(v, st)
        if v.place is None:
            v.place = meeting.place
        d = self._first_date(st, "visit")
        v.date, v.date_sent = (d, st.idx) if d is not None and d.end_value else (meeting.date, meeting.date_sent)
        iso = v.place[1] if v.place else None
        v.persons = [c for c in meeting.persons if c not in meeting.hosts and (iso is None or self.country_of.get(c) != iso)] or meeting.persons[:1]
        v.visitors = list(v.persons)
        if meeting.place is None:
            meeting.place = v.place
        meeting.parent = v.key
        self.frames.remove(v)
        self.frames.insert(self.frames.index(meeting), v)
        self.visit = v

    def _adopt(self, v: Frame) -> None:
        """Encounters of the visitors inside the visit's days and country belong to it."""
        if v.date is None or not v.date.value:
            return
        lo, hi = v.date.value[:10], (v.date.end_value or v.date.value)[:10]
        for f in self.frames:
            if f is v or f.is_visit_frame or f.parent or f.background or f.status != "occurred":
                continue
            if f.type not in ("meeting", "agreement") or not set(f.persons) & set(v.visitors):
                continue
            same_place = f.place is None or v.place is None or f.place[1] == v.place[1]
            if same_place and f.date is not None and f.date.value and lo <= f.date.value[:10] <= hi:
                f.parent = v.key

    # ---------------------------------------------------------------- details

    def _settle_visits(self) -> None:
        """Fold a visit into its only meeting when the visit adds nobody; renumber keys."""
        for v in [f for f in self.frames if f.is_visit_frame]:
            self._adopt(v)
            kids = [f for f in self.frames if f.parent == v.key]
            meetings = [k for k in kids if k.type == "meeting"]
            if len(meetings) == 1 and set(v.persons) <= set(meetings[0].persons):
                m = meetings[0]
                for k in kids:
                    k.parent = None
                    k.place = k.place or v.place
                m.place = m.place or v.place
                if m.date is None:
                    m.date, m.date_sent = v.date, v.date_sent
                m.visitors = m.visitors or list(v.persons)
                self.frames.remove(v)
                continue
            for k in kids:
                k.place = k.place or v.place
                k.visitors = k.visitors + [c for c in v.visitors if c in k.persons and c not in k.visitors and c not in k.hosts]
        named = [f for f in self.frames if f.type == "agreement" and not f.anaphoric]
        self.frames[:] = [f for f in self.frames if not (f.anaphoric and any(0 < n.sents[0] - f.sents[0] <= 2 for n in named))]
        self.frames[:] = [f for f in self.frames if len(set(f.persons)) >= 2 or f.type == "visit"]
        keys = {f.key for f in self.frames}
        for f in self.frames:
            if f.parent not in keys:
                f.parent = None
        rename = {f.key: f"e{i + 1}" for i, f in enumerate(self.frames)}
        for f in self.frames:
            f.key = rename[f.key]
            f.parent = rename.get(f.parent) if f.parent else None
