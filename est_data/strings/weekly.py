"""Strings for the weekly cycle: the reporter form, the situation picture, the meeting, survey follow-up."""

STRINGS: dict[str, tuple[str, str]] = {
    # levels and parts of day
    "weekly.level.0": ("inget", "none"),
    "weekly.level.1": ("enstaka", "isolated"),
    "weekly.level.2": ("påtagligt", "noticeable"),
    "weekly.level.3": ("allvarligt", "serious"),
    "weekly.part.morgon": ("morgon (06–10)", "morning (06–10)"),
    "weekly.part.dag": ("dag (10–17)", "day (10–17)"),
    "weekly.part.kväll": ("kväll (17–22)", "evening (17–22)"),
    "weekly.part.natt": ("natt (22–06)", "night (22–06)"),
    # the automatic summary
    "weekly.summary.rose": ("{factor} ökade i {area}: {level} enligt {reporters}",
                            "{factor} increased in {area}: {level} according to {reporters}"),
    "weekly.summary.fell": ("{factor} minskade i {area}: {level} enligt {reporters}",
                            "{factor} decreased in {area}: {level} according to {reporters}"),
    "weekly.summary.above_avg": (
        "{factor} i {area} ligger kvar på {level} enligt {reporters}, över snittet för de fyra föregående "
        "veckorna ({avg}).",
        "{factor} in {area} stays {level} according to {reporters}, above the average of the previous four "
        "weeks ({avg}).",
    ),
    "weekly.summary.last_week": (", förra veckan {prev}.", ", last week {prev}."),
    "weekly.summary.no_answers_last_week": ("(inga svar förra veckan).", "(no answers last week)."),
    "weekly.summary.n_of_total": ("{n} av {total} rapportörer", "{n} of {total} reporters"),
    "weekly.summary.only_reporter": ("den enda rapportören", "the only reporter"),
    "weekly.summary.status_changed": ("Status för {area}: {status} (förra veckan {prev}).",
                                      "Status of {area}: {status} (last week {prev})."),
    "weekly.summary.more": ("… och {n} förändringar till, se matrisen.", "… and {n} more changes, see the matrix."),
    "weekly.summary.no_change": ("Inga tydliga förändringar jämfört med förra veckan.",
                                 "No clear changes compared with last week."),
    "weekly.summary.no_answers": ("Inga svar för veckan.", "No answers for the week."),
}
