from tests.legal.conftest import legal_cast  # noqa: F401
