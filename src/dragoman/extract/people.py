"""Finding personal names and attaching titles, honorifics and countries.

Names are found where an analyst finds them: right after an office
("Foreign Minister Jeyhun Bayramov", "وزير الخارجية عبداللطيف الزياني"), after
an honorific ("Sheikh", "الدكتور", "سعادة"), in apposition before an office
("Jeyhun Bayramov, Foreign Minister of Azerbaijan"), and - in scripts with
capitals - as capitalised runs that start with a known given name or end in a
typical surname suffix. Arabic has no capitals, so an Arabic name is the run
of tokens after the office/honorific up to a preposition, punctuation, a
trigger verb or another office word, allowing bin/بن/آل chains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dragoman.extract.gazetteer import Match
from dragoman.extract.names import nominative
from dragoman.extract.titles import TitleInfo, TitleParser
from dragoman.extract.tokens import HYPHENS, Tokens, norm_token, strip_clitic

NAME_BREAK_KINDS = ("country", "inst", "itype", "org", "head", "portfolio", "place", "demonym")
_SURNAME = re.compile(
    r"(?:ov|ova|ev|eva|yev|yeva|iyev|iyeva|li|lu|zade|zada|oglu|ogly|uly|kyzy|baev|bayev|enko|sky|ski|"
    r"skaya|vich|yan|ian|dze|shvili|ayev|ayeva|aev|aeva|ova|ani|awi|ari|oui|emi|"
    r"ов|ова|ев|ева|ёв|ин|ина|ский|ская|ли|заде|ян|дзе|швили|ович|евич|ovun|ovanın|yevin|yevanın)$"
)


# A name followed by these is in its dictionary form ('Sahibə Qafarova ilə', not dative Qafarov-a).
NOMINATIVE_NEXT = frozenset({norm_token(w) for w in ("ilə", "və")})
_FEMALE_STEMS = ("ova", "eva", "ovə", "evə")


def _vowel_stem(stem: str) -> bool:
    """Whether a suffix starting with n (genitive -nın, accusative -nı) may follow ``stem``: only after a vowel,
    and after a/ə only in female surnames (Qafarova-nın; but Ərdoğan-ın, Fidan-ın)."""
    low = stem.lower()
    if not low or low[-1] not in "aeiıouüöə":
        return False
    return low[-1] not in "aə" or low.endswith(_FEMALE_STEMS)


@dataclass
class PersonMention:
    """One written occurrence of a personal name."""

    start: int  # token index
    end: int
    text: str
    key: tuple  # normal forms of the name tokens, particles dropped
    honorifics: list[str] = field(default_factory=list)
    title: TitleInfo | None = None
    cluster: int = -1


class NameFinder:
    """Reads names, titles and honorifics from one document."""

    def __init__(self, toks: Tokens, ent: list[Match], cue_at: dict[int, Match], pack, shared):
        self.toks, self.pack, self.shared = toks, pack, shared
        self.ent_at = {m.start: m for m in ent}
        self.ent = ent
        self.cue_at = cue_at
        self.arabic = pack.script == "arabic"
        self.titles = TitleParser(toks, self.ent_at, pack, shared)
        self.in_ent = {i for m in ent for i in range(m.start, m.end)}

    # ------------------------------------------------------------- driver
    def run(self) -> tuple[list[PersonMention], list[TitleInfo]]:
        """All person mentions (with titles) and the titles without a name."""
        people: list[PersonMention] = []
        lone: list[TitleInfo] = []
        covered = 0
        for m in self.ent:
            if m.start < covered or not m.has("head") or self._name_head(m):
                continue
            info = self.titles.parse_at(m, covered)
            covered = info.end
            t0 = self._skip_comma(info.end)
            honors, t = self._honorifics(t0)
            new_person = self.arabic and (t0 > info.end or (honors and honors[0][0] == "و"))
            pm = None
            if t < len(self.toks) and not new_person:
                pm = self._read_name(t, after_marker=True, honors=honors)
                if pm is not None and self.arabic and not honors and not self._plausible_ar(pm):
                    pm = None
            if not self.arabic and t < len(self.toks) and not new_person and (pm is None or (self._continues(pm.end) and pm.key[0] not in self.pack.given_names)):
                pm = self._chain_name(t, honors) or pm
            if pm and pm.end > t:
                pm.title = info
                people.append(pm)
                covered = pm.end
            else:
                lone.append(info)
        people += self._free_names(people)
        people.sort(key=lambda p: p.start)
        self._appositions(people, lone)
        return people, lone

    # ------------------------------------------------------------- helpers
    def _skip_comma(self, t: int) -> int:
        if t < len(self.toks) and self.toks.raw[t] in (",", "،", ":"):
            return t + 1
        return t

    def _honorifics(self, t: int) -> tuple[list[str], int]:
        out = []
        while t < len(self.toks):
            m = self.ent_at.get(t)
            if m is None or not m.has("honor") or (m.has("head") and not self._followed_by_name(m.end)):
                break
            out.append(self.toks.span_text(m.start, m.end))
            t = m.end
            if t < len(self.toks) and self.toks.raw[t] == ".":
                t += 1
        return out, t

    def _followed_by_name(self, t: int) -> bool:
        return t < len(self.toks) and (self.toks.upper[t] or self.arabic) and self.toks.is_word[t]

    def _read_name(self, t: int, after_marker: bool, honors: list[str]) -> PersonMention | None:
        end = self._name_end_ar(t, after_marker or bool(honors)) if self.arabic else self._name_end_latin(t)
        if end <= t:
            return None
        key = tuple(n for n in (self.toks.norm[i] for i in range(t, end) if self.toks.is_word[i]) if n not in self.pack.particles)
        if self.pack.name_cases:  # 'Макой Бочоришвили' and 'Мака Бочоришвили' are one person
            key = tuple(nominative(k, self.pack.name_cases) for k in key)
        if not key:
            return None
        text = self.toks.span_text(t, end)
        last = self.toks.raw[end - 1]
        nominative_next = end < len(self.toks) and self.toks.norm[end] in NOMINATIVE_NEXT
        for suf in () if nominative_next else self.pack.name_suffixes:
            short_ok = len(suf) > 1 or last[: -len(suf)].endswith(("ov", "ev", "yev", "in", "an", "ən"))
            if suf[0] == "n" and not _vowel_stem(last[: -len(suf)]):
                continue  # 'Ərdoğanın' is Ərdoğan-ın, 'Qafarovanın' Qafarova-nın
            if last.endswith(suf) and len(last) - len(suf) >= 4 and end - t > 1 and short_ok:
                stem = last[: -len(suf)]
                text = text[: len(text) - len(suf)]
                key = key[:-1] + (norm_token(stem),)
                break
        return PersonMention(t, end, text, key, list(honors))

    def _breaks(self, i: int) -> bool:
        m = self.ent_at.get(i)
        return m is not None and any(m.has(k) for k in NAME_BREAK_KINDS) and not self._name_head(m)

    def _name_head(self, m: Match) -> bool:
        """An office word that is a given name before a nasab: 'سلطان بن سعد', 'Sultan bin Saad'."""
        toks = self.toks
        return (m.end - m.start == 1 and m.end < len(toks) and toks.norm[m.start] in self.pack.given_names
                and toks.norm[m.end] in ("بن", "بنت", "bin", "bint", "ibn"))

    def _name_end_latin(self, t: int) -> int:
        toks, pack, n = self.toks, self.pack, len(self.toks)
        j, words, last = t, 0, t
        while j < n and words < 6:
            r, nm = toks.raw[j], toks.norm[j]
            if r in HYPHENS and j > t and j + 1 < n and toks.starts[j] == toks.ends[j - 1] and toks.starts[j + 1] == toks.ends[j]:
                j += 1
                continue
            if not toks.is_word[j] or nm == "'s":
                break
            if nm in pack.particles and j + 1 < n and (toks.upper[j + 1] or toks.raw[j + 1] in HYPHENS):
                j += 1
                continue
            if not toks.upper[j] or r.isupper() and len(r) > 1 and nm not in pack.given_names:
                break
            if (nm in pack.stopwords or self._breaks(j)) and nm not in pack.given_names:
                break
            if j in self.cue_at and self.cue_at[j].has("trigger") and nm not in pack.given_names:
                break
            if (j >= t + 2 and nm in pack.given_names and toks.norm[t] in pack.given_names
                    and toks.norm[j - 1] not in pack.given_names and _SURNAME.search(toks.norm[j - 1])):
                break  # two adjacent names: 'Əli Əsədov İrakli Kobaxidzeni'
            words += 1
            j += 1
            last = j
        return last

    def _name_end_ar(self, t: int, after_marker: bool) -> int:
        toks, pack, n = self.toks, self.pack, len(self.toks)
        j, words, last = t, 0, t
        while j < n and words < 6:
            nm = toks.norm[j]
            if not toks.is_word[j] or toks.raw[j].isdigit():
                break
            if nm in pack.particles:
                j += 1
                continue
            raw = toks.raw[j]
            if nm in pack.stopwords and (nm not in pack.given_names or (raw in pack.stop_raw and not (j == t and after_marker and len(raw) > 3))):
                break
            if self._breaks(j) or (j > t and self.ent_at.get(j) and self.ent_at[j].has("honor")):
                break
            if j in self.cue_at and any(p[0] != "topic" for p in self.cue_at[j].payloads) and nm not in pack.given_names:
                break
            if raw.startswith("لل") or (j > t and len(nm) >= 6 and nm.endswith("يه") and nm not in pack.given_names):
                break
            if j == t and raw.startswith("و") and nm not in pack.given_names:
                break
            if j > t and (raw.endswith(("اً", "ًا")) or (raw.startswith("ل") and nm not in pack.given_names) or raw.startswith("وال")):
                break
            alt = strip_clitic(nm)
            if toks.raw[j][0] == "و" and alt and (alt in pack.stopwords or alt in pack.complement or j > t):
                if alt in pack.stopwords or alt in pack.complement or self._word_is_office(alt):
                    break
            if j == t and toks.raw[j].startswith("ال") and not after_marker and nm not in pack.given_names:
                break
            words += 1
            j += 1
            last = j
        while last > t and toks.norm[last - 1] in pack.particles:
            last -= 1
        return last

    def _continues(self, e: int) -> bool:
        """A name read after an office that is followed by 'and/of/, Capitalised...' may be office words."""
        toks = self.toks
        return e + 1 < len(toks) and toks.norm[e] in CHAIN_WORDS and toks.upper[e + 1] and toks.is_word[e + 1]

    def _chain_name(self, t: int, honors: list[str]) -> PersonMention | None:
        """The capitalised run that closes a long office chain.

        'Minister of Foreign Affairs, Emigration and Egyptian Expatriates of the
        Arab Republic of Egypt Badr Abdelatty': office words, connectors and
        gazetteer items run on; the name is the last capitalised run before a
        lower-case word or punctuation, after the last gazetteer item. The chain
        stops at another office (a second person).
        """
        toks, n = self.toks, len(self.toks)
        j, run_start = t, t
        limit = min(n, t + 24)
        while j < limit:
            if j > t and "\n" in toks.text[toks.ends[j - 1]:toks.starts[j]]:
                break
            m = self.ent_at.get(j)
            if m is not None and m.has("head") and j > t:
                return None
            if toks.is_word[j] and toks.upper[j]:
                if m is not None and any(m.has(k) for k in NAME_BREAK_KINDS):
                    j = run_start = m.end
                    continue
                if toks.norm[j] in self.pack.complement or toks.norm[j] in self.pack.stopwords:
                    j = run_start = j + 1
                    continue
                j += 1
                continue
            if toks.raw[j] in HYPHENS and j > t and toks.starts[j] == toks.ends[j - 1]:
                j += 1  # 'Kassym-Jomart'
                continue
            if toks.norm[j] in CHAIN_WORDS and j + 1 < n and (toks.upper[j + 1] or toks.norm[j + 1] in CHAIN_WORDS):
                if toks.norm[j + 1] in self.pack.given_names:
                    return None  # '... and Kassym-Jomart Tokayev': a second person
                j = run_start = j + 1
                continue
            break
        if run_start <= t or run_start >= j:
            return None
        given = [i for i in range(run_start, j - 1) if toks.norm[i] in self.pack.given_names]
        if given and toks.norm[run_start] not in self.pack.given_names:
            run_start = given[0]  # 'Infrastructure Suhail Mohamed Al Mazrouei': office words before a given name
        pm = self._read_name(run_start, True, honors)
        if pm is None or pm.end != j or not 2 <= len(pm.key) <= 5:
            return None
        if self._institution_follows(pm.end):
            return None
        return pm

    def _anchored(self, pm: PersonMention) -> bool:
        """An unknown capitalised run is a name when the syntax says so.

        Followed by ', <office>' (apposition), or by a trigger, or a past-tense
        verb; or preceded by a trigger, 'by'/'with'. None of its words may be a
        gazetteer item, a stop word or institution vocabulary.
        """
        toks, pack, n = self.toks, self.pack, len(self.toks)
        for i in range(pm.start, pm.end):
            nm = toks.norm[i]
            if toks.is_word[i] and (nm in pack.complement or i in self.in_ent or nm in NOT_NAME_WORDS):
                return False
        e, s = pm.end, pm.start
        if e < n and toks.raw[e] == "," and self._title_at(e + 1):
            return True
        if e < n and (self._trigger_at(e) or (toks.is_word[e] and not toks.upper[e] and toks.norm[e].endswith("ed"))):
            return True
        if s > 0 and (self._trigger_at(s - 1, end=True) or toks.norm[s - 1] in ("by", "with")):
            return True
        return False

    def _trigger_at(self, i: int, end: bool = False) -> bool:
        if not end:
            return i in self.cue_at and self.cue_at[i].has("trigger")
        return any(m.end == i + 1 and m.has("trigger") for k, m in ((k, self.cue_at.get(k)) for k in range(i - 3, i + 1)) if m is not None)

    def _title_at(self, i: int) -> bool:
        """An office starts at token i (after articles, countries, modifiers)."""
        toks = self.toks
        for _ in range(6):
            if i >= len(toks):
                return False
            m = self.ent_at.get(i)
            if m is not None and m.has("head"):
                return True
            if m is not None and any(m.has(k) for k in ("mod", "portfolio", "demonym", "country", "inst")):
                i = m.end
                continue
            if toks.norm[i] in ARTICLES or toks.norm[i] in ("a", "an", "'s"):
                i += 1
                continue
            return False
        return False

    def _plausible_ar(self, pm: PersonMention) -> bool:
        """An Arabic name read after an office with no honorific.

        Accepted with a known given name or a nasab (بن/بنت); otherwise it must
        look like a name (2-5 words, none ending like a common noun in ة/ات,
        the first without the article) and end at a clear boundary.
        """
        toks, pack = self.toks, self.pack
        if pm.key[0] in pack.given_names or (len(pm.key) >= 2 and any(toks.norm[i] in ("بن", "بنت") for i in range(pm.start, pm.end))):
            return True
        words = [toks.raw[i] for i in range(pm.start, pm.end) if toks.is_word[i]]
        if not 2 <= len(words) <= 5 or words[0].startswith("ال"):
            return False
        if any(w.endswith(("ة", "ات", "ية")) for w in words) or (words[1].startswith("ال") and words[0] not in ("عبد", "أبو", "ابو")):
            return False
        e = pm.end
        return (e >= len(toks) or not toks.is_word[e] or toks.norm[e] in pack.stopwords or e in self.ent_at
                or e in self.cue_at or (strip_clitic(toks.norm[e]) or "") in pack.stopwords)

    def _word_is_office(self, norm: str) -> bool:
        node = self.pack.entity_trie.get(norm)
        return bool(node) and any(p[0] in ("head", "country", "inst", "itype") for p in node.get("", ()))

    # ------------------------------------------------------------- free names
    def _free_names(self, found: list[PersonMention]) -> list[PersonMention]:
        """Names after honorifics, and (Latin/Cyrillic) given-name or surname-shaped runs."""
        taken = set()
        for p in found:
            taken.update(range(p.start, p.end))
            if p.title:
                taken.update(range(p.title.start, p.title.end))
        out: list[PersonMention] = []
        toks, n, t = self.toks, len(self.toks), 0
        while t < n:
            if t in taken:
                t += 1
                continue
            m = self.ent_at.get(t)
            if m is not None and m.has("honor") and not m.has("head"):
                honors, u = self._honorifics(t)
                pm = self._read_name(u, True, honors) if u < n and u not in taken else None
                if pm and (len(pm.key) >= 2 or honors):
                    out.append(pm)
                    t = pm.end
                    continue
            pm = self._shaped_name(t) if (toks.upper[t] and not self.arabic) or toks.norm[t] in self.pack.given_names else None
            if pm is not None and not any(i in taken for i in range(pm.start, pm.end)):
                out.append(pm)
                t = pm.end
                continue
            t += 1
        return out

    def _shaped_name(self, t: int) -> PersonMention | None:
        toks, pack = self.toks, self.pack
        if self.arabic and toks.raw[t].startswith(("ال", "وال", "بال", "لل")):
            return None  # التوفيق is "success", not the name Tawfiq
        if not toks.is_word[t] or toks.norm[t] not in pack.given_names:
            if self.arabic or not toks.upper[t]:
                return None
        if t > 0 and not self.arabic and toks.upper[t - 1] and toks.is_word[t - 1] and toks.norm[t - 1] not in pack.stopwords:
            return None
        if t in self.in_ent and t not in self.ent_at:
            return None  # inside 'Hashemite Kingdom of Jordan'
        pm = self._read_name(t, False, [])
        if pm is None or len(pm.key) < 2 or len(pm.key) > 5:
            return None
        if pm.key[0] in pack.given_names or (not self.arabic and (_SURNAME.search(pm.key[-1]) or self._anchored(pm))):
            if self._institution_follows(pm.end):
                return None
            return pm
        return None

    def _institution_follows(self, t: int) -> bool:
        """'Heydar Aliyev Center', 'Nizami Ganjavi International Center' are not people."""
        toks = self.toks
        if t < len(toks) and toks.is_word[t] and toks.upper[t]:
            nm = toks.norm[t]
            return nm in self.pack.complement or self._breaks(t) or nm in ("center", "centre", "foundation", "airport", "street", "avenue", "park", "museum", "prize", "award", "order", "medal")
        return False

    def _appositions(self, people: list[PersonMention], lone: list[TitleInfo]) -> None:
        """'Jeyhun Bayramov, Foreign Minister of Azerbaijan' / 'فريد حاجييف رئيس ديوان ...'.

        A title right after a name (after a comma; in Arabic also directly)
        describes that name. It replaces an honorific-like office read before
        the name (المستشار) when it ranks higher.
        """
        by_end = {p.end: p for p in people}
        by_title_end = {p.title.end: p for p in people if p.title is not None}
        by_title_start = {p.title.start: p for p in people if p.title is not None}
        ranks = self.shared.roles
        for info in sorted(lone, key=lambda x: x.start):
            s0 = info.pre_start if info.pre_start >= 0 else info.start
            q = by_title_end.get(s0) or (by_title_end.get(s0 - 1) if s0 > 0 and self.toks.raw[s0 - 1] in (",", "،") else None)
            if q is not None and self.arabic:
                self._stack(q.title, info)
                by_title_end[info.end] = q
                lone.remove(info)
                continue
            after = info.end + 1 if info.end < len(self.toks) and self.toks.raw[info.end] in (",", "،") else info.end
            r = by_title_start.get(after)
            if r is not None and r.title.start > info.start:
                country = r.title.country or info.country  # "head of the X group, MP Sabir Hajiyev"
                if info.rank > r.title.rank:
                    r.title = info
                r.title.country = country
                lone.remove(info)
                continue
            s = info.pre_start if info.pre_start >= 0 else info.start
            while s > 0 and self.toks.norm[s - 1] in ARTICLES:
                s -= 1
            p = None
            if s >= 2 and self.toks.raw[s - 1] in (",", "،"):
                p = by_end.get(s - 1)
            if p is None and self.arabic:
                p = by_end.get(s)
            if p is None:
                continue
            old = p.title
            bare = old is not None and old.start < p.start and old.end - old.start == 1 and not (old.country or old.inst_key or old.org)
            if old is None or ranks.get(info.role, {}).get("rank", 0) > ranks.get(old.role, {}).get("rank", 0) or (
                    self.arabic and bare and (info.end - info.start >= 2 or info.country or info.inst_key or info.org)):  # 'السفير X المتحدث الرسمي باسم الوزارة': the office held
                p.title = info
                lone.remove(info)
                by_title_end[info.end] = p

    def _stack(self, first: TitleInfo, second: TitleInfo) -> None:
        """'نائب رئيس مجلس الوزراء وزير الخارجية بدولة الإمارات': one person, two offices."""
        if second.rank > first.rank:
            first.role, first.rank, first.portfolio = second.role, second.rank, second.portfolio or first.portfolio
        first.country = first.country or second.country
        first.inst_key = first.inst_key or second.inst_key
        first.inst_type = first.inst_type or second.inst_type
        first.end = second.end
        s, e = self.toks.starts[first.start], self.toks.ends[first.end - 1]
        first.text = self.toks.text[s:e].strip(" ,،")


ARTICLES = frozenset({"the"})
CHAIN_WORDS = frozenset({"of", "and", "the", "for", "in", "on", ",", "&"})
NOT_NAME_WORDS = frozenset({"the", "of", "and", "mr", "mrs", "ms"})
