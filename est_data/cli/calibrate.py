"""`python -m est_data calibrate [--actions N]`: the placebo calibration of the action evaluation."""

from __future__ import annotations

import json

from est_data import db, i18n
from est_data.analysis import calibration


def add_commands(subparsers) -> None:
    p = subparsers.add_parser(
        "calibrate", help="placebo-insatser: hur ofta utvärderingen hävdar en effekt där inget gjordes"
    )
    p.add_argument(
        "--actions",
        type=int,
        default=calibration.DEFAULT_ACTIONS,
        help=f"antal placebo-insatser (standard {calibration.DEFAULT_ACTIONS})",
    )
    p.add_argument("--weeks", type=int, default=12, help="veckor före och efter (standard 12)")
    p.add_argument("--seed", type=int, default=calibration.SEED)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=list(i18n.LANGUAGES), default="sv")
    p.set_defaults(func=cmd_calibrate)


def cmd_calibrate(con, args) -> int:
    from est_data.cli.common import CliError

    if not 1 <= args.actions <= 5000:
        raise CliError("--actions ska vara mellan 1 och 5000 / --actions must be between 1 and 5000")
    if not 1 <= args.weeks <= 52:
        raise CliError("--weeks ska vara mellan 1 och 52 / --weeks must be between 1 and 52")
    result = calibration.run(con, db.db_path(args.db), n=args.actions, weeks=args.weeks, seed=args.seed)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "placebos": result.placebos,
                    "weeks": result.weeks,
                    "passed": result.passed,
                    "max_rate": calibration.MAX_RATE,
                    "tests": [
                        {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                        for row in result.table.to_dict(orient="records")
                    ],  # NaN: nothing judged
                    "verdicts": result.verdicts.to_dict(orient="records"),
                    "caveats": result.caveats.to_dict(orient="records"),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(text_report(result, args.lang))
    return 0


def _pct(value: float, lang: str) -> str:
    return "–" if value != value else i18n.number(100 * value, 1, lang) + " %"  # NaN: nothing judged


def text_report(result: calibration.Calibration, lang: str = "sv") -> str:
    """The claim rates as a plain-text table."""
    t = i18n.t
    if result.placebos == 0:
        return t("actions.calibrate.none", lang)
    lines = [t("actions.calibrate.heading", lang, n=result.placebos, weeks=result.weeks), ""]
    head = (
        t("actions.calibrate.col.test", lang),
        t("actions.calibrate.col.judged", lang),
        t("actions.calibrate.col.claims", lang),
        t("actions.calibrate.col.rate", lang),
        t("actions.calibrate.col.rate_judged", lang),
    )
    lines.append(f"{head[0]:<52} {head[1]:>8} {head[2]:>8} {head[3]:>9} {head[4]:>11}")
    for r in result.table.itertuples():
        name = t(f"actions.calibrate.test.{r.key}", lang)
        lines.append(
            f"{name:<52} {r.judged:>8} {r.claims:>8} {_pct(r.rate, lang):>9} {_pct(r.rate_judged, lang):>11}"
        )
    lines.append("")
    lines.append(t("actions.calibrate.verdicts", lang))
    for r in result.verdicts.itertuples():
        lines.append(
            f"  {t(f'actions.verdict.{r.verdict}', lang):<50} {r.count:>8} {_pct(r.share, lang):>18}"
        )
    lines.append("")
    lines.append(t("actions.calibrate.caveats", lang))
    for r in result.caveats.itertuples():
        lines.append(
            f"  {t(f'actions.caveat_short.{r.caveat}', lang):<50} {r.count:>8} {_pct(r.share, lang):>18}"
        )
    lines.append("")
    key = "actions.calibrate.passed" if result.passed else "actions.calibrate.failed"
    lines.append(t(key, lang, max=i18n.number(100 * calibration.MAX_RATE, 0, lang)))
    return "\n".join(lines)
