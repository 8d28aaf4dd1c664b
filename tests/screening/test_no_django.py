import subprocess
import sys


def test_package_imports_without_django() -> None:
    """The engine is plain Python: importing and using it must not pull Django in."""
    code = (
        "import sys\n"
        "import waspada.screening as s\n"
        "import waspada.screening.cli, waspada.screening.training\n"
        "from waspada.screening.normalize import normalize\n"
        "normalize('gaji 15jt')\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
