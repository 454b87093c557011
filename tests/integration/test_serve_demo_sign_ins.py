"""`irohub serve` makes demo sign-ins once, with the demo council on an empty database,
and never touches an account again; with DATABASE_URL set it makes none (issue 11, 7)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.integration.irohub_server import SECRET, irohub, serving

pytestmark = [pytest.mark.database_independent, pytest.mark.slow]

SIGN_INS = [
    "Administrator",
    "IRO",
    "Social worker",
    "Foster carer reviewing officer (FIRO)",
    "Team manager",
    "Service manager",
    "Read-only auditor",
    "Social-work team manager",
    "Commissioning officer",
]

# What an administrator does to the demo accounts after the first start.
ADMINISTRATOR_CHANGES = """
from django.contrib.auth import get_user_model
User = get_user_model()
admin = User.objects.get(username="admin")
admin.set_unusable_password()
admin.save()
User.objects.get(username="auditor").delete()
User.objects.get(username="team.manager").roles.all().delete()
"""


def printed_sign_ins(output: str) -> list[str]:
    return [
        line.split("sign in as ", 1)[1].split(":", 1)[0]
        for line in output.splitlines()
        if "sign in as " in line
    ]


def test_demo_sign_ins_are_made_once_and_never_restored(tmp_path):
    env = {"DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path)}
    with serving(env, "--demo-children", "40") as server:
        pass
    first = server.stop()
    assert "Creating the demo council" in first
    assert printed_sign_ins(first) == SIGN_INS

    changed = irohub("manage", "shell", "-c", ADMINISTRATOR_CHANGES, env=env)
    assert changed.returncode == 0, changed.stderr

    with serving(env, "--demo-children", "40") as server:
        pass
    second = server.stop()
    assert "Creating the demo council" not in second
    # Only the sign-ins that still work are printed, and nothing was given back.
    assert printed_sign_ins(second) == [
        "IRO",
        "Social worker",
        "Foster carer reviewing officer (FIRO)",
        "Service manager",
        "Social-work team manager",
        "Commissioning officer",
    ]
    with sqlite3.connect(tmp_path / "irohub.sqlite3") as database:
        users = dict(database.execute("SELECT username, password FROM auth_user"))
        roles = database.execute(
            "SELECT count(*) FROM accounts_userrole r JOIN auth_user u ON u.id = r.user_id"
            " WHERE u.username = 'team.manager'"
        ).fetchone()[0]
    assert users["admin"].startswith("!")  # still unusable
    assert "auditor" not in users
    assert roles == 0


def test_no_demo_council_or_sign_ins_when_the_database_already_has_accounts(tmp_path):
    env = {"DATABASE_URL": "", "IROHUB_DATA_DIR": str(tmp_path)}
    assert irohub("manage", "migrate", "-v0", env=env).returncode == 0
    made = irohub(
        "manage",
        "createsuperuser",
        "--noinput",
        "--username",
        "officer",
        "--email",
        "officer@example.invalid",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": "synthetic-password-123"},
    )
    assert made.returncode == 0, made.stderr
    with serving(env, "--demo-children", "40") as server:
        pass
    output = server.stop()
    assert "Creating the demo council" not in output
    assert printed_sign_ins(output) == []
    with sqlite3.connect(tmp_path / "irohub.sqlite3") as database:
        assert database.execute("SELECT username FROM auth_user").fetchall() == [("officer",)]


def test_with_database_url_set_no_demo_is_made(tmp_path):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'council.sqlite3'}",
        "SECRET_KEY": SECRET,
        "IROHUB_PUBLIC_URL": "https://iro.example.gov.uk",
    }
    with serving(env, "--demo-children", "40") as server:
        pass
    output = server.stop()
    assert "Creating the demo council" not in output
    assert printed_sign_ins(output) == []
    with sqlite3.connect(tmp_path / "council.sqlite3") as database:
        assert database.execute("SELECT count(*) FROM auth_user").fetchone() == (0,)
        assert database.execute("SELECT count(*) FROM children_child").fetchone() == (0,)
