"""The staff PIN: a salted scrypt hash, checked in constant time without ever raising, and a
lock after three wrong PINs in a row. scrypt costs ~50 ms a PIN, so hashes are made once."""

import base64

import pytest

from cryoviewer.kiosk.pin import PinLock, hash_pin, valid_hash, verify_pin

SALT = bytes(range(16))


@pytest.fixture(scope="module")
def stored():
    """The hash of "2468" with a fixed salt, made once for the module."""
    return hash_pin("2468", SALT)


def test_the_hash_has_the_documented_form(stored):
    name, n, r, p, salt, digest = stored.split("$")
    assert (name, n, r, p) == ("scrypt", "16384", "8", "1")
    assert base64.b64decode(salt) == SALT
    assert len(base64.b64decode(digest)) == 32
    assert valid_hash(stored)


def test_the_right_pin_and_only_it_matches(stored):
    assert verify_pin("2468", stored)
    assert not verify_pin("2469", stored)
    assert not verify_pin("02468", stored)


def test_the_same_pin_gets_a_fresh_salt_each_time():
    first, second = hash_pin("1234"), hash_pin("1234")
    assert first != second and first.split("$")[4] != second.split("$")[4]
    assert verify_pin("1234", first) and verify_pin("1234", second)


def test_a_fixed_salt_gives_the_same_hash(stored):
    assert hash_pin("2468", SALT) == stored


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234", "1234\n", "12 34",
                                 "١٢٣٤", "１２３４", "-123", 1234, None, b"1234"])
def test_a_pin_is_4_to_8_plain_digits(pin):
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin(pin)


@pytest.mark.parametrize("pin", ["1234", "12345678", "0000"])
def test_pins_of_allowed_lengths_are_hashed(pin):
    assert valid_hash(hash_pin(pin, SALT))


@pytest.mark.parametrize("salt", [b"short", bytes(17), "0123456789abcdef"])
def test_a_salt_is_16_bytes(salt):
    with pytest.raises(ValueError, match="16 bytes"):
        hash_pin("1234", salt)


def _malformed(stored: str) -> list:
    name, n, r, p, salt, digest = stored.split("$")
    short = base64.b64encode(SALT[:8]).decode()
    return [
        None, "", 5, b"x", [], "scrypt", "scrypt$", stored + "$", stored + "\n", " " + stored,
        stored.upper(), stored.replace("scrypt", "bcrypt"),
        "$".join([name, "1024", r, p, salt, digest]),    # cheaper than allowed
        "$".join([name, "1048576", r, p, salt, digest]),  # costlier than a kiosk can afford
        "$".join([name, n, "x", p, salt, digest]),
        "$".join([name, n, r, p, short, digest]),         # salt too short
        "$".join([name, n, r, p, salt, digest[:-4]]),     # hash too short
        "$".join([name, n, r, p, salt[:-1], digest]),     # bad base64 padding
        "$".join([name, n, r, p, salt, "é" * 44]),
        "$".join([name, n, r, p, salt, "!" * 44]),
        "$".join([name, n, r, p, salt]),
    ]


def test_a_malformed_hash_is_never_a_match_and_never_raises(stored):
    for bad in _malformed(stored):
        assert not valid_hash(bad), bad
        assert verify_pin("2468", bad) is False, bad


def test_a_malformed_pin_is_never_a_match(stored):
    for pin in ("246", "2468\n", None, 2468, "٢٤٦٨"):
        assert verify_pin(pin, stored) is False


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_three_wrong_pins_lock_for_a_minute():
    """No hash (no PIN set): every PIN is wrong, and checking costs nothing."""
    clock = FakeClock()
    lock = PinLock(None, clock)
    assert [lock.try_pin("1111") for _ in range(3)] == ["wrong", "wrong", "locked"]
    assert lock.locked_for() == 60
    clock.now += 59.5
    assert lock.try_pin("1111") == "locked"
    assert lock.locked_for() == pytest.approx(0.5)  # trying during the lock does not extend it
    clock.now += 0.5
    assert lock.locked_for() == 0
    assert [lock.try_pin("1111") for _ in range(3)] == ["wrong", "wrong", "locked"]


def test_a_locked_pad_refuses_even_the_right_pin(stored):
    clock = FakeClock()
    lock = PinLock(stored, clock)
    assert [lock.try_pin("1357") for _ in range(3)] == ["wrong", "wrong", "locked"]
    assert lock.try_pin("2468") == "locked"
    clock.now += 60
    assert lock.try_pin("2468") == "ok"


def test_the_right_pin_starts_the_count_again(stored):
    clock = FakeClock()
    lock = PinLock(stored, clock)
    assert lock.try_pin("1111") == "wrong"
    assert lock.try_pin("2222") == "wrong"
    assert lock.try_pin("2468") == "ok"
    assert lock.try_pin("3333") == "wrong"  # the count starts again: not locked
    assert lock.locked_for() == 0


def test_the_number_of_tries_and_the_lock_time_can_be_chosen():
    clock = FakeClock()
    lock = PinLock(None, clock, tries=1, lock_s=5)
    assert lock.try_pin("1234") == "locked" and lock.locked_for() == 5
    clock.now += 5
    assert lock.locked_for() == 0 and lock.try_pin("1234") == "locked"


def test_the_real_clock_is_the_default():
    import time
    lock = PinLock(None)
    assert lock.clock is time.monotonic
    assert [lock.try_pin("0000") for _ in range(3)][-1] == "locked"
    assert 59 < lock.locked_for() <= 60


def test_the_command_line_makes_the_settings_line(monkeypatch, capsys):
    import getpass

    from cryoviewer.app import main
    from cryoviewer.kiosk.pin import verify_pin

    answers = iter(["4321", "4321"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert main(["--make-pin-hash"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith('admin_pin_hash = "scrypt$')
    assert verify_pin("4321", line.split('"')[1])


def test_the_command_line_refuses_two_different_pins(monkeypatch, capsys):
    import getpass

    from cryoviewer.app import main

    answers = iter(["4321", "4322"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    assert main(["--make-pin-hash"]) == 1
    assert "differ" in capsys.readouterr().err
