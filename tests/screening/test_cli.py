import argparse
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from waspada.screening import training
from waspada.screening.cli import add_parsers, cmd_screen
from waspada.screening.model import load_model


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="waspada")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def _run(argv: list[str], stdin: bytes = b"") -> tuple[int, list[dict]]:
    out = io.StringIO()
    args = _parse(argv)
    code = cmd_screen(args, stdin=io.BytesIO(stdin), stdout=out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


SCAM = "Dibutuhkan CS di Kamboja, gaji USD 1.000, visa turis, hub WA +855 12 345 678"


def test_jsonl_with_bad_records_continues(model_env, tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_bytes(
        json.dumps({"id": "a", "text": SCAM}).encode() + b"\n"
        b"not json\n"
        b'{"id": "b"}\n'
        b'{"id": "c", "text": ""}\n'
        b"\xff\xfe\n"
        + json.dumps({"id": "d", "text": "x" * 20_001}).encode()
        + b"\n"
        + json.dumps({"id": 7, "text": "Lowongan kasir di Bekasi, gaji UMR"}).encode()
        + b"\n"
    )
    code, rows = _run(["screen", str(f)])
    assert code == 0
    assert [r["id"] for r in rows] == ["a", None, "b", "c", None, "d", 7]
    assert rows[0]["verdict"] == "high"
    assert [r.get("line") for r in rows[1:6]] == [2, 3, 4, 5, 6]
    assert all("error" in r for r in rows[1:6])
    assert "20000" in rows[5]["error"]
    assert rows[6]["verdict"] == "low"


def test_csv_input(model_env, tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    f.write_text('id,text\n1,"' + SCAM + '"\n2,"Dicari barista, gaji UMR"\n', "utf-8")
    code, rows = _run(["screen", str(f)])
    assert code == 0
    assert [(r["id"], r["verdict"]) for r in rows] == [("1", "high"), ("2", "low")]


def test_csv_without_text_column_is_a_usage_error(model_env, tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    f.write_text("id,body\n1,x\n", "utf-8")
    assert _run(["screen", str(f)])[0] == 2


def test_text_format_and_stdin(model_env) -> None:
    code, rows = _run(["screen", "--format", "text"], stdin=SCAM.encode() + b"\n\nbaris kedua")
    assert code == 0 and len(rows) == 1 and rows[0]["id"] == "-"
    code, rows = _run(["screen"], stdin=json.dumps({"id": "s", "text": SCAM}).encode())
    assert code == 0 and rows[0]["id"] == "s"


def test_missing_file_is_an_io_error(model_env, tmp_path: Path) -> None:
    code, rows = _run(["screen", str(tmp_path / "nope.jsonl")])
    assert code == 1 and rows == []


def test_workers_keep_order(model_env, tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": SCAM if i % 2 else "Lowongan kasir"}) for i in range(150)]
    f.write_text("\n".join(lines) + "\nbad\n", "utf-8")
    code, rows = _run(["screen", "--workers", "2", str(f)])
    assert code == 0
    assert [r["id"] for r in rows] == list(range(150)) + [None]
    assert rows[1]["verdict"] == "high" and rows[0]["verdict"] == "low"


def test_evaluate_and_train_commands_via_python_m(
    model_env, model_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "labelled.jsonl"
    data.write_text(
        json.dumps({"text": SCAM, "label": 1, "kind": "scam"})
        + "\n"
        + json.dumps({"text": "Lowongan kasir di Bekasi", "label": 0, "kind": "legit"})
        + "\n",
        "utf-8",
    )
    cmd = [sys.executable, "-m", "waspada.screening.cli"]
    env_out = subprocess.run(
        cmd + ["screening", "evaluate", str(data), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    m = json.loads(env_out.stdout)
    assert m["recall"] == 1.0 and m["false_positive_rate"] == 0.0
    assert set(m["by_kind"]) == {"scam", "legit"}
    human = subprocess.run(
        cmd + ["screening", "evaluate", str(data)], capture_output=True, text=True, check=True
    )
    assert "precision" in human.stdout
    kept = subprocess.run(
        cmd + ["screening", "train", "--if-missing", "--out", str(model_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "kept" in kept.stdout


@pytest.mark.parametrize(
    "argv",
    [["screen", "--format", "xml"], ["screening"],
     # The review queue belongs to the platform: only `waspada screening train` offers it.
     ["screening", "train", "--include-reviewed"]],
)  # fmt: skip
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        _parse(argv)
    assert exc.value.code == 2


def _fake_build(model_dir: Path):  # type: ignore[no-untyped-def]
    """Stands in for a build (a few seconds of training): copies the session's built model."""

    def build(out_dir):  # type: ignore[no-untyped-def]
        shutil.copytree(model_dir, out_dir, dirs_exist_ok=True)
        model = load_model(Path(out_dir))
        return training.TrainResult(model, model.manifest, Path(out_dir))

    return build


def test_build_model_check_passes_on_a_current_model_and_names_a_stale_one(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(training, "build_model", _fake_build(model_dir))
    shipped = tmp_path / "shipped"
    shutil.copytree(model_dir, shipped)
    args = _parse(["screening", "build-model", "--check", "--out", str(shipped)])
    assert args.func(args) == 0
    assert "is up to date" in capsys.readouterr().out

    manifest = json.loads((shipped / "manifest.json").read_text("utf-8"))
    manifest["training_data_version"] = "0123456789abcdef"
    (shipped / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert 'manifest training_data_version: "0123456789abcdef" !=' in err
    assert "run `waspada screening build-model` and commit the result" in err


def test_build_model_writes_the_given_directory(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(training, "build_model", _fake_build(model_dir))
    out = tmp_path / "out"
    args = _parse(["screening", "build-model", "--out", str(out)])
    assert args.func(args) == 0
    version = load_model(model_dir).version
    assert capsys.readouterr().out.strip() == f"built {version} → {out}"
    assert load_model(out).version == version
