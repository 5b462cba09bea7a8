"""`python -m bot chat`: talk to the bot in a terminal, through the real engine and database."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from bot.channels.render import numbered_text
from bot.conversation import Channel, Incoming, Kind
from bot.engine import Engine


def chat(engine: Engine, *, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Read lines until end of input; `/start` is sent first, as Telegram would."""
    chat_id = f"terminal-{getpass.getuser()}"

    def say(incoming: Incoming) -> None:
        for reply in engine.handle(incoming):
            print(f"\n{numbered_text(reply)}", file=stdout)
        print("\n> ", end="", file=stdout, flush=True)

    say(Incoming(Channel.TERMINAL, chat_id, chat_id, Kind.START))
    for line in stdin:
        say(Incoming(Channel.TERMINAL, chat_id, chat_id, Kind.TEXT, text=line.rstrip("\n")))
    print(file=stdout)
