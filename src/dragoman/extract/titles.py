"""Title grammar: an office phrase and what it says about country and institution.

A title is  PRE* HEAD COMPLEMENT*  over gazetteer items:
  PRE   modifiers (Deputy, First Deputy), portfolio adjectives (Foreign),
        country adjectives or possessives (Bahraini, Azerbaijan's), institutions
  HEAD  an office (Minister, Speaker, Ambassador, الأمين العام, سفير ...)
  COMPL "of/for ... " or Arabic idafa: countries, nisbas, institutions,
        portfolios, organisations and institution vocabulary; "to/لدى X" gives
        the host country of an envoy and never the person's own country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.extract.gazetteer import Match
from dragoman.extract.tokens import Tokens, strip_clitic

PRE_KINDS = ("mod", "portfolio", "demonym", "inst", "itype", "country", "org")
COMPL_KINDS = ("country", "demonym", "inst", "itype", "portfolio", "org", "place")
ARTICLES_EN = frozenset({"the", "a", "an"})
GENERIC_HOSTS = frozenset({"kingdom", "country", "republic", "emirate", "state", "sultanate", "uae"})


@dataclass
class TitleInfo:
    """One office phrase in the text (token span) and what it implies."""

    start: int
    end: int
    role: str
    text: str = ""
    country: str | None = None
    host_country: str | None = None
    inst_key: str | None = None
    inst_type: str | None = None
    portfolio: str | None = None
    mods: list[str] = field(default_factory=list)
    pre_start: int = -1  # first token including country prefix (for appositions)
    rank: int = 0
    org: str | None = None  # an international organisation the office belongs to (UN, OIC)
    country_toks: list[tuple[int, int]] = field(default_factory=list)  # spans of country words inside


class TitleParser:
    """Parses titles over one document's tokens and entity matches."""

    def __init__(self, toks: Tokens, ent_at: dict[int, Match], pack, shared):
        self.toks, self.ent_at, self.pack, self.shared = toks, ent_at, pack, shared
        self.arabic = pack.script == "arabic"
        # Languages without "of" markers chain complements directly (Arabic idafa, Russian/Azerbaijani genitive).
        self.idafa = self.arabic or not pack.of_markers

    def parse_at(self, m: Match, prev_end: int) -> TitleInfo:
        """Parse the title whose head is match ``m`` (pre-items after ``prev_end``)."""
        info = TitleInfo(start=m.start, end=m.end, role=m.value("head"))
        self._absorb(info, m)
        self._pre(info, prev_end)
        self._post(info)
        self._finish(info)
        return info

    def _absorb(self, info: TitleInfo, m: Match, host: bool = False, leftward: bool = False) -> None:
        if leftward and any(p[0] in ("country", "demonym") for p in m.payloads):
            info.country = None  # reading leftwards: the first country in the text owns the office
        if any(p[0] in ("country", "demonym", "place") for p in m.payloads):
            info.country_toks.append((m.start, m.end))
        for kind, value, _ in m.payloads:
            if host:
                if kind in ("country", "demonym", "place") and not info.host_country:
                    info.host_country = value
                continue
            if kind in ("country", "demonym") and not info.country:
                info.country = value
            elif kind == "inst" and not info.inst_key:
                info.inst_key = value
                meta = self.shared.institutions.get(value, {})
                if meta.get("country") and not info.country:
                    info.country = meta["country"]
                info.inst_type = info.inst_type or meta.get("type")
            elif kind == "itype" and not info.inst_type:
                info.inst_type = value
            elif kind == "org" and not info.org:
                info.org = value
            elif kind == "portfolio" and not info.portfolio:
                info.portfolio = value
            elif kind == "mod":
                info.mods.append(value)

    def _pre(self, info: TitleInfo, prev_end: int) -> None:
        toks, i = self.toks, info.start
        info.pre_start = info.start
        while i > prev_end:
            j = i - 1
            if toks.norm[j] == "'s" and j - 1 >= prev_end:
                m = self._match_ending(j)
                if m and (m.has("country") or m.has("inst")):
                    self._absorb(info, m)
                    i = info.pre_start = m.start
                    continue
                break
            if self.pack.genitive_before and toks.norm[i - 1] in self.pack.complement and toks.upper[i - 1] is not None:
                i = info.pre_start = i - 1  # "... dostluq qrupunun rəhbəri": owner words before the office
                continue
            m = self._match_ending(i)
            if m is None and i - 1 > prev_end and toks.norm[i - 1] in ("and", "&", "و"):
                m2 = self._match_ending(i - 1)
                if m2 is not None and m2.has("portfolio") and info.portfolio:
                    m = m2  # "Oil and Environment Minister"
            if m is None or not any(m.has(k) for k in PRE_KINDS) or m.has("head"):
                if i - 1 > prev_end and toks.raw[i - 1] in "-‐–" and self._match_ending(i - 1) is not None:
                    i -= 1  # "Azerbaijan-Bahrain": keep reading leftwards
                    continue
                break
            self._absorb(info, m, leftward=True)
            if m.has("mod") or m.has("portfolio"):
                info.start = m.start
            i = info.pre_start = m.start

    def _match_ending(self, i: int) -> Match | None:
        """The entity match that ends right before token i (hyphens transparent)."""
        for back in range(1, 8):
            m = self.ent_at.get(i - back)
            if m is not None:
                return m if m.end == i else None
        return None

    def _post(self, info: TitleInfo) -> None:
        toks, t, n = self.toks, info.end, len(self.toks)
        while t < n:
            nm = toks.norm[t]
            if not self.arabic and nm in self.pack.of_markers and nm not in self.pack.to_markers:
                u = self._complement(info, self._skip_articles(t + 1))
                if u == self._skip_articles(t + 1):
                    break
                t = info.end = u
                continue
            if nm in self.pack.to_markers:
                s = self._skip_articles(t + 1)
                m = self.ent_at.get(s)
                if m and (m.has("country") or m.has("place") or m.has("demonym")):
                    self._absorb(info, m, host=True)
                    t = info.end = m.end
                    continue
                if s < len(self.toks) and self.toks.norm[s] in GENERIC_HOSTS and s > t + 1:
                    t = info.end = s + 1  # "Ambassador of X to the Kingdom": the host is the reporting country
                    continue
                if not self.idafa:
                    break
                u = self._complement(info, s)  # "رئيسة إدارة العلاقات الدولية في ديوان ملي مجلس"
                if u == s:
                    break
                t = info.end = u
                continue
            if self.idafa:
                u = self._complement(info, t)
                if u == t:
                    break
                t = info.end = u
                continue
            break

    def _skip_articles(self, t: int) -> int:
        while t < len(self.toks) and self.toks.norm[t] in ARTICLES_EN and not self.arabic:
            t += 1
        return t

    def _complement(self, info: TitleInfo, t: int) -> int:
        """Consume institution-like tokens from t; return the new end."""
        toks, pack, n = self.toks, self.pack, len(self.toks)
        end = t
        while t < n:
            if t > 0 and "\n" in toks.text[toks.ends[t - 1]:toks.starts[t]]:
                break
            m = self.ent_at.get(t)
            if m is not None and any(m.has(k) for k in COMPL_KINDS) and not m.has("head"):
                self._absorb(info, m)
                t = end = m.end
                continue
            nm = toks.norm[t]
            if toks.raw[t] in "-‐–":
                t += 1
                continue
            adj = self.arabic and end > info.end and toks.raw[t].startswith(("ال", "وال")) and toks.raw[t].endswith(("ية", "يه"))
            if adj or nm in pack.complement or (self.arabic and toks.raw[t][:1] in "لو" and strip_clitic(nm) in pack.complement):
                if not self.idafa and not toks.upper[t] and nm not in ("affairs", "of"):
                    if not (end > info.end):
                        break
                t = end = t + 1
                continue
            if nm in pack.connectors or nm in ARTICLES_EN:
                t += 1
                continue
            break
        return end

    def _finish(self, info: TitleInfo) -> None:
        roles = self.shared.roles
        for mod in info.mods:
            repl = self.shared.modifiers.get(mod, {}).get("role", {}).get(info.role)
            if repl:
                info.role = repl
        parl = info.inst_type in ("parliament", "upper_house", "national_assembly")
        if info.role in ("head", "chairman") and parl and not info.mods:
            info.role = "speaker"
        elif info.role == "deputy_chairman" and parl:
            info.role = "deputy_speaker"
        elif info.role == "member" and parl:
            info.role = "mp"
        if info.role == "head" and info.portfolio:
            info.role = "minister"
        s, e = self.toks.starts[info.start], self.toks.ends[info.end - 1]
        info.text = self.toks.text[s:e].strip(" ,")
        if info.role not in roles:
            info.role = "official"
        info.rank = roles[info.role].get("rank", 0)


def institution_of(info: TitleInfo, shared) -> tuple[str | None, str | None]:
    """(canonical institution key, display name) implied by a title."""
    if info.org and not info.country:
        return f"org:{info.org}", shared.organizations.get(info.org, {}).get("name", info.org)
    if info.inst_key:
        return info.inst_key, shared.institutions.get(info.inst_key, {}).get("name")
    typ = info.inst_type
    if not typ and info.portfolio:
        typ = shared.portfolios.get(info.portfolio, {}).get("inst")
    if not typ:
        typ = shared.roles.get(info.role, {}).get("inst")
    if not typ or typ == "ministry":
        return None, None
    key = shared.inst_by_country_type.get((info.country, typ)) if info.country else None
    if key:
        return key, shared.institutions[key]["name"]
    name = shared.inst_types.get(typ)
    return (f"{info.country.lower()}.{typ}" if info.country else None), name


def core_text(info: TitleInfo, toks) -> str:
    """The office without its country words ('Foreign Minister' of 'Bahraini Foreign Minister')."""
    skip = {i for s, e in info.country_toks for i in range(s, e)}
    keep = [i for i in range(info.start, info.end) if i not in skip]
    while keep and (toks.norm[keep[-1]] in ("of", "the", "to", "'s", "لدى", "في") or not toks.is_word[keep[-1]]):
        keep.pop()
    if not keep:
        return info.text
    return toks.text[toks.starts[keep[0]] : toks.ends[keep[-1]]] if keep == list(range(keep[0], keep[-1] + 1)) else " ".join(toks.raw[i] for i in keep)
