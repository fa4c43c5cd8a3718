"""Inputs: the data files in ``data/``, validated row by row, their register, and the report's headline and segmentation."""

from .files import DATA_DIR, DataFileError
from .headline import Headline
from .reading import RECORDS, TABLES, check_data, load_record, load_table
from .register import check_register, load_register

__all__ = ["DATA_DIR", "RECORDS", "TABLES", "DataFileError", "check_data", "Headline", "check_register", "load_record", "load_register", "load_table"]
