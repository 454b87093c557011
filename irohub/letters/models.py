"""Allocation letters (Wolverhampton: "information is sent to the child via a letter and a
letter is now sent to the allocated social worker"): the templates an administrator edits,
the IRO's photo and contact details, and each letter written, kept on the child's record
as it was sent."""

from django.conf import settings
from django.db import models

from irohub.accounts.models import IRO
from irohub.allocation.models import Allocation
from irohub.children.models import Child


class LetterKind(models.TextChoices):
    CHILD_UNDER_8 = "child_under_8", "To the child, aged under 8"
    CHILD_8_TO_12 = "child_8_to_12", "To the child, aged 8 to 12"
    CHILD_13_PLUS = "child_13_plus", "To the young person, aged 13 or over"
    SOCIAL_WORKER = "social_worker", "To the child's social worker"


class LetterTemplate(models.Model):
    """One version of the letter; the text uses only the placeholders of
    letters.placeholders (checked when saved)."""

    kind = models.CharField(max_length=20, choices=LetterKind.choices, unique=True)
    title = models.CharField(max_length=120)
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class IROContact(models.Model):
    """How a child reaches their IRO, and the IRO's photo for the child's letter (kept in
    the database, re-encoded without its metadata: no file store to back up or leak)."""

    iro = models.OneToOneField(IRO, on_delete=models.CASCADE, related_name="contact")
    phone = models.CharField(max_length=30, blank=True, default="")
    mobile = models.CharField("mobile (calls and texts)", max_length=30, blank=True, default="")
    email = models.EmailField(blank=True, default="")
    photo = models.BinaryField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Contact details of {self.iro}"


class Letter(models.Model):
    """A letter as written: the text is kept, so the record shows what was sent even after
    the template changes."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="letters")
    allocation = models.ForeignKey(
        Allocation, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )
    iro = models.ForeignKey(IRO, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    addressed_to = models.CharField(max_length=200)
    title = models.CharField(max_length=120)
    text = models.TextField()
    written_on = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-written_on", "-pk"]
        constraints = [
            # One letter to each reader for each allocation.
            models.UniqueConstraint(
                fields=["allocation", "kind"],
                condition=models.Q(allocation__isnull=False),
                name="letter_once_per_allocation_and_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.child.identifier}, {self.written_on:%d/%m/%Y}"

    @property
    def to_child(self) -> bool:
        return self.kind != LetterKind.SOCIAL_WORKER
