"""Analyses built on the model: the numbers, tables and chart frames each chapter shows, one module per topic.

Shared by several chapters (``__all__``):

- ``claims``: the report's claims tabled for one scenario, the scenario files and the Monte Carlo
  draws (summary, segments, regions, scenarios, uncertainty), and how the report's three headline
  figures disagree (summary, methodology);
- ``segments``: each segmentation's values, growth, shares and leaders, and the drug groups
  (segments, summary, regions);
- ``estimates``: other publishers' estimates in common years, against this book (estimates,
  triangulation);
- ``own_estimate``: the book's own estimate (``params/triangulated.yaml``), its range, the report's
  percentile and the level's drivers (summary, triangulation, uncertainty);
- ``events``: the dated events in order, at their precision (drivers, trends, landscape);
- ``incidence``: the spread of published incidence estimates and the cases it implies
  (drivers, triangulation);
- ``reference_tables``: the parameter listing, the data register's sources and the long market table as
  the data chapter shows it (methodology, data);
- ``wording``: lists in words, text that may wrap in a narrow column.

One chapter each:

- summary: ``summary`` (key figures, growth bridge, what this scenario changes);
- regions: ``regions`` (countries, top-down against bottom-up);
- landscape: ``landscape``;
- drivers: ``drivers``;
- challenges: ``diagnosis_gap``, ``treatment`` (onset, response, cost);
- trends: ``novel_therapy``, ``adoption`` (Bass and logistic uptake);
- scenarios: ``scenarios``;
- uncertainty: ``uncertainty``;
- triangulation: ``triangulation`` (what closes each gap, and what the chapter says of it);
- methodology: ``assumptions`` (the assumptions log), ``parameter_table`` (the parameters, where each value comes from).

A chapter imports the modules it needs (``from infantile_spasms_market.analysis import claims``).
"""

__all__ = ["claims", "estimates", "events", "incidence", "own_estimate", "reference_tables", "segments", "wording"]
