"""R-23.3: the public lottery can be re-drawn by anyone with `printf '%s' "SEED:REF" | sha256sum`."""

import hashlib
import random
import re
import shlex
import shutil
import subprocess

import pytest

from housing.rules.lottery import METHOD_EN, METHOD_ZH, draw, lottery_key

CASES = [
    ("2025-R1", "LH-2025-C3-000001"),
    ("", "LH-2025-C3-000001"),
    ("seed with spaces", "A-17"),
    ("龙华2025第一轮", "LH-2025-C4-000123"),
    ("种子", "申请-〇一"),
    ("émoji 🎲", "ref:with:colons"),
    ("100%s\\n", "-dash"),
]


@pytest.mark.parametrize(("seed", "ref"), CASES)
def test_lottery_key_is_sha256_of_the_utf8_bytes_of_seed_colon_ref(seed, ref):
    key = lottery_key(seed, ref)
    assert key == hashlib.sha256((seed + ":" + ref).encode("utf-8")).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", key)


def test_a_known_key():
    # Computed once with `printf '%s' "2025-R1:LH-2025-C3-000001" | sha256sum`; it must never change.
    assert lottery_key("2025-R1", "LH-2025-C3-000001") == (
        "9ab461061608588eb4853baba2ebfc55d7cfb654585963018b284b3a3538374c")


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils sha256sum")
@pytest.mark.parametrize(("seed", "ref"), CASES)
def test_the_shell_command_residents_are_told_to_run_gives_the_same_key(seed, ref):
    # docs/lottery.md: printf '%s' "SEED:REF" | sha256sum
    command = f"printf '%s' {shlex.quote(seed + ':' + ref)} | sha256sum"
    out = subprocess.run(["sh", "-c", command], capture_output=True, check=True,
                         env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}).stdout.decode()
    assert out.split()[0] == lottery_key(seed, ref)


def test_draw_orders_by_ascending_key_and_returns_the_keys():
    refs = [f"LH-2025-C3-{n:06d}" for n in range(1, 51)]
    drawn = draw("2025-R1", refs)
    assert [key for _, key in drawn] == sorted(lottery_key("2025-R1", r) for r in refs)
    assert all(key == lottery_key("2025-R1", ref) for ref, key in drawn)
    assert sorted(ref for ref, _ in drawn) == sorted(refs)
    assert [ref for ref, _ in drawn] != refs  # 50 refs already in key order would be a 1-in-50! event


@pytest.mark.parametrize("permutation_seed", range(5))
def test_draw_does_not_depend_on_the_order_of_refs(permutation_seed):
    refs = [f"R{n}" for n in range(200)]
    shuffled = refs[:]
    random.Random(permutation_seed).shuffle(shuffled)
    assert draw("seed", shuffled) == draw("seed", refs)


def test_another_seed_gives_another_order():
    refs = [f"R{n}" for n in range(20)]
    assert draw("seed-1", refs) != draw("seed-2", refs)


def test_draw_refuses_duplicate_refs():
    with pytest.raises(ValueError):
        draw("seed", ["A", "B", "A"])


def test_draw_of_nothing_is_empty():
    assert draw("seed", []) == []


def test_lottery_key_refuses_non_strings():
    with pytest.raises(TypeError):
        lottery_key(b"seed", "A")
    with pytest.raises(TypeError):
        lottery_key("seed", 17)


def test_the_method_is_published_in_both_languages():
    assert "SHA-256" in METHOD_ZH and "种子:申请编号" in METHOD_ZH and "升序" in METHOD_ZH
    assert "SHA-256" in METHOD_EN and "seed:application number" in METHOD_EN and "ascending" in METHOD_EN
