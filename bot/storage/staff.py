"""Dashboard logins: create one (the first admin comes from `python -m bot staff add`), find one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.auth import hash_password
from bot.storage.models import Branch, Officer, Staff

ROLES = ("admin", "branch_admin", "officer")


class StaffError(ValueError):
    """The login cannot be created as asked; the message says why."""


def add_staff(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    now: datetime,
    branch_code: str | None = None,
    officer_code: str | None = None,
) -> Staff:
    """A new login; a branch admin needs a branch, an officer login an officer (and its branch)."""
    username = username.strip()
    if not username or len(username) > 64:
        raise StaffError("username must be 1-64 characters")
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}")
    if session.scalar(select(Staff.id).where(Staff.username == username)) is not None:
        raise StaffError(f"username {username!r} is taken")
    branch_id = officer_id = None
    if branch_code:
        branch = session.scalar(select(Branch).where(Branch.code == branch_code))
        if branch is None:
            raise StaffError(f"no branch with code {branch_code!r}")
        branch_id = branch.id
    if officer_code:
        officer = session.scalar(select(Officer).where(Officer.code == officer_code))
        if officer is None:
            raise StaffError(f"no officer with code {officer_code!r}")
        officer_id, branch_id = officer.id, officer.branch_id
    if role == "branch_admin" and branch_id is None:
        raise StaffError("a branch_admin needs --branch CODE")
    if role == "officer" and officer_id is None:
        raise StaffError("an officer login needs --officer CODE")
    try:
        password_hash = hash_password(password)
    except ValueError as exc:
        raise StaffError(str(exc)) from None
    staff = Staff(
        username=username,
        password_hash=password_hash,
        role=role,
        branch_id=None if role == "admin" else branch_id,
        officer_id=officer_id,
        active=True,
        created_at=now,
    )
    session.add(staff)
    session.flush()
    return staff


def find_by_username(session: Session, username: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.username == username.strip()))


def active_staff(session: Session, staff_id: int) -> Staff | None:
    staff = session.get(Staff, staff_id)
    return staff if staff is not None and staff.active else None
