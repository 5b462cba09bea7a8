"""The tables, as typed SQLAlchemy models; the annotations are the schema.

Schema changes go only through Alembic migrations (bot/storage/migrations).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonDict = dict[str, Any]
#: Lead statuses a branch is still working on; while one is open the same NIK cannot register again.
OPEN_STATUSES = ("baru", "dihubungi")
#: Chat and user ids: WhatsApp's business-scoped user ids (BSUID) run to about 130 characters.
CHAT_ID_LENGTH = 256
OPEN_LEAD = "status IN ({})".format(", ".join(f"'{status}'" for status in OPEN_STATUSES))
#: `Lead.channel` of a lead from a desa's list (bot.storage.programmes): no chat behind it.
LIST_CHANNEL = "list"


class Base(DeclarativeBase):
    """Declarative base with one type map for both databases and named constraints.

    Named constraints let Alembic's batch mode alter SQLite tables in later migrations.
    """

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )

    type_annotation_map = {
        datetime: DateTime(timezone=True),
        JsonDict: JSON().with_variant(JSONB(), "postgresql"),
        list[str]: JSON().with_variant(JSONB(), "postgresql"),
        Decimal: Numeric(14, 0),
    }


class Branch(Base):
    """A kantor cabang: receives the leads of the regencies it serves."""

    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(default=False)
    # What a worker is told (status check, handover): the office's phone, street address and
    # opening hours ("Mon-Fri 08:00-15:30", bot/domain/office_hours.py; None: the national ones).
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(Text)
    hours: Mapped[str | None] = mapped_column(String(64))
    # Follow-up (migration 0014): a lead's "call by" is this many working days after it came in;
    # a status change is sent to the worker's chat when `notify_status` is on.
    call_within_days: Mapped[int] = mapped_column(default=3, server_default="3")
    notify_status: Mapped[bool] = mapped_column(default=True, server_default=text("true"))


class BranchArea(Base):
    """Which branch serves a Kemendagri regency code such as `51.03`; one branch per regency."""

    __tablename__ = "branch_areas"

    regency_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )


class Officer(Base):
    """An outreach officer whose referral code attributes contacts and leads."""

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    telegram_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    whatsapp_user_id: Mapped[str | None] = mapped_column(String(CHAT_ID_LENGTH), unique=True)
    # A village officer (perangkat desa) is bound to one desa and enrols into its programme.
    village_code: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class OfficerCode(Base):
    """A one-time code: an officer links a chat account (`link`), a worker consents (`consent`).

    Only a hash of the code is stored; `used_at` ends it, `contact_id` is who used it. A
    worker who declines ends it too, with `refused_at` and no contact: the officer is told so.
    """

    __tablename__ = "officer_codes"
    __table_args__ = (Index("ix_officer_codes_purpose_hash", "purpose", "code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    code_hash: Mapped[str] = mapped_column(String(64))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    refused_at: Mapped[datetime | None]


class Staff(Base):
    """A dashboard login: admin, branch_admin (own branch), officer (own leads) or pemda.

    A pemda login reads one kabupaten/kota's programme pages, and no lead or NIK.

    A login may link one Telegram account (`/export` in chat) with a one-time code stored
    only hashed, which ends when used or at `link_code_expires_at` (`staff link`).
    """

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    regency_code: Mapped[str | None] = mapped_column(String(8))  # a pemda login's kabupaten
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    telegram_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    link_code_expires_at: Mapped[datetime | None]
    # in the signed session cookie; logout, a new password and deactivation bump it, so every
    # cookie issued before stops working at once
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")


class Contact(Base):
    """A person on one channel: language, first touch (officer) and consent."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("channel", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(CHAT_ID_LENGTH))
    language: Mapped[str | None] = mapped_column(String(8))
    first_seen: Mapped[datetime] = mapped_column(index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"))
    consent_at: Mapped[datetime | None]
    consent_version: Mapped[str | None] = mapped_column(String(16))
    attributed_at: Mapped[datetime | None]  # when officer_id was set (an officer's "chat started")


class Conversation(Base):
    """Where a chat stands: the state name, the flow's data, and a version guard."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(CHAT_ID_LENGTH))
    state: Mapped[str] = mapped_column(String(64), default="idle")
    data: Mapped[JsonDict] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime]

    __mapper_args__ = {"version_id_col": version}


class Lead(Base):
    """A self-registration a branch office follows up; NIK stored only encrypted."""

    __tablename__ = "leads"
    __table_args__ = (
        # The dashboard pages newest first on (created_at, id) within a scope, and filters a
        # branch's leads by status, kecamatan and desa (migration 0003).
        Index("ix_leads_created_id", "created_at", "id"),
        Index("ix_leads_branch_created_id", "branch_id", "created_at", "id"),
        Index("ix_leads_branch_status_created", "branch_id", "status", "created_at"),
        Index("ix_leads_branch_district_created", "branch_id", "district_code", "created_at"),
        Index("ix_leads_branch_village_created", "branch_id", "village_code", "created_at"),
        Index("ix_leads_officer_created", "officer_id", "created_at"),
        # The overdue filter: a branch's new leads past their call-by day (migration 0014).
        Index("ix_leads_branch_status_call_by", "branch_id", "status", "call_by"),
        # One open lead per person, whichever chats they write from at the same moment.
        Index(
            "uq_leads_open_nik",
            "nik_hash",
            unique=True,
            sqlite_where=text(OPEN_LEAD),
            postgresql_where=text(OPEN_LEAD),
        ),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    nik_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    nik_hash: Mapped[str] = mapped_column(String(64), index=True)
    birth_date: Mapped[date] = mapped_column(Date)
    gender: Mapped[str] = mapped_column(String(1))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    regency_code: Mapped[str] = mapped_column(String(8))
    district_code: Mapped[str | None] = mapped_column(String(12))
    village_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str] = mapped_column(String(100))
    monthly_income: Mapped[Decimal | None]
    programs: Mapped[list[str]]
    payment_period: Mapped[int] = mapped_column(default=1)
    sponsored_interest: Mapped[bool] = mapped_column(default=False)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"))
    # Filled in the field by this officer; the worker confirmed consent on their own phone
    # at consent_at.
    assisted_by_officer_id: Mapped[int | None] = mapped_column(
        ForeignKey("officers.id", ondelete="SET NULL")
    )
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    branch_flagged: Mapped[bool] = mapped_column(default=False)  # no branch serves the regency
    status: Mapped[str] = mapped_column(String(24), default="baru", index=True)
    consent_version: Mapped[str] = mapped_column(String(16))
    consent_at: Mapped[datetime]
    # The day the branch promised to call by (bot/domain/followup.py call_by); NULL only for
    # leads older than migration 0014 that it could not fill.
    call_by: Mapped[date | None] = mapped_column(Date)


# The leads list's name search, lower(name) LIKE '%wira%': a trigram index, PostgreSQL only
# (migration 0007).
Index(
    "ix_leads_name_trgm",
    func.lower(Lead.name).label("name_lower"),
    postgresql_using="gin",
    postgresql_ops={"name_lower": "gin_trgm_ops"},
).ddl_if(dialect="postgresql")


class LeadEvent(Base):
    """The audit trail of a lead; kept, anonymous, when the person asks for deletion."""

    __tablename__ = "lead_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str | None] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)


class HandledMessage(Base):
    """A (channel, message id) already handled: platforms redeliver, we answer once."""

    __tablename__ = "handled_messages"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(index=True)


class FunnelEvent(Base):
    """A step a contact reached (chat started, eligibility checked, registration started …).

    The funnel on the dashboard and an officer's numbers count these rows.
    """

    __tablename__ = "funnel_events"
    __table_args__ = (Index("ix_funnel_events_kind_at", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"))


class UnansweredQuestion(Base):
    """A question the bot could not answer, personal data masked, for the team to add."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str] = mapped_column(String(500), index=True)
    # who asked, so that "hapus data saya" deletes their questions too
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )


class DeliveryFailure(Base):
    """A reply the platform refused (e.g. WhatsApp 131047, outside the 24-hour window).

    `message_id`: the platform's id of the refused message, when a status webhook named it;
    a resent status is recorded once.
    """

    __tablename__ = "delivery_failures"
    __table_args__ = (UniqueConstraint("channel", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(CHAT_ID_LENGTH))
    code: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(128))


class Attempt(Base):
    """A failed try: a wrong one-time code, a wrong password.

    Kept apart from anyone's erasable data (a conversation, a contact) so that neither a new
    web chat nor "hapus data saya" resets a limit. `subject` is a hash: of the platform user
    id for codes, of the username or the address for logins.
    """

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_kind_subject_at", "kind", "subject", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    subject: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(index=True)


class AuditEvent(Base):
    """Who did what with many people's data at once (an export with NIK), and when."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)
    rows: Mapped[int | None]


class BlockedChat(Base):
    """A chat that refused the bot (Telegram: blocked, or removed from a group): send nothing."""

    __tablename__ = "blocked_chats"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(CHAT_ID_LENGTH), primary_key=True)
    at: Mapped[datetime]


class OutboxMessage(Base):
    """One turn's replies to deliver, written in the turn's own transaction; a sender drains it.

    `status`: pending (a sender will try, at `due_at`), sent, or failed (refused, kept with
    its `error`). A sender holds a row while `lease_until` is ahead: a crashed sender's
    rows come back when it passes. Web chat replies are stored as sent (the HTTP response
    carried them), so a retried request gets them again. Purged after OUTBOX_KEEP_HOURS.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_due", "status", "due_at"),
        Index("ix_outbox_chat", "channel", "chat_id", "status", "id"),
        Index("ix_outbox_message", "message_id", "channel"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(256))
    message_id: Mapped[str | None] = mapped_column(String(128))  # the message it answers
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    due_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    # The turn's replies (bot/storage/outbox.py reply_record), and how many went out.
    replies: Mapped[list[JsonDict]] = mapped_column(JSON().with_variant(JSONB(), "postgresql"))
    progress: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class Programme(Base):
    """A desa's or kabupaten/kota's programme paying workers' JKK+JKM (migration 0012).

    `area_code` is the sponsor: a desa ("51.03.01.1003") or a kabupaten/kota ("51.03");
    `regency_code` is kept apart so a Pemda login's scope is one equality.
    """

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_code: Mapped[str] = mapped_column(String(16))
    regency_code: Mapped[str] = mapped_column(String(8), index=True)
    funding: Mapped[str] = mapped_column(String(2))
    programs: Mapped[list[str]]
    quota: Mapped[int]
    start_month: Mapped[date] = mapped_column(Date)
    months: Mapped[int]
    categories: Mapped[list[str]]
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    active_from: Mapped[date | None] = mapped_column(Date)  # the branch marked the group active
    created_at: Mapped[datetime]


class Enrolment(Base):
    """A worker's place in a programme: enrolled within the quota, or waiting behind it."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("programme_id", "lead_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    lead_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("leads.id", ondelete="CASCADE"),
        index=True,
    )
    status: Mapped[str] = mapped_column(String(12))  # enrolled | waiting
    source: Mapped[str] = mapped_column(String(12))  # list | officer | self
    consent: Mapped[str] = mapped_column(String(12))  # village | paper | phone
    created_at: Mapped[datetime]


class Handover(Base):
    """A worker asked for a person (or the bot could not answer twice): branch staff take over.

    Scoped like leads: `branch_id` (the worker's lead's branch, else their officer's, else the
    default office) and `officer_id`. Open while `closed_at` is None; at most one open per
    contact. Who opened, answered and closed it is in `audit_events`.
    """

    __tablename__ = "handovers"
    __table_args__ = (
        Index("ix_handovers_branch_closed_opened", "branch_id", "closed_at", "opened_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(CHAT_ID_LENGTH))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id", ondelete="SET NULL"))
    lead_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), ForeignKey("leads.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(String(16))  # asked, stuck
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(100))


class HandoverMessage(Base):
    """One message of a handover: the worker's while it is open, and staff replies.

    Linked to the contact, so that "hapus data saya" deletes them with everything else.
    """

    __tablename__ = "handover_messages"
    __table_args__ = (Index("ix_handover_messages_handover_at", "handover_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    sender: Mapped[str] = mapped_column(String(16))  # worker, staff
    author: Mapped[str | None] = mapped_column(String(100))  # the staff member's actor name
    text: Mapped[str] = mapped_column(Text)


class ChatReminder(Base):
    """A chat's one nudge about a half-finished form, or its `stop` (migration 0014).

    A row means: no reminder is due any more. `sent_at`: the nudge went; `stopped_at`: the
    person typed `stop` / `berhenti`, and gets neither reminders nor status news. The primary
    key lets only one process insert it, so a reminder goes once whichever process runs.
    """

    __tablename__ = "chat_reminders"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(CHAT_ID_LENGTH), primary_key=True)
    sent_at: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]


class MessageTemplate(Base):
    """A WhatsApp template Meta approved: what is sent outside the 24-hour window.

    `purpose` says which message it stands for (status, officer, staff); `params` names its
    body parameters in order ({{1}}, {{2}} …). Set by an admin on the dashboard or with
    `bot templates`.
    """

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("name", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    language: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(16), index=True)
    params: Mapped[list[str]]
    active: Mapped[bool] = mapped_column(default=True)


class MessageCount(Base):
    """Messages delivered to chats a branch serves, per month (WIB) and channel (migration 0014).

    Since October 2026 WhatsApp bills messages inside the window too: the office sees its
    spend. Tallied from the outbox's delivered rows (bot/storage/tally.py) before they are purged.
    """

    __tablename__ = "message_counts"

    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 2026-12
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class TallyMark(Base):
    """How far the tally of delivered messages has read the outbox (its last row id)."""

    __tablename__ = "tally_marks"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
