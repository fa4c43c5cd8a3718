"""Load the book's input data files (data/*.csv, data/*.yaml) and validate them against the data register."""

from __future__ import annotations

import csv
import datetime as dt
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from ..constraints import allowed
from ..paths import data_file, record_file, table_file
from . import declared
from .files import REGISTER_FILE, DataFileError, _memoised, _resolve, _yaml_load
from .record_schemas import _RECORD_MODELS, RECORDS
from .register import check_register, load_register
from .table_schemas import _MODELS, TABLES


def _show(value: Any) -> str:
    if isinstance(value, str) and not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return repr(value)
    return str(value)


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
        Directory to read from; defaults to the project's (:data:`..paths.DATA_DIR`).

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
    declared.check(data_file(table_file(name)))
    directory = _resolve(data_dir)
    return _memoised("load_table", name, directory, (table_file(name), REGISTER_FILE), lambda: _load_table(name, directory))


def memoised_tables(kind: str, tables: tuple[str, ...], load: Any) -> Any:
    """``load()``, what a module derives from the project's ``tables``, once per version of them (each read declared)."""
    for name in tables:
        declared.check(data_file(table_file(name)))
    return _memoised(kind, "", _resolve(None), (*map(table_file, tables), REGISTER_FILE), load)


def _load_table(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Uncached :func:`load_table`."""
    if name not in _MODELS:
        raise DataFileError(f"unknown table {name!r} (known tables: {', '.join(TABLES)})")
    model, directory = _MODELS[name], _resolve(data_dir)
    fname = table_file(name)
    path = directory / fname
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
                    shown, rule = "empty value", "a value is required"
                else:
                    shown, rule = _show(value), allowed(error, model)
                raise DataFileError(
                    f"{fname}, row {line}, column {column!r}: {shown} is not allowed ({rule})"
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
        Directory to read from; defaults to the project's (:data:`..paths.DATA_DIR`).

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
    declared.check(data_file(record_file(name)))
    directory = _resolve(data_dir)
    return _memoised("load_record", name, directory, (record_file(name), REGISTER_FILE), lambda: _load_record(name, directory))


def _load_record(name: str, data_dir: Path | str | None = None) -> dict[str, Any]:
    """Uncached :func:`load_record`."""
    if name not in _RECORD_MODELS:
        raise DataFileError(f"unknown record {name!r} (known records: {', '.join(RECORDS)})")
    directory = _resolve(data_dir)
    fname = record_file(name)
    path = directory / fname
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
        if not error["loc"]:  # a rule across keys
            raise DataFileError(f"{fname}: {allowed(error, _RECORD_MODELS[name])}") from None
        shown = _show(error.get("input"))
        raise DataFileError(
            f"{fname}, key {key!r}: {shown} is not allowed ({allowed(error, _RECORD_MODELS[name])})"
        ) from None
    return record.model_dump()


def area_price_levels(levels: pd.DataFrame | None = None) -> pd.Series:
    """Each area's ICP 2021 health price level re-based to the United States (US = 1), by ``area_id`` of price_levels.csv.

    ``countries.price_index`` is derived from it: a country the scenario file leaves out takes its own area's level.
    """
    levels = load_table("price_levels") if levels is None else levels
    return levels.set_index("area_id")["price_level_us_100"] / 100


def check_data(data_dir: Path | str | None = None) -> None:
    """Load and validate every data file and the register: clear errors before any chapter runs.

    Raises
    ------
    DataFileError
        ``invalid data: ...`` naming the first bad file, row and value, or ``invalid data register:``
        with one line per problem of the register (:func:`.register.check_register`).
    """
    try:
        for name in TABLES:
            load_table(name, data_dir)
        for name in RECORDS:
            load_record(name, data_dir)
        problems = check_register(data_dir)
    except DataFileError as exc:
        raise DataFileError(f"invalid data: {exc}") from None
    if problems:
        raise DataFileError("invalid data register:\n" + "\n".join(f"  - {p}" for p in problems))
