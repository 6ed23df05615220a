"""Survey rounds of one or two weeks (issue 18 item 1)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rounds.label.one": ("vecka {week}", "week {week}"),
    "rounds.label.two": ("vecka {first}–{last}", "weeks {first}–{last}"),
    "rounds.label.two_years": (
        "vecka {first} {first_year}–vecka {last} {last_year}",
        "week {first} {first_year}–week {last} {last_year}",
    ),
    "rounds.error.weeks": ("En omgång är en eller två veckor.", "A round is one or two weeks."),
    "rounds.error.history": (
        "Det finns redan svar från {latest}; omgångarna från {week} kan inte ändras utan att historiken "
        "skrivs om. Välj en vecka efter {latest}.",
        "There are answers from {latest}; the rounds from {week} cannot change without rewriting history. "
        "Choose a week after {latest}.",
    ),
}
