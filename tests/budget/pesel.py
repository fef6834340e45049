"""Valid PESEL numbers built for a birth date (checksum included) — test data only."""

from datetime import date

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


def pesel_for(birth: date, serial: int = 1234) -> str:
    month = birth.month + {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}[birth.year // 100 * 100]
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:04d}"
    check = (10 - sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 10) % 10
    return digits + str(check)


def adult(serial: int = 1234) -> str:
    return pesel_for(date(1985, 4, 12), serial)


def aged(years: int, serial: int = 1234) -> str:
    """Born on 1 January `years` years ago: exactly `years` old today."""

    return pesel_for(date(date.today().year - years, 1, 1), serial)
