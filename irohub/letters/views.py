"""Allocation letters in the workspace: a child's letters (write them for an allocation,
download each as PDF), and an IRO's own photo and contact details."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.models import IRO
from irohub.accounts.roles import Permission
from irohub.allocation.models import Allocation
from irohub.children.queries import open_child_record
from irohub.core.forms import show_on_form
from irohub.letters import actions, queries
from irohub.letters.forms import ContactForm
from irohub.letters.models import IROContact, Letter
from irohub.letters.render import letter_pdf


@require_permission(Permission.VIEW_CHILD)
def letters(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's allocation letters; a manager writes those of an allocation."""
    child = open_child_record(request.user, child_id, purpose="allocation letters")
    may_write = has_permission(request.user, Permission.ALLOCATE_IRO)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("You need permission to allocate an IRO to write letters.")
        raw = request.POST.get("allocation", "")
        allocation = None
        if raw.isascii() and raw.isdigit() and len(raw) < 19:
            allocation = Allocation.objects.filter(child=child, pk=int(raw)).first()
        if allocation is None:
            messages.error(request, "Choose one of this child's allocations to write letters for")
        else:
            try:
                written = actions.write_allocation_letters(
                    actor=request.user, allocation=allocation
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    f"{len(written)} letter{'s' if len(written) != 1 else ''} written: "
                    + ", ".join(letter.get_kind_display().lower() for letter in written),
                )
        return redirect(reverse("letters", args=[child.pk]))
    return render(
        request,
        "letters/letters.html",
        {
            "child": child,
            "letters": queries.letters_of(child),
            "allocations": queries.allocations_of(child),
            "may_write": may_write,
        },
    )


@require_permission(Permission.VIEW_CHILD)
def download(request: HttpRequest, child_id: int, letter_id: int) -> HttpResponse:
    child = open_child_record(request.user, child_id, purpose="downloading a letter")
    letter = Letter.objects.filter(child=child, pk=letter_id).select_related("iro__user").first()
    if letter is None:
        raise Http404("This child has no such letter")
    data = letter_pdf(letter)
    actions.record_download(actor=request.user, letter=letter)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="letter-{child.identifier}-{letter.kind}-'
        f'{letter.written_on:%Y-%m-%d}.pdf"'
    )
    return response


@require_permission(Permission.VIEW_OWN_CASELOAD)
def my_details(request: HttpRequest) -> HttpResponse:
    """The IRO's photo and how children reach them, for their allocation letters."""
    iro = IRO.objects.filter(user=request.user).first()
    if iro is None:
        return render(request, "letters/no_iro_profile.html", status=404)
    contact = IROContact.objects.filter(iro=iro).first()
    form = ContactForm(
        initial={
            "phone": contact.phone if contact else "",
            "mobile": contact.mobile if contact else "",
            "email": contact.email if contact else "",
        }
    )
    if request.method == "POST":
        form = ContactForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["photo"]
            try:
                actions.save_contact(
                    actor=request.user,
                    iro=iro,
                    phone=form.cleaned_data["phone"],
                    mobile=form.cleaned_data["mobile"],
                    email=form.cleaned_data["email"],
                    photo=upload.read() if upload else None,
                    photo_name=f"The file {upload.name}" if upload else "the file",
                    remove_photo=form.cleaned_data["remove_photo"],
                )
            except ValidationError as error:
                show_on_form(form, error)
            else:
                messages.success(request, "Your details for letters are saved")
                return redirect(reverse("my_letter_details"))
    return render(
        request,
        "letters/my_details.html",
        {"form": form, "has_photo": bool(contact and contact.photo)},
        status=400 if form.errors else 200,
    )
