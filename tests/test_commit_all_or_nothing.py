"""Outputs are renamed into place all or nothing: a refused rename (a file open in Word/WPS) changes no file."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import commit
from generator.errors import OutputError


def test_a_refused_rename_changes_no_file(tmp_path, monkeypatch):
    finals = [tmp_path / name for name in ("a.docx", "b.pptx", "c.docx")]
    for final in finals[:2]:
        final.write_bytes(b"old " + final.name.encode())
    staged = []
    for final in finals:
        tmp = tmp_path / (".~" + final.name)
        tmp.write_bytes(b"new")
        staged.append((tmp, final))
    real = os.replace

    def refuse(src, dst):
        if Path(src).name == "b.pptx":          # -- Windows: the file is open in Word/WPS and cannot be moved --
            raise PermissionError(13, "Permission denied", str(src))
        return real(src, dst)

    monkeypatch.setattr(build_module.os, "replace", refuse)
    with pytest.raises(OutputError, match="Word/WPS") as info:
        commit(staged)
    assert "b.pptx" in str(info.value)
    assert finals[0].read_bytes() == b"old a.docx" and finals[1].read_bytes() == b"old b.pptx" and not finals[2].exists()
    monkeypatch.setattr(build_module.os, "replace", real)
    commit(staged)
    assert all(final.read_bytes() == b"new" for final in finals)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "b.pptx", "c.docx"], "no backup or temporary left"
