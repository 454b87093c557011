"""Caseload forecasting: children in care, children on child protection plans and fostering
households to review, projected month by month from the council's own history, with an
uncertainty band; the IRO and reviewing-officer FTE they need; and back-tests of the method
against what happened. Pure Python (no Django, no numpy): the planning app and the annual
report build core records and hand them here.

- `history`: the spells (care periods, plans, approvals) in core records, and the stock of
  each at month ends.
- `simulation`: entries, exit chances and the simulated futures (seeded, reproducible).
- `staffing`: the FTE arithmetic and the scenarios.
- `backtest`: a forecast made from an earlier date, set against what happened.
"""
