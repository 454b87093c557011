"""Sign-on settings an administrator changes in the application."""

from django.db import models

from irohub.accounts.roles import ROLES


class TwoFactorRole(models.Model):
    """A role whose holders must sign in with a second factor (a code from an
    authenticator app). Someone holding such a role enrols before they can do anything
    else; the requirement follows the role, so giving someone the role requires it of them."""

    role = models.CharField(
        max_length=20, unique=True, choices=[(key, role.name) for key, role in ROLES.items()]
    )

    class Meta:
        ordering = ["role"]
        verbose_name = "role that requires two-factor sign-in"
        verbose_name_plural = "roles that require two-factor sign-in"

    def __str__(self) -> str:
        return ROLES[self.role].name
