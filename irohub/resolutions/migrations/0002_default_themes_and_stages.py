"""The themes of spec/measures.md M-ESC-01 and the seed reports, and the stages of spec
§2.10 with their default response times: a council edits both in the administration."""

from django.db import migrations

THEMES = [
    "Drift or delay in permanence",
    "Care plan not updated",
    "Placement suitability",
    "Family time (contact)",
    "Health",
    "Education (PEP)",
    "Social worker not allocated or changed",
    "Review paperwork late",
    "Life story work and later life letters",
    "Pathway planning and independence",
    "Other",
]
STAGES = [
    (0, "Informal", 10),
    (1, "Stage 1 (team or service manager)", 5),
    (2, "Stage 2 (head of service)", 5),
    (3, "Stage 3 (assistant director or director)", 5),
]


def add(apps, schema_editor):
    theme = apps.get_model("resolutions", "PracticeTheme")
    for position, name in enumerate(THEMES):
        theme.objects.get_or_create(name=name, defaults={"position": position})
    stage = apps.get_model("resolutions", "ResolutionStage")
    for number, name, days in STAGES:
        stage.objects.get_or_create(
            stage=number, defaults={"name": name, "response_working_days": days}
        )


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
