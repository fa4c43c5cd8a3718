"""The one base class for bad input (parameters, data files): the command line exits 2 on it."""


class InputError(ValueError):
    """The reader's input (a scenario, an override, a data file) is invalid; the message says how."""

    exit_code = 2
