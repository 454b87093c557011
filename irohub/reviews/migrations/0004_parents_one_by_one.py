"""The single `parent` attendance key becomes a part per parent (ReviewParent).

A review recorded before parents were named, with `parent` among those who attended, gets
one part "attended" for a parent named "Parent (name not recorded)" (role parent, with
parental responsibility), made once per child from the start of the child's first care
period: the record keeps exactly what was known — a parent was there — without inventing
which one. Going back puts the key back on the reviews a parent attended.
"""

from django.db import migrations

PLACEHOLDER = "Parent (name not recorded)"


def forwards(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    ReviewParent = apps.get_model("reviews", "ReviewParent")
    Person = apps.get_model("children", "PersonAroundChild")
    CarePeriod = apps.get_model("children", "CarePeriod")
    placeholders = {}
    # JSON "contains" is not portable (SQLite): one pass over the reviews instead.
    reviews = Review.objects.only("id", "child_id", "held", "attendance").order_by("id")
    for review in reviews.iterator(chunk_size=2000):
        if "parent" not in (review.attendance or []):
            continue
        person = placeholders.get(review.child_id)
        if person is None:
            first = CarePeriod.objects.filter(child_id=review.child_id).order_by("start").first()
            person = Person.objects.create(
                child_id=review.child_id,
                role="parent",
                name=PLACEHOLDER,
                relationship="recorded before IRO Hub named each parent",
                parental_responsibility=True,
                start=first.start if first else review.held,
            )
            placeholders[review.child_id] = person
        ReviewParent.objects.create(review=review, person=person, status="attended")
        review.attendance = [key for key in review.attendance if key != "parent"]
        review.save(update_fields=["attendance"])


def backwards(apps, schema_editor):
    Review = apps.get_model("reviews", "Review")
    ReviewParent = apps.get_model("reviews", "ReviewParent")
    attended = ReviewParent.objects.filter(status="attended").values_list("review_id", flat=True)
    for review in Review.objects.filter(id__in=set(attended)):
        review.attendance = ["parent", *review.attendance]
        review.save(update_fields=["attendance"])
    ReviewParent.objects.filter(person__name=PLACEHOLDER).delete()
    apps.get_model("children", "PersonAroundChild").objects.filter(name=PLACEHOLDER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_review_lifecycle"),
        ("children", "0007_person_role_parent"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
