"""Load the book's input data files (data/*.csv, data/*.yaml) and validate them against the data register.

Every table in ``data/`` has one pydantic row model below; a single generic loader
reads the CSV, checks its header, validates each row and returns a typed
:class:`pandas.DataFrame`. Any problem raises :class:`DataFileError` with a message
that names the file, the row (the line number in the file; the header is line 1),
the column, the bad value and what is allowed, for example::

    live_births.csv, row 4, column 'births': -5 is not allowed (must be > 0)

The data directory is ``<repo>/data``; set the environment variable ``ISM_DATA_DIR``
(or pass ``data_dir``) to read another copy.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import os
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import pandas as pd
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from .errors import InputError
from .paths import PROJECT_ROOT

__all__ = [
    "DATA_DIR",
    "REGIONS",
    "RECORDS",
    "TABLES",
    "DataFileError",
    "check_register",
    "load_record",
    "load_register",
    "load_table",
]

DATA_DIR: Path = Path(os.environ.get("ISM_DATA_DIR") or PROJECT_ROOT / "data")
"""Default data directory (``<repo>/data``, or ``$ISM_DATA_DIR`` when set at import)."""

REGISTER_FILE = "register.yaml"

REGIONS: dict[str, tuple[str, ...]] = {
    "North America": ("United States", "Canada", "Mexico"),
    "Europe": ("Germany", "United Kingdom", "France", "Italy", "Spain"),
    "Asia-Pacific": ("China", "Japan", "India", "Australia", "South Korea"),
    "South America": ("Brazil", "Argentina", "Colombia"),
    "Middle East & Africa": ("South Africa", "Saudi Arabia", "UAE"),
}
"""The report's five regions and its 19 named countries, spelled as the report spells them."""

_COUNTRY_REGION = {country: region for region, countries in REGIONS.items() for country in countries}


class DataFileError(InputError):
    """A data file is missing, malformed or holds a value that is not allowed (a ``ValueError``)."""


# --------------------------------------------------------------------------- field types
Count = Annotated[int, Field(gt=0)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Pct = Annotated[float, Field(ge=0, le=100)]
Money = Annotated[float, Field(ge=0)]
Positive = Annotated[float, Field(gt=0)]
Rate = Annotated[float, Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]
Region = Literal["North America", "Europe", "Asia-Pacific", "South America", "Middle East & Africa"]


def _known_country(value: str) -> str:
    if value not in _COUNTRY_REGION:
        raise ValueError("must be one of the report's 19 countries, spelled as in the report")
    return value


Country = Annotated[str, AfterValidator(_known_country)]
Drug = Literal["acth", "vigabatrin", "prednisolone"]


def _check_source_id(value: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("source_ids")
    if known is not None and value not in known:
        raise ValueError("must be a source id listed in register.yaml")
    return value


class _Row(BaseModel):
    """Base row: strict columns, no NaN/inf, every row names a source in the register.

    Subclasses declare their fields in the file's column order, ``source_id`` included.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @field_validator("source_id", check_fields=False)
    @classmethod
    def _known_source(cls, value: str, info: ValidationInfo) -> str:
        return _check_source_id(value, info)


# --------------------------------------------------------------------------- one model per table
class LiveBirthsRow(_Row):
    """One row of live_births.csv."""

    region: Region
    country: Country
    year: Year
    births: Count
    coverage: Text
    source_id: Text
    note: Optional[str] = None

    @field_validator("country")
    @classmethod
    def _country_in_region(cls, value: str, info: ValidationInfo) -> str:
        region = info.data.get("region")
        if region is not None and _COUNTRY_REGION[value] != region:
            raise ValueError(f"is in '{_COUNTRY_REGION[value]}', not in region '{region}'")
        return value


class IncidenceRow(_Row):
    """One row of incidence_estimates.csv."""

    estimate_id: Text
    setting: Text
    period: Text
    incidence_per_1000_low: Optional[Rate] = None
    incidence_per_1000_central: Optional[Rate] = None
    incidence_per_1000_high: Optional[Rate] = None
    published_as: Text
    kind: Literal["pooled", "regional", "review", "report"]
    source_id: Text
    note: Optional[str] = None

    @field_validator("incidence_per_1000_high")
    @classmethod
    def _ordered(cls, value: Optional[float], info: ValidationInfo) -> Optional[float]:
        low, central = info.data.get("incidence_per_1000_low"), info.data.get("incidence_per_1000_central")
        present = [v for v in (low, central, value) if v is not None]
        if not present:
            raise ValueError("must be given when low and central are empty (at least one value is required)")
        if present != sorted(present):
            raise ValueError("must satisfy low <= central <= high")
        return value


class EtiologyRow(_Row):
    """One row of etiology.csv."""

    cohort: Text
    category: Text
    share_pct: Pct
    source_id: Text
    note: Optional[str] = None


class DiagnosticYieldRow(_Row):
    """One row of diagnostic_yield.csv."""

    test: Text
    yield_low_pct: Pct
    yield_high_pct: Pct
    source_id: Text
    note: Optional[str] = None

    @field_validator("yield_high_pct")
    @classmethod
    def _high_not_below_low(cls, value: float, info: ValidationInfo) -> float:
        low = info.data.get("yield_low_pct")
        if low is not None and value < low:
            raise ValueError(f"must be >= yield_low_pct ({low})")
        return value


class TreatmentResponseRow(_Row):
    """One row of treatment_response.csv."""

    study: Text
    treatment: Text
    outcome: Text
    response_pct: Pct
    n_patients: Optional[Count] = None
    source_id: Text
    note: Optional[str] = None


class TimeToTreatmentRow(_Row):
    """One row of time_to_treatment.csv."""

    study: Text
    measure: Text
    value: Rate
    unit: Literal["days", "weeks", "months", "percent"]
    source_id: Text
    note: Optional[str] = None


class AgeAtOnsetRow(_Row):
    """One row of age_at_onset.csv."""

    study: Text
    statistic: Text
    age_low_months: Positive
    age_high_months: Positive
    source_id: Text
    note: Optional[str] = None


class CourseCostRow(_Row):
    """One row of course_costs.csv."""

    drug: Drug
    country: Country
    year: Optional[Year] = None
    cost_usd: Optional[Money] = None
    basis: Text
    currency_original: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    cost_original: Money
    source_id: Text
    note: Optional[str] = None


class RelativeCostRow(_Row):
    """One row of relative_costs.csv."""

    study: Text
    drug: Drug
    reference_drug: Drug
    measure: Text
    lower_by_pct: Pct
    source_id: Text
    note: Optional[str] = None


class ActhPriceRow(_Row):
    """One row of acth_price_history.csv."""

    year: Year
    price_usd_per_vial: Money
    product: Text
    source_id: Text
    note: Optional[str] = None


class FirstLineUseRow(_Row):
    """One row of first_line_use.csv."""

    year: Year
    drug: Drug
    share_pct: Pct
    source_id: Text
    note: Optional[str] = None


class DosingRow(_Row):
    """One row of dosing.csv."""

    drug: Drug
    parameter: Text
    value: Positive
    unit: Text
    source_id: Text
    note: Optional[str] = None


class EventRow(_Row):
    """One row of events.csv."""

    date: dt.date
    date_precision: Literal["day", "month", "year"]

    @field_validator("date", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("must be an ISO date YYYY-MM-DD")
        return value

    @field_validator("date_precision")
    @classmethod
    def _first_of_period(cls, value: str, info: ValidationInfo) -> str:
        date = info.data.get("date")
        if date is not None and value == "month" and date.day != 1:
            raise ValueError("must be 'day' unless the date is the first of its month")
        if date is not None and value == "year" and (date.month, date.day) != (1, 1):
            raise ValueError("must be 'day' or 'month' unless the date is 1 January")
        return value
    event: Text
    kind: Literal["approval", "launch", "deal", "generic", "pipeline"]
    drug: Text
    company: Text
    region: Optional[Region] = None
    concerns_infantile_spasms: Literal["yes", "no"]
    source_id: Text
    note: Optional[str] = None


class PipelineRow(_Row):
    """One row of pipeline.csv."""

    candidate: Text
    sponsor: Optional[str] = None
    phase: Optional[str] = None
    status: Text
    source_id: Text
    note: Optional[str] = None


class KeyPlayerRow(_Row):
    """One row of key_players.csv."""

    company: Text
    headquarters_country: Text
    relevant_products: Optional[str] = None
    source_id: Text
    note: Optional[str] = None


class OtherEstimateRow(_Row):
    """One row of other_estimates.csv."""

    publisher: Text
    base_year: Year
    base_value_usd_m: Money
    forecast_year: Optional[Year] = None
    forecast_value_usd_m: Optional[Money] = None
    cagr_pct: Optional[Pct] = None
    cagr_period: Optional[Annotated[str, Field(pattern=r"^\d{4}-\d{4}")]] = None
    status: Literal["estimate", "outlier"]
    note: Optional[str] = None
    source_id: Text


class PrevalentPopulationRow(_Row):
    """One row of prevalent_population.csv."""

    geography: Text
    year: Year
    measure: Text
    patients: Count
    source_id: Text
    note: Optional[str] = None


class ReportThemeRow(_Row):
    """One row of report_themes.csv."""

    section: Literal["driver", "challenge", "trend", "segment", "region"]
    theme: Text
    summary: Text
    source_id: Text
    note: Optional[str] = None


_MODELS: dict[str, type[_Row]] = {
    "live_births": LiveBirthsRow,
    "incidence_estimates": IncidenceRow,
    "etiology": EtiologyRow,
    "diagnostic_yield": DiagnosticYieldRow,
    "age_at_onset": AgeAtOnsetRow,
    "time_to_treatment": TimeToTreatmentRow,
    "treatment_response": TreatmentResponseRow,
    "first_line_use": FirstLineUseRow,
    "course_costs": CourseCostRow,
    "relative_costs": RelativeCostRow,
    "acth_price_history": ActhPriceRow,
    "dosing": DosingRow,
    "prevalent_population": PrevalentPopulationRow,
    "other_estimates": OtherEstimateRow,
    "key_players": KeyPlayerRow,
    "events": EventRow,
    "pipeline": PipelineRow,
    "report_themes": ReportThemeRow,
}

TABLES: tuple[str, ...] = tuple(_MODELS)
"""Names of every CSV table in ``data/`` (without the ``.csv`` suffix)."""


# --------------------------------------------------------------------------- the YAML record
class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class _Segment(_Record):
    segmentation: Literal["therapeutic_class", "drug_type", "dosage", "region"]
    segment: Text


class _Segments(_Record):
    therapeutic_class: list[Text]
    drug_type: list[Text]
    dosage: list[Text]
    regions: dict[Region, list[Country]]

    @field_validator("regions")
    @classmethod
    def _as_report(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if {r: tuple(c) for r, c in value.items()} != REGIONS:
            raise ValueError("must list the report's 5 regions with their 19 countries")
        return value


class _Incidence(_Record):
    live_births_per_case: Count
    setting: Text
    period: tuple[Year, Year]
    note: Optional[str] = None


class _EpidemiologyQuotes(_Record):
    incidence: _Incidence
    mri_abnormal_pct: tuple[Pct, Pct]
    genetic_cause_pct: Pct
    pgdm_neonatal_seizures_odds_ratio: Positive


class ReportHeadline(_Record):
    """The TechSci report's headline, as published."""

    source_id: Text
    title: Text
    base_year: Year
    forecast_period: tuple[Year, Year]
    market_size_2024_usd_m: Positive
    market_size_2030_usd_m: Positive
    cagr_2025_2030_pct: Pct
    fastest_growing_segment: _Segment
    largest_region: Region
    dominant_drug_type_2024: Text
    dominant_dosage_2024: Text
    segments: _Segments
    key_players: list[Text]
    epidemiology_quotes: _EpidemiologyQuotes
    note: Optional[str] = None

    @field_validator("source_id")
    @classmethod
    def _known_source(cls, value: str, info: ValidationInfo) -> str:
        return _check_source_id(value, info)


_RECORD_MODELS: dict[str, type[_Record]] = {"report_headline": ReportHeadline}

RECORDS: tuple[str, ...] = tuple(_RECORD_MODELS)
"""Names of every YAML record in ``data/`` (without the ``.yaml`` suffix)."""


# --------------------------------------------------------------------------- helpers
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 20x faster
_MEMO: dict[tuple[Any, ...], Any] = {}


def _yaml_load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)


def _stamp(path: Path) -> tuple[int, int] | None:
    """What identifies a file's version cheaply: modification time and size (None when missing)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _memoised(kind: str, name: str, directory: Path, files: tuple[str, ...], load: Any) -> Any:
    """``load()`` once per version of ``files``: validated data is reused while no file changes."""
    key = (kind, name, str(directory.resolve()), tuple(_stamp(directory / f) for f in files))
    if key not in _MEMO:
        _MEMO[key] = load()
    return copy.deepcopy(_MEMO[key])


def _resolve(data_dir: Path | str | None) -> Path:
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get("ISM_DATA_DIR")
    return Path(env) if env else DATA_DIR


def _show(value: Any) -> str:
    if isinstance(value, str) and not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return repr(value)
    return str(value)


_ALLOWED = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "date_from_datetime_parsing": "must be an ISO date YYYY-MM-DD",
    "date_parsing": "must be an ISO date YYYY-MM-DD",
    "date_type": "must be an ISO date YYYY-MM-DD",
    "string_too_short": "must not be empty",
    "string_type": "must be text",
    "missing": "a value is required",
    "extra_forbidden": "is not an expected key",
}


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _allowed(error: dict[str, Any], field: str) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if field.endswith("_pct") and kind in ("greater_than_equal", "less_than_equal"):
        return "must be a percentage between 0 and 100"
    if kind == "greater_than":
        return f"must be > {_num(ctx['gt'])}"
    if kind == "greater_than_equal":
        return f"must be >= {_num(ctx['ge'])}"
    if kind == "less_than_equal":
        return f"must be <= {_num(ctx['le'])}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}"
    if kind == "string_pattern_mismatch":
        return f"must match the pattern {ctx['pattern']}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return _ALLOWED.get(kind, error["msg"])


def _first_error(exc: ValidationError) -> dict[str, Any]:
    return exc.errors(include_url=False)[0]


def _dtype(annotation: Any) -> str:
    """Pandas dtype for a row-model field annotation."""
    optional = False
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional, annotation = True, args[0]
    if typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    if annotation is int:
        return "Int64" if optional else "int64"
    if annotation is float:
        return "float64"
    if annotation is dt.date:
        return "datetime64[ns]"
    return "string"


def _columns(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def _source_ids(directory: Path) -> set[str]:
    register = load_register(directory)
    return {str(s.get("id")) for s in register.get("sources") or [] if isinstance(s, dict)}


# --------------------------------------------------------------------------- public API
def load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read and validate one CSV table from the data directory.

    Parameters
    ----------
    name : str
        Table name, one of :data:`TABLES` (the file is ``<name>.csv``).
    data_dir : path-like, optional
        Directory to read from; defaults to ``$ISM_DATA_DIR`` or :data:`DATA_DIR`.

    Returns
    -------
    pandas.DataFrame
        One row per data row, columns in file order, with proper dtypes: whole
        numbers as ``int64`` (``Int64`` when a column may be empty), other numbers
        as ``float64``, dates as ``datetime64[ns]`` and text as ``string``.

    Raises
    ------
    DataFileError
        If the table is unknown or the file is missing, if the header lacks an
        expected column or has an unexpected one, or if any value breaks the
        table's rules (types, ranges, known regions and countries, ISO dates,
        source ids listed in ``register.yaml``). The message names the file, the
        row (line number in the file), the column, the value and what is allowed.
    """
    directory = _resolve(data_dir)
    return _memoised("load_table", name, directory, (f"{name}.csv", "register.yaml"), lambda: _load_table(name, directory))


def _load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Uncached :func:`load_table`."""
    if name not in _MODELS:
        raise DataFileError(f"unknown table {name!r} (known tables: {', '.join(TABLES)})")
    model, directory = _MODELS[name], _resolve(data_dir)
    path, fname = directory / f"{name}.csv", f"{name}.csv"
    if not path.is_file():
        raise DataFileError(f"{path}: file not found")
    expected = _columns(model)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        for column in expected:
            if column not in header:
                raise DataFileError(f"{fname}: missing column {column!r} (expected columns: {', '.join(expected)})")
        for column in header:
            if column not in expected or header.count(column) > 1:
                why = "duplicate" if column in expected else "unexpected"
                raise DataFileError(f"{fname}: {why} column {column!r} (expected columns: {', '.join(expected)})")
        context = {"source_ids": _source_ids(directory)}
        records: list[dict[str, Any]] = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise DataFileError(f"{fname}, row {line}: {len(cells)} values, expected {len(header)}")
            raw = {col: (cell if cell.strip() else None) for col, cell in zip(header, cells)}
            try:
                row = model.model_validate(raw, context=context)
            except ValidationError as exc:
                error = _first_error(exc)
                column = str(error["loc"][0]) if error["loc"] else header[0]
                value = raw.get(column)
                if value is None:
                    shown, allowed = "empty value", "a value is required"
                else:
                    shown, allowed = _show(value), _allowed(error, column)
                raise DataFileError(
                    f"{fname}, row {line}, column {column!r}: {shown} is not allowed ({allowed})"
                ) from None
            records.append(row.model_dump())
    frame = pd.DataFrame.from_records(records, columns=expected)[header]
    dtypes = {col: _dtype(model.model_fields[col].annotation) for col in header}
    return frame.astype(dtypes)


def load_record(name: str, data_dir: Path | str | None = None) -> dict[str, Any]:
    """Read and validate one YAML record from the data directory.

    Parameters
    ----------
    name : str
        Record name, one of :data:`RECORDS` (the file is ``<name>.yaml``).
    data_dir : path-like, optional
        Directory to read from; defaults to ``$ISM_DATA_DIR`` or :data:`DATA_DIR`.

    Returns
    -------
    dict
        The validated record as plain Python values (pairs such as
        ``forecast_period`` become tuples).

    Raises
    ------
    DataFileError
        If the record is unknown or missing, is not valid YAML, or a key is
        missing, unexpected or holds a value that is not allowed. The message
        names the file, the key path and what is allowed.
    """
    directory = _resolve(data_dir)
    return _memoised("load_record", name, directory, (f"{name}.yaml", "register.yaml"), lambda: _load_record(name, directory))


def _load_record(name: str, data_dir: Path | str | None = None) -> dict[str, Any]:
    """Uncached :func:`load_record`."""
    if name not in _RECORD_MODELS:
        raise DataFileError(f"unknown record {name!r} (known records: {', '.join(RECORDS)})")
    directory = _resolve(data_dir)
    path, fname = directory / f"{name}.yaml", f"{name}.yaml"
    if not path.is_file():
        raise DataFileError(f"{path}: file not found")
    try:
        raw = _yaml_load(path)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{fname}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise DataFileError(f"{fname}: must be a mapping of keys to values")
    try:
        record = _RECORD_MODELS[name].model_validate(raw, context={"source_ids": _source_ids(directory)})
    except ValidationError as exc:
        error = _first_error(exc)
        key = ".".join(str(part) for part in error["loc"])
        if error["type"] == "missing":
            raise DataFileError(f"{fname}: missing key {key!r}") from None
        if error["type"] == "extra_forbidden":
            raise DataFileError(f"{fname}: unexpected key {key!r}") from None
        shown = _show(error.get("input"))
        raise DataFileError(
            f"{fname}, key {key!r}: {shown} is not allowed ({_allowed(error, str(error['loc'][-1]))})"
        ) from None
    return record.model_dump()


def load_register(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Read the data register ``register.yaml``.

    Parameters
    ----------
    data_dir : path-like, optional
        Directory to read from; defaults to ``$ISM_DATA_DIR`` or :data:`DATA_DIR`.

    Returns
    -------
    dict
        The register with its two lists, ``sources`` (provenance of every source:
        id, producer, title, url, date_published, date_accessed, licence, notes)
        and ``files`` (one entry per data file: file, title, description,
        columns with units, sources).

    Raises
    ------
    DataFileError
        If the register is missing, is not valid YAML or lacks either list.
    """
    directory = _resolve(data_dir)
    return _memoised("load_register", "register", directory, ("register.yaml",), lambda: _load_register(directory))


def _load_register(data_dir: Path | str | None = None) -> dict[str, Any]:
    """Uncached :func:`load_register`."""
    path = _resolve(data_dir) / REGISTER_FILE
    if not path.is_file():
        raise DataFileError(f"{path}: file not found")
    try:
        register = _yaml_load(path)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{REGISTER_FILE}: not valid YAML ({exc})") from None
    if not isinstance(register, dict) or not isinstance(register.get("sources"), list) or not isinstance(
        register.get("files"), list
    ):
        raise DataFileError(f"{REGISTER_FILE}: must be a mapping with the lists 'sources' and 'files'")
    return register


_SOURCE_FIELDS = ("id", "producer", "title", "url", "date_published", "date_accessed", "licence", "notes")
_FILE_FIELDS = ("file", "title", "description", "columns", "sources")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _data_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.suffix in (".csv", ".yaml") and p.name != REGISTER_FILE)


def _file_header(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return [h.strip() for h in next(csv.reader(handle), [])]
    raw = _yaml_load(path)
    return list(raw) if isinstance(raw, dict) else []


def _used_source_ids(path: Path) -> set[str]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return {row["source_id"].strip() for row in csv.DictReader(handle) if (row.get("source_id") or "").strip()}
    raw = _yaml_load(path)
    return {str(raw["source_id"])} if isinstance(raw, dict) and raw.get("source_id") else set()


def check_register(data_dir: Path | str | None = None) -> list[str]:
    """List the problems of the data register; an empty list means it is complete.

    Parameters
    ----------
    data_dir : path-like, optional
        Directory to check; defaults to ``$ISM_DATA_DIR`` or :data:`DATA_DIR`.

    Returns
    -------
    list of str
        One sentence per problem: a data file without a register entry, an entry
        without a file, an entry missing a field or whose columns differ from the
        file's header, a source id used by a file (in the register or in its
        ``source_id`` values) that is not in ``sources``, a source missing a
        required field or with a malformed date, and duplicate ids.

    Raises
    ------
    DataFileError
        If the register itself cannot be read (see :func:`load_register`).
    """
    directory = _resolve(data_dir)
    register = load_register(directory)
    problems: list[str] = []
    source_ids: set[str] = set()
    for index, source in enumerate(register["sources"], start=1):
        if not isinstance(source, dict):
            problems.append(f"source #{index}: must be a mapping")
            continue
        label = f"source {source.get('id')!r}" if source.get("id") else f"source #{index}"
        for key in _SOURCE_FIELDS:
            if key not in source:
                problems.append(f"{label}: missing field {key!r}")
            elif source[key] in (None, "") and key not in ("date_published",):
                problems.append(f"{label}: field {key!r} is empty")
        published = source.get("date_published")
        if published is None and "date_published" in source and not source.get("notes"):
            problems.append(f"{label}: date_published is null without notes explaining why")
        for key in ("date_published", "date_accessed"):
            value = source.get(key)
            if value is not None and not isinstance(value, dt.date) and not _PARTIAL_DATE.match(str(value)):
                problems.append(f"{label}: {key} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if source.get("id") in source_ids:
            problems.append(f"{label}: duplicate id")
        source_ids.add(str(source.get("id")))
    entries: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(register["files"], start=1):
        if not isinstance(entry, dict) or not entry.get("file"):
            problems.append(f"files entry #{index}: must be a mapping with a 'file'")
            continue
        if entry["file"] in entries:
            problems.append(f"files entry {entry['file']!r}: duplicate entry")
        entries[entry["file"]] = entry
        for key in _FILE_FIELDS:
            if not entry.get(key):
                problems.append(f"files entry {entry['file']!r}: missing field {key!r}")
        for sid in entry.get("sources") or []:
            if sid not in source_ids:
                problems.append(f"files entry {entry['file']!r}: source {sid!r} is not in sources")
    present = _data_files(directory)
    for name in present:
        if name not in entries:
            problems.append(f"{name}: data file without a register entry")
    for name, entry in entries.items():
        path = directory / name
        if name not in present:
            problems.append(f"{name}: register entry without a file")
            continue
        header, documented = _file_header(path), list((entry.get("columns") or {}).keys())
        for column in header:
            if column not in documented:
                problems.append(f"{name}: column {column!r} is not documented in the register")
        for column in documented:
            if column not in header:
                problems.append(f"{name}: register documents column {column!r} that the file lacks")
        for sid in sorted(_used_source_ids(path)):
            if sid not in source_ids:
                problems.append(f"{name}: source_id {sid!r} is not in sources")
            elif sid not in (entry.get("sources") or []):
                problems.append(f"{name}: source_id {sid!r} is used but not listed in the entry's sources")
    return problems
