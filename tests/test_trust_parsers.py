"""Property-based tests (hypothesis) for the shared parsers in est_data.ingest.common."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math

import pandas as pd
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from est_data.ingest.common import (
    ImportFileError,
    parse_datetime,
    parse_datetimes,
    parse_number,
    parse_numbers,
    read_table,
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def swedish(value: float, decimals: int, thousands: str) -> str:
    text = f"{abs(value):,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", thousands)
    return ("-" if value < 0 else "") + text


@FAST
@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.sampled_from([" ", "\u00a0", ""]),
)
@example(1234, 50, " ")
def test_parse_number_reads_swedish_numbers(whole, cents, thousands):
    value = whole + (cents / 100 if whole >= 0 else -cents / 100)
    text = swedish(value, 2, thousands)
    assert abs(parse_number(text) - value) < 1e-6
    assert abs(parse_number(f"{value:.2f}") - value) < 1e-6  # the English way too
    assert abs(parse_number(text + " kr") - value) < 1e-6


@FAST
@given(st.integers(min_value=1000, max_value=10**8))
def test_parse_number_reads_dot_thousands_with_decimal_comma(whole):
    text = f"{whole:,}".replace(",", ".") + ",25"
    assert parse_number(text) == whole + 0.25


@FAST
@given(st.text(max_size=30))
@example("=1+1")
@example("1,2,3")
@example("--5")
@example("١٢٣")
def test_parse_number_never_fails_other_than_value_error(text):
    try:
        result = parse_number(text)
    except ValueError:
        return
    assert result is None or isinstance(result, float)
    if result is None:
        assert (
            text.replace("kr", "").replace("SEK", "").strip(" \u00a0\t\n\r\x0b\x0c") == "" or not text.strip()
        )


FORMATS = [
    ("%Y-%m-%d %H:%M:%S", "s"),
    ("%Y-%m-%d %H:%M", "m"),
    ("%Y-%m-%dT%H:%M:%S", "s"),
    ("%Y-%m-%d", "d"),
    ("%d.%m.%Y", "d"),
    ("%d/%m/%Y", "d"),
    ("%Y%m%d", "d"),
    ("%d.%m.%Y %H:%M", "m"),
    ("%Y-%m-%d %H.%M", "m"),
]


@FAST
@given(
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)),
    st.sampled_from(FORMATS),
)
def test_parse_datetime_round_trips_every_supported_format(moment, fmt):
    pattern, precision = fmt
    expected = {
        "s": moment.replace(microsecond=0),
        "m": moment.replace(second=0, microsecond=0),
        "d": moment.replace(hour=0, minute=0, second=0, microsecond=0),
    }[precision]
    assert parse_datetime(moment.strftime(pattern)) == expected
    assert parse_datetime("  " + moment.strftime(pattern) + " ") == expected


@FAST
@given(st.text(max_size=25))
@example("2026-02-30")
@example("2026-13-01")
@example("31/04/2026")
@example("0000-00-00")
def test_parse_datetime_gives_a_datetime_or_value_error(text):
    try:
        result = parse_datetime(text)
    except ValueError:
        return
    assert isinstance(result, dt.datetime)


def _scalar_number(text: str) -> float | None | str:
    try:
        return parse_number(text)
    except ValueError:
        return "refused"


# texts shaped like numbers, near-numbers and non-numbers: the vectorised parser's plain path and its fallback
NUMBER_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from("0123456789-.,  \u00a0krSEK\t١"), max_size=14),
    st.from_regex(r"-?[0-9]{1,12}([.,][0-9]{1,8})?", fullmatch=True),
    st.floats(allow_nan=False).map(repr),
    st.text(max_size=10),
)


@FAST
@given(st.lists(NUMBER_TEXT, max_size=20))
@example(
    ["4 500,00", "1900,0", "", "kr", "-0", "9" * 400, "1.234,50", " 12 ", "\u00a012 300 kr", "١٢٣", "1,2,3"]
)
def test_parse_numbers_agrees_with_parse_number(texts):
    values, refused = parse_numbers(texts)
    assert len(values) == len(refused) == len(texts)
    for text, value, bad in zip(texts, values.tolist(), refused.tolist(), strict=True):
        expected = _scalar_number(text)
        if expected == "refused":
            assert bad and math.isnan(value), text
        elif expected is None:
            assert not bad and math.isnan(value), text
        else:
            assert not bad and value == expected and math.copysign(1, value) == math.copysign(1, expected), (
                text
            )


def _scalar_datetime(text: str) -> dt.datetime | None:
    try:
        return parse_datetime(text)
    except ValueError:
        return None


# every supported format, with fields in and out of range, padded and not, and other texts
DATE_TEXT = st.one_of(
    st.builds(
        lambda moment, fmt: moment.strftime(fmt[0]),
        st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
        st.sampled_from(FORMATS),
    ),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}[:.][0-9]{2}(:[0-9]{2})?)?", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?", fullmatch=True),
    st.from_regex(r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}( [0-9]{1,2}:[0-9]{2})?", fullmatch=True),
    st.text(alphabet=st.sampled_from("0123456789-.:/T "), max_size=20),
    st.text(max_size=12),
)


@FAST
@given(st.lists(DATE_TEXT, max_size=20))
@example(
    [
        "2026-10-05 13:16",
        "2026-02-30",
        "2026-13-01",
        "31/04/2026",
        "0000-00-00",
        "1500-01-01",
        "9999-12-31",
        "2026-03-02 24:00",
        "2026-03-02 23:59:60",
        "2026-3-2",
        " 2026-03-02 ",
        "2026-03-02  10:00",
        "",
        "igår",
        "02.03.2026",
        "2026-03-02 14.10",
        "20260302",
        "2026-03-02T10:11:12",
        "2026-03-02T10:11",
    ]
)
def test_parse_datetimes_agrees_with_parse_datetime(texts):
    values, refused = parse_datetimes(texts)
    assert len(values) == len(refused) == len(texts)
    for text, value, bad in zip(texts, values, refused.tolist(), strict=True):
        expected = _scalar_datetime(text)
        assert value == expected and type(value) is type(expected) and bad == (expected is None), text


def test_parse_datetimes_agrees_with_parse_datetime_at_the_edges_of_every_field():
    # pandas, which reads the plain shapes, is more lenient than strptime in places (year 0, second 60):
    # every format with each field at and beyond its limits
    years, months, days = (
        ["0000", "0001", "1500", "2024", "9999"],
        ["00", "02", "12", "13"],
        ["00", "29", "30", "31", "32"],
    )
    texts = []
    for pattern, _ in FORMATS:
        for y, mo, d in itertools.product(years, months, days):
            for h, mi, sec in itertools.product(["00", "24"], ["59", "60"], ["00", "60", "61"]):
                texts.append(
                    pattern.replace("%Y", y)
                    .replace("%m", mo)
                    .replace("%d", d)
                    .replace("%H", h)
                    .replace("%M", mi)
                    .replace("%S", sec)
                )
    texts = sorted(set(texts))
    values, refused = parse_datetimes(texts)
    for text, value, bad in zip(texts, values, refused.tolist(), strict=True):
        expected = _scalar_datetime(text)
        assert value == expected and bad == (expected is None), text


CELL = (
    st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzåäöÅÄÖéü0123456789 -.:/()"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@FAST
@given(
    st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_read_table_reads_what_excel_writes(rows, sep, encoding):
    header = ["Område", "Kategori", "Antal"]
    assume(not any(sep in cell for row in rows for cell in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    frame = read_table(buffer.getvalue().encode(encoding))
    assert list(frame.columns) == ["_line", *header]
    assert frame[header].values.tolist() == rows
    assert frame["_line"].tolist() == list(range(2, len(rows) + 2))


@FAST
@given(st.binary(max_size=400))
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b'a;b\n"unterminated;1\n')
@example(b"PK\x03\x04xl/")
@example(b";;;\n;;;\n")
def test_read_table_gives_a_table_or_a_clear_refusal(data):
    try:
        frame = read_table(data)
    except ImportFileError as err:
        assert " / " in str(err)  # Swedish / English
        return
    assert isinstance(frame, pd.DataFrame) and not frame.empty
    assert frame["_line"].min() >= 2


@FAST
@given(st.text(max_size=300))
def test_read_table_on_any_text(text):
    try:
        read_table(text.encode("utf-8"))
    except ImportFileError:
        pass
