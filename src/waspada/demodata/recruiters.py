"""Synthetic recruiter networks for the demo: the same numbers and handles recur across cases
and public reports, written differently each time, as real recruiters' contacts do.

A network is derived from its number alone (no draw from the world's random stream, so the
rest of the demo data stays as it was for a seed); a case or report picks a network and one to
three of its identifiers, each in one of the ways people write them.
"""

from __future__ import annotations

import random

NETWORKS = 300
SHARE_OF_CASES = 0.6  # cases whose recruiter contacts are known
# Identification interviews (of those cases) that record recruiter contacts too: some of the
# same network's identifiers, written in the survivor's own way.
SHARE_OF_INTERVIEWS = 0.7
_COUNTRIES = (("+855", 8), ("+62", 10), ("+95", 9), ("+856", 9), ("+66", 9))


def _phone_forms(code: str, digits: str) -> list[str]:
    if code == "+62":
        return [f"0{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"+62 {digits[:3]} {digits[3:7]} "
                f"{digits[7:]}", f"62{digits}", f"wa.me/62{digits}"]  # fmt: skip
    return [f"{code} {digits[:2]} {digits[2:5]} {digits[5:]}", f"{code}{digits}",
            f"00{code[1:]} {digits}"]  # fmt: skip


def network(number: int) -> list[list[str]]:
    """The identifiers of network ``number``, each as the list of ways it is written."""
    rng = random.Random(f"waspada-network-{number}")  # noqa: S311  (demo data)
    found: list[list[str]] = []
    for _ in range(rng.randint(2, 4)):
        code, length = rng.choice(_COUNTRIES)
        first = "8" if code == "+62" else str(rng.randint(1, 9))
        digits = first + "".join(str(rng.randint(0, 9)) for _ in range(length))
        found.append(_phone_forms(code, digits))
    name = f"loker_{rng.choice(['asia', 'kh', 'mm', 'la', 'th'])}_{number}"
    found.append([f"@{name}", f"t.me/{name}", f"telegram: {name.upper()}"])
    if rng.random() < 0.5:
        found.append([f"https://loker-{number}.example/daftar", f"www.loker-{number}.example"])
    if rng.random() < 0.4:
        account = "".join(str(rng.randint(0, 9)) for _ in range(10))
        found.append([f"BCA {account}", f"BCA {account[:3]}-{account[3:6]}-{account[6:]}"])
    return found


def _network_of(key: int) -> tuple[random.Random, int | None]:
    """The stream of case or report ``key`` and its network (None: contacts unknown)."""
    rng = random.Random(f"waspada-recruiter-{key}")  # noqa: S311  (demo data)
    if rng.random() > SHARE_OF_CASES:
        return rng, None
    # A few networks recruit most victims (a skewed choice), like real compounds' agents.
    number = min(int(rng.paretovariate(1.2)) - 1, NETWORKS - 1)
    number = (
        (number * 37 + rng.randint(0, 2)) % NETWORKS
        if rng.random() < 0.5
        else rng.randrange(NETWORKS)
    )
    return rng, number


def _written(rng: random.Random, number: int) -> str:
    identifiers = network(number)
    chosen = rng.sample(identifiers, min(len(identifiers), rng.randint(1, 3)))
    return "\n".join(rng.choice(forms) for forms in chosen)


def contacts_for(key: int) -> str:
    """The recruiter contacts of one case or report (one per line; '' for most unknowns)."""
    rng, number = _network_of(key)
    return "" if number is None else _written(rng, number)


def interview_contacts_for(case_id: int) -> str:
    """The recruiter contacts the identification interview of case ``case_id`` records: for
    ``SHARE_OF_INTERVIEWS`` of the cases whose contacts are known, one to three identifiers of
    the same network, drawn from a stream of their own ('' otherwise)."""
    _rng, number = _network_of(case_id)
    own = random.Random(f"waspada-interview-recruiter-{case_id}")  # noqa: S311  (demo data)
    if number is None or own.random() > SHARE_OF_INTERVIEWS:
        return ""
    return _written(own, number)
