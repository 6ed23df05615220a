"""`python -m est_data evaluate ACTION_ID [--weeks N] [--format json]`: the before/after evaluation."""

from __future__ import annotations

import json

from est_data import i18n
from est_data.analysis import evaluation


def add_commands(subparsers) -> None:
    p = subparsers.add_parser("evaluate", help="utvärdera en insats före/efter (WDD, E-test, WDQ, enkät)")
    p.add_argument("action_id", type=int, metavar="ACTION_ID", help="insatsens nummer")
    p.add_argument("--weeks", type=int, help="veckor före och efter (standard 12, eller insatsens längd)")
    p.add_argument("--run-in", type=int, default=0, help="veckor efter starten som inte räknas")
    p.add_argument(
        "--buffer", type=float, default=evaluation.DEFAULT_BUFFER_M, help="buffertzon i meter (0 = ingen)"
    )
    p.add_argument(
        "--target", choices=["area", "radius", "polygon"], help="målområde (standard: insatsens område)"
    )
    p.add_argument(
        "--source",
        action="append",
        dest="sources",
        metavar="KÄLLA",
        help="räkna bara denna källa (polisen, felanmalan eller ett registers namn); kan upprepas",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=list(i18n.LANGUAGES), default="sv")
    p.set_defaults(func=cmd_evaluate)


def cmd_evaluate(con, args) -> int:
    from est_data.cli.common import CliError

    if args.weeks is not None and not 1 <= args.weeks <= 104:
        raise CliError("--weeks ska vara mellan 1 och 104 / --weeks must be between 1 and 104")
    if args.run_in < 0 or args.buffer < 0:
        raise CliError(
            "--run-in och --buffer kan inte vara negativa / --run-in and --buffer cannot be negative"
        )
    settings = evaluation.Settings(
        weeks=args.weeks,
        run_in_weeks=args.run_in,
        buffer_m=args.buffer,
        target_mode=args.target,
        sources=tuple(args.sources or ()),
    )
    ev = evaluation.evaluate(con, args.action_id, settings)
    if ev is None:
        raise CliError(
            f"{i18n.t('actions.cli.not_found', 'sv', id=args.action_id)} / "
            f"{i18n.t('actions.cli.not_found', 'en', id=args.action_id)}"
        )
    data = evaluation.as_dict(ev, args.lang)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(text_report(data, args.lang))
    return 0


def text_report(data: dict, lang: str = "sv") -> str:
    """The evaluation as plain text for the terminal."""
    t = i18n.t
    lines = [
        f"{data['action_id']}. {data['title']} ({data['kind']}, {data['area'] or '–'}), start {data['start']}"
    ]
    windows = data["windows"]
    if windows is None:
        lines.append(data["verdict_text"])
        return "\n".join(lines)
    lines.append(
        t(
            "actions.eval.windows",
            lang,
            b0=windows["before"][0],
            b1=windows["before"][1],
            a0=windows["after"][0],
            a1=windows["after"][1],
        )
    )
    lines.append(f"{t('actions.eval.counts_caption', lang, categories=', '.join(data['categories']) or '–')}")
    for key, pair in data["counts"].items():
        label = t(f"actions.eval.row.{key}", lang)
        lines.append(f"  {label:<26} {pair['before']:>6} -> {pair['after']:>6}")
    for key, name in (("exact", "actions.eval.exact"), ("exact_buffer", "actions.eval.exact_buffer")):
        r = data[key]
        if r:
            ratio = "–" if r["ratio"] is None else format(r["ratio"], ".2f")
            lines.append(f"{t(name, lang)}: p {r['p_value']:.4f}, {ratio}")
    for key, name in (("wdd", "actions.eval.wdd_local"), ("wdd_with_buffer", "actions.eval.wdd_buffer")):
        r = data[key]
        if r:
            lines.append(
                f"{t(name, lang)}: WDD {r['wdd']:.2f}, se {r['se']:.2f}, z {r['z']:.2f}, p {r['p_value']:.4f}"
            )
    if data["etest"]:
        lines.append(f"{t('actions.eval.etest', lang)}: p {data['etest']['p_value']:.4f}")
    lines.append(f"WDQ: {'–' if data['wdq'] is None else format(data['wdq'], '.2f')}")
    survey = data["survey"]
    if survey and survey["did"] is not None:
        p = "–" if survey["p_value"] is None else format(survey["p_value"], ".4f")
        lines.append(
            f"{t('actions.eval.survey', lang)}: {survey['target_before']:.2f} -> {survey['target_after']:.2f}"
            f" ({t('actions.eval.survey_control', lang)} {survey['control_before']:.2f} -> "
            f"{survey['control_after']:.2f}), DiD {survey['did']:.2f}, p {p} ({survey['placebos']})"
        )
    lines.append(f"{t('actions.eval.verdict', lang)}: {data['verdict_label']}. {data['verdict_text']}")
    for text in data["caveat_texts"]:
        lines.append(f"  - {text}")
    return "\n".join(lines)
