"""The performance page: every measure with numerator and denominator, last year beside
it, monthly trends, drill-down to the children and reviews behind each figure, and
CSV and Excel downloads."""
