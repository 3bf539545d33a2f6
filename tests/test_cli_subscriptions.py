"""The subscription verbs as a team lead and an agent run them."""

from __future__ import annotations

import json
from pathlib import Path

from quickreply.core.library import load_personal, upsert_personal_reply
from quickreply.core.model import Reply
from tests.conftest import run_cli
from tests.packserver import serve_packs
from tests.test_subscriptions import team_pack, write


def test_lead_signs_agent_subscribes_with_the_key(tmp_path: Path) -> None:
    key = tmp_path / "lead.pem"
    made = run_cli("pack", "keygen", str(key))
    assert made.returncode == 0, made.stderr
    public = (tmp_path / "lead.pem.pub").read_text(encoding="utf-8").strip()
    assert f"--key {public}" in made.stdout
    again = run_cli("pack", "keygen", str(key))
    assert again.returncode == 1 and "never overwritten" in again.stderr

    site = tmp_path / "site"
    pack = write(site / "team.toml", team_pack("1.0.0"))
    signed = run_cli("pack", "sign", str(pack), "--key", str(key))
    assert signed.returncode == 0, signed.stderr
    with serve_packs(site) as served:
        url = served.url("team.toml")
        bad_key = run_cli("subscribe", url, "--key", "abc")
        assert bad_key.returncode == 1 and "44 characters of base64" in bad_key.stderr
        ok = run_cli("subscribe", url, "--key", public)
        assert ok.returncode == 0, ok.stderr
        assert "subscribed s1" in ok.stdout and "added acme.team 1.0.0" in ok.stdout

        write(pack, team_pack("1.1.0", "改了但没签名"))
        refused = run_cli("subscriptions", "--update")
        assert refused.returncode == 1
        assert "does not match" in refused.stderr and "Traceback" not in refused.stderr
        listed = run_cli("subscriptions", "--json")
        [sub] = json.loads(listed.stdout)
        assert sub["key"] == public and "does not match" in sub["error"]

        run_cli("pack", "sign", str(pack), "--key", str(key))
        updated = run_cli("subscriptions", "--update")
        assert updated.returncode == 0, updated.stderr
        assert "updated acme.team 1.0.0 -> 1.1.0" in updated.stdout
        assert "~ reply greet: text changed" in updated.stdout

    offline = run_cli("subscriptions", "--update")
    assert offline.returncode == 1 and "the last good copy stays in use" in offline.stderr
    search = run_cli("search", "wh", "--json")
    assert json.loads(search.stdout)[0]["id"] == "acme.team/greet"

    gone = run_cli("unsubscribe", "s1")
    assert gone.returncode == 0 and "acme.team removed" in gone.stdout
    assert run_cli("unsubscribe", "s1").returncode == 1
    assert "no subscriptions" in run_cli("subscriptions").stdout


def test_signing_a_broken_pack_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    run_cli("pack", "keygen", str(key))
    result = run_cli("pack", "sign", "tests/data/packs/bad/syntax.toml", "--key", str(key))
    assert result.returncode == 1 and "syntax.toml:9:17" in result.stderr
    assert not Path("tests/data/packs/bad/syntax.toml.sig").exists()
    not_a_key = run_cli("pack", "sign", "tests/data/sample.toml", "--key", "tests/data/sample.toml")
    assert not_a_key.returncode == 1 and "PEM" in not_a_key.stderr


def test_review_verb_keeps_or_takes(tmp_path: Path) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.0.0"))
    assert run_cli("subscribe", str(source)).returncode == 0
    upsert_personal_reply(
        Reply(id="mine", title="我的问候", text="亲亲～", overrides="acme.team/greet")
    )
    write(source, team_pack("2.0.0", "亲，新年好～"))
    update = run_cli("subscriptions", "--update")
    assert "your override of acme.team/greet needs a look" in update.stdout
    listed = run_cli("review")
    assert "acme.team/greet  (1.0.0 -> 2.0.0)" in listed.stdout
    shown = run_cli("review", "acme.team/greet")
    assert "亲，[-您-]{+新年+}好～" in shown.stdout and "yours:       亲亲～" in shown.stdout
    taken = run_cli("review", "acme.team/greet", "--take-theirs")
    assert taken.returncode == 0 and load_personal().replies == ()
    assert run_cli("review", "acme.team/greet", "--keep-mine").returncode == 1


def test_import_of_a_team_pack_refuses_a_downgrade(tmp_path: Path) -> None:
    newer = write(tmp_path / "v11.toml", team_pack("1.1.0"))
    older = write(tmp_path / "v10.toml", team_pack("1.0.0"))
    assert run_cli("import", str(newer)).returncode == 0
    refused = run_cli("import", str(older))
    assert refused.returncode == 1 and "older than 1.1.0" in refused.stderr
    assert "your library is unchanged" in refused.stderr
    forced = run_cli("import", str(older), "--allow-downgrade")
    assert forced.returncode == 0 and "imported acme.team 1.0.0" in forced.stdout
