"""A real writer process for the kill and concurrency tests.

    python -m tests.reliability.writer personal START COUNT   # add replies rSTART..
    python -m tests.reliability.writer mixed START COUNT      # personal, settings, team pack

Prints each number once its save has returned, so the parent knows which
saves were complete when it killed the process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quickreply.core import settings, storage
from quickreply.core.library import subscribe, upsert_personal_reply
from quickreply.core.model import Reply


def team_source(i: int) -> Path:
    path = storage.data_dir().parent / f"team-source-{storage.data_dir().name}.toml"
    replies = "".join(
        f'\n[[reply]]\nid = "t{n}"\ntitle = "团队{n}"\ntext = "亲，团队回复{n}"\n'
        for n in range(i % 7 + 1)
    )
    path.write_text(
        f'format = 1\n[pack]\nid = "team"\nname = "团队"\nversion = "1.{i}.0"\n{replies}',
        "utf-8",
    )
    return path


def main() -> None:
    mode, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for i in range(start, start + count):
        reply = Reply(id=f"r{i}", title=f"我的回复{i}", text=f"亲，这是第{i}条😊\n第二行")
        upsert_personal_reply(reply)
        if mode == "mixed":
            settings.update(agent=f"客服{i}")
            subscribe(team_source(i))
        print(i, flush=True)


if __name__ == "__main__":
    main()
