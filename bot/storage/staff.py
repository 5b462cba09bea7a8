"""Dashboard logins: create, find, and link a Telegram account for `/export` in chat.

The first admin comes from `python -m bot staff add`. Linking follows the officers' one-time
codes (bot/storage/officers.py): six digits, only a hash stored, spent when used. A staff
login's chat reaches a branch's people, so its code lives 30 minutes, not a day.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.auth import hash_password
from bot.domain.regions import region_name
from bot.storage import attempts
from bot.storage.lead_queries import Scope
from bot.storage.models import Branch, Officer, Staff

ROLES = ("admin", "branch_admin", "officer", "pemda")
#: Roles that may see a NIK in clear (logged), and phone numbers and birth dates at all.
PERSONAL_DATA_ROLES = ("admin", "branch_admin")
#: Roles that see leads, their exports and the chats handed over: pemda reads programmes only.
LEAD_ROLES = ("admin", "branch_admin", "officer")
LINK_TTL = timedelta(minutes=30)
STAFF_CODE = "staff"  # the purpose of a link code, as `attempts` counts its wrong tries


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
    regency_code: str | None = None,
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
    if role == "pemda" and (regency_code is None or region_name(regency_code) is None):
        raise StaffError("a pemda login needs --regency CODE (kabupaten/kota, 51.03)")
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
        regency_code=regency_code if role == "pemda" else None,
        active=True,
        created_at=now,
    )
    session.add(staff)
    session.flush()
    return staff


def find_by_username(session: Session, username: str) -> Staff | None:
    return session.scalar(select(Staff).where(Staff.username == username.strip()))


def end_all_sessions(session: Session, staff_id: int) -> None:
    """Every dashboard cookie issued to this login so far stops working (logout)."""
    staff = session.get(Staff, staff_id)
    if staff is not None:
        staff.session_version += 1
        session.flush()


def set_password(session: Session, staff: Staff, password: str) -> None:
    """A new password (at least MIN_PASSWORD characters); every open session ends."""
    try:
        staff.password_hash = hash_password(password)
    except ValueError as exc:
        raise StaffError(str(exc)) from None
    staff.session_version += 1
    session.flush()


def deactivate_staff(session: Session, staff: Staff) -> None:
    """The login stops: no session, no new login, no Telegram export, no pending link code."""
    staff.active = False
    staff.session_version += 1
    staff.telegram_user_id = staff.link_code_hash = staff.link_code_expires_at = None
    session.flush()


def active_staff(session: Session, staff_id: int) -> Staff | None:
    staff = session.get(Staff, staff_id)
    return staff if staff is not None and staff.active else None


def scope_of(staff: Staff) -> Scope:
    """Whose leads a login reaches: the same rule as the dashboard's."""
    return Scope.of(staff.role, staff.branch_id, staff.officer_id)


def _hash(code: str) -> str:
    return hashlib.sha256(f"staff-link:{code}".encode()).hexdigest()


def issue_link_code(session: Session, staff: Staff, now: datetime) -> str:
    """A fresh 6-digit code that links a Telegram account to `staff`; an earlier one ends."""
    if not staff.active:
        raise StaffError(f"login {staff.username!r} is deactivated")
    while True:
        code = f"{secrets.randbelow(900000) + 100000}"
        if session.scalar(select(Staff.id).where(Staff.link_code_hash == _hash(code))) is None:
            break
    staff.link_code_hash, staff.link_code_expires_at = _hash(code), now + LINK_TTL
    session.flush()
    return code


def link_telegram(session: Session, typed: str, user_id: str, now: datetime) -> Staff | None:
    """Spend the code typed (spaces allowed): the account becomes that active login's.

    None for a wrong, used, expired or locked code (too many wrong tries, `attempts`).
    Another login's claim on the account is dropped.
    """
    code = "".join(typed.split())
    if not code.isdigit():
        return None
    staff = session.scalar(
        select(Staff).where(
            Staff.link_code_hash == _hash(code),
            Staff.active.is_(True),
            Staff.link_code_expires_at > now,
        )
    )
    if staff is None or staff.link_code_expires_at is None:
        return None
    if attempts.code_locked(session, STAFF_CODE, staff.link_code_expires_at - LINK_TTL):
        return None
    for other in session.scalars(select(Staff).where(Staff.telegram_user_id == user_id)):
        other.telegram_user_id = None
    session.flush()
    staff.telegram_user_id, staff.link_code_hash, staff.link_code_expires_at = user_id, None, None
    session.flush()
    return staff


def staff_of_telegram(session: Session, user_id: str) -> Staff | None:
    """The active login that linked this Telegram account, if any."""
    return session.scalar(
        select(Staff).where(Staff.telegram_user_id == user_id, Staff.active.is_(True))
    )
