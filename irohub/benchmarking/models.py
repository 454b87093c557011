"""The published figures loaded from the DfE's tables, and the council's statistical
neighbours. Both are replaced by `irohub benchmarking load` (actions.load_published);
nothing here is about a child."""

from __future__ import annotations

from django.db import models

from irohub.reporting.published import MEASURES, Level


class PublishedFigure(models.Model):
    """One published figure for one authority, region or England in one year: a number,
    or the symbol the DfE published instead ("c", "k", "z", "x", ":", "u")."""

    year = models.CharField(max_length=7)  # "2023/24"
    level = models.CharField(max_length=16, choices=[(level.value, level.value) for level in Level])
    code = models.CharField(max_length=16)  # new_la_code, region_code or country_code
    name = models.CharField(max_length=200)
    region_code = models.CharField(max_length=16, blank=True)
    region_name = models.CharField(max_length=200, blank=True)
    measure = models.CharField(max_length=40, choices=[(m.key, m.title) for m in MEASURES])
    value = models.DecimalField(max_digits=12, decimal_places=1, null=True, blank=True)
    symbol = models.CharField(max_length=4, blank=True)
    source_file = models.CharField(max_length=255)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "level", "code", "measure"], name="one_published_figure"
            ),
            # A number or a symbol, never both and never neither.
            models.CheckConstraint(
                condition=(models.Q(value__isnull=True) & ~models.Q(symbol=""))
                | (models.Q(value__isnull=False) & models.Q(symbol="")),
                name="published_figure_number_or_symbol",
            ),
        ]
        ordering = ["year", "level", "code", "measure"]

    def __str__(self) -> str:
        shown = self.symbol if self.value is None else self.value
        return f"{self.year} {self.name}: {self.measure} {shown}"


class StatisticalNeighbour(models.Model):
    """One of the council's statistical neighbours, closest first (rank 1)."""

    rank = models.PositiveSmallIntegerField(unique=True)
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return f"{self.rank}. {self.name} ({self.code})"
