"""People and their dated roles."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Codes of bodies above or across countries, which have no country of their own:
#: intergovernmental, non-governmental, and transnational armed groups (al-Qaeda).
INTERNATIONAL = ("IGO", "NGO", "IMG")


@dataclass(slots=True)
class Role:
    code: str
    office: str | None = None
    start: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, exclusive

    def holds_on(self, date: str | None) -> bool:
        if date is None:
            return self.until is None
        return (self.start is None or self.start <= date) and (self.until is None or date < self.until)


@dataclass(slots=True)
class Person:
    name: str
    roles: list[Role] = field(default_factory=list)

    def standing(self, date: str | None) -> tuple[Role | None, bool]:
        """The role a story of ``date`` gives the person, and whether it is a former one: a
        dated role that holds (the latest begun); else the last role ended before the date;
        else the role without dates, if any (the dictionary's default)."""
        dated = [r for r in self.roles if r.start or r.until]
        held = [r for r in dated if r.holds_on(date)]
        if held:
            return max(held, key=lambda r: r.start or ""), False
        ended = [r for r in dated if date and r.until and r.until <= date]
        if ended:
            return max(ended, key=lambda r: r.until), True
        return next((r for r in self.roles if not (r.start or r.until)), None), False

    def country(self) -> str | None:
        """The one country of all the person's roles, if there is one."""
        countries = {r.code.split(" ")[0] for r in self.roles}
        return countries.pop() if len(countries) == 1 and not countries & {*INTERNATIONAL, "MNC"} else None
