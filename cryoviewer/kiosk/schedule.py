"""When the kiosk is open: days of the week and a daily time span.

Kept apart from the configuration file (which parses it) so that the shell can ask "is it open
now?" with a plain datetime, and tests can ask about any moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = datetime.weekday()


@dataclass(frozen=True)
class Schedule:
    """Open on `days` (0 = Monday) from `opens` until `closes`.

    `closes` earlier than `opens` means open across midnight (a night that starts on one of
    `days` runs into the next morning); `opens` equal to `closes` means open all day.
    """

    days: frozenset[int]
    opens: time
    closes: time

    def is_open(self, moment: datetime) -> bool:
        """Whether the kiosk is open at `moment` (its local wall-clock time)."""
        now, day = moment.time().replace(tzinfo=None), moment.weekday()
        opens, closes = self.opens.replace(tzinfo=None), self.closes.replace(tzinfo=None)
        if opens == closes:
            return day in self.days
        if opens < closes:
            return day in self.days and opens <= now < closes
        if now >= opens:
            return day in self.days
        return now < closes and (day - 1) % 7 in self.days  # the small hours of the day after


ALWAYS = Schedule(frozenset(range(7)), time(0, 0), time(0, 0))
